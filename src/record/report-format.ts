/** A report as JSON, CSV (one row per group) and markdown with Mermaid charts. Pure. */
import { formatInstant } from '../time/instant.js';
import { spanText } from '../time/relative.js';
import { DEADLINE_LABELS } from '../triage/plan.js';
import { reportWalk, type Breach, type GroupFigures, type Report, type Stats, type Tally } from './report.js';
import { TARGET_KINDS } from './schema.js';

const iso = (d: Date, zone: string) => formatInstant(d, zone);

export function reportJson(report: Report, zone: string): unknown {
  const top = reportJsonTop(report, zone);
  return { ...top, breaches: [...(top.breaches as Lazy).items()], records: [...(top.records as Lazy).items()] };
}

/**
 * The JSON report as text, in pieces: byte for byte `JSON.stringify(reportJson(report,
 * zone) plus extra, null, 2)`, but its breaches and records are made and written one at a
 * time, so a report over a hundred thousand records never holds its whole text.
 */
export function reportJsonText(report: Report, zone: string, extra: Record<string, unknown> = {}): Iterable<string> {
  return jsonPieces({ ...reportJsonTop(report, zone, true), ...extra });
}

/** The report's JSON object; its two long lists are Lazy, made an element at a time (as JSON text when `text`). */
function reportJsonTop(report: Report, zone: string, text = false): Record<string, unknown> {
  // A report `finish` made is walked an element at a time: its lists are never made.
  const walk = reportWalk(report);
  return {
    report_version: 1,
    as_of: iso(report.asOf, zone),
    ...(report.from ? { from: iso(report.from, zone) } : {}),
    ...(report.to ? { to: iso(report.to, zone) } : {}),
    timezone: zone,
    incidents: walk ? walk.incidents : report.incidents.length,
    groups: report.groups,
    breaches: new Lazy(function* () {
      for (const b of walk ? walk.eachBreach() : report.breaches) yield text ? breachText(b, zone) : breachJson(b, zone);
    }),
    records: new Lazy(function* () {
      for (const { file, evaluation: e } of walk ? walk.eachIncident() : report.incidents) yield text ? recordText(file, e, zone) : recordJson(file, e, zone);
    }),
  };
}

type Row = Report['incidents'][number]['evaluation'];

function breachJson(b: Breach, zone: string): Record<string, unknown> {
  const at = b.at;
  return {
    file: b.file,
    severity: b.severity,
    ...(b.tier ? { tier: b.tier } : {}),
    ...(b.client ? { client: b.client } : {}),
    kind: b.kind,
    label: b.label,
    due: iso(b.due, zone),
    state: b.state,
    ...(at ? { at: iso(at, zone) } : {}),
    late_minutes: b.late_minutes,
    clock: b.clock,
  };
}

function recordJson(file: string, e: Row, zone: string): Record<string, unknown> {
  const acknowledged = e.acknowledgedAt;
  const resolved = e.resolvedAt;
  return {
    file,
    severity: e.severity,
    ...(e.tier ? { tier: e.tier } : {}),
    ...(e.client ? { client: e.client } : {}),
    started_at: iso(e.start, zone),
    ...(acknowledged ? { acknowledged_at: iso(acknowledged, zone) } : {}),
    ...(resolved ? { resolved_at: iso(resolved, zone) } : {}),
    open: e.open,
    targets: targetsOf(e.targets),
  };
}

const targetsOf = (targets: Row['targets']) => Object.fromEntries(targets.map((t) => [t.kind, t.state]));
/** The targets object as JSON text, once per list (incidents share their lists of target states). */
const targetTexts = new WeakMap<Row['targets'], string>();
function targetsText(targets: Row['targets']): string {
  let text = targetTexts.get(targets);
  if (text === undefined) targetTexts.set(targets, (text = flatJson(targetsOf(targets), '      ')));
  return text;
}

const q = JSON.stringify;
const num = (n: number) => (Number.isFinite(n) ? String(n) : 'null');

