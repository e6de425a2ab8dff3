/**
 * The escalation-matrix format, defined once. Types come from `z.infer`, the JSON Schema
 * from `z.toJSONSchema`, and the field descriptions feed the reference sheet.
 *
 * The schema checks shape and values only. References between parts (a role named by a
 * severity, a question named by an answer) are checked by `references.ts` over the raw
 * document, so they are reported even while other parts of the file are broken.
 */
import { z } from 'zod';
import { parseDuration } from '../time/duration.js';
import { isValidTimeZone } from '../time/zone.js';

// zod compiles a fast path with `new Function` the first time each object schema parses;
// a CLI parses once per run, where that compile costs more than it saves (~14 ms → ~6 ms).
z.config({ jitless: true });

const ID = /^[a-z0-9][a-z0-9_-]*$/;
const id = (what: string) =>
  z
    .string()
    .regex(ID, { error: `a ${what} id is lower-case letters, digits, "-" or "_" (like "sev1" or "eng-oncall")` });

export const roleRef = id('role').describe('The id of a role defined under `roles`.');
export const severityRef = id('severity').describe('The id of a severity defined under `severities`.');

export const duration = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = parseDuration(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason, params: { code: 'invalid-duration' } });
  })
  .describe('A duration: 15m, 2h, 1d, 1h30m or 2w.')
  .meta({ pattern: '^(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?$' });

/** A duration that must be longer than zero: a target of `0m` can never be met. */
const positiveDuration = duration
  .refine((value) => {
    const parsed = parseDuration(value);
    return !parsed.ok || parsed.minutes > 0;
  }, { error: 'a target of zero can never be met; give the time allowed, like 15m', params: { code: 'invalid-duration' } })
  .describe('A duration longer than zero: 15m, 2h, 1d, 1h30m or 2w.');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:\d{2})?$/;

function isRealDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const date = z
  .string()
  .refine((text) => DATE.test(text), { error: 'write the date as YYYY-MM-DD', params: { code: 'invalid-date' }, abort: true })
  .refine(isRealDate, { error: 'this date does not exist in the calendar', params: { code: 'invalid-date' } })
  .describe('A calendar date, YYYY-MM-DD.')
  .meta({ pattern: DATE.source });

export const dateTime = z
  .string()
  .refine((text) => DATE_TIME.test(text), {
    error: 'write the time as YYYY-MM-DD or YYYY-MM-DDTHH:MM, optionally with an offset like +01:00',
    params: { code: 'invalid-date' },
    abort: true,
  })
  .refine((text) => isRealDate(text) && validClock(text.slice(11, 16)), {
    error: 'this date or time does not exist in the calendar',
    params: { code: 'invalid-date' },
  })
  .describe('A date or a date and time (YYYY-MM-DDTHH:MM), in the matrix time zone unless it carries an offset.')
  .meta({ pattern: DATE_TIME.source });

function validClock(hhmm: string): boolean {
  if (hhmm === '') return true;
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h <= 23 && m <= 59;
}

export const timeZone = z
  .string()
  .refine(isValidTimeZone, {
    error: 'unknown time zone; use an IANA name like Europe/Berlin or America/New_York',
    params: { code: 'invalid-timezone' },
  })
  .describe('An IANA time zone name, like Europe/Berlin.');

const text = (description: string) => z.string().min(1, { error: 'must not be empty' }).describe(description);
const texts = (description: string) => z.array(z.string().min(1, { error: 'must not be empty' })).describe(description);

// ── Roles ────────────────────────────────────────────────────────────────────────
export const role = z
  .strictObject({
    title: text('What the role is called, like "Engineering on-call".'),
    contact: text('How to reach whoever holds the role now: a queue, pager, channel or shared mailbox (never a person).'),
    side: z
      .enum(['internal', 'client', 'vendor'])
      .default('internal')
      .describe('Whose side the role is on: `internal` (default), `client` or `vendor`.'),
    backup: text('Where to go when the main contact does not answer.').optional(),
    description: text('What the role does in an escalation.').optional(),
  })
  .describe('A role: accountability is always owned by a role, never a named person.');

