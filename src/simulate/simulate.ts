/**
 * What-if: incidents of chosen severities starting at chosen instants, planned by the triage
 * planner itself (so a simulation and a triage at that moment never disagree), reduced to
 * who is paged or pulled in when, every deadline, and the calendar rule, holiday or
 * exception that shaped them. Pure: the instants, zones and contract are passed in.
 */
import type { Matrix } from '../matrix/schema.js';
import { PAGERDUTY_TARGET_KINDS } from '../matrix/kinds.js';
import { formatInstant, localDate } from '../time/instant.js';
import { addWorkingMinutes, isWorkingTime, type WorkingCalendar } from '../time/working-time.js';
import type { ResolvedOutcome } from '../triage/engine.js';
import { planTimeline, targetClock, type PlanTimeline, type RoleView } from '../triage/plan.js';
import type { CalendarState, PagedRole, SimulateResult, Simulation } from './result-schema.js';
import { completed, type Steps } from './steps.js';

export interface SimulateOptions {
  /** The outcomes to simulate: one per severity, or the one the triage answers reached. */
  outcomes: readonly ResolvedOutcome[];
  /** Incident starts, in the order to report them. */
  instants: readonly Date[];
  client?: string;
  tier?: string;
  /** The zone times are shown in; defaults to the matrix zone. */
  displayZone?: string;
}

export type SimulationFailure = { ok: false; code: string; reason: string; at: Date; severity: string };

/** Every outcome at every instant, or the first plan that failed (an unknown client, a calendar without working time). */
export function simulate(matrix: Matrix, options: SimulateOptions): { ok: true; instants: SimulateResult['instants'] } | SimulationFailure {
  return completed(simulateSteps(matrix, options));
}

/** simulate, a start at a time (see Steps). */
export function* simulateSteps(matrix: Matrix, options: SimulateOptions): Steps<{ ok: true; instants: SimulateResult['instants'] } | SimulationFailure> {
  const zone = options.displayZone ?? matrix.timezone;
  const instants: SimulateResult['instants'] = [];
  for (const start of options.instants) {
    const severities: Simulation[] = [];
    for (const outcome of options.outcomes) {
      const planned = planTimeline(matrix, outcome, {
        start,
        now: start,
        displayZone: zone,
        ...(options.client !== undefined ? { client: options.client } : {}),
        ...(options.tier !== undefined ? { tier: options.tier } : {}),
      });
      if (!planned.ok) return { ok: false, code: planned.code, reason: planned.reason, at: start, severity: outcome.severity.id };
      severities.push(simulation(matrix, planned.plan));
    }
    instants.push({ at: formatInstant(start, zone), severities });
    yield;
  }
  return { ok: true, instants };
}

/** One plan as a simulation: who is paged when, every deadline, the calendar rule and the contract's part. */
export function simulation(matrix: Matrix, plan: PlanTimeline): Simulation {
  const zone = plan.zone;
  const iso = (d: Date) => formatInstant(d, zone);
  const paged = plan.escalation.map((step): Simulation['paged'][number] => {
    const roles = step.notify.map((r) => pagedRole(matrix, r));
    return step.layer ? { at: step.iso, after: step.after, layer: step.layer, roles, notify_client: step.notifyClient } : { at: step.iso, after: step.after, roles, notify_client: step.notifyClient };
  });
  const first = paged[0];
  const last = plan.deadlines.reduce((latest, d) => Math.max(latest, d.at.getTime()), plan.start.at.getTime());
  // Built a key at a time, in the order the JSON shows them (a spread between keys is V8's
  // slow way to build an object, and a year of hourly simulations makes hundreds of thousands).
  const result = { severity: { id: plan.severity.id, name: plan.severity.name, rank: plan.rank }, owner: pagedRole(matrix, plan.owner) } as Simulation;
  if (first) result.first_paged = { at: first.at, roles: first.roles };
  result.paged = paged;
  result.deadlines = plan.deadlines
    .filter((d) => d.kind !== 'next_update' || d.at.getTime() > plan.start.at.getTime())
    .map((d) => ({ kind: d.kind, label: d.label, target: d.target, at: d.iso, source: d.source, promised: d.promised }));
  result.calendar = calendarRule(matrix, plan, new Date(last), iso);
  result.exceptions = plan.contract.exceptions.map((e) => ({ id: e.id, reason: e.reason, from: iso(e.from), until: iso(e.until) }));
  result.changes = plan.contract.changes.map((c) => (c.from !== undefined ? { kind: c.kind, from: c.from, to: c.to, source: c.source } : { kind: c.kind, to: c.to, source: c.source }));
  return result;
}

