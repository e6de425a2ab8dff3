/**
 * Replay as a reader sees it: what the change would have done to past incidents. Markdown for
 * a pull-request comment (with a small chart of new breaches by hour of the day), JSON, and a
 * few lines for the terminal. Pure.
 */
import { cell } from '../../record/report-format.js';
import { formatInstant } from '../../time/instant.js';
import { hourIn, type IncidentReplay, type ReplayResult } from '../replay.js';

export interface ReplaySummary {
  incidents: number;
  cannot_replay: number;
  breaches: { old: number; new: number };
  newly_breached: number;
  no_longer_breached: number;
  /** Of the flips, how many fall due outside the business hours of the new matrix's first calendar. */
  outside_hours?: { newly_breached: number; no_longer_breached: number; calendar: string };
  pages: { added: number; removed: number };
  pull_ins: { added: number; removed: number };
  by: Record<'target' | 'severity' | 'tier' | 'client', Record<string, { newly_breached: number; no_longer_breached: number }>>;
  /** Newly breached targets by the hour of the day they fell due (in the matrix zone), 0-23. */
  newly_breached_by_hour: number[];
}

const newly = (r: IncidentReplay) => r.flips.filter((f) => f.to === 'breached');
const noLonger = (r: IncidentReplay) => r.flips.filter((f) => f.from === 'breached');
const weight = (r: IncidentReplay) => r.flips.length + r.pages.added.length + r.pages.removed.length + r.pull_ins.added.length + r.pull_ins.removed.length;

export function summarize(result: ReplayResult, zone: string): ReplaySummary {
  const by: ReplaySummary['by'] = { target: {}, severity: {}, tier: {}, client: {} };
  const add = (table: Record<string, { newly_breached: number; no_longer_breached: number }>, key: string | undefined, field: 'newly_breached' | 'no_longer_breached') => {
    if (key === undefined) return;
    (table[key] ??= { newly_breached: 0, no_longer_breached: 0 })[field]++;
  };
  const hours = Array.from({ length: 24 }, () => 0);
  let outsideNew = 0;
  let outsideOld = 0;
  for (const r of result.replayed) {
    for (const f of r.flips) {
      const field = f.to === 'breached' ? 'newly_breached' : 'no_longer_breached';
      add(by.target, f.kind, field);
      add(by.severity, r.severity.new, field);
      add(by.tier, r.tier, field);
      add(by.client, r.client, field);
      if (f.to === 'breached') hours[hourIn(f.due, zone)]!++;
      if (f.outside_hours && f.to === 'breached') outsideNew++;
      else if (f.outside_hours) outsideOld++;
    }
  }
  const sum = (f: (r: IncidentReplay) => number) => result.replayed.reduce((n, r) => n + f(r), 0);
  return {
    incidents: result.replayed.length,
    cannot_replay: new Set(result.cannot.map((c) => c.file)).size,
    breaches: { old: sum((r) => r.breaches.old), new: sum((r) => r.breaches.new) },
    newly_breached: sum((r) => newly(r).length),
    no_longer_breached: sum((r) => noLonger(r).length),
    ...(result.calendar ? { outside_hours: { newly_breached: outsideNew, no_longer_breached: outsideOld, calendar: result.calendar } } : {}),
    pages: { added: sum((r) => r.pages.added.length), removed: sum((r) => r.pages.removed.length) },
    pull_ins: { added: sum((r) => r.pull_ins.added.length), removed: sum((r) => r.pull_ins.removed.length) },
    by,
    newly_breached_by_hour: hours,
  };
}

/** The incidents that changed most (flips, then pages and pull-ins), at most `limit`. */
export function mostChanged(result: ReplayResult, limit = 10): IncidentReplay[] {
  return result.replayed
    .filter((r) => weight(r) > 0)
    .sort((a, b) => weight(b) - weight(a) || a.start.getTime() - b.start.getTime())
    .slice(0, limit);
}

export function replayJson(result: ReplayResult, zone: string) {
  return {
    as_of: formatInstant(result.as_of, zone),
    summary: summarize(result, zone),
    incidents: result.replayed
      .filter((r) => weight(r) > 0)
      .map((r) => ({
        file: r.file,
        severity: r.severity,
        ...(r.client ? { client: r.client } : {}),
        ...(r.tier ? { tier: r.tier } : {}),
        started_at: formatInstant(r.start, zone),
        breaches: r.breaches,
        flips: r.flips.map((f) => ({ ...f, due: formatInstant(f.due, zone) })),
        pages: r.pages,
        pull_ins: r.pull_ins,
      })),
    cannot_replay: result.cannot,
  };
}

