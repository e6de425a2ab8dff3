/**
 * Instants as people write and read them: ISO 8601 in, ISO 8601 with the zone's offset
 * out. A time without an offset is wall-clock time in a named zone, so it is checked
 * against that zone's daylight-saving changes: 02:30 on a spring-forward night does not
 * exist (the clocks skip it), and 02:30 on a fall-back night happens twice. Pure: the zone
 * is always passed in.
 *
 * Two readings of wall-clock time:
 * - `parseInstant` is for a time a person types for an incident (`--at`, a matrix test's
 *   `at`): a skipped or a repeated time is refused with a reason, because guessing would put
 *   every deadline an hour off.
 * - `matrixInstant` is for times written in the matrix (exception windows), which must
 *   always mean some instant: it reads a time as the first instant the zone's clocks show
 *   that time or a later one. A skipped time is the moment the clocks jump (the first
 *   instant after the gap), a repeated time its first occurrence.
 * Either way a date alone is the first instant of that day in the zone, even where the
 * clocks skip 00:00.
 */
import { offsetSeconds } from './offset.js';
import { wallInstants } from './wall.js';
import { quoted } from '../quote.js';

export type InstantResult = { ok: true; date: Date } | { ok: false; reason: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2}(?::\d{2})?)?)?$/;
const EXAMPLE = 'write it like 2026-03-27T16:30 or 2026-03-27T16:30+01:00';

/** The fields of an ISO 8601 text, checked against the calendar. */
interface Written {
  /** The wall-clock fields read as if they were UTC, epoch milliseconds. */
  wall: number;
  /** True for a date without a time. */
  dateOnly: boolean;
  /** The explicit offset in seconds, when one is written. */
  offset?: number;
}

function readText(text: string): { ok: true; written: Written } | { ok: false; reason: string } {
  const match = ISO.exec(text.trim());
  if (!match) return { ok: false, reason: `${quoted(text)} is not an ISO 8601 time; ${EXAMPLE}` };
  const [, ys, mos, ds, hs, mis = '0', ss = '0', frac = '', offset] = match;
  const [y, mo, d, h, mi, s] = [ys, mos, ds, hs ?? '0', mis, ss].map(Number) as [number, number, number, number, number, number];
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  if (!realDate(y, mo, d)) return { ok: false, reason: `${quoted(text)}: ${ys}-${mos}-${ds} is not a date in the calendar` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: `${quoted(text)}: ${hs}:${mis} is not a time of day` };
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years below 100 as 19xx
  utc.setUTCHours(h, mi, s, ms);
  const written: Written = { wall: utc.getTime(), dateOnly: hs === undefined };
  if (offset !== undefined) {
    const minutes = offsetSecondsOf(offset);
    if (minutes === undefined) return { ok: false, reason: `${quoted(text)}: ${offset} is not a UTC offset; ${EXAMPLE}` };
    written.offset = minutes;
  }
  return { ok: true, written };
}

/** How one wall-clock time in a zone maps to instants, as dates. */
type Local =
  | { kind: 'unique'; date: Date }
  /** The clocks go back over it: it happens twice. */
  | { kind: 'repeated'; earlier: Date; later: Date }
  /** The clocks jump over it; `jump` is the first instant after the gap. */
  | { kind: 'skipped'; jump: Date }
  | { kind: 'unknown-zone' };

const offsetOf = (zone: string, ms: number) => offsetSeconds(zone, ms);

/** The instants at which the zone's clocks show `wall` (wall-clock fields as UTC milliseconds). */
function resolveLocal(wall: number, zone: string): Local {
  const found = wallInstants(zone, wall);
  switch (found.kind) {
    case 'unique':
      return { kind: 'unique', date: new Date(found.at) };
    case 'repeated':
      return { kind: 'repeated', earlier: new Date(found.earlier), later: new Date(found.later) };
    case 'skipped':
      return { kind: 'skipped', jump: new Date(found.jump) };
    default:
      return found;
  }
}

/**
 * `+02:00` for 7200 seconds; `-00:44:30` for a historic local mean time with seconds
 * (Monrovia until 1972): ISO 8601 and RFC 3339 have no seconds in an offset, so only those
 * carry them, and the parser here reads them back.
 */