export function pagedRole(matrix: Matrix, view: RoleView): PagedRole {
  const paging = matrix.paging && Object.hasOwn(matrix.paging, view.role) ? matrix.paging[view.role] : undefined;
  const pd = paging?.pagerduty;
  const pdKind = pd ? PAGERDUTY_TARGET_KINDS.find((k) => pd[k] !== undefined) : undefined;
  const role: PagedRole = { role: view.role, title: view.title, contact: view.contact, side: view.side };
  if (view.source) role.source = view.source;
  if (paging?.alertmanager) role.alertmanager = paging.alertmanager;
  if (pd && pdKind) role.pagerduty = `${pdKind.replace('_', ' ')} ${pd[pdKind]}`;
  return role;
}

const WEEKDAY_OF = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The state of the calendar at the incident start, and the holidays its deadlines skip. */
function calendarRule(matrix: Matrix, plan: PlanTimeline, lastDeadline: Date, iso: (d: Date) => string): Simulation['calendar'] {
  const clock = targetClock(matrix, plan.clock.id);
  const rule = { id: plan.clock.id, source: plan.clock.source } as Simulation['calendar'];
  if (plan.clock.zone) rule.timezone = plan.clock.zone;
  if (plan.clock.days) rule.days = plan.clock.days;
  if (plan.clock.hours) rule.hours = plan.clock.hours;
  if (clock.kind === 'elapsed') {
    rule.state = 'round-the-clock';
    rule.holidays_skipped = [];
    return rule;
  }
  const calendar = clock.calendar;
  const start = plan.start.at;
  const state = calendarState(calendar, start);
  const day = localDate(start, calendar.zone);
  rule.state = state;
  if (state === 'holiday') rule.holiday = day;
  if (state !== 'open') rule.opens_at = iso(nextOpening(calendar, start));
  rule.holidays_skipped = holidaysBetween(calendar, day, localDate(lastDeadline, calendar.zone));
  return rule;
}

/** Open, or closed and why, at an instant. */
export function calendarState(calendar: WorkingCalendar, at: Date): CalendarState {
  if (isWorkingTime(at, calendar)) return 'open';
  const local = formatInstant(at, calendar.zone);
  const day = local.slice(0, 10);
  if (calendar.holidays.has(day) && calendar.days.has(WEEKDAY_OF(day))) return 'holiday';
  if (!calendar.days.has(WEEKDAY_OF(day))) return 'closed-day';
  const minutes = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  return minutes < calendar.open ? 'before-opening' : 'after-closing';
}

/** The first instant of working time at or after `at`. */
export function nextOpening(calendar: WorkingCalendar, at: Date): Date {
  // One working minute later, less that minute: the start of the window it falls in.
  return new Date(addWorkingMinutes(at, 1, calendar).getTime() - 60_000);
}

/** Holidays on working weekdays from `first` to `last` (inclusive, local dates). */
function holidaysBetween(calendar: WorkingCalendar, first: string, last: string): string[] {
  const sorted = workingHolidays(calendar);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < first) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i]! <= last; i++) out.push(sorted[i]!);
  return out;
}

/**
 * A calendar's holidays on its working weekdays, in order: sorted once per calendar (plans
 * share one calendar per definition), not again for every start of a sweep, so a feed of
 * thousands of dates costs a search per start.
 */
const holidaysInOrder = new WeakMap<WorkingCalendar, string[]>();
function workingHolidays(calendar: WorkingCalendar): string[] {
  let sorted = holidaysInOrder.get(calendar);
  if (sorted === undefined) {
    sorted = [...calendar.holidays].filter((d) => calendar.days.has(WEEKDAY_OF(d))).sort();
    holidaysInOrder.set(calendar, sorted);
  }
  return sorted;
}
