/**
 * The shape of `escalate triage --json` and of `--record` transcripts, defined once.
 * Types come from `z.infer`; `schemas/triage-result.schema.json` is generated from it and
 * drift-tested. The triage command itself only imports the types (no runtime cost).
 */
import { z } from 'zod';

const iso = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})$/)
  .describe('An instant, ISO 8601 with the display zone offset, like 2026-03-27T16:45:00+01:00.');

const when = {
  at: iso,
  minutes_from_now: z.number().int().describe('Whole minutes from the moment the result was computed; negative once passed.'),
  relative: z.string().describe('The same in words: "in 12 min", "overdue by 5 min", "due now".'),
};

export const roleViewSchema = z
  .strictObject({
    role: z.string().describe('The role id.'),
    title: z.string(),
    contact: z.string(),
    side: z.enum(['internal', 'client', 'vendor']),
    backup: z.string().optional(),
    source: z.string().optional().describe('Set when a contract added the role: "tier premium", "client northwind", "exception x".'),
  })
  .describe('A role with how to reach it.');

export const DEADLINE_KINDS = ['acknowledge', 'assign_owner', 'notify_client', 'escalate_after', 'workaround', 'resolution', 'rca', 'next_update'] as const;

export const deadlineSchema = z
  .strictObject({
    kind: z.enum(DEADLINE_KINDS),
    label: z.string(),
    target: z.string().describe('The time allowed as written in the matrix, like 15m; for next_update the cadence.'),
    ...when,
    overdue: z.boolean(),
    promised: z.boolean().describe('True for the one of workaround/resolution promised to the client.'),
    source: z.string().describe('Where the target came from: severity, "tier premium", "client northwind", "exception x".'),
  })
  .describe('A deadline as a clock time.');

export const stepSchema = z
  .strictObject({
    after: z.string().describe('The step\u2019s delay as written in the matrix.'),
    ...when,
    layer: z.enum(['operational', 'management', 'client', 'executive']).optional(),
    notify: z.array(roleViewSchema).describe('Whom the step notifies.'),
    notify_client: z.boolean().describe('Whether the client is formally notified at this step.'),
    approval: roleViewSchema.optional(),
    note: z.string().optional(),
    reached: z.boolean().describe('True once the step\u2019s time has come.'),
  })
  .describe('One escalation step as a clock time.');

const moment = z.strictObject(when);

export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().describe('missing_answer, invalid_answer, unknown_question, invalid_option, invalid_matrix, no_tree, …'),
      message: z.string(),
      question: z
        .strictObject({
          id: z.string(),
          text: z.string(),
          help: z.string().optional(),
          choices: z.array(z.strictObject({ id: z.string(), label: z.string(), unsure: z.boolean().optional() })),
        })
        .optional(),
      given: z.string().optional(),
      path: z.array(z.strictObject({ question: z.string(), answer: z.string() })).optional(),
      diagnostics: z
        .array(z.strictObject({ file: z.string(), line: z.number().int(), column: z.number().int(), code: z.string(), message: z.string() }))
        .optional()
        .describe('With invalid_matrix: every error in the matrix, located.'),
    }),
  })
  .describe('What `escalate triage --json` prints on stdout when it cannot finish (exit 1 or 2).');

