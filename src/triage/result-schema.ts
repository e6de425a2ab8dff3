/**
 * The shape of `escalate triage --json` and of `--record` transcripts, defined once.
 * Types come from `z.infer`; `schemas/triage-result.schema.json` is generated from it and
 * drift-tested. The triage command itself only imports the types (no runtime cost).
 */
import * as z from 'zod/mini';
import { described } from '../zod-setup.js';

const iso = described(
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}(:\d{2})?)$/)),
  'An instant, ISO 8601 with the display zone offset, like 2026-03-27T16:45:00+01:00; a historic local mean time keeps the seconds of its offset, like 1960-01-04T10:00:00-00:44:30.',
);
const int = () => z.number().check(z.int());

const when = {
  at: iso,
  minutes_from_now: described(int(), 'Whole minutes from the moment the result was computed; negative once passed.'),
  relative: described(z.string(), 'The same in words: "in 12 min", "overdue by 5 min", "due now".'),
};

export const roleViewSchema = described(
  z.strictObject({
    role: described(z.string(), 'The role id.'),
    title: z.string(),
    contact: z.string(),
    side: z.enum(['internal', 'client', 'vendor']),
    backup: z.optional(z.string()),
    source: described(z.optional(z.string()), 'Set when a contract added the role: "tier premium", "client northwind", "exception x".'),
  }),
  'A role with how to reach it.',
);

export const DEADLINE_KINDS = ['acknowledge', 'assign_owner', 'notify_client', 'escalate_after', 'workaround', 'resolution', 'rca', 'next_update'] as const;

export const deadlineSchema = described(
  z.strictObject({
    kind: z.enum(DEADLINE_KINDS),
    label: z.string(),
    target: described(z.string(), 'The time allowed as written in the matrix, like 15m; for next_update the cadence.'),
    ...when,
    overdue: z.boolean(),
    promised: described(z.boolean(), 'True for the one of workaround/resolution promised to the client.'),
    source: described(z.string(), 'Where the target came from: severity, "tier premium", "client northwind", "exception x".'),
  }),
  'A deadline as a clock time.',
);

export const stepSchema = described(
  z.strictObject({
    after: described(z.string(), 'The step\u2019s delay as written in the matrix.'),
    ...when,
    layer: z.optional(z.enum(['operational', 'management', 'client', 'executive'])),
    notify: described(z.array(roleViewSchema), 'Whom the step notifies.'),
    notify_client: described(z.boolean(), 'Whether the client is formally notified at this step.'),
    approval: z.optional(roleViewSchema),
    note: z.optional(z.string()),
    reached: described(z.boolean(), 'True once the step\u2019s time has come.'),
  }),
  'One escalation step as a clock time.',
);

const moment = z.strictObject(when);

export const errorSchema = described(
  z.strictObject({
    error: z.strictObject({
      code: described(z.string(), 'missing_answer, invalid_answer, unknown_question, invalid_option, invalid_matrix, no_tree, …'),
      message: z.string(),
      question: z.optional(
        z.strictObject({
          id: z.string(),
          text: z.string(),
          help: z.optional(z.string()),
          choices: z.array(z.strictObject({ id: z.string(), label: z.string(), unsure: z.optional(z.boolean()) })),
        }),
      ),
      given: z.optional(z.string()),
      path: z.optional(z.array(z.strictObject({ question: z.string(), answer: z.string() }))),
      diagnostics: described(
        z.optional(z.array(z.strictObject({ file: z.string(), line: int(), column: int(), code: z.string(), message: z.string() }))),
        'With invalid_matrix: every error in the matrix, located.',
      ),
    }),
  }),
  'What `escalate triage --json` prints on stdout when it cannot finish (exit 1 or 2).',
);

