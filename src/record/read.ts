/**
 * Reading a record's text: JSON, a format this version knows (a newer one is refused with
 * a reason, never guessed at), then the schema. Pure. The lean reading, for reports over
 * thousands of records, checks only the fields judging reads.
 */
import * as z from 'zod/mini';
import { EVENT_TYPES, LAYERS, RECORD_VERSION, TARGET_KINDS, planSnapshotSchema, recordSchema, type IncidentRecord } from './schema.js';
import type { RecordCore } from './evaluate.js';
import { EVENT_CLOCK_SKEW_MS, impossibleTime, instantMs, isRecordInstant } from './limits.js';

export { isRecordInstant };

export type ReadResult<T> = { ok: true; record: T } | { ok: false; code: 'not_json' | 'newer_format' | 'invalid_record'; reason: string };

const iso = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/),
  z.superRefine((text, ctx) => {
      const why = impossibleTime(text);
      if (why !== undefined) ctx.addIssue({ code: 'custom', message: `${text} is not a real time: ${why}`, input: text });
    }),
);
const role = z.looseObject({ role: z.string(), title: z.string(), contact: z.string() });
const leanSchema = z.looseObject({
  version: z.literal(RECORD_VERSION),
  matrix: z.looseObject({ name: z.string(), timezone: z.string(), sha256: z.optional(z.string()) }),
  started_at: iso,
  timezone: z.string(),
  severity: z.looseObject({ id: z.string(), name: z.string(), rank: z.number(), promise: z.optional(z.enum(['workaround', 'resolution'])) }),
  clock: z.looseObject({ id: z.string(), source: z.string(), timezone: z.optional(z.string()), days: z.optional(z.array(z.string())), hours: z.optional(z.string()), holidays: z.optional(z.array(z.string())) }),
  deadlines: z.array(z.looseObject({ kind: z.string(), target: z.string(), at: iso })),
  escalation: z.array(z.looseObject({ after: z.string(), at: iso, layer: z.optional(z.string()), notify: z.array(role), notify_client: z.boolean() })),
  updates: z.looseObject({ every: z.optional(z.string()) }),
  contract: z.looseObject({ tier: z.optional(z.looseObject({ id: z.string() })), client: z.optional(z.looseObject({ id: z.string(), name: z.string() })) }),
  handoff: z.looseObject({ fields: z.array(z.looseObject({ id: z.string(), value: z.optional(z.string()) })) }),
  // Events as judging reads them; `escalate event` checks each in full when it writes one.
  events: z.optional(
    z.array(
      z.looseObject({
        type: z.enum(EVENT_TYPES),
        at: iso,
        by: z.string(),
        recorded_at: z.optional(iso),
        step: z.optional(z.number()),
        layer: z.optional(z.enum(LAYERS)),
        plan: z.optional(planSnapshotSchema),
      }),
    ),
  ),
  imported: z.optional(z.looseObject({ from: z.string(), line: z.number(), measured: z.array(z.enum(TARGET_KINDS)) })),
});

function prologue(text: string): { ok: true; data: unknown } | Extract<ReadResult<never>, { ok: false }> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'not_json', reason: `not JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, code: 'invalid_record', reason: 'not an incident record (expected a JSON object)' };
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > RECORD_VERSION) {
    return { ok: false, code: 'newer_format', reason: `written in record format ${version} by a newer escalate; this one reads format ${RECORD_VERSION} and leaves the file untouched: upgrade escalate` };
  }
  return { ok: true, data };
}

/** A schema issue in words: a missing field says so; a time says what it should look like. */
function plainIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return `missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_format' && issue.message.includes(String.raw`T\d{2}:\d{2}:\d{2}`)) return 'not a time with an offset, like 2026-03-27T16:30:00+01:00';
  return issue.message;
}

/**
 * A record's problems named at most: enough that fixing one seldom reveals another, few
 * enough for one readable line (a broken record of megabytes made a line of megabytes).
 */
const PROBLEMS_SHOWN = 30;

/**
 * The problems of a record, each named by its field (the first for each field: a time that is
 * neither well-formed nor real is one problem); past PROBLEMS_SHOWN, how many more.
 */
