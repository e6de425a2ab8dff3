/** Limits of the record format, in a module of its own so the file readers can name them without loading the schema. */

/**
 * The most a record may hold, in bytes: 4 MiB (4,194,304). Read above it is refused; an
 * event that would take a record past it is refused before anything is written. A record
 * grows by a few hundred bytes an event, so thousands of events stay far below it.
 */
export const RECORD_MAX_BYTES = 4 * 1024 * 1024;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why an ISO 8601 instant of the record format (`2026-03-27T16:45:00+01:00`) names no real
 * moment (31 February, 25:00, minute 60, offset +25:00), or undefined when it is real.
 */
export function impossibleTime(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:([+-])(\d{2}):(\d{2})(?::\d{2})?|Z)$/.exec(text);
  if (!m) return 'not an instant like 2026-03-27T16:45:00+01:00';
  const [year, month, day, hour, minute, second, , oh, om] = [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9]].map(Number) as number[];
  if (month! < 1 || month! > 12) return `month ${m[2]} does not exist`;
  const leap = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month! - 1]!;
  if (day! < 1 || day! > days) return `${m[1]}-${m[2]} has no day ${m[3]}`;
  if (hour! > 23 || minute! > 59 || second! > 59) return `${m[4]}:${m[5]}:${m[6]} is not a time of day`;
  if (m[7] !== undefined && (oh! > 23 || om! > 59)) return `${m[7]}${m[8]}:${m[9]} is not an offset`;
  return undefined;
}

/** An event may be recorded a little after the fact, never long before it happened: another machine's clock may run ahead by this much. */
export const EVENT_CLOCK_SKEW_MS = 60_000;
