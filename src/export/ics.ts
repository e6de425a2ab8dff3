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

/**
 * What the output edge (CI_COMMAND in cli/io.ts) reads as a CI log command at the start of a
 * line: `::`, `##[` or `##vso[` after any run of blanks and tabs (or colour codes, which the
 * file cannot hold: ESC is no TEXT character). Sticky: tried at one index of a line.
 */
const CI_COMMAND_START = /([ \t]*)(::|##\[|##vso\[)/y;

/**
 * Lines folded at 75 octets, never inside a character, joined with CRLF (RFC 5545 §3.1). No
 * continuation line reads as a CI log command, its folding blank included: where the rest of
 * the line does, the continuation holds only the blanks and tabs before the command and the
 * command's first character (one octet each; when the blanks run past 74 octets, the next
 * continuation is held to the same test), so it is ` :` or ` \t#`, which the output edge
 * leaves alone: the file says what `--check` compares, and the value is written unchanged.
 */
export function fold(lines: readonly string[]): string {
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
        CI_COMMAND_START.lastIndex = index;
        const command = CI_COMMAND_START.exec(line);
        limit = command ? 1 + Math.min(74, command[1]!.length + 1) : 75;
      }
      index += char.length;
      current += char;
      octets += size;
    }
    out.push(current);
  }
  return `${out.join('\r\n')}\r\n`;
}

/**
 * A short digest of the exact matrix name (FNV-1a, 32 bits, of its UTF-8 bytes), as 8 hex
 * digits. The UID's slug keeps ASCII letters and digits only, so names in other scripts, or
 * differing only in punctuation or case, shared it; with the digest, two teams' exports
 * imported into one calendar never replace each other's events (RFC 5545 §3.8.4.7), and the
 * same name gives the same UIDs on every run and machine.
 */
