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


/** Two digits at `i`, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch milliseconds of a record instant (`2026-03-27T16:45:00+01:00` or `...Z`, a real
 * moment: the lean schema's pattern, then impossibleTime), read from its fields in one pass;
 * NaN for any other text.
 */
function recordInstantMs(s: string): number {
  const n = s.length;
  if (n !== 20 && n !== 25) return Number.NaN;
  const c1 = two(s, 0);
  const c2 = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (c1 < 0 || c2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const year = c1 * 100 + c2;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!)) return Number.NaN;
  let offset = 0;
  if (n === 20) {
    if (s.charCodeAt(19) !== 90) return Number.NaN;
  } else {
    const sign = s.charCodeAt(19);
    const oh = two(s, 20);
    const om = two(s, 23);
    if ((sign !== 43 && sign !== 45) || s.charCodeAt(22) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offset = (sign === 43 ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  // Date.UTC reads years below 100 as 19xx: Date.parse reads those (rare) exactly.
  return year < 100 ? Date.parse(s) : Date.UTC(year, month - 1, day, hour, minute, second) + offset;
}

/** `2026-03-27T16:45:00+01:00` or `...Z`, a real moment: the lean schema's instant (its pattern, then impossibleTime). */
export function isRecordInstant(s: unknown): boolean {
  return typeof s === 'string' && !Number.isNaN(recordInstantMs(s));
}

/**
 * Epoch milliseconds of a record instant, as `Date.parse` reads it: the fields of a time
 * isRecordInstant accepts are read directly, in one pass (ten thousand records hold a
 * million of them), any other text by `Date.parse`.
 */
export function instantMs(s: string): number {
  const t = recordInstantMs(s);
  return Number.isNaN(t) ? Date.parse(s) : t;
}

/** An event may be recorded a little after the fact, never long before it happened: another machine's clock may run ahead by this much. */
export const EVENT_CLOCK_SKEW_MS = 60_000;

/**
 * How far apart the times judging compares may be: 100 years, triage's rule for `--at`.
 * `--as-of` further than this from now is refused, and so is a record holding a time further
 * than this from the judging moment, so judging walks at most a century of calendar days.
 */
export const TIME_SPAN_MS = 100 * 365.25 * 86_400_000;

interface TimedRecord {
  started_at: string;
  deadlines?: readonly { at: string }[];
  escalation?: readonly { at: string }[];
  events?: readonly { at: string }[];
}

/** The first time of a record more than 100 years from `asOf`, as `field "value"`, or undefined. */
export function timeTooFar(record: TimedRecord, asOf: Date): string | undefined {
  const far = (text: string) => Math.abs(instantMs(text) - asOf.getTime()) > TIME_SPAN_MS;
  if (far(record.started_at)) return `started_at "${record.started_at}"`;
  for (const [field, list] of [['deadlines', record.deadlines], ['escalation', record.escalation], ['events', record.events]] as const) {
    const i = (list ?? []).findIndex((x) => far(x.at));
    if (i >= 0) return `${field}.${i}.at "${list![i]!.at}"`;
  }
  return undefined;
}
