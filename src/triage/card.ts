/**
 * The terminal card: severity with its definition, owner with contact, a deadline table
 * with clock times and "in 12 min", and the escalation path as a small vertical timeline.
 * Pure: data and a colouriser in, text out.
 */
import type { Colors } from '../cli/colors.js';
import { clockText, dayText, offsetText, timeText } from '../time/display.js';
import { agoText } from '../time/relative.js';
import type { TriageResult } from './result-schema.js';

type Role = TriageResult['owner'];
const WIDTH = 78;
const LABEL = 10;

export function formatCard(result: TriageResult, c: Colors): string {
  const zone = result.timezone;
  const t = (iso: string) => new Date(iso);
  const out: string[] = [];
  const row = (label: string, text: string) => out.push(...wrap(text, WIDTH - LABEL).map((line, i) => `${(i === 0 ? label : '').padEnd(LABEL)}${line}`));
  const sev = result.severity;

  out.push(`${c.bold(severityColor(sev.rank, c)(`${sev.id.toUpperCase()} · ${sev.name}`))}  ${c.dim(result.matrix.name)}`);
  out.push(...wrap(sev.definition, WIDTH));
  out.push('');
  row('Owner', `${c.bold(result.owner.title)} · ${result.owner.contact}${result.owner.source ? c.dim(` (${result.owner.source})`) : ''}`);
  if (result.route) row('Route', `${result.route.id} → ${result.route.to.title} · ${result.route.to.contact}${result.route.via ? ` · ${result.route.via}` : ''}`);
  if (result.note) row('Next', result.note);
  const start = t(result.started_at);
  const startedAgo = Math.round((start.getTime() - t(result.computed_at).getTime()) / 60_000);
  row('Started', `${clockText(start, zone)} (${agoText(startedAgo)}) · times in ${zone}, ${offsetText(start, zone)}`);
  row('Clock', clockLine(result));
  contractLines(result, c).forEach(([label, text]) => row(label, text));
  if (result.path.length > 0) row('Path', result.path.map((p) => `${p.question} → ${p.label}${p.unsure ? c.yellow(' (not sure)') : ''}`).join(' · '));
  else row('Path', c.dim('severity given with --severity'));

  out.push('', c.bold('Deadlines'));
  const labels = result.deadlines.map((d) => `${d.label}${d.promised ? ' (promised)' : ''}`);
  const lw = Math.max(...labels.map((l) => l.length), 0);
  const tw = Math.max(...result.deadlines.map((d) => d.target.length), 0);
  result.deadlines.forEach((d, i) => {
    const rel = d.overdue ? c.red(d.relative) : d.minutes_from_now <= 15 ? c.yellow(d.relative) : c.green(d.relative);
    const changed = d.source !== 'severity' ? c.dim(` (${d.source})`) : '';
    out.push(`  ${labels[i]!.padEnd(lw)}  ${c.dim(d.target.padEnd(tw))}  ${clockText(t(d.at), zone).padEnd(16)}  ${rel}${changed}`);
  });
  if (result.deadlines.length === 0) out.push(c.dim('  no targets defined for this severity'));

  out.push('', c.bold('Escalation'));
  const nextIndex = result.escalation.findIndex((s) => !s.reached);
  result.escalation.forEach((s, i) => {
    const mark = s.reached ? c.green('●') : i === nextIndex ? c.yellow('◉') : c.dim('○');
    const bits = [s.layer, s.reached ? 'reached' : s.relative, s.notify_client ? c.bold('client told') : undefined].filter(Boolean);
    out.push(`  ${mark} ${clockText(t(s.at), zone)}  ${c.dim(`+${s.after}`)}  ${bits.join(' · ')}`);
    const bar = i < result.escalation.length - 1 ? c.dim('│') : ' ';
    for (const role of s.notify) out.push(`  ${bar}   ${roleLine(role, c)}`);
    if (s.approval) out.push(`  ${bar}   ${c.dim('approval:')} ${s.approval.title} · ${s.approval.contact}`);
    if (s.note) wrap(s.note, WIDTH - 8).forEach((line) => out.push(`  ${bar}   ${c.dim(line)}`));
  });
  if (result.escalation.length === 0) out.push(c.dim('  no escalation path defined for this severity'));

  out.push('');
  if (result.client) row('Client', clientLine(result, c));
  if (result.updates.next.length > 0) {
    const first = t(result.updates.next[0]!.at);
    const times = result.updates.next.map((u) => (dayText(t(u.at), zone) === dayText(first, zone) ? timeText(t(u.at), zone) : clockText(t(u.at), zone)));
    row('Updates', `every ${result.updates.every ?? '?'}: ${dayText(first, zone)} ${times.join(', ')}`);
  }
  const gov = result.governance;
  if (gov.rca) {
    const due = gov.rca.due ? `due ${clockText(t(gov.rca.due.at), zone)} (${gov.rca.due.relative})` : 'no due time';
    row('RCA', `${due}${gov.rca.owner ? `, owner ${gov.rca.owner.title}` : ''}`);
  }
  const follow = [
    gov.review ? `discuss at ${gov.review}` : undefined,
    gov.risk_entry ? `risk entry after ${gov.risk_entry.after} within ${gov.risk_entry.within}` : undefined,
    ...gov.follow_ups,
  ].filter((x): x is string => Boolean(x));
  if (follow.length > 0) row('Follow-up', follow.join(' · '));
  for (const a of result.authority.filter((x) => x.owner)) row('May do', `${a.may}${a.limit ? ` (${a.limit})` : ''}`);
  const extra = result.handoff.extra ?? [];
  if (result.handoff.fields.length > 0 || extra.length > 0) {
    const missing = result.handoff.missing;
    const required = result.handoff.fields.length === 0 ? [] : [missing.length === 0 ? c.green('complete') : `${result.handoff.fields.length - missing.length}/${result.handoff.fields.length} fields; missing: ${missing.join(', ')}`];
    const also = extra.length > 0 ? [`also given (not required for ${sev.id}): ${extra.map((f) => f.id).join(', ')}`] : [];
    row('Handoff', [...required, ...also].join('; '));
  }
  return `${out.join('\n')}\n`;
}

