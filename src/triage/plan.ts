/**
 * Incident planning: from a triage outcome and the incident start, every deadline as a
 * clock time, the escalation timeline, the next status updates, the RCA due time and the
 * governance follow-ups. Pure: `start` and `now` are passed in, nothing reads the clock.
 *
 * Times follow the outcome's clock: round the clock (elapsed time), or the business-hours
 * calendar named by the severity (or by the client's tier), where only working time counts
 * and a day is a working day. See src/time/clock.ts.
 */
import type { Matrix, Severity, TargetKind } from '../matrix/schema.js';
import { TARGET_KINDS } from '../matrix/kinds.js';
import { thresholdText } from '../matrix/governance.js';
import { clockMinutes, dueAfter, elapsedClock, minutesOnClock, addOnClock, ROUND_THE_CLOCK, type TargetClock } from '../time/clock.js';
import { clockText } from '../time/display.js';
import { formatInstant } from '../time/instant.js';
import { isValidTimeZone } from '../time/zone.js';
import { minutesFrom, relativeText } from '../time/relative.js';
import { NoWorkingTimeError, sharedWorkingCalendar } from '../time/working-time.js';
import { applyContract, type AppliedContract, type ContractRequest, type Source } from './contract.js';
import type { ResolvedOutcome } from './engine.js';
import { quoted } from '../quote.js';

export interface RoleView {
  role: string;
  title: string;
  contact: string;
  side: 'internal' | 'client' | 'vendor';
  backup?: string;
  /** Set when the role was added by a contract: `tier premium`, `client northwind`, `exception x`. */
  source?: Source;
}

/** Target kinds that fall due once, plus the first upcoming status update. */
export type DeadlineKind = Exclude<TargetKind, 'update_every'> | 'next_update';

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  acknowledge: 'Acknowledge',
  assign_owner: 'Owner assigned',
  notify_client: 'Client notified',
  escalate_after: 'Escalate if unresolved',
  workaround: 'Workaround',
  resolution: 'Resolution',
  rca: 'Root-cause analysis',
  next_update: 'Next status update',
};

/** A moment on the plan: the instant, its ISO 8601 text in the display zone, and how far from now. */
export interface When {
  at: Date;
  /** ISO 8601 with the display zone's offset, like `2026-03-27T16:45:00+01:00`. */
  iso: string;
  /** Whole minutes from now; negative once passed. */
  minutesFromNow: number;
  /** `in 12 min`, `overdue by 5 min`, `due now`. */
  relative: string;
}

export interface PlannedDeadline extends When {
  kind: DeadlineKind;
  label: string;
  /** The duration allowed, as written in the matrix (`15m`), or the update cadence for `next_update`. */
  target: string;
  /** True once the deadline has passed. */
  overdue: boolean;
  /** True for the one of workaround/resolution the severity promises the client. */
  promised: boolean;
  source: Source;
}

export interface PlannedStep extends When {
  /** The step's `after`, as written. */
  after: string;
  layer?: 'operational' | 'management' | 'client' | 'executive';
  notify: RoleView[];
  /** Whether the client is formally notified at this step. */
  notifyClient: boolean;
  approval?: RoleView;
  note?: string;
  /** True once the step's time has come. */
  reached: boolean;
}

export interface ClientNotice {
  notify: 'formal' | 'informal' | 'none';
  /** The client-side role that is told. */
  contact?: RoleView;
  /** The role that tells the client. */
  by?: RoleView;
  channel?: string;
  audience?: 'external' | 'internal';
  /** The `notify_client` deadline, when the severity has one. */
  due?: When;
  /** When the first escalation step that notifies the client happens. */
  step?: When;
}

export interface GovernancePlan {
  rca?: { due?: When; owner?: RoleView };
  review?: string;
  /** Items to raise at the review meeting, when the severity names one. */
  agenda: string[];
  riskEntry?: { after: number; within: string };
  followUps: string[];
  /** Matrix-wide thresholds that call for a governance review. */
  reviewThresholds: string[];
  closing: string[];
}