export function offsetLabel(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  const hm = `${seconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}`;
  return abs % 60 === 0 ? hm : `${hm}:${pad(abs % 60)}`;
}

/** `2026-03-29T02:30` from the wall-clock fields. */
const wallText = (wall: number) => new Date(wall).toISOString().slice(0, 16);

/**
 * Parses an ISO 8601 date-time a person gives for an incident. With an offset (`Z`,
 * `+01:00`, `+0100`, `-05`) it is that instant; without one it is wall-clock time in
 * `zone`, and a time the clocks skip or pass twice (daylight saving) is refused with a
 * reason asking for an offset. A date alone means the first instant of that day.
 */
export function parseInstant(text: string, zone: string): InstantResult {
  const read = readInZone(text, zone);
  if ('result' in read) return read.result;
  const { local, wall, dateOnly } = read;
  if (local.kind === 'skipped') {
    if (dateOnly) return { ok: true, date: local.jump };
    return { ok: false, reason: `${quoted(text)} does not exist in ${zone}: the clocks skip that hour (daylight saving); give an offset` };
  }
  if (dateOnly) return { ok: true, date: local.earlier };
  const [first, second] = [local.earlier, local.later].map((d) => offsetLabel(offsetOf(zone, d.getTime())));
  return {
    ok: false,
    reason: `${quoted(text)} happens twice in ${zone}: the clocks go back (daylight saving), so it is either ${first} or ${second}; give an offset, like ${wallText(wall)}${first}`,
  };
}

/**
 * What parseInstant and matrixInstant share: the result when the text decides it (not a
 * date, an explicit offset, an unknown zone, a wall-clock time that happens once), or the
 * skipped or repeated wall-clock time each reads its own way.
 */
function readInZone(
  text: string,
  zone: string,
): { result: InstantResult } | { local: Extract<Local, { kind: 'skipped' | 'repeated' }>; wall: number; dateOnly: boolean } {
  const read = readText(text);
  if (!read.ok) return { result: read };
  const { wall, dateOnly, offset } = read.written;
  if (offset !== undefined) return { result: { ok: true, date: new Date(wall - offset * 1000) } };
  const local = resolveLocal(wall, zone);
  if (local.kind === 'unknown-zone') return { result: { ok: false, reason: `${quoted(text)}: unknown time zone ${zone}` } };
  if (local.kind === 'unique') return { result: { ok: true, date: local.date } };
  return { local, wall, dateOnly };
}

/**
 * Reads a date or date-time written in the matrix (an exception's `from` or `until`) as an
 * instant, never refusing a real calendar date: with an offset it is that instant; without
 * one it is the first instant the clocks in `zone` show that time or a later one. So a date
 * alone is the first instant of that day (even where 00:00 is skipped), a time skipped by a
 * daylight-saving jump is the moment of the jump, and a time that happens twice is its
 * first occurrence. Fails only for text that is not a date or an unknown zone.
 */
export function matrixInstant(text: string, zone: string): InstantResult {
  const read = readInZone(text, zone);
  if ('result' in read) return read.result;
  return { ok: true, date: read.local.kind === 'skipped' ? read.local.jump : read.local.earlier };
}

/**
 * Whether a matrix-local date or date-time (`2027-03-14T02:30`, `2026-09-06`, or one with
 * an offset) names a moment that exists in the IANA `zone`. Not ok, with a one-line reason
 * fit for a warning at the value, when the clocks skip that wall-clock time (a
 * daylight-saving jump), the text is not an ISO 8601 date or time, or the zone is unknown.
 * A date alone always exists (it starts at the first instant of that day), a time with an
 * offset always exists, and a time the clocks pass twice exists (it means the first time).
 * The reason says how `matrixInstant` reads a skipped time. Pure.
 *
 * @example
 *   localTimeExists('2027-03-14T02:30', 'America/New_York');
 *   // { ok: false, reason: '2027-03-14T02:30 does not exist in America/New_York: the clocks jump from 02:00 to 03:00 (daylight saving); it is read as 2027-03-14T03:00-04:00' }
 */
