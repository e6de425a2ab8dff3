/**
 * The escalation-matrix format, defined once. Types come from `z.infer`, the JSON Schema
 * from `z.toJSONSchema`, and the field descriptions feed the reference sheet.
 *
 * The schema checks shape and values only. References between parts (a role named by a
 * severity, a question named by an answer) are checked by `references.ts` over the raw
 * document, so they are reported even while other parts of the file are broken.
 */
import * as z from 'zod/mini';
import { described, withMeta } from '../zod-setup.js';
import { parseDuration } from '../time/duration.js';
import { isValidTimeZone } from '../time/zone.js';
import { PAGERDUTY_TARGET_KINDS } from './kinds.js';

const ID = /^[a-z0-9][a-z0-9_-]*$/;
const id = (what: string) =>
  z.string().check(z.regex(ID, { error: `a ${what} id is lower-case letters, digits, "-" or "_" (like "sev1" or "eng-oncall")` }));

export const roleRef = described(id('role'), 'The id of a role defined under `roles`.');
export const severityRef = described(id('severity'), 'The id of a severity defined under `severities`.');

export const duration = withMeta(
  z.string().check(
    z.superRefine((value, ctx) => {
      const parsed = parseDuration(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid-duration' } });
    }),
  ),
  { description: 'A duration: 15m, 2h, 1d, 1h30m or 2w.', pattern: '^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?$' },
);

/** A duration that must be longer than zero: a target of `0m` can never be met. */
const positiveDuration = described(
  duration.check(
    z.refine((value) => {
      const parsed = parseDuration(value);
      return !parsed.ok || parsed.minutes > 0;
    }, { error: 'a target of zero can never be met; give the time allowed, like 15m', params: { code: 'invalid-duration' } }),
  ),
  'A duration longer than zero: 15m, 2h, 1d, 1h30m or 2w.',
);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:\d{2})?$/;

function isRealDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const date = withMeta(
  z.string().check(
    z.refine((text) => DATE.test(text), { error: 'write the date as YYYY-MM-DD', params: { code: 'invalid-date' }, abort: true }),
    z.refine(isRealDate, { error: 'this date does not exist in the calendar', params: { code: 'invalid-date' } }),
  ),
  { description: 'A calendar date, YYYY-MM-DD.', pattern: DATE.source },
);

export const dateTime = withMeta(
  z.string().check(
    z.refine((text) => DATE_TIME.test(text), {
      error: 'write the time as YYYY-MM-DD or YYYY-MM-DDTHH:MM, optionally with an offset like +01:00',
      params: { code: 'invalid-date' },
      abort: true,
    }),
    z.refine((text) => isRealDate(text) && validClock(text.slice(11, 16)), {
      error: 'this date or time does not exist in the calendar',
      params: { code: 'invalid-date' },
    }),
  ),
  {
    description: 'A date or a date and time (YYYY-MM-DDTHH:MM), in the matrix time zone unless it carries an offset.',
    pattern: DATE_TIME.source,
  },
);

function validClock(hhmm: string): boolean {
  if (hhmm === '') return true;
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h <= 23 && m <= 59;
}

export const timeZone = described(
  z.string().check(
    z.refine(isValidTimeZone, {
      error: 'unknown time zone; use an IANA name like Europe/Berlin or America/New_York',
      params: { code: 'invalid-timezone' },
    }),
  ),
  'An IANA time zone name, like Europe/Berlin.',
);

// One instance, copied for each description: building a schema is most of lint's start-up work.
const nonEmpty = z.string().check(z.minLength(1, { error: 'must not be empty' }));
const text = (description: string) => described(nonEmpty.clone(), description);
const texts = (description: string) => described(z.array(nonEmpty), description);

