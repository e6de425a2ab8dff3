/**
 * Times and calendars compared the way triage counts them. A target runs on a clock: round
 * the clock (elapsed time) or a business-hours calendar, where `1d` is one working day and
 * only working time passes (see src/time/clock.ts). So `1d` and `10h` on a 9-hour calendar
 * are 540 and 600 working minutes, and `10h` is the looser of the two.
 *
 * Two times on different clocks are compared by the share of a week they take: working
 * minutes over the working minutes in a week (a whole week round the clock). On one clock
 * that is exactly its working minutes. Pure: the clocks are built from the matrix alone.
 */
import type { Matrix, Severity, TargetKind } from '../matrix/schema.js';
import { clockMinutes, type TargetClock } from '../time/clock.js';
import { parseDuration } from '../time/duration.js';
import { workingDayMinutes } from '../time/working-time.js';
import { applyContract, type ContractRequest } from '../triage/contract.js';
import { targetClock } from '../triage/plan.js';
import type { Direction } from './types.js';

export type { TargetClock } from '../time/clock.js';

const WEEK = 7 * 24 * 60;

/** A duration as written and the clock it runs on. */
export interface Timed {
  duration: string;
  clock: TargetClock;
}

export const timed = (duration: string | undefined, clock: TargetClock): Timed | undefined => (duration === undefined ? undefined : { duration, clock });

/** The working minutes in a week of this clock: the whole week round the clock. */
export function weekMinutes(clock: TargetClock): number {
  return clock.kind === 'elapsed' ? WEEK : clock.calendar.days.size * workingDayMinutes(clock.calendar);
}

/** Minutes of a duration on a clock; undefined for text that is not a duration. */
function on(clock: TargetClock, duration: string): number | undefined {
  return parseDuration(duration).ok ? clockMinutes(clock, duration) : undefined;
}

/**
 * Two written durations mean the same time: the same on the old side's clock and on the new
 * side's (`60m` and `1h` anywhere; `1d` and `9h` only when both sides are on a 9-hour day).
 */
export function sameTime(before: string | undefined, after: string | undefined, clockBefore: TargetClock, clockAfter: TargetClock): boolean {
  if (before === after) return true;
  if (before === undefined || after === undefined) return false;
  for (const clock of [clockBefore, clockAfter]) {
    const a = on(clock, before);
    const b = on(clock, after);
    if (a === undefined || b === undefined || a !== b) return false;
  }
  return true;
}

/**
 * A time allowed got shorter (stricter) or longer (looser), each side measured on its own
 * clock. A time newly promised is stricter; one no longer promised is looser.
 */
export function timeDirection(before: Timed | undefined, after: Timed | undefined): Direction {
  if (before === undefined) return after === undefined ? 'neutral' : 'stricter';
  if (after === undefined) return 'looser';
  const a = on(before.clock, before.duration) ?? 0;
  const b = on(after.clock, after.duration) ?? 0;
  // a / week(before) against b / week(after), in whole numbers.
  const x = a * weekMinutes(after.clock);
  const y = b * weekMinutes(before.clock);
  return y < x ? 'stricter' : y > x ? 'looser' : 'neutral';
}

/** Weekday of a YYYY-MM-DD date, 0 = Sunday. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** How many holidays fall on one of the calendar's working days (the others take no time away). */
export function workingHolidays(clock: TargetClock, holidays?: readonly string[]): number {
  if (clock.kind === 'elapsed') return 0;
  const dates = new Set(holidays ?? clock.calendar.holidays);
  return [...dates].filter((date) => clock.calendar.days.has(weekday(date))).length;
}

/**
 * Moving targets from one clock to another: less working time in a week is looser (round the
 * clock has the most), more is stricter; with the same week, more holidays on working days is
 * looser.
 */
export function clockDirection(before: TargetClock, after: TargetClock): Direction {
  const a = weekMinutes(before);
  const b = weekMinutes(after);
  if (b !== a) return b < a ? 'looser' : 'stricter';
  const x = workingHolidays(before);
  const y = workingHolidays(after);
  return y > x ? 'looser' : y < x ? 'stricter' : 'neutral';
}

/** Looser when any part is looser (a gate must not miss it), else stricter when any is, else neutral. */
export function combine(directions: Iterable<Direction>): Direction {
  let stricter = false;
  for (const d of directions) {
    if (d === 'looser') return 'looser';
    if (d === 'stricter') stricter = true;
  }
  return stricter ? 'stricter' : 'neutral';
}

/** The clock a severity's own targets and escalation steps run on. */
export const severityClock = (matrix: Matrix, severity: Severity): TargetClock => targetClock(matrix, severity.calendar);

/** The targets and clock for a severity under a tier or client, without exceptions. */
export interface Applied {
  targets: Partial<Record<TargetKind, string>>;
  clock: TargetClock;
}

/**
 * What applies to an incident of this severity for a tier or client (or neither), before any
 * exception: the targets in force and the clock they run on, as triage resolves them.
 * Undefined when the severity, tier or client is not in the matrix.
 */
export function applied(matrix: Matrix, severityId: string, request: ContractRequest): Applied | undefined {
  const severity = matrix.severities.find((s) => s.id === severityId);
  if (!severity) return undefined;
  // Without exceptions the incident start plays no part.
  const result = applyContract({ ...matrix, exceptions: [] }, severity, request, new Date(0));
  if (!result.ok) return undefined;
  return { targets: result.contract.targets, clock: targetClock(matrix, result.contract.calendar) };
}
