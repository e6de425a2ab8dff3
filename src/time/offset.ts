/**
 * A time zone's offset from UTC at an instant: the one place the time core reads time-zone
 * data (the bundled @date-fns/tz reads it through here too; see scripts/build.mjs). Every
 * other part of the core works on UTC instants and these offsets, never on the process's
 * local time, so no result depends on the host's zone or on `TZ`.
 *
 * Two sources give the same numbers (ICU's time-zone data, to the second):
 * - `Intl.DateTimeFormat` (the default): the zone's local clock fields at the instant.
 * - the host clock, which the CLI switches on (`useHostClock`): the first
 *   `Intl.DateTimeFormat` of a process costs ~10 ms while ICU loads its locale data, a tenth
 *   of a whole CLI run, only to learn a number ICU already has. So the offset is read from
 *   the process's own `Date` with the `TZ` environment variable set to the zone for one
 *   batch of reads and restored before returning (see `hostSeconds`). A test compares it
 *   with Intl for every zone on both sides of every change from 1900 to 2100. It takes only
 *   the names that test covers (the runtime's canonical zones and the common ones in
 *   zone.ts), none with digits (ICU reads a `TZ` with digits, like `Etc/GMT+5`, as POSIX
 *   rules), and only after a check on first use that setting `TZ` does move the clock on
 *   this platform; everything else asks Intl. A library user never gets the host clock
 *   unless it asks: changing `TZ`, even for microseconds, is only safe in a process with no
 *   other thread reading local time.
 *
 * Memo: offsets are kept per zone by 4-day stretch of UTC time: one offset for the whole
 * stretch, or the one change inside it (found to the second) with the offsets either side.
 * No zone changes its offset twice within 4 days (the closest pair in the time-zone
 * database, 1850 to 2200, is 6.96 days apart; a test keeps the bound), so a stretch whose
 * two ends agree has no change inside. A lookup costs a map read; a long span costs one
 * read of the source per 4 days, whichever the source.
 */
import { isListedTimeZone } from './zone.js';

/** `spent`: the host clock has done its start-up work; Intl, now worth its set-up, answers. */
type HostState = 'off' | 'unchecked' | 'on' | 'spent';
let host: HostState = 'off';

/**
 * Reads offsets from the process clock from now on (`false`: from Intl again), for up to
 * `budget` batches of reads (then Intl). For the CLI edge; tests that compare the two
 * sources lift the budget.
 */
export function useHostClock(enabled = true, budget = HOST_BUDGET): void {
  host = enabled ? 'unchecked' : 'off';
  hostBatches = 0;
  hostBudget = budget;
  memo.clear(); // each source answers for itself
}

const SECOND = 1000;
const DAY = 86_400_000;
const QUARTER_HOUR = 900_000;
/** The stretch of the memo; shorter than the shortest time between two changes of offset. */
export const STRETCH = 4 * DAY;

/** A stretch's offsets in seconds: one for all of it, or a change at `at` (epoch ms). */
export type StretchOffsets = number | { at: number; before: number; after: number };

interface ZoneMemo {
  /** Offset (seconds) at the start of stretch k, by k. */
  edges: Map<number, number>;
  stretches: Map<number, StretchOffsets>;
}
const memo = new Map<string, ZoneMemo>();
/** A long run must not grow the memo without bound (~300 years of stretches per zone). */
const MEMO_LIMIT = 30_000;
/** Instants the memo covers: a Date's range less a margin for the stretch ends read around them. */
const MEMO_RANGE = 8.64e15 - 3 * STRETCH;

/**
 * The offset of `timeZone` from UTC at `ms` (epoch milliseconds), in whole seconds
 * (`3600` for Berlin in winter, `-2670` for Monrovia's local mean time in 1960). `NaN` for
 * an unknown zone or an invalid instant.
 */
export function offsetSeconds(timeZone: string, ms: number): number {
  if (!(Math.abs(ms) < MEMO_RANGE)) return readSeconds(timeZone, [ms])[0]!;
  const stretch = stretchOffsets(timeZone, Math.floor(ms / STRETCH));
  if (typeof stretch === 'number') return stretch;
  return ms < stretch.at ? stretch.before : stretch.after;
}