// ── Roles ────────────────────────────────────────────────────────────────────────
export const role = described(
  z.strictObject({
    title: text('What the role is called, like "Engineering on-call".'),
    contact: text('How to reach whoever holds the role now: a queue, pager, channel or shared mailbox (never a person).'),
    side: described(
      z._default(z.enum(['internal', 'client', 'vendor']), 'internal'),
      'Whose side the role is on: `internal` (default), `client` or `vendor`.',
    ),
    client_contact: z.optional(
      text(
        'How a client may reach the role, when that differs from `contact`: client-audience templates render this for `{{owner_contact}}`. An `internal` or `vendor` role without it has an internal contact (a pager, an internal channel or extension), which a client template must not render; a `client` role\'s contact is the client\'s own.',
      ),
    ),
    backup: z.optional(text('Where to go when the main contact does not answer.')),
    description: z.optional(text('What the role does in an escalation.')),
  }),
  'A role: accountability is always owned by a role, never a named person.',
);

// ── Paging targets ──────────────────────────────────────────────────────────────
const PAGERDUTY_ID = /^[A-Z0-9]{2,20}$/;
const pagerdutyId = (what: string) =>
  described(
    z.string().check(z.regex(PAGERDUTY_ID, { error: 'a PagerDuty id is upper-case letters and digits, like "PABC123"' })),
    `The PagerDuty ${what} id, like "PABC123".`,
  );


export const pagerdutyTarget = described(
  z
    .strictObject({
      user: z.optional(pagerdutyId('user')),
      schedule: z.optional(pagerdutyId('schedule')),
      escalation_policy: z.optional(pagerdutyId('escalation policy')),
    })
    .check(
      z.superRefine((t, ctx) => {
        const given = PAGERDUTY_TARGET_KINDS.filter((k) => t[k] !== undefined);
        if (given.length !== 1) {
          const message = given.length === 0 ? 'give one of user, schedule or escalation_policy' : `give one of user, schedule or escalation_policy, not ${given.join(' and ')}`;
          ctx.addIssue({ code: 'custom', message, params: { code: 'paging-target-kind' } });
        }
      }),
    ),
  'Who PagerDuty pages for the role: exactly one of a user, a schedule or an escalation policy.',
);

export const pagingTarget = described(
  z.strictObject({
    alertmanager: z.optional(text('The Alertmanager receiver that reaches the role (a `receivers[].name`).')),
    pagerduty: z.optional(pagerdutyTarget),
  }),
  'Where the paging tools reach a role; `escalate export` writes these.',
);

// ── Targets ──────────────────────────────────────────────────────────────────────
export { TARGET_KINDS, PAGERDUTY_TARGET_KINDS, type TargetKind } from './kinds.js';

const target = (description: string) => z.optional(described(positiveDuration, description));

export const targets = described(
  z.strictObject({
    acknowledge: target('Acknowledge the report within this time.'),
    assign_owner: target('Name an accountable owner within this time.'),
    notify_client: target('Tell the client within this time.'),
    escalate_after: target('Escalate to the next level when not resolved after this time.'),
    update_every: target('Send a status update this often until resolved.'),
    workaround: target('Provide a workaround within this time.'),
    resolution: target('Resolve within this time.'),
    rca: target('Deliver the root-cause analysis within this time.'),
  }),
  'Response targets, each a time allowed from the incident start.',
);

// ── Severities ───────────────────────────────────────────────────────────────────
export const escalationStep = described(
  z.strictObject({
    after: described(duration, 'When this step happens, measured from the incident start (0m = at once).'),
    layer: described(
      z.optional(z.enum(['operational', 'management', 'client', 'executive'])),
      'Which layer the step reaches: operational, management, client or executive.',
    ),
    notify: described(z.array(roleRef).check(z.minLength(1, { error: 'name at least one role to pull in' })), 'Roles pulled in at this step.'),
    notify_client: described(z.optional(z.boolean()), 'Whether the client is formally notified at this step.'),
    approval: described(z.optional(roleRef), 'The role that must approve this step.'),
    note: z.optional(text('What happens at this step.')),
  }),
  'One step of an escalation path.',
);