// ── Targets ──────────────────────────────────────────────────────────────────────
export const TARGET_KINDS = [
  'acknowledge',
  'assign_owner',
  'notify_client',
  'escalate_after',
  'update_every',
  'workaround',
  'resolution',
  'rca',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const targets = z
  .strictObject({
    acknowledge: positiveDuration.describe('Acknowledge the report within this time.').optional(),
    assign_owner: positiveDuration.describe('Name an accountable owner within this time.').optional(),
    notify_client: positiveDuration.describe('Tell the client within this time.').optional(),
    escalate_after: positiveDuration.describe('Escalate to the next level when not resolved after this time.').optional(),
    update_every: positiveDuration.describe('Send a status update this often until resolved.').optional(),
    workaround: positiveDuration.describe('Provide a workaround within this time.').optional(),
    resolution: positiveDuration.describe('Resolve within this time.').optional(),
    rca: positiveDuration.describe('Deliver the root-cause analysis within this time.').optional(),
  })
  .describe('Response targets, each a time allowed from the incident start.');

// ── Severities ───────────────────────────────────────────────────────────────────
export const escalationStep = z
  .strictObject({
    after: duration.describe('When this step happens, measured from the incident start (0m = at once).'),
    layer: z
      .enum(['operational', 'management', 'client', 'executive'])
      .optional()
      .describe('Which layer the step reaches: operational, management, client or executive.'),
    notify: z.array(roleRef).min(1, { error: 'name at least one role to pull in' }).describe('Roles pulled in at this step.'),
    notify_client: z.boolean().optional().describe('Whether the client is formally notified at this step.'),
    approval: roleRef.optional().describe('The role that must approve this step.'),
    note: text('What happens at this step.').optional(),
  })
  .describe('One step of an escalation path.');

export const clientRule = z
  .strictObject({
    notify: z
      .enum(['formal', 'informal', 'none'])
      .describe('Whether the client is told formally, informally, or not at all.'),
    contact: roleRef.optional().describe('The client-side role that is told.'),
    by: roleRef.optional().describe('The role that tells the client.'),
    channel: text('How the client is told, like "phone, then email".').optional(),
    audience: z.enum(['external', 'internal']).optional().describe('Who the updates are written for.'),
  })
  .describe('How and by whom the client is told about an incident of this severity.');

export const governance = z
  .strictObject({
    rca_owner: roleRef.optional().describe('The role that owns the root-cause analysis.'),
    review: text('The meeting where incidents of this severity are discussed, like "weekly business review".').optional(),
    risk_entry: z
      .strictObject({
        after: z.number().int().min(1).describe('How many repeats create a risk-register entry.'),
        within: duration.describe('The window the repeats are counted in.'),
      })
      .optional()
      .describe('When repeats of this severity become a risk-register entry.'),
    follow_ups: texts('Other follow-ups this severity triggers.').optional(),
  })
  .describe('What an incident of this severity feeds after it is resolved.');

export const severity = z
  .strictObject({
    id: id('severity').describe('Short id used everywhere else, like "sev1".'),
    name: text('Plain-language name, like "Critical".'),
    definition: text('What qualifies an issue for this level, by impact: scope, business impact, workaround.'),
    impact: z
      .strictObject({
        scope: text('Who is affected.').optional(),
        business: text('What the business loses.').optional(),
        workaround: text('Whether a workaround exists.').optional(),
      })
      .optional()
      .describe('The impact dimensions that define this level.'),
    examples: texts('Concrete cases that belong at this level.').optional(),
    owner: roleRef.describe('The one role accountable at this level.'),
    calendar: z
      .string()
      .optional()
      .describe('The business-hours calendar the targets run on; omit for round the clock.'),
    targets: targets.optional(),
    promise: z
      .enum(['workaround', 'resolution'])
      .optional()
      .describe('Which of workaround or resolution is promised to the client.'),
    escalation: z.array(escalationStep).optional().describe('The escalation path, in time order.'),
    client: clientRule.optional(),
    handoff: z.array(z.string()).optional().describe('Ids of the handoff fields required at this level.'),
    governance: governance.optional(),
  })
  .describe('A severity level. The list is ordered: the first level is the most severe.');

// ── Triage decision tree ─────────────────────────────────────────────────────────
export const outcome = z
  .strictObject({
    severity: severityRef,
    owner: roleRef.optional().describe('The owning role; defaults to the severity owner.'),
    route: z.string().optional().describe('The cross-functional route to take, an id under `routes`.'),
    note: text('What to do next.').optional(),
  })
  .describe('Where an answer ends: a severity, an owner and a route.');

export const answer = z
  .strictObject({
    id: id('answer').optional().describe('Short id for scripts; defaults to the label in lower case with dashes.'),
    label: text('The answer as the responder reads it.'),
    unsure: z.boolean().optional().describe('Take this answer when the responder is not sure (the more severe case).'),
    next: z.string().optional().describe('The id of the next question.'),
    outcome: outcome.optional(),
  })
  .superRefine((a, ctx) => {
    if ((a.next === undefined) === (a.outcome === undefined)) {
      const message = a.next === undefined ? 'an answer needs `next` (a question id) or `outcome`' : 'an answer has either `next` or `outcome`, not both';
      ctx.addIssue({ code: 'custom', message, params: { code: 'answer-target' } });
    }
  })
  .describe('One answer: either `next` (another question) or `outcome`.');

export const question = z
  .strictObject({
    ask: text('The question, short enough to answer under pressure.'),
    help: text('What to check before answering.').optional(),
    answers: z.array(answer).min(1, { error: 'a question needs answers' }).describe('The answers, in the order shown.'),
  })
  .describe('A triage question.');

export const triage = z
  .strictObject({
    start: z.string().describe('The id of the first question.'),
    questions: z.record(id('question'), question).describe('The questions, by id.'),
  })
  .describe('The triage decision tree frontline walks through.');

// ── Everything else ──────────────────────────────────────────────────────────────
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const calendar = z
  .strictObject({
    timezone: timeZone.optional().describe('Time zone of the working hours; defaults to the matrix time zone.'),
    days: z.array(z.enum(DAYS)).min(1).describe('Working days, like [mon, tue, wed, thu, fri].'),
    hours: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'write working hours as HH:MM-HH:MM, like 09:00-17:00 (24:00 for midnight)' })
      .refine((h) => h.slice(0, 5) < h.slice(6), { error: 'working hours must end after they start' })
      .describe('Working hours on each working day, HH:MM-HH:MM.'),
    holidays: z.array(date).optional().describe('Dates on which no business time passes.'),
  })
  .describe('A business-hours calendar: targets bound to it only count working time.');