function nameDigest(name: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

export interface IcsExport {
  text: string;
  warnings: ExportWarning[];
}

export function exportIcs(matrix: Matrix): IcsExport {
  const warnings: ExportWarning[] = [];
  const calendars = Object.entries(matrix.calendars ?? {});
  const stamp = `${matrix.reviewed.replace(/-/g, '')}T000000Z`;
  // Readable, and unique to the matrix by the digest of its exact name (see nameDigest).
  const slug = `${matrix.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'matrix'}-${nameDigest(matrix.name)}`;
  const zones = [...new Set(calendars.map(([, c]) => canonicalZone(c.timezone ?? matrix.timezone)))].sort();
  const firstYear = Number(matrix.reviewed.slice(0, 4));

  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//escalate//export ics//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(`${matrix.name}: working hours and holidays`)}`];
  for (const zone of zones) lines.push(...vtimezone(zone, firstYear));
  for (const [id, given] of calendars) {
    // Each date once, as dates from `holidays_from` already are: a date listed twice made two
    // events with one UID and a repeated EXDATE.
    const calendar: Calendar = given.holidays === undefined ? given : { ...given, holidays: [...new Set(given.holidays)] };
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
  const working = new Set(calendar.days.map((d) => DAY_INDEX[d]!));
  const changes = changeDays(zone, close, firstYear);
  // The occurrences start on the first working day on or after the review date.
  let first = dayOf(reviewed);
  while (!working.has(first.getUTCDay())) first = new Date(first.getTime() + DAY);
  // DTSTART and DTEND give every occurrence its length: RFC 5545 keeps their exact difference
  // for each, ical.js adds it to each one's local time. On a day the clocks change, that is
  // not the normal length (23 or 25 hours, half an hour short, nothing at all), and a skipped
  // or repeated DTSTART is read differently from reader to reader; every week would take it.
  // So the rule is anchored on the nearest working day on or before the first that the clocks
  // do not change on, and the working days from it up to the first are excluded (EXDATE, which
  // RFC 5545 lets exclude DTSTART). The clock-change days keep their own occurrences below.
  let anchor = first;
  for (let back = 0; back < 366 && (changes.has(anchor.getTime()) || !working.has(anchor.getUTCDay())); back++) anchor = new Date(anchor.getTime() - DAY);
  if (changes.has(anchor.getTime()) || !working.has(anchor.getUTCDay())) anchor = first;
  const at = (day: Date, hhmm: string) => new Date(day.getTime() + clock(hhmm) * MINUTE);
  const before: Date[] = [];
  for (let day = anchor; day.getTime() < first.getTime(); day = new Date(day.getTime() + DAY)) if (working.has(day.getUTCDay())) before.push(day);
  const exdates = [
    ...before,
    ...(calendar.holidays ?? []).map(dayOf).filter((d) => working.has(d.getUTCDay()) && d.getTime() >= first.getTime()),
  ].map((d) => `EXDATE;TZID=${zone}:${wall(at(d, open))}`);
  const uid = `UID:${slug}-${id}-hours@escalate`;
  const tail = [`SUMMARY:${escapeText(`Working hours: calendar ${id} (${calendar.hours})`)}`, 'TRANSP:TRANSPARENT', `CATEGORIES:${escapeText(id)}`, 'END:VEVENT'];
  return [
    'BEGIN:VEVENT',
    uid,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=${zone}:${wall(at(anchor, open))}`,
    `DTEND;TZID=${zone}:${wall(at(anchor, close))}`,
    `RRULE:FREQ=WEEKLY;BYDAY=${calendar.days.map((d) => BYDAY[d]).join(',')}`,
    ...exdates,
    ...tail,
    ...clockChangeDays(calendar, zone, changes, first).flatMap(({ day, opens, closes }) => [
      'BEGIN:VEVENT',
      uid,
      `DTSTAMP:${stamp}`,
      `RECURRENCE-ID;TZID=${zone}:${wall(at(day, open))}`,
      `DTSTART:${utc(opens)}`,
      `DTEND:${utc(closes)}`,
      ...tail,
    ]),
  ];
}

const utc = (ms: number) => `${wall(new Date(ms))}Z`;


/**
 * The local days (midnight, as a wall-clock time in ms) whose working hours a change of the
 * zone's clocks can reach, over the years the VTIMEZONE covers: the day it happens on (in the
 * offset it leaves and the one it enters), and the day before when hours end at 24:00.
 */
function changeDays(zone: string, close: string, firstYear: number): Set<number> {
  const out = new Set<number>();
  for (let year = firstYear - 1; year < firstYear - 1 + YEARS; year++) {
    for (const tr of transitions(zone, year)) {
      for (const offset of [tr.from, tr.to]) {
        const local = new Date(tr.at + offset * MINUTE);
        const today = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
        out.add(today);
        if (close === '24:00') out.add(today - DAY);
      }
    }
  }
  return out;
}

/**
 * The working days on which the zone's clocks change, with the instants the matrix opens and
 * closes at (the time core's rule: a skipped time is the jump, a repeated one its earlier
 * occurrence; a day is as long as it really is). Calendar programs read such a day of a
 * weekly rule differently (RFC 5545 keeps each occurrence's exact length, ical.js its local
 * times, and a skipped or repeated opening is guessed), so each is written as its own
 * occurrence in UTC (RECURRENCE-ID), which every reader takes as it is. Within the years the
 * VTIMEZONE covers; holidays are excluded already.
 */
function clockChangeDays(calendar: Calendar, zone: string, changes: ReadonlySet<number>, first: Date): { day: Date; opens: number; closes: number }[] {
  const [open, close] = calendar.hours.split('-') as [string, string];
  const working = new Set(calendar.days.map((d) => DAY_INDEX[d]!));
  const holidays = new Set(calendar.holidays ?? []);
  return [...changes]
    .sort((a, b) => a - b)
    .map((dayMs) => new Date(dayMs))
    .filter((day) => day.getTime() >= first.getTime() && working.has(day.getUTCDay()) && !holidays.has(day.toISOString().slice(0, 10)))
    .map((day) => ({ day, opens: wallToInstant(zone, day.getTime() + clock(open) * MINUTE), closes: wallToInstant(zone, day.getTime() + clock(close) * MINUTE) }));
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