export const clientRule = described(
  z.strictObject({
    notify: described(z.enum(['formal', 'informal', 'none']), 'Whether the client is told formally, informally, or not at all.'),
    contact: described(z.optional(roleRef), 'The client-side role that is told.'),
    by: described(z.optional(roleRef), 'The role that tells the client.'),
    channel: z.optional(text('How the client is told, like "phone, then email".')),
    audience: described(z.optional(z.enum(['external', 'internal'])), 'Who the updates are written for.'),
  }),
  'How and by whom the client is told about an incident of this severity.',
);

export const governance = described(
  z.strictObject({
    rca_owner: described(z.optional(roleRef), 'The role that owns the root-cause analysis.'),
    review: z.optional(text('The meeting where incidents of this severity are discussed, like "weekly business review".')),
    risk_entry: described(
      z.optional(
        z.strictObject({
          after: described(z.number().check(z.int(), z.gte(1)), 'How many repeats create a risk-register entry.'),
          within: described(duration, 'The window the repeats are counted in.'),
        }),
      ),
      'When repeats of this severity become a risk-register entry.',
    ),
    follow_ups: z.optional(texts('Other follow-ups this severity triggers.')),
  }),
  'What an incident of this severity feeds after it is resolved.',
);

export const severity = described(
  z.strictObject({
    id: described(id('severity'), 'Short id used everywhere else, like "sev1".'),
    name: text('Plain-language name, like "Critical".'),
    definition: text('What qualifies an issue for this level, by impact: scope, business impact, workaround.'),
    impact: described(
      z.optional(
        z.strictObject({
          scope: z.optional(text('Who is affected.')),
          business: z.optional(text('What the business loses.')),
          workaround: z.optional(text('Whether a workaround exists.')),
        }),
      ),
      'The impact dimensions that define this level.',
    ),
    examples: z.optional(texts('Concrete cases that belong at this level.')),
    owner: described(roleRef, 'The one role accountable at this level.'),
    calendar: described(z.optional(z.string()), 'The business-hours calendar the targets run on; omit for round the clock.'),
    targets: z.optional(targets),
    promise: described(z.optional(z.enum(['workaround', 'resolution'])), 'Which of workaround or resolution is promised to the client.'),
    escalation: described(z.optional(z.array(escalationStep)), 'The escalation path, in time order.'),
    client: z.optional(clientRule),
    handoff: described(z.optional(z.array(z.string())), 'Ids of the handoff fields required at this level.'),
    governance: z.optional(governance),
  }),
  'A severity level. The list is ordered: the first level is the most severe.',
);

// ── Triage decision tree ─────────────────────────────────────────────────────────
export const outcome = described(
  z.strictObject({
    severity: severityRef,
    owner: described(z.optional(roleRef), 'The owning role; defaults to the severity owner.'),
    route: described(z.optional(z.string()), 'The cross-functional route to take, an id under `routes`.'),
    note: z.optional(text('What to do next.')),
    inform: described(
      z.optional(z.array(roleRef)),
      'Roles to inform on this answer path only, internal or client-side (like an account manager for a VIP); pulled in at the first step without raising the severity.',
    ),
  }),
  'Where an answer ends: a severity, an owner, a route and who else to inform.',
);

export const answer = described(
  z
    .strictObject({
      id: described(z.optional(id('answer')), 'Short id for scripts; defaults to the label in lower case with dashes.'),
      label: text('The answer as the responder reads it.'),
      unsure: described(z.optional(z.boolean()), 'Take this answer when the responder is not sure (the more severe case).'),
      next: described(z.optional(z.string()), 'The id of the next question.'),
      outcome: z.optional(outcome),
    })
    .check(
      z.superRefine((a, ctx) => {
        if ((a.next === undefined) === (a.outcome === undefined)) {
          const message = a.next === undefined ? 'an answer needs `next` (a question id) or `outcome`' : 'an answer has either `next` or `outcome`, not both';
          ctx.addIssue({ code: 'custom', message, params: { code: 'answer-target' } });
        }
      }),
    ),
  'One answer: either `next` (another question) or `outcome`.',
);

