/**
 * The terminal card. It opens with the answer (severity, owner and contact, route, who else
 * to inform, who to call now, the deadlines due next and the client notice), short enough
 * to stay on an 80x24 screen; `full` adds the deadline table, the escalation timeline,
 * updates, RCA, governance and handoff. Every claim is read from the result, and each fact
 * from one place: the client notice from `client`, a contract's changes under the contract
 * and an exception's under the exception. Pure: data, a colouriser and a width in, text out.
 */
import type { Colors } from '../cli/colors.js';
import { clockText, dayText, offsetText, timeText } from '../time/display.js';
import { instantOf } from '../time/instant.js';
import { agoText } from '../time/relative.js';
import type { TriageResult } from './result-schema.js';

type Role = TriageResult['owner'];
type Deadline = TriageResult['deadlines'][number];

export interface CardOptions {
  /** The terminal width in columns; lines never exceed it. Defaults to 80. */
  columns?: number;
  /** Also the deadline table, the escalation timeline, updates, RCA, governance and handoff. */
  full?: boolean;
  /**
   * The rows the short card may take (24 minus the shell prompt, minus what the prompts
   * left above it). The answer block (severity, owner, call now, the deadlines due next)
   * always shows; the other lines show by importance while they fit, and the rest are
   * named on the last line as being under --full.
   */
  rows?: number;
}

/** The rows of an 80x24 screen left for the card and what prompts left above it: the shell prompt takes one. */
export const SCREEN_ROWS = 23;

const LABEL = 10;
export const DEFAULT_COLUMNS = 80;
/** Wider than this, lines get hard to read; the card stops growing. */
const MAX_WIDTH = 120;

/** The width the card uses on a terminal of `columns`: never the last column, which some terminals wrap at. */
export const cardWidth = (columns: number | undefined) => Math.max(40, Math.min(columns && columns > 0 ? columns : DEFAULT_COLUMNS, MAX_WIDTH + 2) - 2);