/** The offsets of stretch `k` ([k × STRETCH, (k + 1) × STRETCH) in epoch ms) of a zone. */
export function stretchOffsets(timeZone: string, k: number): StretchOffsets {
  let zone = memo.get(timeZone);
  if (!zone || zone.stretches.size >= MEMO_LIMIT) memo.set(timeZone, (zone = { edges: new Map(), stretches: new Map() }));
  let known = zone.stretches.get(k);
  if (known !== undefined) return known;
  const { edges } = zone;
  if (!edges.has(k) || !edges.has(k + 1)) {
    // Planning reads forward from the start: the host clock reads a few stretch ends in one
    // go (one switch of TZ); Intl reads one at a time anyway, so it reads only the two it needs.
    const ahead = host === 'on' || host === 'unchecked';
    const wanted: number[] = [];
    for (let i = ahead ? k - 1 : k; i <= (ahead ? k + 4 : k + 1); i++) if (!edges.has(i)) wanted.push(i);
    readSeconds(timeZone, wanted.map((i) => i * STRETCH)).forEach((s, j) => edges.set(wanted[j]!, s));
  }
  const before = edges.get(k)!;
  const after = edges.get(k + 1)!;
  if (before === after || Number.isNaN(before) || Number.isNaN(after)) known = before;
  else {
    // The one change inside: the first whole second with the new offset. Most changes fall
    // on a quarter hour, so the search narrows to one first and tries its end (10 reads, not 19).
    let lo = k * STRETCH;
    let hi = (k + 1) * STRETCH;
    // A switch of TZ costs far more than a read, so the host clock reads 15 points a step.
    const ways = host === 'on' ? 16 : 2;
    const narrow = (unit: number) => {
      while (hi - lo > unit) {
        const step = Math.max(unit, Math.floor((hi - lo) / ways / unit) * unit);
        const points: number[] = [];
        for (let t = lo + step; t < hi; t += step) points.push(t);
        // The host clock's last quarter-hour step reads the second before each point too: a
        // change on the quarter hour is then found to the second without another switch.
        const seconds = host === 'on' && unit === QUARTER_HOUR && step === unit;
        const read = readSeconds(timeZone, seconds ? [...points, ...points.map((t) => t - SECOND)] : points);
        const first = points.findIndex((_, i) => read[i] !== before);
        if (first === -1) lo = points.at(-1)!;
        else {
          hi = points[first]!;
          if (first > 0) lo = points[first - 1]!;
          if (seconds && read[points.length + first] === before) lo = hi - SECOND;
        }
      }
    };
    narrow(QUARTER_HOUR);
    if (hi - lo > SECOND && readSeconds(timeZone, [hi - SECOND])[0] === before) lo = hi - SECOND;
    narrow(SECOND);
    known = { at: hi, before, after };
  }
  zone.stretches.set(k, known);
  return known;
}

/**
 * The offset of `timeZone` from UTC at `date`, in minutes (`60` for Berlin in winter,
 * `-300` for New York); fractions for historic local mean time. `NaN` for an unknown zone.
 * Same contract as @date-fns/tz's `tzOffset`, which it stands in for.
 */
export function tzOffset(timeZone: string, date: Date): number {
  return offsetSeconds(timeZone, date.getTime()) / 60 + 0; // + 0: UTC is +0, never -0
}

/** A zone written as a fixed offset, like `+05:30` (as @date-fns/tz accepts). */
const FIXED = /^([+-])(\d{2}):?(\d{2})$/;