/** breachJson as list-element JSON text (indented as JSON.stringify(…, null, 2) puts it), written directly. */
function breachText(b: Breach, zone: string): string {
  const at = b.at;
  return (
    `{\n      "file": ${q(b.file)},\n      "severity": ${q(b.severity)},${b.tier ? `\n      "tier": ${q(b.tier)},` : ''}${b.client ? `\n      "client": ${q(b.client)},` : ''}` +
    `\n      "kind": ${q(b.kind)},\n      "label": ${q(b.label)},\n      "due": ${q(iso(b.due, zone))},\n      "state": ${q(b.state)},${at ? `\n      "at": ${q(iso(at, zone))},` : ''}` +
    `\n      "late_minutes": ${num(b.late_minutes)},\n      "clock": ${q(b.clock)}\n    }`
  );
}

/** recordJson as list-element JSON text, written directly. */
function recordText(file: string, e: Row, zone: string): string {
  const acknowledged = e.acknowledgedAt;
  const resolved = e.resolvedAt;
  return (
    `{\n      "file": ${q(file)},\n      "severity": ${q(e.severity)},${e.tier ? `\n      "tier": ${q(e.tier)},` : ''}${e.client ? `\n      "client": ${q(e.client)},` : ''}` +
    `\n      "started_at": ${q(iso(e.start, zone))},${acknowledged ? `\n      "acknowledged_at": ${q(iso(acknowledged, zone))},` : ''}${resolved ? `\n      "resolved_at": ${q(iso(resolved, zone))},` : ''}` +
    `\n      "open": ${e.open ? 'true' : 'false'},\n      "targets": ${targetsText(e.targets)}\n    }`
  );
}

/** A list written an element at a time; an element that is a string is its JSON text, indented for the list. */
class Lazy {
  constructor(readonly items: () => Iterable<unknown>) {}
}

/**
 * `JSON.stringify(object, null, 2)` of a list element indented by `indent`, for objects of
 * strings, numbers, booleans and such objects (a breach, a record's row): ten times faster
 * than JSON.stringify's own indenting, which is what it falls back to for anything else.
 */
function flatJson(object: Record<string, unknown>, indent: string): string {
  let out = '';
  const inner = `${indent}  `;
  for (const key in object) {
    const v = object[key];
    let text: string;
    if (typeof v === 'string') text = JSON.stringify(v);
    else if (typeof v === 'number') text = Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'boolean') text = v ? 'true' : 'false';
    else if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    else if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) text = flatJson(v as Record<string, unknown>, inner);
    else text = JSON.stringify(v, null, 2).replace(/\n/g, `\n${inner}`);
    out += `${out === '' ? '' : ','}\n${inner}${JSON.stringify(key)}: ${text}`;
  }
  return out === '' ? '{}' : `{${out}\n${indent}}`;
}