export const question = described(
  z.strictObject({
    ask: text('The question, short enough to answer under pressure.'),
    help: z.optional(text('What to check before answering.')),
    answers: described(z.array(answer).check(z.minLength(1, { error: 'a question needs answers' })), 'The answers, in the order shown.'),
  }),
  'A triage question.',
);

export const triage = described(
  z.strictObject({
    start: described(z.string(), 'The id of the first question.'),
    questions: described(z.record(id('question'), question), 'The questions, by id.'),
  }),
  'The triage decision tree frontline walks through.',
);

// ── Everything else ──────────────────────────────────────────────────────────────
/** The path of a holidays file: relative, with "/", inside the matrix's folder. */
const holidayFile = z.string().check(
  z.refine((p) => p.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(p), { error: 'give the path of an iCalendar file, like holidays/uk.ics', params: { code: 'invalid-path' }, abort: true }),
  z.refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.includes('\\'), { error: 'write the path relative to the matrix file, with "/", like holidays/uk.ics', params: { code: 'invalid-path' }, abort: true }),
  z.refine((p) => !p.split('/').includes('..'), { error: 'a holidays file lives in the matrix\'s folder or below it; ".." is not allowed', params: { code: 'invalid-path' } }),
);
const HOLIDAYS_FROM =
  'An iCalendar (.ics) file of holidays, relative to the matrix file and inside its folder, like `holidays/uk.ics`: the feed HR or a government publishes. ' +
  'Its dates are added to `holidays` (both may be given). Every all-day event is a holiday on each day from DTSTART up to DTEND (exclusive); ' +
  'RRULE and RDATE recurrences count from 1 January of the year before `reviewed` to 31 December five years after it (the window moves on with each review; at most 1000 occurrences each), minus EXDATEs and moved or cancelled occurrences, while dates written out one by one count whatever their year; ' +
  'STATUS:CANCELLED events do not count, and events with a time of day are skipped with a warning (a holiday is a whole day in the calendar\'s time zone). ' +
  'The file is read like the matrix: a regular file of at most 1 MB; symbolic links only to a file inside the same folder.';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const calendar = described(
  z.strictObject({
    timezone: described(z.optional(timeZone), 'Time zone of the working hours; defaults to the matrix time zone.'),
    days: described(z.array(z.enum(DAYS)).check(z.minLength(1)), 'Working days, like [mon, tue, wed, thu, fri].'),
    hours: described(
      z
        .string()
        .check(
          z.regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'write working hours as HH:MM-HH:MM, like 09:00-17:00 (24:00 for midnight)' }),
          z.refine((h) => h.slice(0, 5) < h.slice(6), { error: 'working hours must end after they start' }),
        ),
      'Working hours on each working day, HH:MM-HH:MM.',
    ),
    holidays: described(z.optional(z.array(date)), 'Dates on which no business time passes.'),
    holidays_from: described(z.optional(holidayFile), HOLIDAYS_FROM),
  }),
  'A business-hours calendar: targets bound to it only count working time.',
);

export const trigger = described(
  z.strictObject({
    id: id('trigger'),
    when: text('The condition, like "SLA missed two periods in a row".'),
    kind: described(z.enum(['sla', 'outage', 'security', 'billing', 'repeat', 'deadline', 'other']), 'The kind of trigger.'),
    review_as: described(z.optional(severityRef), 'The least severity an issue matching this trigger is reviewed at.'),
    route: described(z.optional(z.string()), 'The route to take, an id under `routes`.'),
  }),
  'A condition that qualifies an issue for severity review.',
);

export const route = described(
  z.strictObject({
    to: described(roleRef, 'The role that takes the issue.'),
    when: texts('The kinds of issue that take this route.'),
    via: z.optional(text('Where to hand over, like "Jira ENG project".')),
  }),
  'A cross-functional route from support to another team.',
);

const targetOverrides = described(z.record(z.string(), targets), 'Targets that replace the severity targets, by severity id.');