export const triageResultSchema = described(
  z.strictObject({
    version: described(z.literal(1), 'The version of this result shape.'),
    matrix: z.strictObject({
      name: z.string(),
      file: z.optional(z.string()),
      sha256: described(z.optional(z.string()), 'SHA-256 of the matrix file text, to tell which version a transcript used.'),
      timezone: z.string(),
    }),
    started_at: described(iso, 'The incident start.'),
    computed_at: described(iso, 'When this result was computed ("now").'),
    timezone: described(z.string(), 'The zone the times are shown in.'),
    decided_by: described(z.enum(['tree', 'severity']), 'Whether the triage tree or --severity decided the severity.'),
    answers: described(z.record(z.string(), z.string()), 'The answers given, by question id (choice ids).'),
    path: described(
      z.array(
        z.strictObject({
          question: z.string(),
          text: z.string(),
          answer: z.string(),
          label: z.string(),
          unsure: described(z.optional(z.boolean()), 'True when the responder was not sure and the more severe answer was taken.'),
        }),
      ),
      'The questions and answers that led to the outcome, in order.',
    ),
    severity: z.strictObject({
      id: z.string(),
      name: z.string(),
      definition: z.string(),
      rank: described(int(), '1 for the most severe level.'),
      examples: z.array(z.string()),
      promise: z.optional(z.enum(['workaround', 'resolution'])),
    }),
    owner: roleViewSchema,
    route: z.optional(z.strictObject({ id: z.string(), to: roleViewSchema, via: z.optional(z.string()), when: z.array(z.string()) })),
    note: z.optional(z.string()),
    inform: described(z.array(roleViewSchema), 'Roles the triage answer adds to those told (the outcome\u2019s inform), internal or client-side; also pulled in at the first escalation step.'),
    clock: described(
      z.strictObject({
        id: described(z.string(), '24x7, or the business-hours calendar the targets run on.'),
        source: z.string(),
        timezone: z.optional(z.string()),
        days: z.optional(z.array(z.string())),
        hours: z.optional(z.string()),
        holidays: z.optional(z.array(z.string())),
      }),
      'The clock the targets run on.',
    ),
    deadlines: described(z.array(deadlineSchema), 'Every deadline, earliest first.'),
    escalation: described(z.array(stepSchema), 'The escalation timeline, in time order.'),
    client: z.optional(
      z.strictObject({
        notify: z.enum(['formal', 'informal', 'none']),
        contact: z.optional(roleViewSchema),
        by: z.optional(roleViewSchema),
        channel: z.optional(z.string()),
        audience: z.optional(z.enum(['external', 'internal'])),
        due: described(z.optional(moment), 'The notify_client deadline.'),
        step: described(z.optional(moment), 'When the first escalation step that notifies the client happens.'),
      }),
    ),
    updates: z.strictObject({ every: z.optional(z.string()), next: described(z.array(moment), 'The next three status updates.') }),
    governance: z.strictObject({
      rca: z.optional(z.strictObject({ due: z.optional(moment), owner: z.optional(roleViewSchema) })),
      review: described(z.optional(z.string()), 'The meeting where the incident is discussed.'),
      agenda: described(z.array(z.string()), 'Items to raise about this incident at that meeting.'),
      risk_entry: z.optional(z.strictObject({ after: int(), within: z.string() })),
      follow_ups: z.array(z.string()),
      review_thresholds: z.array(z.string()),
      closing: z.array(z.string()),
    }),
    contract: described(
      z.strictObject({
        tier: z.optional(z.strictObject({ id: z.string(), description: z.optional(z.string()) })),
        client: z.optional(z.strictObject({ id: z.string(), name: z.string(), note: z.optional(z.string()) })),
        exceptions: z.array(z.strictObject({ id: z.string(), reason: z.string(), from: iso, until: iso, approved_by: roleViewSchema })),
        changes: described(
          z.array(z.strictObject({ kind: z.string(), from: z.optional(z.string()), to: z.string(), source: z.string() })),
          'Targets the contract changed from the severity\u2019s own.',
        ),
        added_roles: z.array(z.strictObject({ role: z.string(), source: z.string() })),
        owner: z.optional(z.strictObject({ role: z.string(), source: z.string() })),
        calendar: z.strictObject({ id: z.string(), source: z.string() }),
      }),
      'The contract that applied (tier, client, active exceptions) and what it changed.',
    ),
    authority: z.array(z.strictObject({ role: roleViewSchema, may: z.string(), limit: z.optional(z.string()), owner: z.boolean() })),
    handoff: described(
      z.strictObject({
        fields: z.array(z.strictObject({ id: z.string(), label: z.string(), help: z.optional(z.string()), value: z.optional(z.string()) })),
        missing: described(z.array(z.string()), 'Required fields without a value.'),
        extra: described(
          z.optional(z.array(z.strictObject({ id: z.string(), label: z.string(), help: z.optional(z.string()), value: z.string() }))),
          'Values given for handoff fields of the matrix that this severity does not require; kept, never dropped.',
        ),
      }),
      'The handoff packet the severity requires, and any other fields given.',
    ),
    message: described(
      z.optional(
        z.strictObject({
          kind: z.enum(['acknowledge', 'update', 'resolution']),
          audience: z.string(),
          subject: z.optional(z.string()),
          body: z.string(),
        }),
      ),
      'The rendered communication template, with --message.',
    ),
  }),
  'The result of `escalate triage --json`, also written by --record.',
);

export type TriageResult = z.infer<typeof triageResultSchema>;
export type TriageError = z.infer<typeof errorSchema>;
export type RoleViewJson = z.infer<typeof roleViewSchema>;