/** `JSON.stringify(object, null, 2)` in pieces, each Lazy value a list written an element at a time. */
function* jsonPieces(object: Record<string, unknown>): Generator<string> {
  const keys = Object.keys(object).filter((k) => object[k] !== undefined);
  if (keys.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = object[key];
    const end = i < keys.length - 1 ? ',\n' : '\n';
    if (value instanceof Lazy) {
      let first = true;
      for (const item of value.items()) {
        yield `${first ? `  ${JSON.stringify(key)}: [\n` : ',\n'}    ${typeof item === 'string' ? item : flatJson(item as Record<string, unknown>, '    ')}`;
        first = false;
      }
      yield first ? `  ${JSON.stringify(key)}: []${end}` : `\n  ]${end}`;
    } else yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}${end}`;
  }
  yield '}';
}

const CSV_STATS = ['count', 'pending', 'median', 'p90', 'mean'] as const;
/**
 * A CSV cell. Text from records (ids, names) that a spreadsheet would run as a formula (it
 * starts with =, +, -, @, a tab or a carriage return) is neutralised as the OWASP
 * CSV-injection guidance recommends: a leading single quote, and the cell quoted.
 */
export const csvCell = (v: unknown) => {
  let s = v === undefined ? '' : String(v);
  const formula = typeof v === 'string' && /^[=+\-@\t\r]/.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per group (all, each severity, tier and client); minutes on the targets' clocks. */
export function reportCsv(report: Report): string {
  const kinds = TARGET_KINDS.filter((k) => report.groups.some((g) => g.compliance.targets[k]));
  const layers = [...new Set(report.groups.flatMap((g) => Object.keys(g.time_to_escalate)))];
  const header = [
    'group',
    'key',
    'incidents',
    'open',
    'compliance',
    ...kinds.flatMap((k) => [`${k}_on_time`, `${k}_late`, `${k}_missed`, `${k}_overdue`, `${k}_compliance`]),
    ...CSV_STATS.map((s) => `acknowledge_minutes_${s}`),
    ...CSV_STATS.map((s) => `resolve_minutes_${s}`),
    ...layers.flatMap((l) => [`escalate_${l}_count`, `escalate_${l}_median`, `escalate_${l}_p90`, `escalate_${l}_mean`]),
    'escalated',
    'escalation_rate',
    'updates_kept',
    'updates_missed',
    'updates_rate',
    'client_notices_on_time',
    'client_notices_judged',
    'client_notices_rate',
    'handoff_filled',
    'handoff_required',
    'handoff_rate',
  ];
  const rows = report.groups.map((g): unknown[] => {
    const n = g.client_notices;
    return [
      g.by,
      g.key,
      g.incidents,
      g.open,
      g.compliance.overall,
      ...kinds.flatMap((k) => {
        const t = g.compliance.targets[k];
        return t ? [t.on_time, t.late, t.missed, t.overdue, t.compliance] : [undefined, undefined, undefined, undefined, undefined];
      }),
      ...CSV_STATS.map((s) => g.time_to_acknowledge[s]),
      ...CSV_STATS.map((s) => g.time_to_resolve[s]),
      ...layers.flatMap((l) => {
        const s = g.time_to_escalate[l];
        return s ? [s.count, s.median, s.p90, s.mean] : [0, undefined, undefined, undefined];
      }),
      g.escalated,
      g.escalation_rate,
      g.updates.kept,
      g.updates.missed,
      g.updates.rate,
      n.on_time,
      n.on_time + n.late + n.missed + n.overdue,
      n.compliance,
      g.handoff.filled,
      g.handoff.required,
      g.handoff.rate,
    ];
  });
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const pct = (r: number | undefined) => (r === undefined ? '—' : `${round1(r * 100)}%`);
const round1 = (n: number) => String(Math.round(n * 10) / 10);
const mins = (m: number | undefined) => (m === undefined ? '—' : spanText(Math.round(m)));
const label = (g: GroupFigures) => (g.by === 'all' ? 'All incidents' : `${g.by} ${g.key}`);
/**
 * Text from records (file names, ids, names) inside a markdown table cell: inert. Every
 * character that could start a link, image, autolink, HTML, entity, emphasis, code span or
 * fence, or end the cell is backslash-escaped (CommonMark allows it for any ASCII
 * punctuation); line breaks become spaces, so no heading or fence can start a line.
 */
export const cell = (s: string) =>
  s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]()<>!|~&]/g, (c) => `\\${c}`)
    // Bare URLs (GitHub's autolinks): the scheme's colon and the dot after www are escaped too.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
const judgedOf = (t: Tally) => t.on_time + t.late + t.missed + t.overdue;
const fraction = (t: Tally | undefined) => (t && judgedOf(t) > 0 ? `${pct(t.compliance)} (${t.on_time}/${judgedOf(t)})` : '—');

/** Text safe inside a Mermaid gantt task or section name. */
const mermaidText = (s: string) => s.replace(/[:;#\n\r"`[\]{}<>]/g, ' ').replace(/\s+/g, ' ').trim();
const wallTime = (d: Date, zone: string) => iso(d, zone).slice(0, 16).replace('T', ' ');
/**
 * A Gantt time as epoch milliseconds (`dateFormat x`): Mermaid reads a time without an
 * offset as the browser's local time, which moves bars and changes durations across a
 * daylight-saving change; an instant cannot shift. The axis labels are the viewer's local time.
 */