export function formatCard(result: TriageResult, c: Colors, options: CardOptions = {}): string {
  const width = cardWidth(options.columns);
  const zone = result.timezone;
  // The result's times read back with the time core's reader: `new Date` gives NaN for a local mean time offset (-00:44:30).
  const t = instantOf;
  const out: string[] = [];
  const row = (label: string, text: string) => out.push(...wrap(text, width - LABEL).map((line, i) => `${(i === 0 ? label : '').padEnd(LABEL)}${line}`));
  const sev = result.severity;

  const headline = wrap(`${c.bold(severityColor(sev.rank, c)(`${sev.id.toUpperCase()} · ${sev.name}`))}  ${c.dim(result.matrix.name)}`, width, { keepSpaces: true });
  const rowLines = (label: string, text: string) => wrap(text, width - LABEL).map((line, i) => `${(i === 0 ? label : '').padEnd(LABEL)}${line}`);
  const call = callNow(result);
  const start = t(result.started_at);
  const startedAgo = Math.round((start.getTime() - t(result.computed_at).getTime()) / 60_000);
  // Each part of the short card, in the order shown; `name` is how the last line names it when it is left to --full.
  type Part = { name?: string; lines: string[] };
  const parts: Part[] = [
    { lines: options.full ? [...headline, ...wrap(sev.definition, width)] : headline },
    { lines: rowLines('Owner', `${c.bold(result.owner.title)} · ${result.owner.contact}${result.owner.source ? c.dim(` (${result.owner.source})`) : ''}`) },
    ...(result.route ? [{ name: 'route', lines: rowLines('Route', `${result.route.id} → ${result.route.to.title} · ${result.route.to.contact}${result.route.via ? ` · ${result.route.via}` : ''}`) }] : []),
    ...(result.inform.length > 0 ? [{ name: 'who to inform', lines: rowLines('Inform', result.inform.map((r) => `${r.title} · ${r.contact}${r.side !== 'internal' ? c.dim(` [${r.side}]`) : ''}`).join('; ')) }] : []),
    ...(result.note ? [{ name: 'the next step', lines: rowLines('Next', result.note) }] : []),
    { lines: rowLines('Call now', call.length > 0 ? call.map((r) => `${r.title} · ${r.contact}`).join('; ') : c.dim(firstStepText(result))) },
    { lines: [''] },
    { lines: dueNext(result, c).flatMap(([label, text]) => hanging(`  ${label}`, text, width, 19)) },
    ...(result.client ? [{ name: 'the client notice', lines: rowLines('Client', clientLine(result, c)) }] : []),
    ...contractLines(result, c).map(([label, text]) => ({ name: label === 'Exception' ? 'the exception' : 'the contract', lines: rowLines(label, text) })),
    { name: 'the start', lines: rowLines('Started', `${clockText(start, zone)} (${agoText(startedAgo)}) · times in ${zone}, ${offsetText(start, zone)}`) },
  ];
  if (!options.full) {
    const always = 'every deadline, the timeline, updates, RCA, handoff';
    const moreLines = (left: Part[]) => {
      const names = [...new Set(left.map((p) => p.name!))];
      return wrap(c.dim(`More with --full: ${names.length > 0 ? `${names.join(', ')}; ` : ''}${always}`), width);
    };
    // What matters after the answer block, most first: what to do next, what changed the deadlines, the client notice.
    const priority = ['the next step', 'the exception', 'the contract', 'the client notice', 'the start', 'route', 'who to inform'];
    const budget = options.rows ?? SCREEN_ROWS;
    const optional = parts.filter((p) => p.name !== undefined).sort((a, b) => priority.indexOf(a.name!) - priority.indexOf(b.name!));
    const shown = new Set<Part>(parts.filter((p) => p.name === undefined));
    const size = (set: Set<Part>) => [...set].reduce((n, p) => n + p.lines.length, 0) + moreLines(optional.filter((p) => !set.has(p))).length;
    for (const part of optional) {
      shown.add(part);
      if (size(shown) > budget) shown.delete(part);
    }
    out.push(...parts.filter((p) => shown.has(p)).flatMap((p) => p.lines), ...moreLines(optional.filter((p) => !shown.has(p))));
    return `${out.join('\n')}\n`;
  }
  out.push(...parts.flatMap((p) => p.lines));

  out.push('');
  row('Clock', clockLine(result));
  if (result.path.length > 0) row('Path', result.path.map((p) => `${p.question} → ${p.label}${p.unsure ? c.yellow(' (not sure)') : ''}`).join(' · '));
  else row('Path', c.dim('severity given with --severity'));

  out.push('', c.bold('Deadlines'));
  const labels = result.deadlines.map((d) => `${d.label}${d.promised ? ' (promised)' : ''}`);
  const lw = Math.max(...labels.map((l) => l.length), 0);
  const tw = Math.max(...result.deadlines.map((d) => d.target.length), 0);
  result.deadlines.forEach((d, i) => {
    const changed = d.source !== 'severity' ? c.dim(`(${d.source})`) : '';
    const line = `  ${labels[i]!.padEnd(lw)}  ${c.dim(d.target.padEnd(tw))}  ${clockText(t(d.at), zone).padEnd(16)}  ${relColor(d, c)}`;
    out.push(...wrap(changed ? `${line} ${changed}` : line, width, { indent: ' '.repeat(Math.min(2 + lw + 2 + tw + 2 + 16 + 2, Math.floor(width / 2))), keepSpaces: true }));
  });
  if (result.deadlines.length === 0) out.push(c.dim('  no targets defined for this severity'));

  out.push('', c.bold('Escalation'));
  for (const line of timeline(result, c, width)) out.push(line);

  out.push('');
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

function relColor(d: { overdue: boolean; minutes_from_now: number; relative: string }, c: Colors): string {
  return d.overdue ? c.red(d.relative) : d.minutes_from_now <= 15 ? c.yellow(d.relative) : c.green(d.relative);
}

/** The roles whose escalation step has come (internal and vendor side), besides the owner: the people to call now. */
export function callNow(result: TriageResult): Role[] {
  const seen = new Set<string>([result.owner.role]);
  const out: Role[] = [];
  for (const step of result.escalation) {
    if (!step.reached) continue;
    for (const role of step.notify) {
      if (role.side === 'client' || seen.has(role.role)) continue;
      seen.add(role.role);
      out.push(role);
    }
  }
  return out;
}

function firstStepText(result: TriageResult): string {
  const next = result.escalation.find((s) => !s.reached);
  if (!next) return 'no one besides the owner';
  // A step that has come but named only the owner is not "the first step" still ahead.
  const which = result.escalation.some((s) => s.reached) ? 'no one besides the owner yet; the next step is' : 'no one yet; the first step is';
  return `${which} ${clockText(instantOf(next.at), result.timezone)} (${next.relative})`;
}

/** The deadlines that matter first: acknowledge, the client notice, the next update and the next escalation step. */
export function dueNext(result: TriageResult, c: Colors): [string, string][] {
  const zone = result.timezone;
  const at = (iso: string) => clockText(instantOf(iso), zone);
  const rows: [string, string][] = [];
  const byKind = (kind: Deadline['kind']) => result.deadlines.find((d) => d.kind === kind);
  const ack = byKind('acknowledge');
  if (ack) rows.push(['Acknowledge', `${at(ack.at)}  ${relColor(ack, c)}`]);
  const notice = result.client && result.client.notify !== 'none' ? (result.client.due ?? result.client.step) : undefined;
  if (notice) {
    const overdue = notice.minutes_from_now < 0;
    rows.push(['Client notice', `${at(notice.at)}  ${relColor({ overdue, minutes_from_now: notice.minutes_from_now, relative: notice.relative }, c)}`]);
  }
  const update = byKind('next_update');
  if (update) rows.push(['Next update', `${at(update.at)}  ${relColor(update, c)}  ${c.dim(`every ${update.target}`)}`]);
  const next = result.escalation.find((s) => !s.reached);
  if (next) {
    const who = next.notify.map((r) => r.title).join(', ');
    rows.push(['Next escalation', `${at(next.at)}  ${c.yellow(next.relative)}  ${next.layer ? `${next.layer}: ` : ''}${who}`]);
  }
  return rows;
}

/** A label column, then text that wraps under itself. */
function hanging(label: string, text: string, width: number, labelWidth: number): string[] {
  return wrap(text, width - labelWidth, { keepSpaces: true }).map((line, i) => `${(i === 0 ? label : '').padEnd(labelWidth)}${line}`);
}

/**
 * The escalation path as a vertical timeline, with the `escalate_after` target marked at its
 * own time (◇), so the path and the target are read side by side, never as two answers.
 */
function timeline(result: TriageResult, c: Colors, width: number): string[] {
  const zone = result.timezone;
  const out: string[] = [];
  const escalateAfter = result.deadlines.find((d) => d.kind === 'escalate_after');
  type Item = { kind: 'step'; step: TriageResult['escalation'][number]; index: number } | { kind: 'target'; deadline: Deadline };
  const items: Item[] = result.escalation.map((step, index) => ({ kind: 'step', step, index }));
  if (escalateAfter) {
    const at = instantOf(escalateAfter.at).getTime();
    const after = items.findIndex((i) => i.kind === 'step' && instantOf(i.step.at).getTime() > at);
    items.splice(after < 0 ? items.length : after, 0, { kind: 'target', deadline: escalateAfter });
  }
  const nextIndex = result.escalation.findIndex((s) => !s.reached);
  const notice = result.client && result.client.notify !== 'none' ? result.client.due : undefined;
  items.forEach((item, i) => {
    const bar = i < items.length - 1 ? c.dim('│') : ' ';
    const gutter = `  ${bar}   `;
    if (item.kind === 'target') {
      const d = item.deadline;
      out.push(...wrap(`  ◇ ${clockText(instantOf(d.at), zone)}  ${c.dim(`+${d.target}`)}  escalate if unresolved · ${relColor(d, c)}`, width, { indent: gutter }));
      return;
    }
    const s = item.step;
    const mark = s.reached ? c.green('●') : item.index === nextIndex ? c.yellow('◉') : c.dim('○');
    // The step says when the client is told; whether that notice is late is the client notice's own deadline.
    const dueElsewhere = notice && notice.at !== s.at ? ` (due ${sameDay(notice.at, s.at, zone) ? timeText(instantOf(notice.at), zone) : clockText(instantOf(notice.at), zone)})` : '';
    const client = s.notify_client ? `client notice${dueElsewhere}` : undefined;
    const bits = [s.layer, s.reached ? 'reached' : s.relative, client ? c.bold(client) : undefined].filter(Boolean);
    out.push(...wrap(`  ${mark} ${clockText(instantOf(s.at), zone)}  ${c.dim(`+${s.after}`)}  ${bits.join(' · ')}`, width, { indent: gutter }));
    for (const role of s.notify) out.push(...wrap(`${gutter}${roleLine(role, c)}`, width, { indent: `${gutter}  ` }));
    if (s.approval) out.push(...wrap(`${gutter}${c.dim('approval:')} ${s.approval.title} · ${s.approval.contact}`, width, { indent: `${gutter}  ` }));
    if (s.note) wrap(s.note, width - 8).forEach((line) => out.push(`${gutter}${c.dim(line)}`));
  });
  if (result.escalation.length === 0) out.push(c.dim('  no escalation path defined for this severity'));
  return out;
}

const sameDay = (a: string, b: string, zone: string) => dayText(instantOf(a), zone) === dayText(instantOf(b), zone);

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

/**
 * The contract line says what the client or tier changed; each exception line what that
 * exception changed. "none" is said only when nothing but exceptions applies, and then the
 * changes are on the exception lines, never under "none".
 */
export function contractLines(result: TriageResult, c: Colors): [string, string][] {
  const k = result.contract;
  const lines: [string, string][] = [];
  const who = [k.client ? `${k.client.name} (${k.client.id})` : undefined, k.tier ? `tier ${k.tier.id}` : undefined].filter(Boolean);
  const isException = (source: string) => source.startsWith('exception ');
  const changeText = (list: typeof k.changes) => list.map((ch) => `${ch.kind} ${ch.from ?? '–'} → ${ch.to}`).join(', ');
  const titles = roleTitles(result);
  const names = (roles: { role: string }[]) => roles.map((r) => titles.get(r.role) ?? r.role).join(', ');
  const own = k.changes.filter((ch) => !isException(ch.source));
  const ownRoles = k.added_roles.filter((r) => !isException(r.source));
  if (who.length > 0 || k.exceptions.length > 0) {
    const changes = own.length > 0 ? `; ${changeText(own)}` : who.length > 0 ? '; severity targets' : '';
    lines.push(['Contract', `${who.join(', ') || 'none'}${changes}${ownRoles.length ? `; adds ${names(ownRoles)}` : ''}`]);
    if (k.client?.note) lines.push(['', c.dim(k.client.note)]);
  }
  for (const e of k.exceptions) {
    const source = `exception ${e.id}`;
    const changes = k.changes.filter((ch) => ch.source === source);
    const roles = k.added_roles.filter((r) => r.source === source);
    const owner = k.owner?.source === source ? `; owner ${titles.get(k.owner.role) ?? k.owner.role}` : '';
    const what = `${changes.length ? `; ${changeText(changes)}` : ''}${roles.length ? `; adds ${names(roles)}` : ''}${owner}`;
    lines.push(['Exception', `${c.yellow(e.id)}: ${e.reason.replace(/[.;]$/, '')}${what}; active until ${clockText(instantOf(e.until), result.timezone)}, approved by ${e.approved_by.title}`]);
  }
  return lines;
}

/** Every role the result names, by id: the card says titles, never ids. */
function roleTitles(result: TriageResult): Map<string, string> {
  const all: Role[] = [result.owner, ...result.inform, ...result.escalation.flatMap((s) => [...s.notify, ...(s.approval ? [s.approval] : [])]), ...result.authority.map((a) => a.role)];
  if (result.route) all.push(result.route.to);
  if (result.client?.by) all.push(result.client.by);
  if (result.client?.contact) all.push(result.client.contact);
  if (result.governance.rca?.owner) all.push(result.governance.rca.owner);
  return new Map(all.map((r) => [r.role, r.title]));
}

function clientLine(result: TriageResult, c: Colors): string {
  const k = result.client!;
  if (k.notify === 'none') return 'not notified at this severity';
  const parts = [`${c.bold(k.notify)}`];
  if (k.by) parts.push(`by ${k.by.title}`);
  if (k.contact) parts.push(`to ${k.contact.title} (${k.contact.contact})`);
  if (k.channel) parts.push(`via ${k.channel}`);
  return parts.join(' ');
}

/**
 * Greedy word wrap to `width` visible columns. Words stay whole unless one alone is wider
 * than a line; continuation lines start with `indent` (a timeline gutter, a hanging column).
 * ANSI colour codes take no width.
 */
export function wrap(text: string, width: number, options: { indent?: string; keepSpaces?: boolean } = {}): string[] {
  const indent = options.indent ?? '';
  const lead = /^ */.exec(text)![0];
  const keep = options.keepSpaces === true || options.indent !== undefined;
  const words = keep ? text.slice(lead.length).split(/(?<=\S) (?=\S)/) : text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = keep ? lead : '';
  let empty = true;
  const room = () => width - visible(line).length;
  for (let word of words) {
    const gap = empty ? 0 : 1;
    if (visible(word).length + gap > room() && !empty) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    // A word wider than a whole line is cut; nothing else ever is.
    while (visible(word).length > room() && room() > 0 && empty) {
      const cut = cutAt(word, room());
      lines.push(line + word.slice(0, cut));
      word = word.slice(cut);
      line = indent;
    }
    line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/** The string index at which `columns` visible characters end, skipping colour codes. */
function cutAt(text: string, columns: number): number {
  let seen = 0;
  let i = 0;
  while (i < text.length && seen < columns) {
    // eslint-disable-next-line no-control-regex
    const code = STYLE_AT_START.exec(text.slice(i));
    if (code) i += code[0].length;
    else {
      i++;
      seen++;
    }
  }
  return i;
}

/**
 * A colour code: ESC [ … m, or the same with ESC written as the output edge's per-process
 * mark (U+2063, letters and digits, U+2063), which is how the CLI's colours reach the card.
 * Neither takes a column on the screen.
 */
const STYLE = '(?:\u001b|\u2063[0-9a-z]+\u2063)\\[[0-9;]*m';
const STYLE_AT_START = new RegExp(`^${STYLE}`);
const STYLES = new RegExp(STYLE, 'g');
export const visible = (text: string) => text.replace(STYLES, '');