export interface AuthorityView {
  role: RoleView;
  may: string;
  limit?: string;
  /** True when the role is the incident's owner. */
  owner: boolean;
}

export interface IncidentPlan {
  severity: Severity;
  /** 1 for the most severe level. */
  rank: number;
  owner: RoleView;
  route?: { id: string; to: RoleView; via?: string; when: string[] };
  note?: string;
  /** Roles the triage answer adds to those told (the outcome's `inform`), pulled in at the first step. */
  inform: RoleView[];
  start: When;
  now: Date;
  /** The zone times are shown in. */
  zone: string;
  /** The clock the targets run on: `24x7`, or a calendar id with its working hours. */
  clock: { id: string; source: Source; zone?: string; days?: string[]; hours?: string; holidays?: string[] };
  /** Every deadline, earliest first. */
  deadlines: PlannedDeadline[];
  /** The escalation path as clock times, in time order. */
  escalation: PlannedStep[];
  client?: ClientNotice;
  updates: { every?: string; next: When[] };
  governance: GovernancePlan;
  contract: AppliedContract;
  authority: AuthorityView[];
  /** Handoff fields the severity requires, in matrix order. */
  handoff: { id: string; label: string; help?: string }[];
}

export interface PlanOptions extends ContractRequest {
  /** When the incident started. */
  start: Date;
  /** The present, for "in 12 min" and "overdue by 5 min"; inject it, never read the clock here. */
  now: Date;
  /** The IANA zone to show times in; defaults to the matrix time zone. */
  displayZone?: string;
}

export type PlanResult = { ok: true; plan: IncidentPlan } | { ok: false; code: string; reason: string };

/** How many upcoming status updates a plan lists. */
export const UPDATES_SHOWN = 3;

/**
 * Plans an incident: the deadlines, escalation timeline, status updates, RCA and governance
 * follow-ups for a triage outcome (from `walk()`) or a severity id, starting at `start`.
 *
 * Every deadline is at or after `start`; deadlines and escalation steps are sorted by time.
 * Round-the-clock targets are elapsed time (`1d` = 24 h, also across daylight-saving
 * changes); targets on a business calendar count working time only and skip nights,
 * non-working days and holidays, with `1d` one working day. A tier or client
 * (`options.client` / `options.tier`) and any exception active at `start` replace targets
 * and add roles; the severity never changes.
 *
 * @example
 *   const plan = planIncident(matrix, 'sev1', { start: new Date('2026-03-27T16:30:00+01:00'), now });
 *   if (plan.ok) plan.plan.deadlines.find((d) => d.kind === 'acknowledge')?.iso; // '2026-03-27T16:45:00+01:00'
 */
export function planIncident(matrix: Matrix, outcome: ResolvedOutcome | string, options: PlanOptions): PlanResult {
  return unlessNoWorkingTime(() => planWithTimes(matrix, outcome, options));
}

/** A calendar that cannot meet a target is a failed plan naming it, not an exception. */
function unlessNoWorkingTime<T>(plan: () => T): T | { ok: false; code: string; reason: string } {
  try {
    return plan();
  } catch (error) {
    if (error instanceof NoWorkingTimeError) return { ok: false, code: 'no-working-time', reason: error.message };
    throw error;
  }
}

/** What a simulation reads of a plan: the parts of `IncidentPlan` that say who is paged when, every deadline, and the clock. */
export type PlanTimeline = Pick<IncidentPlan, 'severity' | 'rank' | 'owner' | 'start' | 'zone' | 'clock' | 'deadlines' | 'escalation' | 'contract'>;

/**
 * The timeline of `planIncident`'s plan alone, made by the same code: simulate plans a year of
 * hours for every severity and reads only these parts, so it skips the governance agenda,
 * updates, client notice, authority and handoff that a full plan words for each.
 */
