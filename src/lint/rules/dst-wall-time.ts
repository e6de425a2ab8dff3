/**
 * Wall-clock times in the matrix that fall into a daylight-saving change: a skipped time
 * (the clocks jump over it) means the instant of the jump, a repeated time (the clocks go
 * back over it) its earlier occurrence. Both are legal, but rarely what the writer meant.
 */
import type { Path } from '../../diagnostics.js';
import { formatInstant, hasUtcOffset, localTimeExists, matrixInstant, offsetAt, parseInstant } from '../../time/instant.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Why a wall-clock time (YYYY-MM-DDTHH:MM, no offset) is odd in `zone`, or undefined when it happens once. */
export function wallTimeProblem(text: string, zone: string): string | undefined {
  const exists = localTimeExists(text, zone);
  if (!exists.ok) return exists.reason;
  if (parseInstant(text, zone).ok) return undefined;
  const read = matrixInstant(text, zone);
  if (!read.ok) return undefined;
  return `${text} happens twice in ${zone}: the clocks go back (daylight saving); it is read as the earlier one, ${formatInstant(read.date, zone).slice(0, 16)}${formatInstant(read.date, zone).slice(19)}`;
}

/**
 * Whether a wall-clock time can fall into a change of offset: every zone in the time-zone
 * database changes its clocks between 22:00 and 04:00 local time (most at 00:00, 01:00,
 * 02:00 or 03:00), so the clock times in between are never skipped or repeated.
 */
const nearChange = (hhmm: string) => hhmm >= '22:00' || hhmm <= '04:00';

/** The local dates, in the year from `today`, on which `zone` changes its offset. */
function changeDays(zone: string, today: string): string[] {
  const start = Date.parse(`${today}T00:00Z`);
  if (Number.isNaN(start)) return [];
  const days = new Set<string>();
  const offset = (ms: number) => offsetAt(zone, new Date(ms));
  for (let t = start; t < start + 53 * WEEK; t += WEEK) {
    const before = offset(t);
    if (Number.isNaN(before) || before === offset(t + WEEK)) continue;
    let lo = t;
    let hi = t + WEEK;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offset(mid) === before) lo = mid;
      else hi = mid;
    }
    // The change can fall on a different local date before and after it (a jump at midnight).
    for (const o of [offset(lo), offset(hi)]) days.add(new Date(hi + o * 60_000).toISOString().slice(0, 10));
  }
  return [...days].sort();
}

export const dstWallTime: Rule = {
  id: 'dst-wall-time',
  group: 'timing',
  level: 'warning',
  rationale: 'Working hours, holidays or exception times inside a daylight-saving change are read as the jump (a skipped time) or the earlier pass (a repeated time), rarely what was meant.',
  check({ matrix, locator, today }) {
    const out: Finding[] = [];
    const flag = (text: string, zone: string, path: Path, what: string) => {
      const problem = wallTimeProblem(text, zone);
      if (problem) out.push(findingAt(locator, path, `${what}: ${problem}`));
      return problem !== undefined;
    };
    for (const [id, calendar] of Object.entries(matrix.calendars ?? {})) {
      const zone = calendar.timezone ?? matrix.timezone;
      const holidays = new Set(calendar.holidays ?? []);
      const [open, close] = [calendar.hours.slice(0, 5), calendar.hours.slice(6)];
      const ends = ([['start', open], ['end', close]] as const).filter(([, time]) => time !== '24:00' && nearChange(time));
      // Office hours (09:00-17:00) never meet a change: no time-zone lookup at all for them.
      const working = ends.length === 0 ? [] : changeDays(zone, today).filter((d) => calendar.days.includes(DAYS[new Date(`${d}T00:00Z`).getUTCDay()]!) && !holidays.has(d));
      for (const [end, time] of ends) {
        // One finding per end of the day is enough: the next year repeats it.
        working.some((d) => flag(`${d}T${time}`, zone, ['calendars', id, 'hours'], `calendar "${id}": working hours ${end} at ${time}, but on ${d}`));
      }
      (calendar.holidays ?? []).forEach((d, k) => flag(`${d}T00:00`, zone, ['calendars', id, 'holidays', k], `calendar "${id}": holiday ${d} starts at 00:00`));
    }
    (matrix.exceptions ?? []).forEach((exception, e) => {
      for (const key of ['from', 'until'] as const) {
        const text = exception[key];
        if (text.length > 10 && !hasUtcOffset(text)) flag(text, matrix.timezone, ['exceptions', e, key], `exception "${exception.id}" ${key}`);
      }
    });
    return out;
  },
};
