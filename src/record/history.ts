/**
 * Imported history: one JSON Lines file per import, one line per helpdesk ticket holding
 * only what the export measured (its id and row, start, severity, client or tier, the
 * seconds to its first response and resolution, and the seconds to each measured target's
 * deadline), after a first header line that makes the file self-describing (format and
 * version, the export it came from, the matrix it was planned against, and the plan of each
 * severity and contract once). A line is read back as the record judging reads, so
 * `report`, `status` and `diff --records` read a history file like a folder of records.
 * Pure: text in, lines and records out. docs/import.md describes the format.
 */
import type { RecordCore } from './evaluate.js';
import type { IncidentRecord, TargetKindName } from './schema.js';
import { TARGET_KINDS } from './schema.js';
import { RECORD_MAX_BYTES, TIME_SPAN_MS, impossibleTime } from './limits.js';

/** The `format` of a history file's header line. */
export const HISTORY_FORMAT = 'escalate-imported-history';
/** The history format this version reads and writes; a file of a newer one is refused. */
export const HISTORY_VERSION = 1;
/** The most a history file may hold: 256 MiB (about 1.8 million tickets). */
export const HISTORY_MAX_BYTES = 256 * 1024 * 1024;
/** The most one line may hold: a record's limit (4 MiB); a ticket line takes about 150 bytes. */
export const HISTORY_LINE_MAX_BYTES = RECORD_MAX_BYTES;
/** Where an import writes its history, inside `--out-dir`. */
export const HISTORY_FOLDER = 'imports';
/** The longest ticket id (as import takes them). */
const MAX_ID = 200;

/** What each key of a ticket line means, written into the header so the file explains itself. */
export const HISTORY_FIELDS = {
  id: 'the ticket id (the incident: one line per id)',
  row: 'the line of the export the ticket was read from',
  start: 'the ticket was created (the incident start)',
  severity: 'the severity its priority maps to',
  client: 'the client its organisation maps to (absent: none)',
  tier: 'the tier its organisation maps to, when no client (absent: none)',
  ack: 'seconds from start to the first response (absent: none)',
  resolved: 'seconds from start to the resolution (absent: unresolved)',
  due: "seconds from start to each deadline of the plan's targets, in their order",
} as const;

type Severity = RecordCore['severity'];
type Clock = RecordCore['clock'];
type Contract = RecordCore['contract'];

/** The plan every ticket of one severity and contract shares, stored once in the header. */
export interface HistoryPlan {
  severity: { id: string; name: string; rank: number; promise?: 'workaround' | 'resolution' };
  clock: Clock;
  contract: { tier?: { id: string }; client?: { id: string; name: string } };
  /** The measured targets this plan has, in the order of each line's `due`: [kind, target as written]. */
  targets: [TargetKindName, string][];
}

export interface HistoryHeader {
  format: typeof HISTORY_FORMAT;
  version: number;
  source: { file: string; sha256: string };
  by: string;
  matrix: { name: string; timezone: string; sha256?: string; file?: string };
  timezone: string;
  measured: TargetKindName[];
  /** How many ticket lines follow: a file cut short is told apart from a whole one. */
  tickets: number;
  plans: Record<string, HistoryPlan>;
  fields: typeof HISTORY_FIELDS;
}

/** One ticket line as written. */
export interface TicketLine {
  id: string;
  row: number;
  start: string;
  severity: string;
  client?: string;
  tier?: string;
  ack?: number;
  resolved?: number;
  due?: number[];
}

/** The plan key of a severity and contract: `p1`, `p1 client:acme`, `p2 tier:gold`. */
export function planKey(severity: string, contract: { client?: string; tier?: string }): string {
  return contract.client !== undefined ? `${severity} client:${contract.client}` : contract.tier !== undefined ? `${severity} tier:${contract.tier}` : severity;
}

const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

/** An imported record (import's own output) as its plan and its ticket line. */
export function ticketOf(record: IncidentRecord, id: string, measured: readonly TargetKindName[]): { key: string; plan: HistoryPlan; line: TicketLine } {
  const { severity, clock, contract } = record;
  const client = contract.client ? { id: contract.client.id, name: contract.client.name } : undefined;
  const tier = contract.tier ? { id: contract.tier.id } : undefined;
  const targets: [TargetKindName, string][] = [];
  const due: number[] = [];
  for (const kind of measured) {
    const deadline = record.deadlines.find((d) => d.kind === kind);
    if (!deadline) continue;
    targets.push([kind, deadline.target]);
    due.push(seconds(record.started_at, deadline.at));
  }
  const plan: HistoryPlan = {
    severity: { id: severity.id, name: severity.name, rank: severity.rank, ...(severity.promise ? { promise: severity.promise } : {}) },
    clock: { id: clock.id, source: clock.source, ...(clock.timezone ? { timezone: clock.timezone } : {}), ...(clock.days ? { days: clock.days } : {}), ...(clock.hours ? { hours: clock.hours } : {}), ...(clock.holidays ? { holidays: clock.holidays } : {}) },
    contract: { ...(tier ? { tier } : {}), ...(client ? { client } : {}) },
    targets,
  };
  const key = planKey(severity.id, { ...(client ? { client: client.id } : {}), ...(tier ? { tier: tier.id } : {}) });
  const at = (type: string) => record.events?.find((e) => e.type === type)?.at;
  const ack = at('acknowledged');
  const resolved = at('resolved');
  const line: TicketLine = {
    id,
    row: record.imported?.line ?? 0,
    start: record.started_at,
    severity: severity.id,
    ...(client ? { client: client.id } : tier ? { tier: tier.id } : {}),
    ...(ack !== undefined ? { ack: seconds(record.started_at, ack) } : {}),
    ...(resolved !== undefined ? { resolved: seconds(record.started_at, resolved) } : {}),
    ...(due.length > 0 ? { due } : {}),
  };
  return { key, plan, line };
}