export function planTimeline(matrix: Matrix, outcome: ResolvedOutcome | string, options: PlanOptions): { ok: true; plan: PlanTimeline } | { ok: false; code: string; reason: string } {
  return unlessNoWorkingTime(() => {
    const core = planCore(matrix, outcome, options);
    if (!core.ok) return core;
    const { severity, owner, contract, zone, clockView, when, deadlines, escalation } = core;
    const plan = { severity, rank: matrix.severities.indexOf(severity) + 1, owner } as PlanTimeline;
    plan.start = when(options.start);
    plan.zone = zone;
    plan.clock = clockView;
    plan.deadlines = deadlines;
    plan.escalation = escalation;
    plan.contract = contract;
    return { ok: true as const, plan };
  });
}

/** The times, the owner, the roles pulled in and the escalation steps, which every plan needs. */
function planCore(matrix: Matrix, outcome: ResolvedOutcome | string, options: PlanOptions) {
  const timed = planTimes(matrix, outcome, options);
  if (!timed.ok) return timed;
  const { resolved, severity, contract, zone, clock, when, updates, deadlines } = timed;
  const owner = ownerOf(matrix, resolved, contract);
  const inform = (resolved.inform ?? []).map((id) => roleView(matrix, id, INFORM_SOURCE));
  const pulledIn = [
    // An owner other than the severity's is told at once, or the timeline never names who owns it.
    ...(owner.role !== severity.owner ? [{ role: owner.role, source: owner.source ?? OWNER_SOURCE }] : []),
    ...inform.map((r) => ({ role: r.role, source: INFORM_SOURCE })),
    ...contract.extraRoles,
  ];
  const escalation = escalationSteps(matrix, severity, pulledIn, clock, options.start, options.now, when);
  const calendarDef = clock.kind === 'working' && contract.calendar ? matrix.calendars?.[contract.calendar] : undefined;
  const clockView: IncidentPlan['clock'] =
    clock.kind === 'working' && calendarDef
      ? { id: clock.id, source: contract.calendarSource, zone: clock.calendar.zone, days: calendarDef.days, hours: calendarDef.hours, holidays: calendarDef.holidays ?? [] }
      : { id: clock.id, source: contract.calendarSource };
  return { ok: true as const, resolved, severity, contract, zone, when, updates, deadlines, owner, inform, escalation, clockView };
}

function planWithTimes(matrix: Matrix, outcome: ResolvedOutcome | string, options: PlanOptions): PlanResult {
  const core = planCore(matrix, outcome, options);
  if (!core.ok) return core;
  const { resolved, severity, contract, zone, when, updates, deadlines, owner, inform, escalation, clockView } = core;
  const { start, now } = options;
  const role = (id: string, source?: Source): RoleView => roleView(matrix, id, source);
  const targets = contract.targets;
  const routeDef = resolved.route !== undefined && matrix.routes && Object.hasOwn(matrix.routes, resolved.route) ? matrix.routes[resolved.route] : undefined;
  const client = clientNotice(matrix, severity, deadlines, escalation);
  const rcaDeadline = deadlines.find((d) => d.kind === 'rca');
  const gov = severity.governance;

  // Built a key at a time, in the order the plan's JSON shows them: an object literal with a
  // conditional spread before other keys makes V8 add each key after it the slow way (planning
  // is run hundreds of thousands of times by simulate, status and report).
  const plan = { severity, rank: matrix.severities.indexOf(severity) + 1, owner } as IncidentPlan;
  if (resolved.route !== undefined && routeDef) {
    const to = role(routeDef.to);
    plan.route = routeDef.via ? { id: resolved.route, to, via: routeDef.via, when: routeDef.when } : { id: resolved.route, to, when: routeDef.when };
  }
  if (resolved.note) plan.note = resolved.note;
  plan.inform = inform;
  plan.start = when(start);
  plan.now = now;
  plan.zone = zone;
  plan.clock = clockView;
  plan.deadlines = deadlines;
  plan.escalation = escalation;
  if (client) plan.client = client;
  plan.updates = targets.update_every ? { every: targets.update_every, next: updates.map(when) } : { next: updates.map(when) };
  const governance = {} as GovernancePlan;
  if (rcaDeadline || gov?.rca_owner) {
    const rca: NonNullable<GovernancePlan['rca']> = {};
    if (rcaDeadline) rca.due = pickWhen(rcaDeadline);
    if (gov?.rca_owner) rca.owner = role(gov.rca_owner);
    governance.rca = rca;
  }
  if (gov?.review) governance.review = gov.review;
  governance.agenda = gov?.review ? reviewAgenda(matrix, severity, owner, start, zone, rcaDeadline) : [];
  if (gov?.risk_entry) governance.riskEntry = gov.risk_entry;
  governance.followUps = gov?.follow_ups ?? [];
  governance.reviewThresholds = (matrix.governance_review ?? []).map(thresholdText);
  governance.closing = matrix.closing ?? [];
  plan.governance = governance;
  plan.contract = contract;
  plan.authority = (matrix.authority ?? [])
    .filter((a) => !a.severities || a.severities.includes(severity.id))
    .map((a) => (a.limit ? { role: role(a.role), may: a.may, limit: a.limit, owner: a.role === owner.role } : { role: role(a.role), may: a.may, owner: a.role === owner.role }));
  plan.handoff = (severity.handoff ?? []).map((id) => {
    const field = matrix.handoff?.find((f) => f.id === id);
    return field?.help ? { id, label: field.label ?? id, help: field.help } : { id, label: field?.label ?? id };
  });
  return { ok: true, plan };
}