export const tier = described(
  z.strictObject({
    description: z.optional(text('Who is in this tier and why.')),
    calendar: described(z.optional(z.string()), 'The calendar this tier runs on; `24x7` for round the clock.'),
    targets: z.optional(targetOverrides),
    notify: described(z.optional(z.array(roleRef)), 'Extra roles told about every incident of a client in this tier.'),
  }),
  'A customer tier: contractual targets and extra roles. It never changes the severity.',
);

export const client = described(
  z.strictObject({
    name: text('The client as people call it.'),
    tier: described(z.string(), 'The tier this client belongs to.'),
    targets: z.optional(targetOverrides),
    notify: described(z.optional(z.array(roleRef)), 'Extra roles told for this client.'),
    note: z.optional(text('Anything special about this client.')),
  }),
  'A named client with its contract.',
);

export const exception = described(
  z.strictObject({
    id: id('exception'),
    reason: text('Why the exception exists, like "launch weekend".'),
    from: described(dateTime, 'When the exception starts.'),
    until: described(dateTime, 'When the exception ends; it must end.'),
    approved_by: described(roleRef, 'The role that approved it.'),
    severities: described(z.optional(z.array(severityRef)), 'The severities it applies to; omit for all.'),
    clients: described(z.optional(z.array(z.string())), 'The clients it applies to; omit for all.'),
    targets: z.optional(targetOverrides),
    notify: described(z.optional(z.array(roleRef)), 'Extra roles pulled in while it is active.'),
    owner: described(z.optional(roleRef), 'The owning role while it is active.'),
  }),
  'A time-bound change of targets or routing.',
);

export const TEMPLATE_KINDS = ['acknowledge', 'update', 'resolution'] as const;
export const template = described(
  z.strictObject({
    kind: described(z.enum(TEMPLATE_KINDS), 'Which message this is: acknowledge, update or resolution.'),
    severities: described(z.optional(z.array(severityRef)), 'The severities it is for; omit for all.'),
    audience: described(z._default(z.enum(['client', 'internal']), 'client'), 'Who reads it.'),
    subject: z.optional(text('The subject line; placeholders allowed.')),
    body: text('The text, with {{placeholders}}.'),
  }),
  'A communication template.',
);

export const handoffField = described(
  z.strictObject({
    id: id('handoff field'),
    label: text('What the field is called.'),
    help: z.optional(text('What to put in it.')),
  }),
  'A field of the handoff packet.',
);

export const authority = described(
  z.strictObject({
    role: described(roleRef, 'The role that may act.'),
    may: text('What it may do without escalating.'),
    limit: z.optional(text('The limit, like "credit up to 10% of the monthly fee".')),
    severities: described(z.optional(z.array(severityRef)), 'The severities it applies to; omit for all.'),
  }),
  'Something a role may do without escalating.',
);

/** Target kinds a governance trigger can watch for a breach (the ones incident records judge). */
export const BREACHABLE_TARGETS = ['acknowledge', 'assign_owner', 'notify_client', 'escalate_after', 'workaround', 'resolution', 'rca'] as const;

export const governanceTrigger = described(
  z.strictObject({
    id: described(id('governance trigger'), 'Names the trigger in reports and lint findings.'),
    text: text('The threshold as people say it, like "More than two P1s for one client in a quarter".'),
    severities: described(z.optional(z.array(severityRef)), 'Only incidents of these severities (their severity when judged); omit for all.'),
    breaches: described(
      z.optional(z.enum([...BREACHABLE_TARGETS, 'any'])),
      'Only incidents that breached this target (late, overdue, or missed at resolution), or `any` target; omit to count every incident.',
    ),
    more_than: described(
      z.optional(z.int().check(z.minimum(0, { error: 'more_than counts incidents; give 0 or more' }))),
      'Triggered when more than this many matching incidents fall within `within` (per `per`); omit (0) to trigger on every matching incident.',
    ),
    within: described(z.optional(duration), 'The rolling window the count is taken over, like 90d for a quarter; omit to count over the whole report range.'),
    per: described(z.optional(z.enum(['client', 'tier'])), 'Count each client (or tier) apart; omit to count all incidents together.'),
  }),
  'A governance review threshold `escalate report` can evaluate: which incidents, and how many of them within a window.',
);

