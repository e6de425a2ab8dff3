/**
 * The matrix calendars as iCalendar (RFC 5545), for helpdesk and calendar imports: each
 * calendar's working hours as a weekly recurring event in its own time zone (holidays
 * excluded), each holiday as an all-day event, and a VTIMEZONE for every zone, built from
 * the zone's real offsets. Deterministic: DTSTAMP is the matrix's review date, never the clock.
 */
import { canonicalZone } from '../time/zone.js';
import type { Calendar, Matrix } from '../matrix/schema.js';
import { offsetAt } from '../time/instant.js';
import { wallToInstant } from '../time/wall.js';
import type { ExportWarning } from './warnings.js';

const BYDAY: Record<string, string> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };
const DAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MINUTE = 60_000;
const DAY = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/**
 * A TEXT value (RFC 5545 §3.3.11). iCalendar has no escape for control characters (TEXT
 * allows none but tab) nor for the invisible direction marks the output edge shows as
 * escapes, so each becomes U+FFFD: the file says exactly what `--check` compares, and the
 * edge leaves it alone.
 */
const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, '\ufffd');
/** `YYYYMMDDTHHMMSS` of a Date read through its UTC fields (a wall-clock time held in a Date). */
const wall = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
const dateOnly = (d: Date) => wall(d).slice(0, 8);
const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
const clock = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** What a CI log reads as a command at the start of a line, after blanks (see cli/io.ts). */
const CI_COMMAND_START = /^(::|##\[|##vso\[)/;

/**
 * Lines folded at 75 octets, never inside a character, joined with CRLF (RFC 5545 §3.1). A
 * continuation line never starts (after its blank) with what a CI log reads as a command
 * (`::`, `##[`): it holds one character instead, so the output edge has nothing to defuse
 * and the value is written unchanged.
 */
function fold(lines: readonly string[]): string {
  const out: string[] = [];
  const encoder = new TextEncoder();
  for (const line of lines) {
    let current = '';
    let octets = 0;
    let limit = 75;
    let index = 0;
    for (const char of line) {
      const size = encoder.encode(char).length;
      if (octets + size > limit) {
        out.push(current);
        current = ' ';
        octets = 1;
        limit = CI_COMMAND_START.test(line.slice(index)) ? 1 + size : 75;
      }
      index += char.length;
      current += char;
      octets += size;
    }
    out.push(current);
  }
  return `${out.join('\r\n')}\r\n`;
}

export interface IcsExport {
  text: string;
  warnings: ExportWarning[];
}

export function exportIcs(matrix: Matrix): IcsExport {
  const warnings: ExportWarning[] = [];
  const calendars = Object.entries(matrix.calendars ?? {});
  const stamp = `${matrix.reviewed.replace(/-/g, '')}T000000Z`;
  const slug = matrix.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'matrix';
  const zones = [...new Set(calendars.map(([, c]) => canonicalZone(c.timezone ?? matrix.timezone)))].sort();
  const firstYear = Number(matrix.reviewed.slice(0, 4));

  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//escalate//export ics//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(`${matrix.name}: working hours and holidays`)}`];
  for (const zone of zones) lines.push(...vtimezone(zone, firstYear));
  for (const [id, calendar] of calendars) {
    const zone = canonicalZone(calendar.timezone ?? matrix.timezone);
    lines.push(...workingHours(id, calendar, zone, matrix.reviewed, stamp, slug, firstYear));
    for (const holiday of calendar.holidays ?? []) {
      const day = dayOf(holiday);
      lines.push(
        'BEGIN:VEVENT',
        `UID:${slug}-${id}-holiday-${holiday}@escalate`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${dateOnly(day)}`,
        `DTEND;VALUE=DATE:${dateOnly(new Date(day.getTime() + DAY))}`,
        `SUMMARY:${escapeText(`Holiday: no business time on calendar ${id}`)}`,
        'TRANSP:TRANSPARENT',
        `CATEGORIES:${escapeText(id)}`,
        'END:VEVENT',
      );
    }
  }
  lines.push('END:VCALENDAR');
  if (calendars.length === 0) warnings.push({ code: 'no-calendars', path: [], message: 'the matrix defines no calendars; every target runs round the clock' });
  return { text: fold(lines), warnings };
}

function workingHours(id: string, calendar: Calendar, zone: string, reviewed: string, stamp: string, slug: string, firstYear: number): string[] {
  const [open, close] = calendar.hours.split('-') as [string, string];
  // The first working day on or after the review date anchors the weekly rule.
  const working = new Set(calendar.days.map((d) => DAY_INDEX[d]!));
  let first = dayOf(reviewed);
  while (!working.has(first.getUTCDay())) first = new Date(first.getTime() + DAY);
  const start = new Date(first.getTime() + clock(open) * MINUTE);
  const end = new Date(first.getTime() + clock(close) * MINUTE);
  const exdates = (calendar.holidays ?? [])
    .map(dayOf)
    .filter((d) => working.has(d.getUTCDay()) && d.getTime() >= first.getTime())
    .map((d) => `EXDATE;TZID=${zone}:${wall(new Date(d.getTime() + clock(open) * MINUTE))}`);
  const uid = `UID:${slug}-${id}-hours@escalate`;
  const tail = [`SUMMARY:${escapeText(`Working hours: calendar ${id} (${calendar.hours})`)}`, 'TRANSP:TRANSPARENT', `CATEGORIES:${escapeText(id)}`, 'END:VEVENT'];
  return [
    'BEGIN:VEVENT',
    uid,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=${zone}:${wall(start)}`,
    `DTEND;TZID=${zone}:${wall(end)}`,
    `RRULE:FREQ=WEEKLY;BYDAY=${calendar.days.map((d) => BYDAY[d]).join(',')}`,
    ...exdates,
    ...tail,
    ...clockChangeDays(calendar, zone, first, firstYear).flatMap(({ day, opens, closes }) => [
      'BEGIN:VEVENT',
      uid,
      `DTSTAMP:${stamp}`,
      `RECURRENCE-ID;TZID=${zone}:${wall(new Date(day.getTime() + clock(open) * MINUTE))}`,
      `DTSTART:${utc(opens)}`,
      `DTEND:${utc(closes)}`,
      ...tail,
    ]),
  ];
}

const utc = (ms: number) => `${wall(new Date(ms))}Z`;


/**
 * The working days on which the zone's clocks change, with the instants the matrix opens and
 * closes at (the time core's rule: a skipped time is the jump, a repeated one its earlier
 * occurrence; a day is as long as it really is). Calendar programs read such a day of a
 * weekly rule differently (RFC 5545 keeps each occurrence's exact length, ical.js its local
 * times, and a skipped or repeated opening is guessed), so each is written as its own
 * occurrence in UTC (RECURRENCE-ID), which every reader takes as it is. Within the years the
 * VTIMEZONE covers; holidays are excluded already.
 */
function clockChangeDays(calendar: Calendar, zone: string, first: Date, firstYear: number): { day: Date; opens: number; closes: number }[] {
  const [open, close] = calendar.hours.split('-') as [string, string];
  const working = new Set(calendar.days.map((d) => DAY_INDEX[d]!));
  const holidays = new Set(calendar.holidays ?? []);
  const out: { day: Date; opens: number; closes: number }[] = [];
  const seen = new Set<number>();
  for (let year = firstYear - 1; year < firstYear - 1 + YEARS; year++) {
    for (const tr of transitions(zone, year)) {
      // The local day it happens on (in the offset it leaves and the one it enters), and the day before when hours end at 24:00.
      const dates = new Set<number>();
      for (const offset of [tr.from, tr.to]) {
        const local = new Date(tr.at + offset * MINUTE);
        const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
        dates.add(today);
        if (close === '24:00') dates.add(today - DAY);
      }
      for (const dayMs of dates) {
        const day = new Date(dayMs);
        if (seen.has(dayMs) || dayMs < first.getTime() || !working.has(day.getUTCDay()) || holidays.has(day.toISOString().slice(0, 10))) continue;
        seen.add(dayMs);
        out.push({ day, opens: wallToInstant(zone, dayMs + clock(open) * MINUTE), closes: wallToInstant(zone, dayMs + clock(close) * MINUTE) });
      }
    }
  }
  return out.sort((a, b) => a.day.getTime() - b.day.getTime());
}

interface Transition {
  /** The instant, ms since the epoch. */
  at: number;
  from: number;
  to: number;
}

/** The zone's offset changes in one year, found by day steps and a binary search to the minute. */
function transitions(zone: string, year: number): Transition[] {
  const out: Transition[] = [];
  const endOfYear = Date.UTC(year + 1, 0, 1);
  let t = Date.UTC(year, 0, 1);
  let before = offsetAt(zone, new Date(t));
  while (t < endOfYear) {
    const next = Math.min(t + DAY, endOfYear);
    const after = offsetAt(zone, new Date(next));
    if (after !== before) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE || lo + MINUTE;
        if (offsetAt(zone, new Date(mid)) === before) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: before, to: after });
    }
    before = after;
    t = next;
  }
  return out;
}