const ganttTime = (d: Date) => String(d.getTime());
/** `2026-11-01 01:40 -05:00`: with the offset, so an hour the clocks pass twice is never ambiguous. */
const tableTime = (d: Date, zone: string) => `${wallTime(d, zone)} ${iso(d, zone).slice(19)}`;

/** How many incidents the timeline shows: those with breaches first, then the latest. */
export const TIMELINE_LIMIT = 12;

export function reportMarkdown(report: Report, zone: string): string {
  return `${[...reportMarkdownLines(report, zone)].join('\n')}\n`;
}

/** The markdown report line by line (each to be ended by a line break): its breaches table may run to hundreds of thousands of rows. */
export function* reportMarkdownLines(report: Report, zone: string): Generator<string> {
  const range = [report.from ? `from ${iso(report.from, zone)}` : '', report.to ? `to ${iso(report.to, zone)}` : ''].filter(Boolean).join(' ');
  yield* ['# Incident review', ''];
  yield* [`${report.incidents.length} incident${report.incidents.length === 1 ? '' : 's'}${range ? ` started ${range}` : ''}, judged as of ${iso(report.asOf, zone)}; times in ${zone}. Minutes count on each target's clock: working time on a business-hours calendar.`, ''];
  if (report.incidents.length === 0) return;
  const all = report.groups[0]!;

  yield* ['## Summary', ''];
  yield* ['| group | incidents | open | targets met on time | acknowledge (median) | resolve (median) | escalation rate | status updates kept | client notices on time | handoff fields filled |'];
  yield* ['|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const g of report.groups) {
    yield* [
      `| ${cell(label(g))} | ${g.incidents} | ${g.open} | ${pct(g.compliance.overall)} | ${mins(g.time_to_acknowledge.median)} | ${mins(g.time_to_resolve.median)} | ${pct(g.escalation_rate)} | ${pct(g.updates.rate)} | ${fraction(g.client_notices)} | ${pct(g.handoff.rate)} |`,
    ];
  }
  yield* [''];

  const severities = report.groups.filter((g) => g.by === 'severity' && g.compliance.overall !== undefined);
  if (severities.length > 0) {
    yield* ['## Compliance by severity', ''];
    yield* ['```mermaid', 'xychart-beta', '    title "Targets met on time, by severity (%)"'];
    yield* [`    x-axis [${severities.map((g) => JSON.stringify(mermaidText(g.key) || '?')).join(', ')}]`];
    yield* ['    y-axis "on time (%)" 0 --> 100'];
    yield* [`    bar [${severities.map((g) => round1(g.compliance.overall! * 100)).join(', ')}]`];
    yield* ['```', ''];
  }

  yield* ['## Compliance per target', ''];
  const columns = report.groups.filter((g) => g.by === 'all' || g.by === 'severity');
  yield* [`| target | ${columns.map((g) => cell(g.by === 'all' ? 'all' : g.key)).join(' | ')} |`];
  yield* [`|---|${columns.map(() => '---:').join('|')}|`];
  for (const kind of TARGET_KINDS) {
    if (!all.compliance.targets[kind]) continue;
    yield* [`| ${DEADLINE_LABELS[kind]} | ${columns.map((g) => fraction(g.compliance.targets[kind])).join(' | ')} |`];
  }
  yield* ['', 'Each cell: met on time / judged (late, missed and overdue count against; not yet due and not needed are left out).', ''];

  yield* ['## Time to acknowledge and to resolve', ''];
  yield* ['| group | acknowledged | not acknowledged | median | p90 | mean | resolved | unresolved | median | p90 | mean |'];
  yield* ['|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  const statCells = (s: Stats) => `${s.count} | ${s.pending} | ${mins(s.median)} | ${mins(s.p90)} | ${mins(s.mean)}`;
  for (const g of report.groups) yield* [`| ${cell(label(g))} | ${statCells(g.time_to_acknowledge)} | ${statCells(g.time_to_resolve)} |`];
  yield* [''];

  const escalating = report.groups.filter((g) => Object.keys(g.time_to_escalate).length > 0);
  if (escalating.length > 0) {
    yield* ['## Time to escalate, per layer', ''];
    yield* ['| group | layer | escalations | median | p90 | mean |', '|---|---|---:|---:|---:|---:|'];
    for (const g of escalating) {
      for (const [layer, s] of Object.entries(g.time_to_escalate)) yield* [`| ${cell(label(g))} | ${layer} | ${s.count} | ${mins(s.median)} | ${mins(s.p90)} | ${mins(s.mean)} |`];
    }
    yield* [''];
  }

  yield* ['## Breaches', ''];
  if (report.breaches.length === 0) yield* ['None: every target judged was met on time.', ''];
  else {
    yield* ['| record | severity | target | due | met | late by |', '|---|---|---|---|---|---:|'];
    for (const b of report.breaches) yield breachRow(b, zone);
    yield* [''];
  }

  yield* ['## Timeline', ''];
  yield* gantt(report);
}

function breachRow(b: Breach, zone: string): string {
  const met = b.state === 'late' ? tableTime(b.at!, zone) : b.state === 'missed' ? 'never (resolved without it)' : 'not yet (overdue)';
  const due = b.kind === 'update' && b.state === 'missed' ? '—' : tableTime(b.due, zone);
  const by = b.kind === 'update' && b.state === 'missed' ? '—' : `${spanText(b.late_minutes)}${b.clock === '24x7' ? '' : ' working'}`;
  return `| ${cell(b.file)} | ${cell(b.severity)} | ${cell(b.label)} | ${due} | ${met} | ${by} |`;
}

function gantt(report: Report): string[] {
  const breached = new Set(report.breaches.map((b) => b.file));
  const chosen = [...report.incidents]
    .sort((a, b) => Number(breached.has(b.file)) - Number(breached.has(a.file)) || b.evaluation.start.getTime() - a.evaluation.start.getTime())
    .slice(0, TIMELINE_LIMIT)
    .sort((a, b) => a.evaluation.start.getTime() - b.evaluation.start.getTime());
  const out = ['```mermaid', 'gantt', '    title Incident timeline', '    dateFormat x', '    axisFormat %d %b %H:%M'];
  chosen.forEach(({ file, evaluation: e }, i) => {
    const name = file.split(/[\\/]/).pop()!.replace(/\.json$/, '');
    out.push(`    section ${mermaidText(`${name} ${e.severity}`)}`);
    const start = ganttTime(e.start);
    const ack = e.targets.find((t) => t.kind === 'acknowledge');
    const ackEnd = e.acknowledgedAt ?? e.resolvedAt ?? e.asOf;
    const ackTag = ack && (ack.state === 'late' || ack.state === 'overdue' || ack.state === 'missed') ? 'crit' : e.acknowledgedAt ? 'done' : 'active';
    out.push(`    ${e.acknowledgedAt ? 'Acknowledged' : 'Not acknowledged'} :${ackTag}, i${i}a, ${start}, ${ganttTime(ackEnd)}`);
    const res = e.targets.find((t) => t.kind === 'resolution');
    const resTag = res && (res.state === 'late' || res.state === 'overdue') ? 'crit' : e.resolvedAt ? 'done' : 'active';
    out.push(`    ${e.resolvedAt ? 'Resolved' : 'Open'} :${resTag}, i${i}r, ${start}, ${ganttTime(e.resolvedAt ?? e.asOf)}`);
    for (const x of e.escalations) out.push(`    Escalated ${mermaidText(x.layer)} :milestone, ${ganttTime(x.at)}, 0m`);
  });
  out.push('```', '', 'The timeline is drawn on exact instants; its axis shows the time zone of the browser viewing it.', '');
  if (report.incidents.length > chosen.length) out.push(`The timeline shows ${chosen.length} of ${report.incidents.length} incidents: those with breaches first, then the latest.`, '');
  return out;
}