function invalid(error: z.core.$ZodError): Extract<ReadResult<never>, { ok: false }> {
  const byField = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'the record';
    if (!byField.has(field)) byField.set(field, `${field}: ${plainIssue(issue)}`);
  }
  const problems = [...byField.values()];
  const more = problems.length - PROBLEMS_SHOWN;
  return { ok: false, code: 'invalid_record', reason: problems.slice(0, PROBLEMS_SHOWN).join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '') };
}

/** The whole record, checked against the record schema: for commands that write it back. */
export function readRecord(text: string): ReadResult<IncidentRecord> {
  const pre = prologue(text);
  if (!pre.ok) return pre;
  const parsed = z.safeParse(recordSchema, pre.data);
  if (!parsed.success) return invalid(parsed.error);
  const problem = eventTimeProblem(parsed.data);
  return problem ? { ok: false, code: 'invalid_record', reason: problem } : { ok: true, record: parsed.data };
}

/**
 * Only what judging reads, checked: for status and report over many records. A record that
 * passes the plain-code check below (the lean schema's rules, written out) is taken as it
 * is; any other is checked by the schema itself, so every problem is named in its words.
 */
export function readRecordLean(text: string): ReadResult<RecordCore> {
  const pre = prologue(text);
  if (!pre.ok) return pre;
  if (leanValid(pre.data)) {
    const record = pre.data as RecordCore;
    const problem = eventTimeProblem(record);
    return problem ? { ok: false, code: 'invalid_record', reason: problem } : { ok: true, record };
  }
  return leanBySchema(pre.data);
}

/** The lean reading by the schema alone: what the plain-code check must agree with (tested). */
export function readRecordLeanBySchema(text: string): ReadResult<RecordCore> {
  const pre = prologue(text);
  return pre.ok ? leanBySchema(pre.data) : pre;
}

function leanBySchema(data: unknown): ReadResult<RecordCore> {
  const parsed = z.safeParse(leanSchema, data);
  if (!parsed.success) return invalid(parsed.error);
  const problem = eventTimeProblem(parsed.data as unknown as RecordCore);
  return problem ? { ok: false, code: 'invalid_record', reason: problem } : { ok: true, record: parsed.data as unknown as RecordCore };
}

// ---- the lean schema in plain code: true only for data the lean schema accepts unchanged ----

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const stringList = (v: unknown) => Array.isArray(v) && v.every(isString);
const optStringList = (v: unknown) => v === undefined || stringList(v);
const EVENT_TYPE_SET = new Set<unknown>(EVENT_TYPES);
const LAYER_SET = new Set<unknown>(LAYERS);
const TARGET_KIND_SET = new Set<unknown>(TARGET_KINDS);
const isRole = (v: unknown) => isObject(v) && isString(v.role) && isString(v.title) && isString(v.contact);

function leanEvent(v: unknown): boolean {
  if (!isObject(v) || !EVENT_TYPE_SET.has(v.type) || !isRecordInstant(v.at) || !isString(v.by)) return false;
  if (v.recorded_at !== undefined && !isRecordInstant(v.recorded_at)) return false;
  if (v.step !== undefined && !isNumber(v.step)) return false;
  if (v.layer !== undefined && !LAYER_SET.has(v.layer)) return false;
  return v.plan === undefined || planValid(v.plan);
}

/** Only these keys (the snapshot's objects are strict); `must` of them present. */
const only = (v: Data, keys: ReadonlySet<string>) => {
  for (const k in v) if (!keys.has(k)) return false;
  return true;
};
const PLAN_KEYS = new Set(['severity', 'clock', 'deadlines', 'escalation', 'update_every']);
const SEVERITY_KEYS = new Set(['id', 'name', 'rank', 'promise']);
const CLOCK_KEYS = new Set(['id', 'timezone', 'days', 'hours', 'holidays']);
const DEADLINE_KEYS = new Set(['kind', 'target', 'at']);
const STEP_KEYS = new Set(['after', 'at', 'layer', 'notify', 'notify_client']);
const ROLE_KEYS = new Set(['role', 'title', 'contact']);

