/**
 * The incident record: a triage result (`--record`) that lives on. It keeps the matrix
 * digest it was triaged against and an append-only list of events (acknowledged, escalated,
 * resolved, ...). Defined once here; `schemas/incident-record.schema.json` is generated
 * from it and drift-tested. A triage `--record` file is a record with no events yet.
 */
import * as z from 'zod/mini';
import { described } from '../zod-setup.js';
import { triageResultSchema } from '../triage/result-schema.js';
export { RECORD_MAX_BYTES } from './limits.js';
import { impossibleTime } from './limits.js';

/** The record format this version reads and writes. A record with a higher `version` is refused. */
export const RECORD_VERSION = 1;

const iso = described(
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/),
    z.superRefine((text, ctx) => {
      const why = impossibleTime(text);
      if (why !== undefined) ctx.addIssue({ code: 'custom', message: `${text} is not a real time: ${why}`, input: text });
    }),
  ),
  'An instant, ISO 8601 with an offset, like 2026-03-27T16:45:00+01:00; a real moment (no 31 February, 25:00 or offset past 23:59).',
);
const int = () => z.number().check(z.int());

export const LAYERS = ['operational', 'management', 'client', 'executive'] as const;
/** Deadlines a plan fixes once; the status update cadence is kept separately. */
export const TARGET_KINDS = ['acknowledge', 'assign_owner', 'notify_client', 'escalate_after', 'workaround', 'resolution', 'rca'] as const;
export type TargetKindName = (typeof TARGET_KINDS)[number];

const roleRef = z.strictObject({ role: z.string(), title: z.string(), contact: z.string() });

/** The plan in force from a moment on: what status and report judge events against. */
export const planSnapshotSchema = described(
  z.strictObject({
    severity: z.strictObject({ id: z.string(), name: z.string(), rank: int(), promise: z.optional(z.enum(['workaround', 'resolution'])) }),
    clock: described(
      z.strictObject({
        id: z.string(),
        timezone: z.optional(z.string()),
        days: z.optional(z.array(z.string())),
        hours: z.optional(z.string()),
        holidays: z.optional(z.array(z.string())),
      }),
      'The clock the targets run on: 24x7, or a business-hours calendar as it was when planned.',
    ),
    deadlines: z.array(z.strictObject({ kind: z.enum(TARGET_KINDS), target: z.string(), at: iso })),
    escalation: z.array(
      z.strictObject({ after: z.string(), at: iso, layer: z.optional(z.enum(LAYERS)), notify: z.array(roleRef), notify_client: z.boolean() }),
    ),
    update_every: z.optional(z.string()),
  }),
  'A plan as clock times, re-planned from the moment the severity changed.',
);

const common = {
  at: described(iso, 'When it happened: not before the incident started, nor more than a minute after `recorded_at`.'),
  by: described(z.string().check(z.minLength(1)), 'Who did it or recorded it.'),
  recorded_at: described(iso, 'When the event was written to the record.'),
  note: z.optional(z.string()),
};

export const SIMPLE_EVENTS = ['acknowledged', 'client_notified', 'update_sent', 'workaround', 'resolved', 'rca_delivered', 'note'] as const;

export const eventSchema = described(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.enum(SIMPLE_EVENTS), ...common }),
    z.strictObject({ type: z.literal('owner_assigned'), ...common, role: described(z.optional(z.string()), 'The role that now owns the incident.') }),
    z.strictObject({
      type: z.literal('escalated'),
      ...common,
      step: described(z.optional(z.number().check(z.int(), z.minimum(1))), 'The escalation step reached, 1 for the first.'),
      layer: z.optional(z.enum(LAYERS)),
    }),
    z.strictObject({
      type: z.literal('severity_changed'),
      ...common,
      to: described(z.string(), 'The new severity id.'),
      matrix_sha256: described(z.string(), 'SHA-256 of the matrix text it was re-planned with.'),
      plan: planSnapshotSchema,
    }),
  ]),
  'One thing that happened to the incident.',
);

export const EVENT_TYPES = ['acknowledged', 'owner_assigned', 'client_notified', 'update_sent', 'escalated', 'workaround', 'resolved', 'rca_delivered', 'severity_changed', 'note'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const recordSchema = described(
  z.extend(triageResultSchema, {
    version: described(z.literal(RECORD_VERSION), 'The record format version; a record of a newer format is refused, never rewritten.'),
    events: described(z.optional(z.array(eventSchema)), 'What happened since triage, in the order it was recorded; only ever appended to.'),
    imported: described(
      z.optional(
        z.strictObject({
          from: described(z.string(), 'The file the ticket came from.'),
          line: int(),
          measured: described(z.array(z.enum(TARGET_KINDS)), 'The targets the export can tell; the others, status updates, escalations and handoff are not judged.'),
        }),
      ),
      'Set on a record made by `escalate import` from a helpdesk ticket.',
    ),
  }),
  'An incident record: the triage result (`escalate triage --record`) and the events `escalate event` appends.',
);

export type IncidentRecord = z.infer<typeof recordSchema>;
export type RecordEvent = z.infer<typeof eventSchema>;
export type PlanSnapshot = z.infer<typeof planSnapshotSchema>;