/** What `planDeadlines` and `planIncident` share: the contract, the clock and every deadline. */
type PlanTimes =
  | {
      ok: true;
      resolved: ResolvedOutcome;
      severity: Severity;
      contract: AppliedContract;
      zone: string;
      clock: TargetClock;
      when: (at: Date) => When;
      updates: Date[];
      deadlines: PlannedDeadline[];
    }
  | { ok: false; code: string; reason: string };

/** Instants the deadline arithmetic and ISO 8601 output can carry: four-digit years, with room for a year of targets. */
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9998, 0, 1);

/** Bad options are the documented failure (`ok: false`), never a RangeError from date code. */
function optionsProblem(options: PlanOptions): { ok: false; code: string; reason: string } | undefined {
  if (typeof options !== 'object' || options === null) return { ok: false, code: 'invalid-time', reason: 'options with start and now are required' };
  for (const key of ['start', 'now'] as const) {
    const value: unknown = options[key];
    const time = value instanceof Date ? value.getTime() : Number.NaN;
    if (!(time >= EARLIEST && time < LATEST)) return { ok: false, code: 'invalid-time', reason: `options.${key} must be a valid Date between the years 1000 and 9997` };
  }
  const zone: unknown = options.displayZone;
  if (zone !== undefined && (typeof zone !== 'string' || !isValidTimeZone(zone))) {
    return { ok: false, code: 'invalid-zone', reason: `options.displayZone ${typeof zone === 'string' ? quoted(zone) : `(a ${typeof zone})`} is not an IANA time zone` };
  }
  return undefined;
}

function planTimes(matrix: Matrix, outcome: ResolvedOutcome | string, options: PlanOptions): PlanTimes {
  const problem = optionsProblem(options);
  if (problem) return problem;
  const resolved = typeof outcome === 'string' ? severityOutcome(matrix, outcome) : outcome;
  if (!resolved) return { ok: false, code: 'unknown-severity', reason: `unknown severity ${typeof outcome === 'string' ? quoted(outcome) : `(a ${outcome === null ? 'null' : typeof outcome})`}; known: ${matrix.severities.map((s) => s.id).join(', ')}` };
  const { severity } = resolved;
  const applied = applyContract(matrix, severity, options, options.start);
  if (!applied.ok) return applied;
  const contract = applied.contract;
  const zone = options.displayZone ?? matrix.timezone;
  const { start, now } = options;
  const clock = targetClock(matrix, contract.calendar);
  const when = (at: Date): When => {
    const minutesFromNow = minutesFrom(now, at);
    return { at, iso: formatInstant(at, zone), minutesFromNow, relative: relativeText(minutesFromNow) };
  };
  const targets = contract.targets;

  const deadlines: PlannedDeadline[] = [];
  // Every kind a target may have, in a fixed order (the sort below orders them in full).
  for (const kind of TARGET_KINDS) {
    const target = targets[kind];
    if (target === undefined || kind === 'update_every') continue;
    deadlines.push(deadline(kind, target, dueAfter(clock, start, target), contract.targetSources[kind] ?? 'severity'));
  }
  const updates = upcomingUpdates(clock, start, now, targets.update_every);
  if (updates[0] && targets.update_every) {
    deadlines.push(deadline('next_update', targets.update_every, updates[0], contract.targetSources.update_every ?? 'severity'));
  }
  deadlines.sort((a, b) => a.at.getTime() - b.at.getTime() || DEADLINE_RANK[a.kind] - DEADLINE_RANK[b.kind]);

  function deadline(kind: DeadlineKind, target: string, at: Date, source: Source): PlannedDeadline {
    const w = when(at);
    // The keys of `when` written out: a spread between keys is V8's slow way to build an object.
    return {
      kind,
      label: DEADLINE_LABELS[kind],
      target,
      at: w.at,
      iso: w.iso,
      minutesFromNow: w.minutesFromNow,
      relative: w.relative,
      overdue: at.getTime() < now.getTime(),
      promised: kind === severity.promise,
      source,
    };
  }
  return { ok: true, resolved, severity, contract, zone, clock, when, updates, deadlines };
}