/** A link to a record file that a pull-request comment resolves relative to the repository. */
const link = (file: string) => `[${cell(file)}](${encodeURI(file.replace(/\\/g, '/')).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
const when = (d: Date, zone: string) => formatInstant(d, zone).slice(0, 16).replace('T', ' ');

export function replayMarkdown(result: ReplayResult, zone: string): string {
  const s = summarize(result, zone);
  const out: string[] = ['## Replayed on past incidents', ''];
  const outside = s.outside_hours ? `, ${s.outside_hours.newly_breached} of them outside business hours (${cell(s.outside_hours.calendar)} calendar)` : '';
  out.push(
    `${s.incidents} incident${s.incidents === 1 ? '' : 's'} replayed under both matrices, judged as of ${formatInstant(result.as_of, zone)}: ` +
      `**${s.newly_breached} target${s.newly_breached === 1 ? '' : 's'} newly breached**${outside}; ${s.no_longer_breached} no longer breached ` +
      `(breaches ${s.breaches.old} → ${s.breaches.new}). Pages: ${s.pages.added} added, ${s.pages.removed} removed; pull-ins at the start: ${s.pull_ins.added} added, ${s.pull_ins.removed} removed.`,
    '',
  );
  const table = (title: string, rows: Record<string, { newly_breached: number; no_longer_breached: number }>) => {
    const keys = Object.keys(rows).sort();
    if (keys.length === 0) return;
    out.push(`| ${title} | newly breached | no longer breached |`, '|---|---:|---:|');
    for (const k of keys) out.push(`| ${cell(k)} | ${rows[k]!.newly_breached} | ${rows[k]!.no_longer_breached} |`);
    out.push('');
  };
  table('target', s.by.target);
  table('severity', s.by.severity);
  table('tier', s.by.tier);
  table('client', s.by.client);
  if (s.newly_breached > 0) {
    out.push('```mermaid', 'xychart-beta', '    title "Newly breached targets by hour they fell due"', `    x-axis [${s.newly_breached_by_hour.map((_, h) => `"${String(h).padStart(2, '0')}"`).join(', ')}]`);
    out.push(`    y-axis "targets" 0 --> ${Math.max(...s.newly_breached_by_hour)}`, `    bar [${s.newly_breached_by_hour.join(', ')}]`, '```', '', `Hours in ${zone}.`, '');
  }
  const top = mostChanged(result);
  if (top.length > 0) {
    out.push('### Incidents that changed most', '', '| record | severity | client | started | changes |', '|---|---|---|---|---|');
    for (const r of top) {
      const changes = [
        ...r.flips.map((f) => `${cell(f.label)}: ${f.from} → ${f.to}${f.outside_hours ? ' (outside hours)' : ''}`),
        ...(r.pages.added.length ? [`pages ${r.pages.added.map(cell).join(', ')}`] : []),
        ...(r.pages.removed.length ? [`no longer pages ${r.pages.removed.map(cell).join(', ')}`] : []),
        ...(r.pull_ins.added.length ? [`pulls in ${r.pull_ins.added.map(cell).join(', ')}`] : []),
        ...(r.pull_ins.removed.length ? [`no longer pulls in ${r.pull_ins.removed.map(cell).join(', ')}`] : []),
      ];
      const sev = r.severity.old === r.severity.new ? cell(r.severity.new) : `${cell(r.severity.old)} → ${cell(r.severity.new)}`;
      out.push(`| ${link(r.file)} | ${sev} | ${cell(r.client ?? r.tier ?? '—')} | ${when(r.start, zone)} | ${changes.join('<br>')} |`);
    }
    out.push('');
  }
  if (result.cannot.length > 0) {
    out.push('### Cannot replay', '');
    for (const c of result.cannot) out.push(`- ${link(c.file)} (${c.side} matrix): cannot replay: ${cell(c.why)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export function replayTerminal(result: ReplayResult, zone: string): string {
  const s = summarize(result, zone);
  const lines = [
    `Replayed ${s.incidents} incident${s.incidents === 1 ? '' : 's'} (as of ${formatInstant(result.as_of, zone)}): ${s.newly_breached} targets newly breached${s.outside_hours ? ` (${s.outside_hours.newly_breached} outside business hours)` : ''}, ${s.no_longer_breached} no longer breached; breaches ${s.breaches.old} → ${s.breaches.new}; pages +${s.pages.added} −${s.pages.removed}; pull-ins +${s.pull_ins.added} −${s.pull_ins.removed}`,
  ];
  for (const r of mostChanged(result)) {
    lines.push(`  ${r.file}  ${r.severity.new}${r.client ? ` ${r.client}` : ''}  ${r.flips.map((f) => `${f.label}: ${f.from} → ${f.to}`).join('; ')}${r.pages.added.length ? `  pages ${r.pages.added.join(', ')}` : ''}`);
  }
  for (const c of result.cannot) lines.push(`  cannot replay ${c.file} (${c.side} matrix): ${c.why}`);
  return `${lines.join('\n')}\n`;
}
