/**
 * Reading a record's text: JSON, a format this version knows (a newer one is refused with
 * a reason, never guessed at), then the schema. Pure. The lean reading, for reports over
 * thousands of records, checks only the fields judging reads.
 */
import * as z from 'zod/mini';
import { EVENT_TYPES, LAYERS, RECORD_VERSION, TARGET_KINDS, planSnapshotSchema, recordSchema, type IncidentRecord } from './schema.js';
import type { RecordCore } from './evaluate.js';
import { EVENT_CLOCK_SKEW_MS, impossibleTime } from './limits.js';

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

/** Every problem of a record, each named by its field: fixing one should never reveal the next. */
function invalid(error: z.core.$ZodError): Extract<ReadResult<never>, { ok: false }> {
  const problems = [...new Set(error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the record'}: ${plainIssue(issue)}`))];
  return { ok: false, code: 'invalid_record', reason: problems.join('; ') };
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

/** Only what judging reads, checked: for status and report over many records. */
export function readRecordLean(text: string): ReadResult<RecordCore> {
  const pre = prologue(text);
  if (!pre.ok) return pre;
  const parsed = z.safeParse(leanSchema, pre.data);
  if (!parsed.success) return invalid(parsed.error);
  const problem = eventTimeProblem(parsed.data as unknown as RecordCore);
  return problem ? { ok: false, code: 'invalid_record', reason: problem } : { ok: true, record: parsed.data as unknown as RecordCore };
}

/**
 * Event times that cannot be true: before the incident started, or after the moment the
 * event was recorded (beyond a minute of clock skew). Named by field, never judged as met.
 */
export function eventTimeProblem(record: Pick<RecordCore, 'started_at' | 'events'>): string | undefined {
  const bad = impossibleTime(record.started_at);
  if (bad !== undefined) return `started_at: ${record.started_at} is not a real time: ${bad}`;
  const start = Date.parse(record.started_at);
  const events = (record.events ?? []) as { at: string; recorded_at?: string }[];
  for (let i = 0; i < events.length; i++) {
    const { at, recorded_at: recorded } = events[i]!;
    const t = Date.parse(at);
    if (t < start) return `events.${i}.at: ${at} is before the incident started (started_at ${record.started_at})`;
    if (recorded !== undefined && t > Date.parse(recorded) + EVENT_CLOCK_SKEW_MS) return `events.${i}.at: ${at} is in the future of when it was recorded (recorded_at ${recorded})`;
  }
  return undefined;
}