export const trigger = z
  .strictObject({
    id: id('trigger'),
    when: text('The condition, like "SLA missed two periods in a row".'),
    kind: z
      .enum(['sla', 'outage', 'security', 'billing', 'repeat', 'deadline', 'other'])
      .describe('The kind of trigger.'),
    review_as: severityRef.optional().describe('The least severity an issue matching this trigger is reviewed at.'),
    route: z.string().optional().describe('The route to take, an id under `routes`.'),
  })
  .describe('A condition that qualifies an issue for severity review.');

export const route = z
  .strictObject({
    to: roleRef.describe('The role that takes the issue.'),
    when: texts('The kinds of issue that take this route.'),
    via: text('Where to hand over, like "Jira ENG project".').optional(),
  })
  .describe('A cross-functional route from support to another team.');

const targetOverrides = z
  .record(z.string(), targets)
  .describe('Targets that replace the severity targets, by severity id.');

export const tier = z
  .strictObject({
    description: text('Who is in this tier and why.').optional(),
    calendar: z.string().optional().describe('The calendar this tier runs on; `24x7` for round the clock.'),
    targets: targetOverrides.optional(),
    notify: z.array(roleRef).optional().describe('Extra roles told about every incident of a client in this tier.'),
  })
  .describe('A customer tier: contractual targets and extra roles. It never changes the severity.');

export const client = z
  .strictObject({
    name: text('The client as people call it.'),
    tier: z.string().describe('The tier this client belongs to.'),
    targets: targetOverrides.optional(),
    notify: z.array(roleRef).optional().describe('Extra roles told for this client.'),
    note: text('Anything special about this client.').optional(),
  })
  .describe('A named client with its contract.');

