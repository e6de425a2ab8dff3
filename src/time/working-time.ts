/**
 * Business-hours arithmetic over a working calendar: working days, daily hours and
 * holidays in the calendar's own time zone. Time passes only inside working hours; nights,
 * non-working days and holidays are skipped. Windows are built from wall-clock times with
 * `TZDate`, so a working day that spans a daylight-saving change is as long as it really is.
 * Pure: no clock, every instant is passed in.
 */
import { TZDateMini as TZDate } from '@date-fns/tz/date/mini';
import { tzOffset } from './offset.js';
import type { Calendar } from '../matrix/schema.js';

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
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Steps (days or whole weeks) the arithmetic takes before giving up: centuries of weeks. */
const MAX_STEPS = 200_000;
const DAY_MS = 86_400_000;

const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The working calendar of a matrix calendar; its zone defaults to the matrix time zone. */
export function workingCalendar(calendar: Calendar, matrixZone: string): WorkingCalendar {
  return {
    zone: calendar.timezone ?? matrixZone,
    days: new Set(calendar.days.map((day) => WEEKDAYS.indexOf(day))),
    open: clockMinutes(calendar.hours.slice(0, 5)),
    close: clockMinutes(calendar.hours.slice(6)),
    holidays: new Set(calendar.holidays ?? []),
  };
}

/** Nominal working minutes in one working day (its hours on the clock face). */
export const workingDayMinutes = (calendar: WorkingCalendar) => calendar.close - calendar.open;

interface Window {
  /** Epoch milliseconds. */
  open: number;
  close: number;
}

interface Day {
  /** The working window of this day, absent on a day without working time. */
  window?: Window;
  /** Midnight starting the next day, epoch milliseconds. */
  next: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day holding `instant`, in the calendar's zone. */
function dayAt(instant: number, calendar: WorkingCalendar): Day {
  const local = new TZDate(instant, calendar.zone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  const next = new TZDate(y, m, d + 1, 0, 0, calendar.zone).getTime();
  const iso = `${y}-${pad(m + 1)}-${pad(d)}`;
  if (!calendar.days.has(local.getDay()) || calendar.holidays.has(iso)) return { next };
  const at = (minutes: number) => new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, calendar.zone).getTime();
  return { window: { open: at(calendar.open), close: at(calendar.close) }, next };
}

/**
 * A whole week from a local midnight, when it can be counted without walking its days:
 * no daylight-saving change inside it, so every working window has its nominal length.
 */
function plainWeek(midnight: number, calendar: WorkingCalendar): { workingMs: number; next: number } | undefined {
  const local = new TZDate(midnight, calendar.zone);
  const [y, m, d] = [local.getFullYear(), local.getMonth(), local.getDate()];
  if (local.getHours() !== 0 || local.getMinutes() !== 0) return undefined;
  const offset = tzOffset(calendar.zone, local);
  const next = new TZDate(y, m, d + 7, 0, 0, calendar.zone).getTime();
  if (next - midnight !== 7 * DAY_MS) return undefined;
  let workingMs = 0;
  for (let i = 0; i < 7; i++) {
    const date = new Date(Date.UTC(y, m, d + i));
    if (tzOffset(calendar.zone, new Date(midnight + i * DAY_MS)) !== offset) return undefined;
    if (calendar.days.has(date.getUTCDay()) && !calendar.holidays.has(date.toISOString().slice(0, 10))) {
      workingMs += (calendar.close - calendar.open) * 60_000;
    }
  }
  return { workingMs, next };
}

/**
 * The earliest instant by which `minutes` of working time have passed since `start`.
 * Zero minutes is `start` itself. A deadline that lands exactly on closing time stays
 * there rather than moving to the next opening.
 */
export function addWorkingMinutes(start: Date, minutes: number, calendar: WorkingCalendar): Date {
  let cursor = start.getTime();
  let remaining = minutes * 60_000;
  if (remaining <= 0) return new Date(cursor);
  let atMidnight = false;
  for (let i = 0; i < MAX_STEPS; i++) {
    // Long targets cross whole weeks at once; the last week is walked day by day.
    const week = atMidnight && remaining > 7 * DAY_MS ? plainWeek(cursor, calendar) : undefined;
    if (week && remaining > week.workingMs) {
      remaining -= week.workingMs;
      cursor = week.next;
      continue;
    }
    const day = dayAt(cursor, calendar);
    if (day.window) {
      cursor = Math.max(cursor, day.window.open);
      if (cursor < day.window.close) {
        const available = day.window.close - cursor;
        if (remaining <= available) return new Date(cursor + remaining);
        remaining -= available;
      }
    }
    cursor = day.next;
    atMidnight = true;
  }
  return new Date(cursor);
}

/** Working minutes between two instants (zero when `to` is not after `from`). */
export function workingMinutesBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  const end = to.getTime();
  let cursor = from.getTime();
  let total = 0;
  let atMidnight = false;
  for (let i = 0; i < MAX_STEPS && cursor < end; i++) {
    const week = atMidnight && end - cursor > 7 * DAY_MS ? plainWeek(cursor, calendar) : undefined;
    if (week && week.next <= end) {
      total += week.workingMs;
      cursor = week.next;
      continue;
    }
    const day = dayAt(cursor, calendar);
    if (day.window) {
      const open = Math.max(cursor, day.window.open);
      const close = Math.min(end, day.window.close);
      if (close > open) total += close - open;
    }
    cursor = day.next;
    atMidnight = true;
  }
  return Math.floor(total / 60_000);
}

/** Whether working time passes at this instant. */
export function isWorkingTime(instant: Date, calendar: WorkingCalendar): boolean {
  const t = instant.getTime();
  const { window } = dayAt(t, calendar);
  return window !== undefined && t >= window.open && t < window.close;
}