/** Offsets in seconds at these instants, from the source in use. */
function readSeconds(zone: string, instants: readonly number[]): number[] {
  const fixed = FIXED.exec(zone);
  if (fixed) {
    const seconds = (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3]) * 60) + 0;
    return instants.map((ms) => (Math.abs(ms) <= 8.64e15 ? seconds : Number.NaN));
  }
  if ((host === 'on' || host === 'unchecked') && hostTakes(zone) && instants.every((ms) => Math.abs(ms) < HOST_RANGE)) {
    if (host === 'unchecked') host = hostClockMoves() ? 'on' : 'off';
    if (host === 'on') {
      // Each switch of TZ costs several Intl reads: past a budget, a long job is cheaper on Intl.
      if (++hostBatches >= hostBudget) host = 'spent';
      return hostSeconds(zone, instants);
    }
  }
  return instants.map((ms) => intlSeconds(zone, ms));
}

/**
 * Batches of host-clock reads (switches of TZ) before Intl takes over: about what Intl's
 * ~10 ms start costs.
 * A CLI run of lint or triage stays well under it; a long span (decades of working time)
 * goes past it and finishes on Intl, which reads faster once it has started.
 */
const HOST_BUDGET = 64;
let hostBatches = 0;
let hostBudget = HOST_BUDGET;

/** Instants whose local fields a Date can hold in any zone (the last day of its range cannot). */
const HOST_RANGE = 8.64e15 - 3 * DAY;

/** Zone names the host clock reads exactly as Intl does. */
const hostTakes = (zone: string) => !/\d/.test(zone) && isListedTimeZone(zone);

/**
 * Offsets with `TZ` set to `zone` for these reads, restored before returning (~10 µs, and
 * only on a memo miss). Restored at once, so that nothing else in the process ever sees a
 * switched local time.
 */
function hostSeconds(zone: string, instants: readonly number[]): number[] {
  const env = process.env;
  const previous = env.TZ;
  if (previous !== zone) env.TZ = zone;
  try {
    return instants.map((ms) => Math.round((localFieldsAsUtc(new Date(ms)) - ms) / SECOND) + 0);
  } finally {
    if (previous === undefined) delete env.TZ;
    else if (previous !== zone) env.TZ = previous;
  }
}

/**
 * The local clock fields read as UTC. `getTimezoneOffset` would be shorter but drops the
 * seconds of historic local mean time (Berlin was +00:53:28 before 1893).
 */
function localFieldsAsUtc(date: Date): number {
  const wall = new Date(0);
  wall.setUTCFullYear(date.getFullYear(), date.getMonth(), date.getDate()); // Date.UTC would read years below 100 as 19xx
  wall.setUTCHours(date.getHours(), date.getMinutes(), date.getSeconds(), date.getMilliseconds());
  return wall.getTime();
}

/** Whether setting `TZ` switches this platform's clock: two zones with known, unusual offsets. */
function hostClockMoves(): boolean {
  const jan2020 = Date.UTC(2020, 0, 15, 12);
  try {
    return hostSeconds('Asia/Kolkata', [jan2020])[0] === 330 * 60 && hostSeconds('America/St_Johns', [jan2020])[0] === -210 * 60;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat | null>();
const FIELDS = /^(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)$/;

/** The offset from Intl: the zone's clock fields at the instant (to the second) less the instant. */
function intlSeconds(zone: string, ms: number): number {
  let format = formats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = null;
    }
    formats.set(zone, format);
  }
  if (!format || !(Math.abs(ms) <= 8.64e15)) return Number.NaN;
  const whole = Math.floor(ms / SECOND) * SECOND;
  const text = format.format(whole);
  let fields = FIELDS.exec(text)?.slice(1);
  if (!fields) {
    // A runtime that words the date differently: the same fields, one by one.
    const parts = Object.fromEntries(format.formatToParts(whole).map((p) => [p.type, p.value]));
    fields = [parts.month, parts.day, parts.year, parts.era, parts.hour, parts.minute, parts.second].map(String);
  }
  const [mo, d, y, era, h, mi, s] = fields as [string, string, string, string, string, string, string];
  const day = daysFromCivil(era === 'BC' ? 1 - Number(y) : Number(y), Number(mo), Number(d));
  const wall = day * DAY + ((Number(h) % 24) * 3600 + Number(mi) * 60 + Number(s)) * SECOND;
  return Math.round((wall - whole) / SECOND) + 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, in plain arithmetic (valid past a Date's range). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
