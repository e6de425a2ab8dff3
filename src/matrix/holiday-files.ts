/**
 * Calendars that take holidays from an iCalendar file (`holidays_from`): which files a
 * matrix names, and the matrix with those files' dates merged into `holidays`. Pure: the
 * files are read and parsed at the edge, and every command then sees one list of dates.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Matrix } from './schema.js';

/** The dates read from each calendar's holidays file, by calendar id. */
export type FileHolidays = Readonly<Record<string, readonly string[]>>;

/** What reading a matrix's holidays files gave: the dates, findings at the matrix's lines, findings inside each file. */
export interface HolidaysRead {
  holidays: FileHolidays;
  /** At the `holidays_from` lines: a file that is missing, refused or has errors. */
  matrix: Diagnostic[];
  /** Inside each file read, by its path as shown (beside the matrix path as given). */
  files: { file: string; diagnostics: Diagnostic[] }[];
}

export interface HolidayFileRef {
  calendar: string;
  /** The path as written, relative to the matrix file. */
  path: string;
}

export function holidayFileRefs(matrix: Matrix): HolidayFileRef[] {
  return Object.entries(matrix.calendars ?? {}).flatMap(([calendar, c]) => (c.holidays_from === undefined ? [] : [{ calendar, path: c.holidays_from }]));
}

/** The matrix with each calendar's file dates added to its own `holidays` (sorted, each date once). */
export function withFileHolidays(matrix: Matrix, holidays: FileHolidays): Matrix {
  if (!matrix.calendars || Object.keys(holidays).length === 0) return matrix;
  const calendars: NonNullable<Matrix['calendars']> = {};
  for (const [id, calendar] of Object.entries(matrix.calendars)) {
    const extra = Object.hasOwn(holidays, id) ? holidays[id]! : [];
    calendars[id] = extra.length === 0 ? calendar : { ...calendar, holidays: [...new Set([...(calendar.holidays ?? []), ...extra])].sort() };
  }
  return { ...matrix, calendars };
}

/** Years before and after the matrix's `reviewed` year that recurring holidays are expanded over. */
export const RECURRENCE_YEARS_BEFORE = 1;
export const RECURRENCE_YEARS_AFTER = 5;

/**
 * The dates a holidays file's recurring events are expanded over: from 1 January of the year
 * before the matrix was last reviewed to 31 December five years after. A function of the
 * matrix alone (never of today), so every command and every machine sees the same holidays;
 * it moves on with each review, and `holidays-horizon` warns before it runs out.
 */
export function recurrenceWindow(matrix: Pick<Matrix, 'reviewed'>): { from: string; to: string } {
  const year = Number(matrix.reviewed.slice(0, 4));
  const pad = (y: number) => String(y).padStart(4, '0');
  return { from: `${pad(year - RECURRENCE_YEARS_BEFORE)}-01-01`, to: `${pad(year + RECURRENCE_YEARS_AFTER)}-12-31` };
}