/** The local wall time a transition happens at, in the offset it leaves. */
const localOf = (tr: Transition) => new Date(tr.at + tr.from * MINUTE);

/** `2SU` or `-1SU`: the weekday rule of a date within its month. */
function byDay(local: Date): string {
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  const weekday = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][local.getUTCDay()]!;
  return day + 7 > daysInMonth ? `-1${weekday}` : `${Math.ceil(day / 7)}${weekday}`;
}

const ruleKey = (tr: Transition) => {
  const local = localOf(tr);
  return `${local.getUTCMonth() + 1}|${byDay(local)}|${local.getUTCHours()}:${local.getUTCMinutes()}|${tr.from}|${tr.to}`;
};

/** How many years a zone's transitions are checked for a yearly rule, or listed one by one without one. */
const YEARS = 12;

/**
 * A VTIMEZONE from the zone's real offsets. When the transitions follow one yearly rule over
 * the years checked (most zones), each is an observance with an RRULE; otherwise every
 * transition in those years is listed. A zone without transitions has one STANDARD.
 */
export function vtimezone(zone: string, fromYear: number): string[] {
  const start = fromYear - 1;
  const years = Array.from({ length: YEARS }, (_, i) => start + i);
  const perYear = years.map((y) => transitions(zone, y));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const observance = (tr: Transition, rrule?: string) => {
    const kind = tr.to > tr.from ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${wall(localOf(tr))}`, `TZOFFSETFROM:${offsetText(tr.from)}`, `TZOFFSETTO:${offsetText(tr.to)}`, ...(rrule ? [rrule] : []), `END:${kind}`];
  };
  const all = perYear.flat();
  if (all.length === 0) {
    const offset = offsetAt(zone, new Date(Date.UTC(fromYear, 0, 1)));
    lines.push('BEGIN:STANDARD', `DTSTART:${start}0101T000000`, `TZOFFSETFROM:${offsetText(offset)}`, `TZOFFSETTO:${offsetText(offset)}`, 'END:STANDARD');
  } else {
    const pattern = perYear[0]!.map(ruleKey).join(',');
    const yearly = perYear[0]!.length > 0 && perYear.every((list) => list.map(ruleKey).join(',') === pattern);
    if (yearly) {
      for (const tr of perYear[0]!) {
        const local = localOf(tr);
        lines.push(...observance(tr, `RRULE:FREQ=YEARLY;BYMONTH=${local.getUTCMonth() + 1};BYDAY=${byDay(local)}`));
      }
    } else {
      for (const tr of all) lines.push(...observance(tr));
    }
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
