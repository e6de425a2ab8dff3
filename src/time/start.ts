/**
 * An incident start as a responder types it at 3 a.m.: `now`, `20 min ago` / `2h ago` /
 * `1h30m ago`, a clock time `03:10` (the latest moment the display zone's clocks showed
 * 03:10 that is not in the future), or full ISO 8601 (read by `parseInstant`). Pure: the
 * present and the zones are passed in; everything is arithmetic on instants.
 */
import { formatInstant, offsetAt, parseInstant } from './instant.js';
import { quoted } from '../quote.js';

export interface StartContext {
  /** The present: "ago" and clock times are measured from it. */
  now: Date;
  /** The zone a clock time like `03:10` is read in: the zone the card shows times in. */
  displayZone: string;
  /** The zone an ISO 8601 time without an offset is read in (the matrix zone). */
  matrixZone: string;
  /** What the time is called in a refusal: "start time" (the default) or, for events, "time". */
  noun?: string;
}

export type StartForm = 'now' | 'ago' | 'clock' | 'iso';
export type StartResult = { ok: true; date: Date; form: StartForm } | { ok: false; reason: string };

export const START_FORMS = 'now, 20 min ago, 2h ago, 03:10 (the latest 03:10 not in the future) or ISO 8601 like 2026-03-27T16:30';

const MINUTE = 60_000;
/** 100 years (of 365.25 days) in minutes: the most an `… ago` may say. */
const MAX_AGO_MINUTES = 100 * 365.25 * 1440;
const UNITS: Record<string, number> = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, d: 1440, day: 1440, days: 1440 };
const AGO = /^((?:\d+\s*[a-z]+\s*)+)ago$/;
const PART = /(\d+)\s*([a-z]+)/g;
const CLOCK = /^(\d{1,2}):(\d{2})$/;

/** Reads a start in any accepted form; a failure says what was wrong and which forms work. */
export function parseStart(text: string, context: StartContext): StartResult {
  const given = text.trim().toLowerCase();
  if (given === '' || given === 'now') return { ok: true, date: context.now, form: 'now' };
  const ago = AGO.exec(given);
  if (ago) return agoStart(text, ago[1]!, context.now);
  const clock = CLOCK.exec(given);
  if (clock) return clockStart(text, Number(clock[1]), Number(clock[2]), context);
  const iso = parseInstant(text, context.matrixZone);
  if (iso.ok) return { ok: true, date: iso.date, form: 'iso' };
  // Text that looks like a date keeps parseInstant's precise reason (a skipped hour, a bad day).
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return iso;
  return { ok: false, reason: `${quoted(text)} is not a ${context.noun ?? 'start time'}; write ${START_FORMS}` };
}

function agoStart(text: string, spans: string, now: Date): StartResult {
  let minutes = 0;
  for (const [, amount, unit] of spans.matchAll(PART)) {
    const size = UNITS[unit!];
    if (size === undefined) return { ok: false, reason: `${quoted(text)}: ${quoted(unit!)} is not a unit; write minutes, hours or days, like 20 min ago or 1h30m ago` };
    minutes += Number(amount) * size;
  }
  // Triage's 100-year rule, here for every reader of the form: a larger amount (a typo, or
  // digits enough to leave the range of a date) is refused, never read as an invalid time.
  if (!(minutes <= MAX_AGO_MINUTES)) return { ok: false, reason: `${quoted(text)} is more than 100 years ago; check the number` };
  // Elapsed time: "2h ago" is two real hours, also across a daylight-saving change.
  return { ok: true, date: new Date(now.getTime() - minutes * MINUTE), form: 'ago' };
}

/**
 * The latest instant, not after `now`, at which the zone's clocks showed `hour:minute`.
 * A time the clocks skipped that day is looked for on the day before; a time they showed
 * twice is its later occurrence when that has already happened.
 */
function clockStart(text: string, hour: number, minute: number, { now, displayZone }: StartContext): StartResult {
  if (hour > 23 || minute > 59) return { ok: false, reason: `${quoted(text)} is not a time of day; write it like 03:10` };
  const today = formatInstant(now, displayZone).slice(0, 10);
  for (let back = 0; back <= 2; back++) {
    const candidates = wallInstants(shiftDate(today, -back), hour, minute, displayZone).filter((d) => d.getTime() <= now.getTime());
    if (candidates.length > 0) return { ok: true, date: candidates[candidates.length - 1]!, form: 'clock' };
  }
  return { ok: false, reason: `${quoted(text)}: ${displayZone} showed no such time in the last two days` };
}

/** Every instant at which the zone's clocks show `date hour:minute`, earliest first (none in a skipped hour, two in a repeated one). */
function wallInstants(date: string, hour: number, minute: number, zone: string): Date[] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, d);
  wall.setUTCHours(hour, minute, 0, 0);
  const w = wall.getTime();
  const offsets = new Set([w - 86_400_000, w, w + 86_400_000].map((t) => offsetAt(zone, new Date(t))));
  const hits = [...offsets]
    .map((o) => w - o * MINUTE)
    .filter((t) => t + offsetAt(zone, new Date(t)) * MINUTE === w)
    .sort((a, b) => a - b);
  return [...new Set(hits)].map((t) => new Date(t));
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(0);
  next.setUTCFullYear(y, m - 1, d + days);
  return next.toISOString().slice(0, 10);
}
