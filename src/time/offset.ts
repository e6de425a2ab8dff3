/**
 * A time zone's offset from UTC at an instant: the one place the time core reads time-zone
 * data (the bundled @date-fns/tz reads it through here too; see scripts/build.mjs).
 *
 * By default the offset comes from @date-fns/tz, which asks `Intl.DateTimeFormat`. The
 * first `Intl.DateTimeFormat` of a process costs ~10 ms while ICU loads its locale data,
 * a tenth of a whole CLI run, and only to learn a number ICU already has. So the CLI, which
 * owns its process, switches on the host clock (`useHostClock`): the offset is read from
 * the process's own `Date` with the `TZ` environment variable set to the zone for the one
 * lookup and restored before returning (see `hostOffsets`); lookups are memoised. Both read
 * the same ICU time-zone data, and a test compares them for every zone around every change
 * of offset. The host clock takes only the names that test covers (the runtime's canonical
 * zones and the common ones in zone.ts), none with digits (ICU reads a `TZ` with digits,
 * like `Etc/GMT+5`, as POSIX rules), and only after a check on first use that setting `TZ`
 * does move the clock on this platform; everything else asks Intl.
 *
 * A library user never gets the host clock unless it asks: changing `TZ`, even for
 * microseconds, is only safe in a process with no other thread reading local time.
 */
import { tzOffset as intlOffset } from '@date-fns/tz/tzOffset';
import { isListedTimeZone } from './zone.js';

type HostState = 'off' | 'unchecked' | 'on';
let host: HostState = 'off';

/** Per zone: stretches of time with one offset, as flat [from, to, offset] triples, and single instants. */
interface Known {
  spans: number[];
  points: Map<number, number>;
}
const memo = new Map<string, Known>();
/** A long run must not grow the memo without bound, nor the spans scanned on each lookup. */
const MEMO_LIMIT = 50_000;
const SPANS_LIMIT = 3 * 256;
/**
 * Each lookup also reads the offset a day either side (under the same switch of `TZ`). When
 * the three agree, the two days around the instant have that offset: no zone changes its
 * offset twice within a day (V8's own date cache assumes no two changes within 19 days).
 * Planning an incident looks up many instants within a few days of each other.
 */
const SPAN = 86_400_000;

/** Reads offsets from the process clock from now on (`false`: from Intl again). For the CLI edge. */
export function useHostClock(enabled = true): void {
  host = enabled ? 'unchecked' : 'off';
}

/**
 * The offset of `timeZone` from UTC at `date`, in minutes (`60` for Berlin in winter,
 * `-300` for New York); fractions for historic local mean time. `NaN` for an unknown zone.
 * Same contract as @date-fns/tz's `tzOffset`, which it stands in for.
 */
export function tzOffset(timeZone: string, date: Date): number {
  const ms = date.getTime();
  if (host === 'off' || !(Math.abs(ms) < HOST_RANGE) || !hostTakes(timeZone)) return intlOffset(timeZone, date);
  if (host === 'unchecked') {
    host = hostClockMoves() ? 'on' : 'off';
    if (host === 'off') return intlOffset(timeZone, date);
  }
  let known = memo.get(timeZone);
  if (!known || known.points.size >= MEMO_LIMIT || known.spans.length >= SPANS_LIMIT) memo.set(timeZone, (known = { spans: [], points: new Map() }));
  const { spans, points } = known;
  for (let i = 0; i < spans.length; i += 3) if (ms >= spans[i]! && ms <= spans[i + 1]!) return spans[i + 2]!;
  let offset = points.get(ms);
  if (offset === undefined) {
    const [before, at, after] = hostOffsets(timeZone, [ms - SPAN, ms, ms + SPAN]) as [number, number, number];
    offset = at;
    if (before === at && after === at) spans.push(ms - SPAN, ms + SPAN, at);
    else points.set(ms, at);
  }
  return offset;
}

/** Instants whose local fields a Date can hold in any zone (the last day of its range cannot). */
const HOST_RANGE = 8.64e15 - 3 * 86_400_000;

/** Zone names the host clock reads exactly as Intl does. */
const hostTakes = (zone: string) => !/\d/.test(zone) && isListedTimeZone(zone);

/**
 * Offsets with `TZ` set to `zone` for these reads, restored before returning (~10 µs, and
 * only on a memo miss). It must be restored at once: @date-fns/tz's date class reads
 * the process's local time inside its own arithmetic and corrects it by these offsets, so
 * the process zone has to be the same before and after every lookup. (Leaving `TZ`
 * switched until the end of the job was faster and gave wrong business-hours deadlines
 * when two zones alternated; a test keeps that case.)
 */
function hostOffsets(zone: string, instants: readonly number[]): number[] {
  const env = process.env;
  const previous = env.TZ;
  if (previous !== zone) env.TZ = zone;
  try {
    return instants.map((ms) => minutesOf(Math.round((localFieldsAsUtc(new Date(ms)) - ms) / 1000)));
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

/** Whole seconds of offset as minutes, in the same arithmetic as @date-fns/tz (so equal to the last bit). */
function minutesOf(seconds: number): number {
  const abs = Math.abs(seconds);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor((abs % 3600) / 60), abs % 60];
  return seconds > 0 ? h * 60 + m + s / 60 : -h * 60 - m - s / 60 + 0; // + 0: UTC is +0, never -0
}

/** Whether setting `TZ` switches this platform's clock: two zones with known, unusual offsets. */
function hostClockMoves(): boolean {
  const jan2020 = Date.UTC(2020, 0, 15, 12);
  try {
    return hostOffsets('Asia/Kolkata', [jan2020])[0] === 330 && hostOffsets('America/St_Johns', [jan2020])[0] === -210;
  } catch {
    return false;
  }
}