export const exception = z
  .strictObject({
    id: id('exception'),
    reason: text('Why the exception exists, like "launch weekend".'),
    from: dateTime.describe('When the exception starts.'),
    until: dateTime.describe('When the exception ends; it must end.'),
    approved_by: roleRef.describe('The role that approved it.'),
    severities: z.array(severityRef).optional().describe('The severities it applies to; omit for all.'),
    clients: z.array(z.string()).optional().describe('The clients it applies to; omit for all.'),
    targets: targetOverrides.optional(),
    notify: z.array(roleRef).optional().describe('Extra roles pulled in while it is active.'),
    owner: roleRef.optional().describe('The owning role while it is active.'),
  })
  .describe('A time-bound change of targets or routing.');

export const TEMPLATE_KINDS = ['acknowledge', 'update', 'resolution'] as const;
export const template = z
  .strictObject({
    kind: z.enum(TEMPLATE_KINDS).describe('Which message this is: acknowledge, update or resolution.'),
    severities: z.array(severityRef).optional().describe('The severities it is for; omit for all.'),
    audience: z.enum(['client', 'internal']).default('client').describe('Who reads it.'),
    subject: text('The subject line; placeholders allowed.').optional(),
    body: text('The text, with {{placeholders}}.'),
  })
  .describe('A communication template.');

export const handoffField = z
  .strictObject({
    id: id('handoff field'),
    label: text('What the field is called.'),
    help: text('What to put in it.').optional(),
  })
  .describe('A field of the handoff packet.');

export const authority = z
  .strictObject({
    role: roleRef.describe('The role that may act.'),
    may: text('What it may do without escalating.'),
    limit: text('The limit, like "credit up to 10% of the monthly fee".').optional(),
    severities: z.array(severityRef).optional().describe('The severities it applies to; omit for all.'),
  })
  .describe('Something a role may do without escalating.');

export const lintLevel = z.enum(['off', 'warn', 'error']);

export const matrixSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema this file follows, for editors.'),
    version: z.literal(1).describe('The version of the matrix format; always 1 for now.'),
    name: text('What the matrix covers, like "Acme support".'),
    description: text('One paragraph on scope.').optional(),
    owner: roleRef.describe('The role accountable for keeping the matrix current.'),
    reviewed: date.describe('When the matrix was last reviewed, YYYY-MM-DD.'),
    review_every: duration.describe('How often it is reviewed, like 90d.'),
    review_triggers: texts('Events that call for a review outside the cadence.').optional(),
    timezone: timeZone.describe('The time zone deadlines are shown in.'),
    calendars: z.record(id('calendar'), calendar).optional().describe('Business-hours calendars, by id.'),
    roles: z.record(id('role'), role).describe('The roles, by id.'),
    severities: z.array(severity).min(1, { error: 'define at least one severity' }).describe('Severity levels, most severe first.'),
    triggers: z.array(trigger).optional().describe('Conditions that qualify an issue for severity review.'),
    routes: z.record(id('route'), route).optional().describe('Cross-functional routes, by id.'),
    triage: triage.optional(),
    tiers: z.record(id('tier'), tier).optional().describe('Customer tiers, by id.'),
    clients: z.record(id('client'), client).optional().describe('Named clients, by id.'),
    exceptions: z.array(exception).optional().describe('Time-bound exceptions.'),
    templates: z.array(template).optional().describe('Communication templates.'),
    handoff: z.array(handoffField).optional().describe('The handoff packet: fields a handoff carries.'),
    authority: z.array(authority).optional().describe('What roles may do without escalating.'),
    governance_review: texts('Thresholds that call for a governance review.').optional(),
    closing: texts('The checklist for closing an incident: impact ended, final message, root cause, KB link, tags.').optional(),
    lint: z
      .strictObject({
        rules: z.record(z.string(), lintLevel).optional().describe('Lint rule levels, by rule id: off, warn or error.'),
      })
      .optional()
      .describe('Lint settings for this matrix.'),
  })
  .describe('An escalation matrix: severities, owners, targets, paths and the triage tree.');

export type Matrix = z.infer<typeof matrixSchema>;
export type Role = z.infer<typeof role>;
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