/** planSnapshotSchema in plain code. */
function planValid(v: unknown): boolean {
  if (!isObject(v) || !only(v, PLAN_KEYS) || !optString(v.update_every)) return false;
  const { severity, clock, deadlines, escalation } = v;
  if (!isObject(severity) || !only(severity, SEVERITY_KEYS) || !isString(severity.id) || !isString(severity.name) || !Number.isSafeInteger(severity.rank)) return false;
  if (severity.promise !== undefined && severity.promise !== 'workaround' && severity.promise !== 'resolution') return false;
  if (!isObject(clock) || !only(clock, CLOCK_KEYS) || !isString(clock.id) || !optString(clock.timezone) || !optStringList(clock.days) || !optString(clock.hours) || !optStringList(clock.holidays)) return false;
  if (!Array.isArray(deadlines) || !deadlines.every((d) => isObject(d) && only(d, DEADLINE_KEYS) && TARGET_KIND_SET.has(d.kind) && isString(d.target) && isRecordInstant(d.at))) return false;
  return (
    Array.isArray(escalation) &&
    escalation.every(
      (x) =>
        isObject(x) &&
        only(x, STEP_KEYS) &&
        isString(x.after) &&
        isRecordInstant(x.at) &&
        (x.layer === undefined || LAYER_SET.has(x.layer)) &&
        Array.isArray(x.notify) &&
        x.notify.every((r) => isObject(r) && only(r, ROLE_KEYS) && isRole(r)) &&
        typeof x.notify_client === 'boolean',
    )
  );
}

function leanValid(d: unknown): boolean {
  if (!isObject(d) || d.version !== RECORD_VERSION) return false;
  const { matrix, severity, clock, deadlines, escalation, updates, contract, handoff, events, imported } = d;
  if (!isObject(matrix) || !isString(matrix.name) || !isString(matrix.timezone) || !optString(matrix.sha256)) return false;
  if (!isRecordInstant(d.started_at) || !isString(d.timezone)) return false;
  if (!isObject(severity) || !isString(severity.id) || !isString(severity.name) || !isNumber(severity.rank)) return false;
  if (severity.promise !== undefined && severity.promise !== 'workaround' && severity.promise !== 'resolution') return false;
  if (!isObject(clock) || !isString(clock.id) || !isString(clock.source) || !optString(clock.timezone) || !optStringList(clock.days) || !optString(clock.hours) || !optStringList(clock.holidays)) return false;
  if (!Array.isArray(deadlines) || !deadlines.every((x) => isObject(x) && isString(x.kind) && isString(x.target) && isRecordInstant(x.at))) return false;
  if (
    !Array.isArray(escalation) ||
    !escalation.every((x) => isObject(x) && isString(x.after) && isRecordInstant(x.at) && optString(x.layer) && Array.isArray(x.notify) && x.notify.every(isRole) && typeof x.notify_client === 'boolean')
  )
    return false;
  if (!isObject(updates) || !optString(updates.every)) return false;
  if (!isObject(contract)) return false;
  if (contract.tier !== undefined && !(isObject(contract.tier) && isString(contract.tier.id))) return false;
  if (contract.client !== undefined && !(isObject(contract.client) && isString(contract.client.id) && isString(contract.client.name))) return false;
  if (!isObject(handoff) || !Array.isArray(handoff.fields) || !handoff.fields.every((f) => isObject(f) && isString(f.id) && optString(f.value))) return false;
  if (events !== undefined && !(Array.isArray(events) && events.every(leanEvent))) return false;
  if (imported !== undefined && !(isObject(imported) && isString(imported.from) && isNumber(imported.line) && Array.isArray(imported.measured) && imported.measured.every((k) => TARGET_KIND_SET.has(k)))) return false;
  return true;
}

/**
 * Event times that cannot be true: before the incident started, or after the moment the
 * event was recorded (beyond a minute of clock skew). Named by field, never judged as met.
 */
export function eventTimeProblem(record: Pick<RecordCore, 'started_at' | 'events'>): string | undefined {
  // A time isRecordInstant accepts is real: the pattern is read only for one it does not.
  const bad = isRecordInstant(record.started_at) ? undefined : impossibleTime(record.started_at);
  if (bad !== undefined) return `started_at: ${record.started_at} is not a real time: ${bad}`;
  const start = instantMs(record.started_at);
  const events = (record.events ?? []) as { at: string; recorded_at?: string }[];
  for (let i = 0; i < events.length; i++) {
    const { at, recorded_at: recorded } = events[i]!;
    const t = instantMs(at);
    if (t < start) return `events.${i}.at: ${at} is before the incident started (started_at ${record.started_at})`;
    if (recorded !== undefined && t > instantMs(recorded) + EVENT_CLOCK_SKEW_MS) return `events.${i}.at: ${at} is in the future of when it was recorded (recorded_at ${recorded})`;
  }
  return undefined;
}
