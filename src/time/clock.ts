/**
 * The clock a set of targets runs on: round the clock (elapsed time) or a business-hours
 * calendar. On a calendar, hours and minutes are working time, a day (`1d`) is one working
 * day of the calendar's hours and a week (`1w`) is as many working days as the calendar has
 * in a week, so "resolve within 10d" means ten working days. Round the clock, every unit is
 * elapsed time: `1d` is 24 hours even across a daylight-saving change.
 */
import { durationParts } from './duration.js';
import { addWorkingMinutes, workingDayMinutes, workingMinutesBetween, type WorkingCalendar } from './working-time.js';

export const ROUND_THE_CLOCK = '24x7';

export type TargetClock =
  | { kind: 'elapsed'; id: typeof ROUND_THE_CLOCK }
  | { kind: 'working'; id: string; calendar: WorkingCalendar };

export const elapsedClock: TargetClock = { kind: 'elapsed', id: ROUND_THE_CLOCK };

/** A validated duration measured on this clock, in minutes (working minutes on a calendar). */
export function clockMinutes(clock: TargetClock, duration: string): number {
  const { weeks, days, hours, minutes } = durationParts(duration);
  if (clock.kind === 'elapsed') return ((weeks * 7 + days) * 24 + hours) * 60 + minutes;
  const day = workingDayMinutes(clock.calendar);
  return (weeks * clock.calendar.days.size + days) * day + hours * 60 + minutes;
}

/** The instant a duration after `start` falls due on this clock. */
export function addOnClock(clock: TargetClock, start: Date, minutes: number): Date {
  if (clock.kind === 'elapsed') return new Date(start.getTime() + minutes * 60_000);
  return addWorkingMinutes(start, minutes, clock.calendar);
}

/** The instant a duration (like `4h` or `1d`) after `start` falls due on this clock. */
export const dueAfter = (clock: TargetClock, start: Date, duration: string): Date =>
  addOnClock(clock, start, clockMinutes(clock, duration));

/** Minutes that have passed on this clock between two instants (zero when `to` is earlier). */
export function minutesOnClock(clock: TargetClock, from: Date, to: Date): number {
  if (clock.kind === 'working') return workingMinutesBetween(from, to, clock.calendar);
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
}