/**
 * Only the deadlines and the owner of an incident, without its timeline, updates or
 * governance: what a matrix test checks, at a fraction of `planIncident`'s work.
 */
export function planDeadlines(
  matrix: Matrix,
  outcome: ResolvedOutcome | string,
  options: PlanOptions,
): { ok: true; deadlines: PlannedDeadline[]; owner: RoleView } | { ok: false; code: string; reason: string } {
  return unlessNoWorkingTime(() => {
    const timed = planTimes(matrix, outcome, options);
    if (!timed.ok) return timed;
    return { ok: true as const, deadlines: timed.deadlines, owner: ownerOf(matrix, timed.resolved, timed.contract) };
  });
}

function ownerOf(matrix: Matrix, resolved: ResolvedOutcome, contract: AppliedContract): RoleView {
  return contract.owner ? roleView(matrix, contract.owner.role, contract.owner.source) : roleView(matrix, resolved.owner);
}

/** What to raise about this incident at the review meeting its severity feeds. */
function reviewAgenda(matrix: Matrix, severity: Severity, owner: RoleView, start: Date, zone: string, rca: PlannedDeadline | undefined): string[] {
  const gov = severity.governance;
  const items = [`${severity.id.toUpperCase()} ${severity.name} incident started ${clockText(start, zone)}, owned by ${owner.title}: impact, timeline and whether each target was met`];
  if (gov?.rca_owner || rca) {
    const who = gov?.rca_owner ? roleView(matrix, gov.rca_owner).title : 'the owner';
    items.push(`Root-cause analysis by ${who}${rca ? `, due ${clockText(rca.at, zone)}` : ''}`);
  }
  if (gov?.risk_entry) items.push(`Repeats: ${gov.risk_entry.after} or more ${severity.id} incidents within ${gov.risk_entry.within} make a risk-register entry`);
  items.push(...(gov?.follow_ups ?? []));
  return items;
}

const DEADLINE_ORDER: DeadlineKind[] = ['acknowledge', 'assign_owner', 'notify_client', 'next_update', 'escalate_after', 'workaround', 'resolution', 'rca'];
/** Each kind's place in DEADLINE_ORDER: deadlines due at the same instant are listed in that order. */
const DEADLINE_RANK = Object.fromEntries(DEADLINE_ORDER.map((kind, i) => [kind, i])) as Record<DeadlineKind, number>;

const pickWhen = ({ at, iso, minutesFromNow, relative }: When): When => ({ at, iso, minutesFromNow, relative });

function severityOutcome(matrix: Matrix, id: string): ResolvedOutcome | undefined {
  const severity = matrix.severities.find((s) => s.id === id);
  return severity ? { severity, owner: severity.owner } : undefined;
}