export const lintLevel = z.enum(['off', 'warn', 'error']);

export const matrixSchema = described(
  z.strictObject({
    $schema: described(z.optional(z.string()), 'The JSON Schema this file follows, for editors.'),
    version: described(z.literal(1), 'The version of the matrix format; always 1 for now.'),
    name: text('What the matrix covers, like "Acme support".'),
    description: z.optional(text('One paragraph on scope.')),
    owner: described(roleRef, 'The role accountable for keeping the matrix current.'),
    reviewed: described(date, 'When the matrix was last reviewed, YYYY-MM-DD.'),
    review_every: described(duration, 'How often it is reviewed, like 90d.'),
    review_triggers: z.optional(texts('Events that call for a review outside the cadence.')),
    timezone: described(timeZone, 'The time zone deadlines are shown in.'),
    calendars: described(z.optional(z.record(id('calendar'), calendar)), 'Business-hours calendars, by id.'),
    roles: described(z.record(id('role'), role), 'The roles, by id.'),
    paging: described(z.optional(z.record(id('role'), pagingTarget)), 'Paging targets by role id, for `escalate export` (Alertmanager receivers, PagerDuty users, schedules or escalation policies).'),
    severities: described(z.array(severity).check(z.minLength(1, { error: 'define at least one severity' })), 'Severity levels, most severe first.'),
    triggers: described(z.optional(z.array(trigger)), 'Conditions that qualify an issue for severity review.'),
    routes: described(z.optional(z.record(id('route'), route)), 'Cross-functional routes, by id.'),
    triage: z.optional(triage),
    tiers: described(z.optional(z.record(id('tier'), tier)), 'Customer tiers, by id.'),
    clients: described(z.optional(z.record(id('client'), client)), 'Named clients, by id.'),
    require_contract: described(
      z.optional(z.boolean()),
      'When true, triage must name a client, a tier or "none": a scripted run without one stops with a missing_answer error listing the choices.',
    ),
    exceptions: described(z.optional(z.array(exception)), 'Time-bound exceptions.'),
    templates: described(z.optional(z.array(template)), 'Communication templates.'),
    handoff: described(z.optional(z.array(handoffField)), 'The handoff packet: fields a handoff carries.'),
    authority: described(z.optional(z.array(authority)), 'What roles may do without escalating.'),
    governance_review: described(
      z.optional(z.array(z.union([text('A threshold as free text (people judge it).'), governanceTrigger]))),
      'Thresholds that call for a governance review: free text, or structured triggers that `escalate report --matrix` evaluates over incident records.',
    ),
    closing: z.optional(texts('The checklist for closing an incident: impact ended, final message, root cause, KB link, tags.')),
    lint: described(
      z.optional(
        z.strictObject({
          rules: described(z.optional(z.record(z.string(), lintLevel)), 'Lint rule levels, by rule id: off, warn or error.'),
        }),
      ),
      'Lint settings for this matrix.',
    ),
  }),
  'An escalation matrix: severities, owners, targets, paths and the triage tree.',
);

export type Matrix = z.infer<typeof matrixSchema>;
export type GovernanceTrigger = z.infer<typeof governanceTrigger>;
export type Role = z.infer<typeof role>;
export type PagingTarget = z.infer<typeof pagingTarget>;
export type PagerdutyTarget = z.infer<typeof pagerdutyTarget>;
export type Severity = z.infer<typeof severity>;
export type Targets = z.infer<typeof targets>;
export type EscalationStep = z.infer<typeof escalationStep>;
export type Question = z.infer<typeof question>;
export type Answer = z.infer<typeof answer>;
export type Outcome = z.infer<typeof outcome>;
export type Calendar = z.infer<typeof calendar>;
export type Tier = z.infer<typeof tier>;
export type Client = z.infer<typeof client>;
export type MatrixException = z.infer<typeof exception>;
export type Template = z.infer<typeof template>;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export type LintLevel = z.infer<typeof lintLevel>;
