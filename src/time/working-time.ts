/**
 * Business-hours arithmetic over a working calendar: working days, daily hours and
 * holidays in the calendar's own time zone. Time passes only inside working hours; nights,
 * non-working days and holidays are skipped. All on UTC instants: a local date is a day
 * number, and its midnight, opening and closing become instants through the zone's
 * offsets by the one rule for skipped and repeated wall-clock times (wall.ts), so a working
 * day that spans a daylight-saving change is as long as it really is, and the answer never
 * depends on the process's time zone. Pure: no clock, every instant is passed in.
 *
 * Work is one step per calendar day spanned (a few map reads each); a target not met within
 * 100 years of the start is an error naming the calendar (`NoWorkingTimeError`), found up
 * front when the calendar's hours cannot add up to it.
 */
import { wallOf, wallToInstant } from './wall.js';
import type { Calendar } from '../matrix/schema.js';
import { remembered } from '../memo.js';

export interface WorkingCalendar {
  /** The IANA zone the working hours are in. */
  zone: string;
  /** Working weekdays, 0 = Sunday … 6 = Saturday. */
  days: ReadonlySet<number>;
  /** Minutes after midnight the working day opens and closes (close may be 1440 for 24:00). */
  open: number;
  close: number;
  /** Dates without working time, YYYY-MM-DD in the calendar's zone. */
  holidays: ReadonlySet<string>;
  /** The calendar's id in the matrix, for errors. */
  name?: string;
}

/** A target the calendar cannot meet within `HORIZON_YEARS` of the start. */
export class NoWorkingTimeError extends Error {
  override name = 'NoWorkingTimeError';
  constructor(
    readonly calendar: string,
    readonly minutes: number,
  ) {
    super(`calendar "${calendar}" does not have ${minutes} minutes of working time within ${HORIZON_YEARS} years of the start`);
  }
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 86_400_000;
const MINUTE = 60_000;
/** How far a deadline may lie after its start; beyond it a target is an error, never a long walk. */
const HORIZON_YEARS = 100;
const HORIZON_DAYS = Math.ceil(HORIZON_YEARS * 365.25);

const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working calendar of a matrix calendar; its zone defaults to the matrix time zone. */
export function workingCalendar(calendar: Calendar, matrixZone: string, name?: string): WorkingCalendar {
  return {
    zone: calendar.timezone ?? matrixZone,
    days: new Set(calendar.days.map((day) => WEEKDAYS.indexOf(day))),
    open: clockMinutes(calendar.hours.slice(0, 5)),
    close: clockMinutes(calendar.hours.slice(6)),
    holidays: new Set(calendar.holidays ?? []),
    ...(name !== undefined ? { name } : {}),
  };
}

/**
 * workingCalendar, one per definition: every plan of a simulation and every record of a
 * report on the same calendar shares it (and what is worked out per calendar, such as its
 * holidays as day numbers). Keyed by what the calendar is made of, so a definition changed
 * in place is never answered from an older one.
 */
export function sharedWorkingCalendar(calendar: Calendar, matrixZone: string, name?: string): WorkingCalendar {
  const key = `${name ?? ''}\n${calendar.timezone ?? matrixZone}\n${calendar.days.join()}\n${calendar.hours}\n${(calendar.holidays ?? []).join()}`;
  return remembered(sharedCalendars, key, 256, () => workingCalendar(calendar, matrixZone, name));
}
const sharedCalendars = new Map<string, WorkingCalendar>();

/** Nominal working minutes in one working day (its hours on the clock face). */
export const workingDayMinutes = (calendar: WorkingCalendar) => calendar.close - calendar.open;

interface Window {
  /** Epoch milliseconds. */
  open: number;
  close: number;
}

/** Holidays as day numbers (days since 1970-01-01), per calendar. */
const holidayDays = new WeakMap<WorkingCalendar, ReadonlySet<number>>();
function holidaysOf(calendar: WorkingCalendar): ReadonlySet<number> {
  let days = holidayDays.get(calendar);
  if (!days) {
    days = new Set([...calendar.holidays].map((iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)));
    holidayDays.set(calendar, days);
  }
  return days;
}

/** The first instant of local date `day` (a day number) in the calendar's zone: its midnight by the rule. */
const dayStart = (calendar: WorkingCalendar, day: number) => wallToInstant(calendar.zone, day * DAY_MS);

/** The working window of local date `day`, absent on a non-working day or a holiday. */
function windowOf(calendar: WorkingCalendar, day: number): Window | undefined {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  if (!calendar.days.has(weekday) || holidaysOf(calendar).has(day)) return undefined;
  const midnight = day * DAY_MS;
  return { open: wallToInstant(calendar.zone, midnight + calendar.open * MINUTE), close: wallToInstant(calendar.zone, midnight + calendar.close * MINUTE) };
}

/**
 * The local date holding `instant`: the day whose first instant is at or before it and
 * whose next day's first instant is after it. (Usually the date on the clock; where the
 * clocks go back over midnight, the repeated minutes after it belong to the new day.)
 */
function dayOf(calendar: WorkingCalendar, instant: number): number {
  let day = Math.floor(wallOf(calendar.zone, instant) / DAY_MS);
  while (dayStart(calendar, day + 1) <= instant) day++;
  while (dayStart(calendar, day) > instant) day--;
  return day;
}

/**
 * The earliest instant by which `minutes` of working time have passed since `start`.
 * Zero minutes is `start` itself. A deadline that lands exactly on closing time stays
 * there rather than moving to the next opening. Throws `NoWorkingTimeError` for a target
 * not met within 100 years.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar): Date {
  const from = start.getTime();
  let remaining = minutes * MINUTE;
  if (!(remaining > 0) || !Number.isFinite(from)) return new Date(from);
  // More than the hours could ever hold (a day may gain up to 3 hours when clocks go back): refused without a walk.
  const weekMost = calendar.days.size * (calendar.close - calendar.open + 180) * MINUTE;
  if (remaining > weekMost * Math.ceil(HORIZON_DAYS / 7)) throw new NoWorkingTimeError(calendar.name ?? calendar.zone, minutes);
  const first = dayOf(calendar, from);
  for (let day = first; day <= first + HORIZON_DAYS; day++) {
    const window = windowOf(calendar, day);
    if (!window) continue;
    const open = Math.max(from, window.open);
    if (open >= window.close) continue;
    const available = window.close - open;
    if (remaining <= available) return new Date(open + remaining);
    remaining -= available;
  }
  throw new NoWorkingTimeError(calendar.name ?? calendar.zone, minutes);
}

/** Working minutes between two instants (zero when `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const [begin, end] = [from.getTime(), to.getTime()];
  if (!(end > begin)) return 0;
  let total = 0;
  const last = dayOf(calendar, end);
  for (let day = dayOf(calendar, begin); day <= last; day++) {
    const window = windowOf(calendar, day);
    if (!window) continue;
    const open = Math.max(begin, window.open);
    const close = Math.min(end, window.close);
    if (close > open) total += close - open;
  }
  return Math.floor(total / MINUTE);
}

/** Whether working time passes at this instant. */
export function isWorkingTime(instant: Date, calendar: WorkingCalendar): boolean {
  const t = instant.getTime();
  const window = windowOf(calendar, dayOf(calendar, t));
  return window !== undefined && t >= window.open && t < window.close;
}
