/**
 * The simulation on a terminal, in the triage card's style and width. One start: a block per
 * severity (who is paged when, every deadline, the calendar rule, exceptions and contract
 * changes). A sweep: per severity, runs of consecutive starts that come out the same (the
 * same first roles, acknowledgement as far after the start or at the same instant, the same
 * calendar state and exceptions), so a year of hours reads as a few dozen lines. Pure.
 */
import type { Colors } from '../cli/colors.js';
import { clockText, offsetText } from '../time/display.js';
import { instantOf } from '../time/instant.js';
import { parseDuration } from '../time/duration.js';
import { cardWidth, wrap } from '../triage/card.js';
import type { PagedRole, SimulateResult, Simulation } from './result-schema.js';
import { findingRuns } from './finding-runs.js';

const LABEL = 12;

export function formatSimulationCard(result: SimulateResult, c: Colors, options: { columns?: number } = {}): string {
  const width = cardWidth(options.columns);
  const zone = result.timezone;
  const when = (iso: string) => clockText(instantOf(iso), zone);
  const out: string[] = [];
  const row = (label: string, text: string) => out.push(...wrap(text, width - LABEL, { keepSpaces: true }).map((line, i) => `${(i === 0 ? `  ${label}` : '').padEnd(LABEL)}${line}`));
  const first = result.instants[0];
  const contract = contractText(result);

  if (!result.sweep && first) {
    out.push(...wrap(`${c.bold(`What if an incident starts ${yearClock(first.at, zone)}`)} ${c.dim(`· ${result.matrix.name}`)}`, width, { keepSpaces: true }));
    out.push(...wrap(c.dim(`times in ${zone}, ${offsetText(instantOf(first.at), zone)}${contract ? ` · ${contract}` : ''}`), width));
    for (const sim of first.severities) {
      out.push('');
      out.push(...wrap(`${c.bold(`${sim.severity.id.toUpperCase()} · ${sim.severity.name}`)} · owner ${sim.owner.title}`, width, { keepSpaces: true }));
      row('Calendar', calendarText(sim, when));
      for (const e of sim.exceptions) row('Exception', `${e.id}: ${e.reason} (${when(e.from)} – ${when(e.until)})`);
      for (const ch of sim.changes) row('Changed', `${ch.kind} ${ch.from ?? '–'} → ${ch.to} (${ch.source})`);
      if (sim.paged.length === 0) row('Paged', c.dim('no escalation path: the owner alone'));
      sim.paged.forEach((step, i) => {
        const bits = [`${when(step.at)}`, c.dim(`+${step.after}`), step.roles.map((r) => roleText(r, c)).join(', ')];
        if (step.notify_client) bits.push(c.dim('client formally notified'));
        row(i === 0 ? 'Paged' : '', bits.join('  '));
      });
      sim.deadlines.forEach((d, i) => {
        row(i === 0 ? 'Due' : '', `${when(d.at)}  ${d.label} ${c.dim(`(${d.target}${d.source !== 'severity' ? `, ${d.source}` : ''})`)}${d.promised ? ' · promised' : ''}`);
      });
    }
    out.push(...parityLines(result, c, width));
    return `${out.join('\n')}\n`;
  }

  const sweep = result.sweep!;
  out.push(...wrap(`${c.bold(`What if an incident starts any time from ${yearClock(sweep.from, zone)} to ${yearClock(sweep.to, zone)}, every ${sweep.every}`)} ${c.dim(`· ${result.matrix.name}`)}`, width, { keepSpaces: true }));
  out.push(...wrap(c.dim(`${result.instants.length} starts · times in ${zone}${contract ? ` · ${contract}` : ''} · runs of starts that come out the same`), width));
  for (const severity of first?.severities ?? []) {
    out.push('');
    out.push(...wrap(c.bold(`${severity.severity.id.toUpperCase()} · ${severity.severity.name}`), width));
    for (const run of runs(result, severity.severity.id)) {
      const span = run.from === run.to ? when(run.from) : `${when(run.from)} – ${when(run.to)}`;
      out.push(...wrap(`  ${span}`, width, { keepSpaces: true }));
      out.push(...wrap(`      ${run.text}`, width, { indent: '      ' }));
    }
  }
  out.push(...parityLines(result, c, width));
  return `${out.join('\n')}\n`;
}

/** Parity findings, consecutive starts with the same difference on one line. */
function parityLines(result: SimulateResult, c: Colors, width: number): string[] {
  return [...(result.parity ? [result.parity] : []), ...(result.parities ?? [])].flatMap((parity) => toolParityLines(result, parity, c, width));
}

