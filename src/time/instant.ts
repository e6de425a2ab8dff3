/**
 * Instants as people write and read them: ISO 8601 in, ISO 8601 with the zone's offset
 * out. A time without an offset is wall-clock time in a named zone, so it is checked
 * against that zone's daylight-saving changes (02:30 on a spring-forward night does not
 * exist). Pure: the zone is always passed in.
 */
import { TZDateMini as TZDate } from '@date-fns/tz/date/mini';
import { tzOffset } from '@date-fns/tz/tzOffset';

export type InstantResult = { ok: true; date: Date } | { ok: false; reason: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO 8601 date-time. With an offset (`Z`, `+01:00`, `+0100`, `-05`) it is that
 * instant; without one it is wall-clock time in `zone`. A date alone means midnight.
 */
export function parseInstant(text: string, zone: string): InstantResult {
  const match = ISO.exec(text.trim());
  const example = 'write it like 2026-03-27T16:30 or 2026-03-27T16:30+01:00';
  if (!match) return { ok: false, reason: `"${text}" is not an ISO 8601 time; ${example}` };
  const [, ys, mos, ds, hs = '0', mis = '0', ss = '0', frac = '', offset] = match;
  const [y, mo, d, h, mi, s] = [ys, mos, ds, hs, mis, ss].map(Number) as [number, number, number, number, number, number];
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  if (!realDate(y, mo, d)) return { ok: false, reason: `"${text}": ${ys}-${mos}-${ds} is not a date in the calendar` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: `"${text}": ${hs}:${mis} is not a time of day` };
  if (offset !== undefined) {
    const minutes = offsetMinutes(offset);
    if (minutes === undefined) return { ok: false, reason: `"${text}": ${offset} is not a UTC offset; ${example}` };
    const utc = new Date(0);
    utc.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years below 100 as 19xx
    utc.setUTCHours(h, mi, s, ms);
    return { ok: true, date: new Date(utc.getTime() - minutes * 60_000) };
  }
  const date = new TZDate(y, mo - 1, d, h, mi, s, ms, zone);
  if (Number.isNaN(date.getTime())) return { ok: false, reason: `"${text}": unknown time zone ${zone}` };
  if (date.getHours() !== h || date.getMinutes() !== mi) {
    return { ok: false, reason: `"${text}" does not exist in ${zone}: the clocks skip that hour (daylight saving); give an offset` };
  }
  return { ok: true, date: new Date(date.getTime()) };
}

function realDate(y: number, mo: number, d: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years below 100 as 19xx
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function offsetMinutes(offset: string): number | undefined {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2) || '0');
  if (h > 18 || m > 59) return undefined;
  return sign * (h * 60 + m);
}

/** The zone's offset from UTC at an instant, in minutes (`+60` for Berlin in winter). */
export const offsetAt = (zone: string, date: Date): number => tzOffset(zone, date);

/** ISO 8601 with the zone's offset and no milliseconds: `2026-03-27T16:30:00+01:00`. */
export function formatInstant(date: Date, zone: string): string {
  const offset = offsetAt(zone, date);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date of an instant in a zone, YYYY-MM-DD. */
export function localDate(date: Date, zone: string): string {
  return formatInstant(date, zone).slice(0, 10);
}