export function localTimeExists(text: string, zone: string): { ok: true } | { ok: false; reason: string } {
  const read = readText(text);
  if (!read.ok) return read;
  const { wall, dateOnly, offset } = read.written;
  if (offset !== undefined || dateOnly) {
    if (Number.isNaN(offsetOf(zone, wall))) return { ok: false, reason: `${quoted(text)}: unknown time zone ${zone}` };
    return { ok: true };
  }
  const local = resolveLocal(wall, zone);
  if (local.kind === 'unknown-zone') return { ok: false, reason: `${quoted(text)}: unknown time zone ${zone}` };
  if (local.kind !== 'skipped') return { ok: true };
  const jump = local.jump.getTime();
  const [before, after] = [offsetOf(zone, jump - 1), offsetOf(zone, jump)];
  const [from, to] = [wallText(jump + before * 1000), wallText(jump + after * 1000)];
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  const jumpText = sameDay ? `${from.slice(11)} to ${to.slice(11)} (daylight saving)` : `${from} to ${to} (a change of time zone)`;
  return { ok: false, reason: `${text.trim()} does not exist in ${zone}: the clocks jump from ${jumpText}; it is read as ${to}${offsetLabel(after)}` };
}

function realDate(y: number, mo: number, d: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years below 100 as 19xx
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A written UTC offset in seconds: `+01:00`, `+0100`, `-05`, `Z`, or `-00:44:30` (historic local mean time). */
function offsetSecondsOf(offset: string): number | undefined {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replaceAll(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2, 4) || '0');
  const s = Number(digits.slice(4) || '0');
  if (h > 18 || m > 59 || s > 59) return undefined;
  return sign * (h * 3600 + m * 60 + s);
}

/**
 * The instant an ISO 8601 text with an offset names, as formatInstant writes it, for those
 * that print a result's times again (the card, markdown, messages). `new Date` and
 * `Date.parse` cannot read the seconds of a local mean time offset
 * (`1960-01-04T10:00:00-00:44:30`: Invalid Date, printed as NaN); this reads every offset
 * formatInstant writes. Text without an offset names no instant: an Invalid Date.
 */
export function instantOf(text: string): Date {
  const read = readText(text);
  return read.ok && read.written.offset !== undefined ? new Date(read.written.wall - read.written.offset * 1000) : new Date(Number.NaN);
}

/** Whether an ISO 8601 text states its UTC offset (`Z`, `+01:00`), so no zone is needed to read it. */
export function hasUtcOffset(text: string): boolean {
  const read = readText(text);
  return read.ok && read.written.offset !== undefined;
}

/** The zone's offset from UTC at an instant, in minutes (`+60` for Berlin in winter; fractions for historic local mean time). */
export const offsetAt = (zone: string, date: Date): number => offsetSeconds(zone, date.getTime()) / 60 + 0;

/**
 * ISO 8601 with the zone's offset and no milliseconds: `2026-03-27T16:30:00+01:00`; a
 * historic local mean time keeps its seconds: `1960-01-04T10:00:00-00:44:30`.
 */
export function formatInstant(date: Date, zone: string): string {
  const offset = offsetSeconds(zone, date.getTime());
  const wall = Math.floor(date.getTime() / 1000) * 1000 + offset * 1000;
  return `${wallFields(wall) ?? new Date(wall).toISOString().slice(0, 19)}${offsetLabel(offset)}`;
}

/**
 * `YYYY-MM-DDTHH:MM:SS` of epoch milliseconds read as UTC, as toISOString writes it, for
 * the years 0000-9999 (undefined for others): reports write hundreds of thousands of times.
 * The date from the day number by the civil-from-days algorithm (H. Hinnant).
 */
function wallFields(ms: number): string | undefined {
  if (!(ms >= -62_167_219_200_000 && ms < 253_402_300_800_000)) return undefined;
  const days = Math.floor(ms / 86_400_000);
  const seconds = Math.floor((ms - days * 86_400_000) / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(seconds % 60)}`;
}

/** `00` to `99`: two digits without making a string each time. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const pad = (n: number) => TWO_DIGITS[n] ?? String(n).padStart(2, '0');

/** The calendar date of an instant in a zone, YYYY-MM-DD. */
export function localDate(date: Date, zone: string): string {
  return formatInstant(date, zone).slice(0, 10);
}