function toolParityLines(result: SimulateResult, parity: NonNullable<SimulateResult['parity']>, c: Colors, width: number): string[] {
  const zone = result.timezone;
  const out = ['', ...wrap(c.bold(`Parity with ${({ pagerduty: 'PagerDuty', alertmanager: 'Alertmanager', ics: 'the calendar file' } as Record<string, string>)[parity.tool] ?? parity.tool}: ${parity.findings.length === 0 ? (parity.tool === 'ics' ? 'it shows the matrix calendar at every start' : 'it pages as the matrix does at every start') : `${parity.findings.length} difference${parity.findings.length === 1 ? '' : 's'}`}`), width)];
  const runs = findingRuns(result, parity.findings, (f) => `${f.severity}|${f.kind}|${f.role ?? ''}`);
  for (const r of runs) {
    const span = r.from === r.to ? clockText(instantOf(r.from), zone) : `${clockText(instantOf(r.from), zone)} – ${clockText(instantOf(r.to), zone)}`;
    out.push(...wrap(`  ${span}`, width, { keepSpaces: true }), ...wrap(`      ${r.from === r.to ? r.message : r.message.replace(/^/, 'e.g. ')}`, width, { indent: '      ' }));
  }
  for (const note of parity.notes) out.push(...wrap(`  ${note}`, width, { indent: '    ' }));
  return out;
}

/** Consecutive starts of one severity that come out the same, with what they share. */
export function runs(result: SimulateResult, severityId: string): { from: string; to: string; text: string }[] {
  const zone = result.timezone;
  const out: { from: string; to: string; text: string; key: string }[] = [];
  for (const instant of result.instants) {
    const sim = instant.severities.find((s) => s.severity.id === severityId);
    if (!sim) continue;
    const { key, text } = runSummary(sim, instant.at, zone);
    const last = out[out.length - 1];
    if (last && last.key === key) last.to = instant.at;
    else out.push({ from: instant.at, to: instant.at, text, key });
  }
  return out.map(({ from, to, text }) => ({ from, to, text }));
}

/** What a start shares with its neighbours: first paged, when acknowledgement is due, the calendar state, exceptions. */
function runSummary(sim: Simulation, at: string, zone: string): { key: string; text: string } {
  const start = instantOf(at).getTime();
  const who = sim.first_paged ? sim.first_paged.roles.map((r) => r.role).join(', ') : `${sim.owner.role} (no escalation path)`;
  const firstLate = sim.first_paged && instantOf(sim.first_paged.at).getTime() !== start ? ` at +${minutesText((instantOf(sim.first_paged.at).getTime() - start) / 60_000)}` : '';
  const ack = sim.deadlines.find((d) => d.kind === 'acknowledge');
  const running = sim.calendar.state === 'open' || sim.calendar.state === 'round-the-clock';
  const ackText = !ack ? 'no acknowledge target' : running ? ackIn(ack, start) : `ack by ${clockText(instantOf(ack.at), zone)}`;
  const cal = sim.calendar.state === 'round-the-clock' ? '24x7' : `${sim.calendar.id} ${stateText(sim.calendar)}`;
  const exceptions = sim.exceptions.map((e) => `exception ${e.id}`);
  const parts = [`first ${who}${firstLate}`, ackText, cal, ...exceptions];
  return { key: parts.join(' | '), text: parts.join(' · ') };
}

/** `ack in 4h`, or on a calendar that closes first `ack in 4h working time (+19h)`. */
function ackIn(ack: Simulation['deadlines'][number], start: number): string {
  const elapsed = (instantOf(ack.at).getTime() - start) / 60_000;
  const target = parseDuration(ack.target);
  if (target.ok && target.minutes !== elapsed) return `ack in ${ack.target} working time (+${minutesText(elapsed)})`;
  return `ack in ${minutesText(elapsed)}`;
}

function minutesText(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
}

export function stateText(calendar: Simulation['calendar']): string {
  switch (calendar.state) {
    case 'round-the-clock':
      return 'round the clock';
    case 'open':
      return 'open';
    case 'holiday':
      return `closed: holiday ${calendar.holiday}`;
    case 'closed-day':
      return 'closed: not a working day';
    case 'before-opening':
      return 'closed: before opening';
    case 'after-closing':
      return 'closed: after closing';
  }
}

function calendarText(sim: Simulation, when: (iso: string) => string): string {
  const cal = sim.calendar;
  if (cal.state === 'round-the-clock') return `24x7 (round the clock${cal.source !== 'severity' ? `, ${cal.source}` : ''})`;
  const parts = [`${cal.id} ${cal.days?.join(' ') ?? ''} ${cal.hours ?? ''}${cal.timezone ? ` ${cal.timezone}` : ''}${cal.source !== 'severity' ? ` (${cal.source})` : ''}: ${stateText(cal)}`];
  if (cal.opens_at) parts.push(`opens ${when(cal.opens_at)}`);
  if (cal.holidays_skipped.length > 0) parts.push(`holidays skipped: ${cal.holidays_skipped.join(', ')}`);
  return parts.join('; ');
}

function roleText(role: PagedRole, c: Colors): string {
  const via = role.alertmanager ?? role.pagerduty;
  return `${role.title}${via ? c.dim(` [${via}]`) : ''}${role.source ? c.dim(` (${role.source})`) : ''}`;
}

/** `Fri 25 Dec 2026 03:00` */
function yearClock(iso: string, zone: string): string {
  const text = clockText(instantOf(iso), zone);
  return text.replace(/^(\S+ \d+ \S+)/, `$1 ${iso.slice(0, 4)}`);
}

function contractText(result: SimulateResult): string {
  const k = result.contract;
  if (k.client) return `client ${k.client}`;
  if (k.tier) return `tier ${k.tier}`;
  return '';
}
