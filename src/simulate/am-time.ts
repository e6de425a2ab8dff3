/**
 * Alertmanager's time intervals, read and evaluated as Alertmanager does
 * (timeinterval/timeinterval.go), written from its documentation and source, not from what
 * `export alertmanager` writes: an instant is in a named interval when any of its entries
 * contains it; an entry contains it when every field it sets has one range holding the
 * instant's local fields in `location` (UTC when unset): `times` are [start, end) in
 * minutes of the local day (`24:00` ends the day), `weekdays` Sunday 0 to Saturday 6,
 * `days_of_month` 1..31 or counted back from the month's end (-1 is its last day) and
 * clamped to the month, `months` by name or number, `years`; every range inclusive. Names
 * are case-insensitive. Entries Alertmanager would refuse are reported, never guessed.
 * Pure; local fields come from the time core's offsets.
 */
import { offsetSeconds } from '../time/offset.js';
import { isValidTimeZone } from '../time/zone.js';

export interface Range {
  begin: number;
  end: number;
}

export interface IntervalEntry {
  times?: Range[];
  weekdays?: Range[];
  daysOfMonth?: Range[];
  months?: Range[];
  years?: Range[];
  /** IANA zone; undefined is UTC. */
  location?: string;
}

export type ReadIntervals = { ok: true; intervals: Map<string, IntervalEntry[]>; notes: string[] } | { ok: false; reason: string };

const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTHS: Record<string, number> = { january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12 };
const TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's strconv.Atoi: an optional sign and decimal digits. */
function atoi(text: string): number | undefined {
  return /^[+-]?\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** `a:b` or `a`, each member read by `member` (stringableRangeFromString). */
function range(value: unknown, member: (s: string) => number | undefined, what: string): Range | string {
  if (typeof value !== 'string' && typeof value !== 'number') return `${what} ${JSON.stringify(value)} is not a string`;
  const text = String(value).toLowerCase();
  const parts = text.includes(':') ? text.split(':') : [text, text];
  if (parts.length !== 2) return `couldn't parse range ${text}, invalid format`;
  const begin = member(parts[0]!);
  const end = member(parts[1]!);
  if (begin === undefined || end === undefined) return `${text} is not a valid ${what}`;
  return { begin, end };
}

function minutes(text: unknown): number | string {
  if (typeof text !== 'string' || !TIME.test(text)) return `couldn't parse timestamp ${String(text)}, invalid format`;
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

/** One entry of a time interval, validated as Alertmanager's unmarshalling does. */
export function readEntry(raw: unknown): IntervalEntry | string {
  if (!isRecord(raw)) return 'an entry is not a mapping';
  const entry: IntervalEntry = {};
  const list = (key: string) => (raw[key] === undefined || raw[key] === null ? undefined : Array.isArray(raw[key]) ? (raw[key] as unknown[]) : [raw[key]]);
  const times = list('times');
  if (times) {
    entry.times = [];
    for (const t of times) {
      if (!isRecord(t) || t.start_time === undefined || t.end_time === undefined || t.start_time === '' || t.end_time === '') return 'both start and end times must be provided';
      const start = minutes(t.start_time);
      const end = minutes(t.end_time);
      if (typeof start === 'string') return start;
      if (typeof end === 'string') return end;
      if (start >= end) return 'start time cannot be equal or greater than end time';
      entry.times.push({ begin: start, end });
    }
  }
  const weekdays = list('weekdays');
  if (weekdays) {
    entry.weekdays = [];
    for (const w of weekdays) {
      const r = range(w, (s) => WEEKDAYS[s], 'weekday');
      if (typeof r === 'string') return r;
      if (r.begin > r.end) return 'start day cannot be before end day';
      entry.weekdays.push(r);
    }
  }
  const days = list('days_of_month');
  if (days) {
    entry.daysOfMonth = [];
    for (const d of days) {
      const r = range(d, atoi, 'day of the month');
      if (typeof r === 'string') return r;
      for (const n of [r.begin, r.end]) if (n === 0 || n < -31 || n > 31) return `${n} is not a valid day of the month: out of range`;
      if (r.begin < 0 && r.end > 0) return 'end day must be negative if start day is negative';
      if ((r.begin < 0 ? 28 + r.begin : r.begin) > (r.end < 0 ? 28 + r.end : r.end)) return `end day ${r.end} is always before start day ${r.begin}`;
      entry.daysOfMonth.push(r);
    }
  }
  const months = list('months');
  if (months) {
    entry.months = [];
    for (const m of months) {
      const r = range(m, (s) => MONTHS[s] ?? atoi(s), 'month');
      if (typeof r === 'string') return r;
      if (r.begin > r.end) return `end month ${r.end} is before start month ${r.begin}`;
      entry.months.push(r);
    }
  }
  const years = list('years');
  if (years) {
    entry.years = [];
    for (const y of years) {
      const r = range(y, atoi, 'year');
      if (typeof r === 'string') return r;
      if (r.begin > r.end) return `end year ${r.end} is before start year ${r.begin}`;
      entry.years.push(r);
    }
  }
  if (raw.location !== undefined && raw.location !== null) {
    if (typeof raw.location !== 'string') return 'location is not a string';
    if (raw.location !== 'UTC' && raw.location !== 'Local') {
      if (!isValidTimeZone(raw.location)) return `unknown time zone ${raw.location}`;
      entry.location = raw.location;
    } else if (raw.location === 'Local') entry.location = 'Local';
  }
  return entry;
}

/** The named intervals of a configuration: `time_intervals` and the older top-level `mute_time_intervals`. */
export function readIntervals(config: Record<string, unknown>): ReadIntervals {
  const intervals = new Map<string, IntervalEntry[]>();
  const notes: string[] = [];
  for (const key of ['mute_time_intervals', 'time_intervals']) {
    const items = config[key];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) return { ok: false, reason: `${key} is not a list` };
    for (const item of items) {
      if (!isRecord(item) || typeof item.name !== 'string') return { ok: false, reason: `an entry of ${key} has no name` };
      if (intervals.has(item.name)) return { ok: false, reason: `time interval "${item.name}" is defined twice` };
      const entries: IntervalEntry[] = [];
      for (const raw of Array.isArray(item.time_intervals) ? item.time_intervals : item.time_intervals === undefined ? [] : [item.time_intervals]) {
        const entry = readEntry(raw);
        if (typeof entry === 'string') return { ok: false, reason: `time interval "${item.name}": ${entry}` };
        if (entry.location === 'Local') notes.push(`time interval "${item.name}" uses location Local, the Alertmanager host's zone; it is evaluated here as UTC`);
        entries.push(entry);
      }
      intervals.set(item.name, entries);
    }
  }
  return { ok: true, intervals, notes };
}

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minute: number;
  daysInMonth: number;
}