function severityColor(rank: number, c: Colors): (text: string) => string {
  if (rank === 1) return c.red;
  if (rank === 2) return c.yellow;
  return c.cyan;
}

function roleLine(role: Role, c: Colors): string {
  const side = role.side !== 'internal' ? c.dim(` [${role.side}]`) : '';
  const source = role.source ? c.dim(` (${role.source})`) : '';
  return `${role.title} · ${role.contact}${side}${source}`;
}

function clockLine(result: TriageResult): string {
  const clock = result.clock;
  const from = clock.source !== 'severity' ? ` (${clock.source})` : '';
  if (!clock.hours) return `round the clock${from}`;
  const holidays = clock.holidays && clock.holidays.length > 0 ? ', holidays skipped' : '';
  return `${clock.id}: ${clock.days?.join(' ') ?? ''} ${clock.hours} ${clock.timezone ?? ''}${holidays}; a day is a working day${from}`;
}

function contractLines(result: TriageResult, c: Colors): [string, string][] {
  const k = result.contract;
  const lines: [string, string][] = [];
  const who = [k.client ? `${k.client.name} (${k.client.id})` : undefined, k.tier ? `tier ${k.tier.id}` : undefined].filter(Boolean);
  if (who.length > 0 || k.changes.length > 0) {
    const changes = k.changes.map((ch) => `${ch.kind} ${ch.from ?? '–'} → ${ch.to}`);
    lines.push(['Contract', `${who.join(', ') || 'none'}${changes.length ? `; ${changes.join(', ')}` : '; severity targets'}${k.added_roles.length ? `; adds ${k.added_roles.map((r) => r.role).join(', ')}` : ''}`]);
    if (k.client?.note) lines.push(['', c.dim(k.client.note)]);
  }
  for (const e of k.exceptions) {
    lines.push(['Exception', `${c.yellow(e.id)}: ${e.reason.replace(/[.;]$/, '')}; active until ${clockText(new Date(e.until), result.timezone)}, approved by ${e.approved_by.title}`]);
  }
  return lines;
}

function clientLine(result: TriageResult, c: Colors): string {
  const k = result.client!;
  if (k.notify === 'none') return 'not notified at this severity';
  const parts = [`${c.bold(k.notify)}`];
  if (k.by) parts.push(`by ${k.by.title}`);
  if (k.contact) parts.push(`to ${k.contact.title} (${k.contact.contact})`);
  if (k.due) parts.push(`by ${clockText(new Date(k.due.at), result.timezone)} (${k.due.relative})`);
  if (k.channel) parts.push(`via ${k.channel}`);
  return parts.join(' ');
}

/** Greedy word wrap; ANSI codes count toward width, which only makes lines shorter. */
export function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && visible(line).length + 1 + visible(word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

// eslint-disable-next-line no-control-regex
const visible = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');