/** A problem with a line: the column (1-based) it starts at, and what it is. */
export type LineResult<T> = { ok: true; value: T } | { ok: false; col: number; reason: string; newer?: boolean };

/** The column of a key in a line, for pointing at it; 1 when it is not written there. */
function columnOf(text: string, key: string): number {
  const at = text.indexOf(`"${key}"`);
  return at >= 0 ? at + 1 : 1;
}

/** JSON text to an object, or where and why not. */
function parseObject(text: string, what: string): LineResult<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const position = /position (\d+)/.exec(message);
    const col = position ? Number(position[1]) + 1 : /end of JSON input/.test(message) ? text.length + 1 : 1;
    return { ok: false, col, reason: `not JSON (${message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, col: 1, reason: `not ${what} (expected a JSON object, found ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data})` };
  return { ok: true, value: data as Record<string, unknown> };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v * 1000 <= TIME_SPAN_MS;

/** The header line, checked: every later line is read against it. */
export function readHistoryHeader(text: string): LineResult<HistoryHeader> {
  const parsed = parseObject(text, 'the header of an imported history');
  if (!parsed.ok) return parsed;
  const h = parsed.value;
  const bad = (key: string, why: string): LineResult<HistoryHeader> => ({ ok: false, col: columnOf(text, key), reason: `header ${key}: ${why}` });
  if (h.format !== HISTORY_FORMAT) return bad('format', `not "${HISTORY_FORMAT}": this is not the first line of an imported history`);
  if (typeof h.version !== 'number' || !Number.isInteger(h.version) || h.version < 1) return bad('version', 'missing (expected a whole number)');
  if (h.version > HISTORY_VERSION) {
    return { ...bad('version', `written in history format ${h.version} by a newer escalate; this one reads format ${HISTORY_VERSION} and leaves the file untouched: upgrade escalate`), newer: true } as LineResult<HistoryHeader>;
  }
  const source = h.source as HistoryHeader['source'] | undefined;
  if (typeof source !== 'object' || source === null || !isString(source.file) || !isString(source.sha256)) return bad('source', 'expected {"file", "sha256"}');
  const matrix = h.matrix as HistoryHeader['matrix'] | undefined;
  if (typeof matrix !== 'object' || matrix === null || !isString(matrix.name) || !isString(matrix.timezone)) return bad('matrix', 'expected {"name", "timezone", ...}');
  if (!isString(h.timezone)) return bad('timezone', 'expected a time zone name');
  if (!isString(h.by)) return bad('by', 'expected who recorded the events');
  if (!Array.isArray(h.measured) || !h.measured.every((k) => (TARGET_KINDS as readonly unknown[]).includes(k))) return bad('measured', `expected a list of ${TARGET_KINDS.join(', ')}`);
  if (typeof h.tickets !== 'number' || !Number.isInteger(h.tickets) || h.tickets < 0) return bad('tickets', 'expected the number of ticket lines');
  const plans = h.plans;
  if (typeof plans !== 'object' || plans === null || Array.isArray(plans)) return bad('plans', 'expected an object of plans by severity and contract');
  for (const [key, plan] of Object.entries(plans as Record<string, unknown>)) {
    const why = planProblem(plan, (h.measured as string[]) ?? []);
    if (why !== undefined) return bad('plans', `"${key}": ${why}`);
  }
  return { ok: true, value: h as unknown as HistoryHeader };
}

function planProblem(value: unknown, measured: string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const p = value as HistoryPlan;
  const s = p.severity;
  if (typeof s !== 'object' || s === null || !isString(s.id) || !isString(s.name) || typeof s.rank !== 'number') return 'severity: expected {"id", "name", "rank"}';
  const c = p.clock;
  if (typeof c !== 'object' || c === null || !isString(c.id) || !isString(c.source)) return 'clock: expected {"id", "source", ...}';
  if ((c.days !== undefined && !(Array.isArray(c.days) && c.days.every(isString))) || (c.hours !== undefined && !isString(c.hours))) return 'clock: days is a list and hours a text';
  if (c.holidays !== undefined && !(Array.isArray(c.holidays) && c.holidays.every(isString))) return 'clock: holidays is a list of dates';
  const k = p.contract;
  if (typeof k !== 'object' || k === null) return 'contract: expected an object';
  if (k.tier !== undefined && !(typeof k.tier === 'object' && k.tier !== null && isString(k.tier.id))) return 'contract.tier: expected {"id"}';
  if (k.client !== undefined && !(typeof k.client === 'object' && k.client !== null && isString(k.client.id) && isString(k.client.name))) return 'contract.client: expected {"id", "name"}';
  if (!Array.isArray(p.targets) || !p.targets.every((t) => Array.isArray(t) && t.length === 2 && measured.includes(t[0]) && isString(t[1]))) return 'targets: expected [kind, target] pairs of measured kinds';
  return undefined;
}

/** What a ticket line reads as: the record judging reads, plus how it was triaged (by severity) for `diff --records`. */
export type HistoryRecord = RecordCore & Pick<IncidentRecord, 'decided_by' | 'answers'>;

const LINE_KEYS = new Set(Object.keys(HISTORY_FIELDS));

/** One ticket line, checked against its header and read as a record. */
export function readTicketLine(header: HistoryHeader, text: string): LineResult<{ id: string; record: HistoryRecord }> {
  const parsed = parseObject(text, 'a ticket');
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  const bad = (key: string, why: string): LineResult<never> => ({ ok: false, col: columnOf(text, key), reason: `${key}: ${why}` });
  for (const key of Object.keys(t)) if (!LINE_KEYS.has(key)) return bad(key, `not a field of a ticket line (${[...LINE_KEYS].join(', ')})`);
  if (!isString(t.id) || t.id === '' || t.id.length > MAX_ID) return bad('id', `expected the ticket id, 1 to ${MAX_ID} characters`);
  if (typeof t.row !== 'number' || !Number.isInteger(t.row) || t.row < 1) return bad('row', 'expected a line number of the export');
  if (!isString(t.start)) return bad('start', 'missing (expected a time with an offset, like 2026-03-27T16:30:00+01:00)');
  const why = impossibleTime(t.start);
  if (why !== undefined) return bad('start', `${t.start} is not a real time: ${why}`);
  if (!isString(t.severity)) return bad('severity', 'missing (expected a severity id)');
  if (t.client !== undefined && !isString(t.client)) return bad('client', 'expected a client id');
  if (t.tier !== undefined && !isString(t.tier)) return bad('tier', 'expected a tier id');
  const key = planKey(t.severity, { ...(t.client !== undefined ? { client: t.client as string } : {}), ...(t.tier !== undefined ? { tier: t.tier as string } : {}) });
  const plan = Object.hasOwn(header.plans, key) ? header.plans[key] : undefined;
  if (!plan) return bad('severity', `no plan "${key}" in the header`);
  for (const k of ['ack', 'resolved'] as const) if (t[k] !== undefined && !isSeconds(t[k])) return bad(k, 'expected whole seconds from start, at least 0 and at most 100 years');
  const due = t.due ?? [];
  if (!Array.isArray(due) || due.length !== plan.targets.length || !due.every(isSeconds)) {
    return bad('due', `expected ${plan.targets.length} whole numbers of seconds from start (${plan.targets.map(([kind]) => kind).join(', ') || 'none'})`);
  }
  const start = Date.parse(t.start);
  const zone = header.timezone;
  // Judging reads these as instants (and shows them in the review's zone): written in UTC,
  // which is cheaper to make than the local time with its offset, for a hundred thousand lines.
  const at = (s: number) => `${new Date(start + s * 1000).toISOString().slice(0, 19)}Z`;
  const event = (type: 'acknowledged' | 'resolved', s: number) => {
    const when = at(s);
    return { type, at: when, by: header.by, recorded_at: when };
  };
  const events = [...(t.ack !== undefined ? [event('acknowledged', t.ack as number)] : []), ...(t.resolved !== undefined ? [event('resolved', t.resolved as number)] : [])];
  const record = {
    started_at: t.start,
    timezone: zone,
    matrix: header.matrix,
    decided_by: 'severity',
    answers: {},
    severity: plan.severity as Severity,
    clock: plan.clock,
    deadlines: plan.targets.map(([kind, target], i) => ({ kind, target, at: at(due[i] as number) })),
    escalation: [],
    updates: {},
    contract: plan.contract as Contract,
    handoff: { fields: [] },
    events,
    imported: { from: header.source.file, line: t.row as number, measured: header.measured },
  };
  return { ok: true, value: { id: t.id, record: record as unknown as HistoryRecord } };
}

/** The header line's object for a new history file. */
export function historyHeader(parts: Omit<HistoryHeader, 'format' | 'version' | 'fields'>): HistoryHeader {
  return { format: HISTORY_FORMAT, version: HISTORY_VERSION, ...parts, fields: HISTORY_FIELDS };
}

/** The id of a ticket line without reading the rest (for superseding tickets of an earlier import); undefined when it has none. */
export function ticketIdOf(text: string): string | undefined {
  try {
    const data = JSON.parse(text) as { id?: unknown };
    return typeof data === 'object' && data !== null && typeof data.id === 'string' ? data.id : undefined;
  } catch {
    return undefined;
  }
}