export const triageResultSchema = z
  .strictObject({
    version: z.literal(1).describe('The version of this result shape.'),
    matrix: z.strictObject({
      name: z.string(),
      file: z.string().optional(),
      sha256: z.string().optional().describe('SHA-256 of the matrix file text, to tell which version a transcript used.'),
      timezone: z.string(),
    }),
    started_at: iso.describe('The incident start.'),
    computed_at: iso.describe('When this result was computed ("now").'),
    timezone: z.string().describe('The zone the times are shown in.'),
    decided_by: z.enum(['tree', 'severity']).describe('Whether the triage tree or --severity decided the severity.'),
    answers: z.record(z.string(), z.string()).describe('The answers given, by question id (choice ids).'),
    path: z
      .array(
        z.strictObject({
          question: z.string(),
          text: z.string(),
          answer: z.string(),
          label: z.string(),
          unsure: z.boolean().optional().describe('True when the responder was not sure and the more severe answer was taken.'),
        }),
      )
      .describe('The questions and answers that led to the outcome, in order.'),
    severity: z.strictObject({
      id: z.string(),
      name: z.string(),
      definition: z.string(),
      rank: z.number().int().describe('1 for the most severe level.'),
      examples: z.array(z.string()),
      promise: z.enum(['workaround', 'resolution']).optional(),
    }),
    owner: roleViewSchema,
    route: z
      .strictObject({ id: z.string(), to: roleViewSchema, via: z.string().optional(), when: z.array(z.string()) })
      .optional(),
    note: z.string().optional(),
    clock: z
      .strictObject({
        id: z.string().describe('24x7, or the business-hours calendar the targets run on.'),
        source: z.string(),
        timezone: z.string().optional(),
        days: z.array(z.string()).optional(),
        hours: z.string().optional(),
        holidays: z.array(z.string()).optional(),
      })
      .describe('The clock the targets run on.'),
    deadlines: z.array(deadlineSchema).describe('Every deadline, earliest first.'),
    escalation: z.array(stepSchema).describe('The escalation timeline, in time order.'),
    client: z
      .strictObject({
        notify: z.enum(['formal', 'informal', 'none']),
        contact: roleViewSchema.optional(),
        by: roleViewSchema.optional(),
        channel: z.string().optional(),
        audience: z.enum(['external', 'internal']).optional(),
        due: moment.optional().describe('The notify_client deadline.'),
        step: moment.optional().describe('When the first escalation step that notifies the client happens.'),
      })
      .optional(),
    updates: z.strictObject({ every: z.string().optional(), next: z.array(moment).describe('The next three status updates.') }),
    governance: z.strictObject({
      rca: z.strictObject({ due: moment.optional(), owner: roleViewSchema.optional() }).optional(),
      review: z.string().optional().describe('The meeting where the incident is discussed.'),
      agenda: z.array(z.string()).describe('Items to raise about this incident at that meeting.'),
      risk_entry: z.strictObject({ after: z.number().int(), within: z.string() }).optional(),
      follow_ups: z.array(z.string()),
      review_thresholds: z.array(z.string()),
      closing: z.array(z.string()),
    }),
    contract: z
      .strictObject({
        tier: z.strictObject({ id: z.string(), description: z.string().optional() }).optional(),
        client: z.strictObject({ id: z.string(), name: z.string(), note: z.string().optional() }).optional(),
        exceptions: z.array(
          z.strictObject({ id: z.string(), reason: z.string(), from: iso, until: iso, approved_by: roleViewSchema }),
        ),
        changes: z
          .array(z.strictObject({ kind: z.string(), from: z.string().optional(), to: z.string(), source: z.string() }))
          .describe('Targets the contract changed from the severity\u2019s own.'),
        added_roles: z.array(z.strictObject({ role: z.string(), source: z.string() })),
        owner: z.strictObject({ role: z.string(), source: z.string() }).optional(),
        calendar: z.strictObject({ id: z.string(), source: z.string() }),
      })
      .describe('The contract that applied (tier, client, active exceptions) and what it changed.'),
    authority: z.array(
      z.strictObject({ role: roleViewSchema, may: z.string(), limit: z.string().optional(), owner: z.boolean() }),
    ),
    handoff: z
      .strictObject({
        fields: z.array(z.strictObject({ id: z.string(), label: z.string(), help: z.string().optional(), value: z.string().optional() })),
        missing: z.array(z.string()).describe('Required fields without a value.'),
        extra: z
          .array(z.strictObject({ id: z.string(), label: z.string(), help: z.string().optional(), value: z.string() }))
          .optional()
          .describe('Values given for handoff fields of the matrix that this severity does not require; kept, never dropped.'),
      })
      .describe('The handoff packet the severity requires, and any other fields given.'),
    message: z
      .strictObject({ kind: z.enum(['acknowledge', 'update', 'resolution']), audience: z.string(), subject: z.string().optional(), body: z.string() })
      .optional()
      .describe('The rendered communication template, with --message.'),
  })
  .describe('The result of `escalate triage --json`, also written by --record.');

export type TriageResult = z.infer<typeof triageResultSchema>;
export type TriageError = z.infer<typeof errorSchema>;
export type RoleViewJson = z.infer<typeof roleViewSchema>;
