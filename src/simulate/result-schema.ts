/**
 * The shape of `escalate simulate --json`, defined once. Types come from `z.infer`;
 * `schemas/simulate-result.schema.json` is generated from it and drift-tested.
 */
import * as z from 'zod/mini';
import { described } from '../zod-setup.js';
import { DEADLINE_KINDS } from '../triage/result-schema.js';

const iso = described(
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}(:\d{2})?)$/)),
  'An instant, ISO 8601 with the display zone offset, like 2026-12-25T03:00:00+01:00.',
);
const date = described(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), 'A date, YYYY-MM-DD, in the calendar\u2019s time zone.');

export const pagedRoleSchema = described(
  z.strictObject({
    role: described(z.string(), 'The role id.'),
    title: z.string(),
    contact: z.string(),
    side: z.enum(['internal', 'client', 'vendor']),
    source: described(z.optional(z.string()), 'Why the role is pulled in when the escalation step does not name it: "owner", "triage answer", "tier premium", "client northwind", "exception x".'),
    alertmanager: described(z.optional(z.string()), 'The Alertmanager receiver that reaches the role (`paging` in the matrix).'),
    pagerduty: described(z.optional(z.string()), 'Who PagerDuty pages for the role, like "schedule PFRONT1" (`paging` in the matrix).'),
  }),
  'A role paged or pulled in, with how the paging tools reach it.',
);

export const CALENDAR_STATES = ['round-the-clock', 'open', 'holiday', 'closed-day', 'before-opening', 'after-closing'] as const;

export const simulationSchema = described(
  z.strictObject({
    severity: z.strictObject({ id: z.string(), name: z.string(), rank: described(z.number().check(z.int()), '1 for the most severe level.') }),
    owner: pagedRoleSchema,
    first_paged: described(
      z.optional(z.strictObject({ at: iso, roles: z.array(pagedRoleSchema) })),
      'The first escalation step: who is paged or pulled in first, and when. Absent when the severity has no escalation path.',
    ),
    paged: described(
      z.array(
        z.strictObject({
          at: iso,
          after: described(z.string(), 'The step\u2019s `after` as written in the matrix.'),
          layer: z.optional(z.enum(['operational', 'management', 'client', 'executive'])),
          roles: z.array(pagedRoleSchema),
          notify_client: z.boolean(),
        }),
      ),
      'Every escalation step as a clock time, earliest first.',
    ),
    deadlines: described(
      z.array(
        z.strictObject({
          kind: z.enum(DEADLINE_KINDS),
          label: z.string(),
          target: described(z.string(), 'The time allowed as written in the matrix (or by the contract in force).'),
          at: iso,
          source: described(z.string(), 'Where the target came from: severity, "tier premium", "client northwind", "exception x".'),
          promised: z.boolean(),
        }),
      ),
      'Every deadline as a clock time, earliest first.',
    ),
    calendar: described(
      z.strictObject({
        id: described(z.string(), '24x7, or the business-hours calendar the targets run on.'),
        source: described(z.string(), 'What chose the calendar: severity or "tier premium".'),
        timezone: z.optional(z.string()),
        days: z.optional(z.array(z.string())),
        hours: z.optional(z.string()),
        state: described(z.enum(CALENDAR_STATES), 'The calendar at the start: round the clock, open, or closed and why.'),
        holiday: described(z.optional(date), 'The holiday the start falls on (state holiday).'),
        opens_at: described(z.optional(iso), 'When working time next starts, when the calendar is closed at the start.'),
        holidays_skipped: described(z.array(date), 'Holidays on working days between the start and the last deadline: time does not pass on them.'),
      }),
      'The calendar rule that applied.',
    ),
    exceptions: described(
      z.array(z.strictObject({ id: z.string(), reason: z.string(), from: iso, until: iso })),
      'Exceptions active at the start that apply to this severity and client.',
    ),
    changes: described(
      z.array(z.strictObject({ kind: z.string(), from: z.optional(z.string()), to: z.string(), source: z.string() })),
      'Targets the tier, client or an exception changed.',
    ),
  }),
  'One severity starting at one instant.',
);

const paritySchema = z.strictObject({
  tool: z.enum(['pagerduty', 'alertmanager', 'ics']),
  findings: z.array(
    z.strictObject({
      at: iso,
      severity: z.string(),
      kind: described(
        z.enum(['holiday', 'low-urgency', 'earlier', 'later', 'not-paged', 'held', 'other-receiver', 'missing-holiday', 'extra-holiday', 'hours']),
        'How the tool differs from the matrix at this start. alertmanager: held (muted until the calendar opens, when the matrix clock starts), other-receiver (a receiver the matrix does not page first); ics: missing-holiday, extra-holiday, hours (the calendar file shows working hours where the matrix has none, or none where it has).',
      ),
      role: z.optional(z.string()),
      calendar: described(z.optional(z.string()), 'ics: the matrix calendar the finding is about.'),
      matrix_at: z.optional(iso),
      tool_at: z.optional(iso),
      message: z.string(),
    }),
  ),
  notes: described(z.array(z.string()), 'Differences no single start shows, like escalation stopping at acknowledgement.'),
});

export const simulateResultSchema = described(
  z.strictObject({
    version: z.literal(1),
    matrix: z.strictObject({ name: z.string(), file: z.optional(z.string()), timezone: z.string() }),
    timezone: described(z.string(), 'The zone times are shown in.'),
    decided_by: described(z.enum(['severity', 'tree']), '"tree" when answers chose the severity; "severity" for --severity or every severity.'),
    answers: z.record(z.string(), z.string()),
    contract: z.strictObject({ client: z.optional(z.string()), tier: z.optional(z.string()) }),
    sweep: described(z.optional(z.strictObject({ from: iso, to: iso, every: z.string() })), 'The range swept, for --from/--to.'),
    instants: described(
      z.array(z.strictObject({ at: iso, severities: z.array(simulationSchema) })),
      'Each start simulated, with each severity.',
    ),
    parity: described(z.optional(paritySchema), 'With --parity TOOL: where the paging tool, running the export, pages someone else, earlier, later or not at all.'),
    parities: described(z.optional(z.array(paritySchema)), 'With --parity all: the same for PagerDuty, Alertmanager and the calendar file, in that order.'),
  }),
  'escalate simulate --json: who is paged and when each deadline falls for incidents starting at chosen instants.',
);

export type SimulateResult = z.infer<typeof simulateResultSchema>;
export type Simulation = z.infer<typeof simulationSchema>;
export type PagedRole = z.infer<typeof pagedRoleSchema>;
export type CalendarState = (typeof CALENDAR_STATES)[number];