/** The clock for a calendar id: round the clock for `24x7`, none, or an undefined calendar. */
export function targetClock(matrix: Matrix, calendarId: string | undefined): TargetClock {
  if (calendarId === undefined || calendarId === ROUND_THE_CLOCK) return elapsedClock;
  const calendar = matrix.calendars && Object.hasOwn(matrix.calendars, calendarId) ? matrix.calendars[calendarId] : undefined;
  if (!calendar) return elapsedClock;
  return { kind: 'working', id: calendarId, calendar: sharedWorkingCalendar(calendar, matrix.timezone, calendarId) };
}

export function roleView(matrix: Matrix, id: string, source?: Source): RoleView {
  const def = Object.hasOwn(matrix.roles, id) ? matrix.roles[id] : undefined;
  const view: RoleView = { role: id, title: def?.title ?? id, contact: def?.contact ?? '(no contact defined)', side: def?.side ?? 'internal' };
  if (def?.backup) view.backup = def.backup;
  if (source) view.source = source;
  return view;
}

/** The next status updates after `now`, every `every` from the start on the target clock. */
function upcomingUpdates(clock: TargetClock, start: Date, now: Date, every: string | undefined): Date[] {
  if (!every) return [];
  const step = clockMinutes(clock, every);
  if (step <= 0) return [];
  // Adding on a clock is associative, so each update is one step after the one before.
  let at = addOnClock(clock, start, (Math.floor(minutesOnClock(clock, start, now) / step) + 1) * step);
  const out: Date[] = [];
  for (let guard = 0; out.length < UPDATES_SHOWN && guard < UPDATES_SHOWN + 5; guard++) {
    if (at.getTime() > now.getTime()) out.push(at);
    at = addOnClock(clock, at, step);
  }
  return out;
}

/** Where a role told because of the triage answer came from. */
export const INFORM_SOURCE = 'triage answer';
/** Where the owner pulled in at the first step came from, when the triage answer named it. */
export const OWNER_SOURCE = 'owner';

function escalationSteps(
  matrix: Matrix,
  severity: Severity,
  pulledIn: { role: string; source: Source }[],
  clock: TargetClock,
  start: Date,
  now: Date,
  when: (at: Date) => When,
): PlannedStep[] {
  const steps: PlannedStep[] = (severity.escalation ?? []).map((step) => {
    const at = dueAfter(clock, start, step.after);
    const w = when(at);
    const planned = { after: step.after, at: w.at, iso: w.iso, minutesFromNow: w.minutesFromNow, relative: w.relative } as PlannedStep;
    if (step.layer) planned.layer = step.layer;
    planned.notify = step.notify.map((id) => roleView(matrix, id));
    planned.notifyClient = step.notify_client === true;
    if (step.approval) planned.approval = roleView(matrix, step.approval);
    if (step.note) planned.note = step.note;
    planned.reached = at.getTime() <= now.getTime();
    return planned;
  });
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  if (pulledIn.length > 0) {
    let first = steps.find((s) => s.at.getTime() === start.getTime());
    if (!first) {
      const w = when(start);
      first = { after: '0m', at: w.at, iso: w.iso, minutesFromNow: w.minutesFromNow, relative: w.relative, notify: [], notifyClient: false, reached: start.getTime() <= now.getTime() };
      steps.unshift(first);
    }
    for (const extra of pulledIn) {
      if (!first.notify.some((r) => r.role === extra.role)) first.notify.push(roleView(matrix, extra.role, extra.source));
    }
  }
  return steps;
}

function clientNotice(matrix: Matrix, severity: Severity, deadlines: PlannedDeadline[], steps: PlannedStep[]): ClientNotice | undefined {
  const rule = severity.client;
  const due = deadlines.find((d) => d.kind === 'notify_client');
  const step = steps.find((s) => s.notifyClient);
  if (!rule && !due && !step) return undefined;
  const notice: ClientNotice = { notify: rule?.notify ?? 'formal' };
  if (rule?.contact) notice.contact = roleView(matrix, rule.contact);
  if (rule?.by) notice.by = roleView(matrix, rule.by);
  if (rule?.channel) notice.channel = rule.channel;
  if (rule?.audience) notice.audience = rule.audience;
  if (due) notice.due = pickWhen(due);
  if (step) notice.step = pickWhen(step);
  return notice;
}