/** An instant's local fields in a zone (Go's t.In(loc)). */
export function localFields(ms: number, zone: string | undefined): LocalFields {
  const offset = zone === undefined || zone === 'Local' ? 0 : offsetSeconds(zone, ms);
  const d = new Date(ms + offset * 1000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    year,
    month,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
    daysInMonth: daysInMonth(year, month),
  };
}

/**
 * `localFields(ms, zone).minute` alone, for the grid search's many reads: the minute of the
 * day of the local time as a Date holds it (whole milliseconds, NaN beyond its range), by
 * arithmetic instead of a Date made for each read.
 */
function localMinute(ms: number, zone: string | undefined): number {
  const local = ms + (zone === undefined || zone === 'Local' ? 0 : offsetSeconds(zone, ms)) * 1000;
  if (!(Math.abs(local) <= 8.64e15)) return Number.NaN;
  const minutes = Math.floor(Math.trunc(local) / 60_000);
  return ((minutes % 1440) + 1440) % 1440;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in a month of the proleptic Gregorian calendar, as Date counts them (Go's too). */
const daysInMonth = (year: number, month: number) => (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!);

const inAny = (ranges: Range[] | undefined, n: number) => ranges === undefined || ranges.some((r) => n >= r.begin && n <= r.end);

/** TimeInterval.ContainsTime. */
export function entryContains(entry: IntervalEntry, ms: number): boolean {
  const t = localFields(ms, entry.location);
  if (entry.times && !entry.times.some((r) => t.minute >= r.begin && t.minute < r.end)) return false;
  if (entry.daysOfMonth) {
    const hit = entry.daysOfMonth.some((r) => {
      let begin = r.begin < 0 ? t.daysInMonth + r.begin + 1 : r.begin;
      let end = r.end < 0 ? t.daysInMonth + r.end + 1 : r.end;
      if (begin > t.daysInMonth) return false;
      begin = Math.max(-t.daysInMonth, Math.min(begin, t.daysInMonth));
      end = Math.max(-t.daysInMonth, Math.min(end, t.daysInMonth));
      return t.day >= begin && t.day <= end;
    });
    if (!hit) return false;
  }
  return inAny(entry.months, t.month) && inAny(entry.weekdays, t.weekday) && inAny(entry.years, t.year);
}

/** Whether any entry of the named intervals holds the instant (Alertmanager's Intervener.Mutes). */
export function inIntervals(intervals: ReadonlyMap<string, IntervalEntry[]>, names: readonly string[], ms: number): boolean {
  return names.some((name) => (intervals.get(name) ?? []).some((entry) => entryContains(entry, ms)));
}

/**
 * The earliest instant at or after `from`, on the grid from + k·step, at which `ok` holds,
 * looking no further than `horizon` ms. The answer of `ok` can change only where a local
 * minute of some entry's zone starts, so far from the entries' boundaries (times, local
 * midnight) the search jumps, leaving two hours for clock changes. Undefined when none.
 */
export function firstOnGrid(from: number, step: number, horizon: number, entries: readonly IntervalEntry[], ok: (ms: number) => boolean): number | undefined {
  if (entries.length === 0) return ok(from) ? from : undefined;
  const limit = from + horizon;
  // Each entry's boundaries in minutes of its local day: where its times begin and end, and midnight.
  const marks = entries.map((entry) => [24 * 60, ...(entry.times ?? []).flatMap((r) => [r.begin, r.end])]);
  let t = from;
  while (t <= limit) {
    if (ok(t)) return t;
    // The nearest boundary ahead, in wall-clock minutes, over every entry's zone.
    let ahead = 24 * 60;
    for (let e = 0; e < entries.length; e++) {
      const m = localMinute(t, entries[e]!.location);
      for (const mark of marks[e]!) if (mark > m) ahead = Math.min(ahead, mark - m);
    }
    const jump = Math.max(step, (ahead - 120) * 60_000);
    t += Math.max(1, Math.floor(jump / step)) * step;
  }
  return undefined;
}
