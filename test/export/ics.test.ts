/**
 * The iCalendar export, parsed back with ical.js: the working-hours events expand, through
 * the exported VTIMEZONE, to exactly the instants the matrix calendar opens at (holidays
 * left out), in zones with and without DST, south and north, and with 45-minute offsets.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { exportIcs } from '../../src/export/ics.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { offsetAt } from '../../src/time/instant.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';

const DAY = 86_400_000;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The UTC instant of a wall-clock time in a zone (never inside a DST gap in these tests). */
function instant(date: string, hhmm: string, zone: string): number {
  const local = Date.parse(`${date}T${hhmm === '24:00' ? '00:00' : hhmm}:00Z`) + (hhmm === '24:00' ? DAY : 0);
  const guess = local - offsetAt(zone, new Date(local)) * 60_000;
  return local - offsetAt(zone, new Date(guess)) * 60_000;
}

interface Parsed {
  events: ICAL.Event[];
  zones: string[];
}

function parseBack(text: string): Parsed {
  const root = new ICAL.Component(ICAL.parse(text));
  const zones = root.getAllSubcomponents('vtimezone').map((vtz) => {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz, tz.tzid);
    return tz.tzid;
  });
  return { events: root.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)), zones };
}

/** The first `count` occurrences of a recurring event as [start, end] UTC milliseconds. */
function occurrences(event: ICAL.Event, count: number): [number, number][] {
  const out: [number, number][] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && out.length < count; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    out.push([details.startDate.toJSDate().getTime(), details.endDate.toJSDate().getTime()]);
  }
  return out;
}

/** What the matrix says: each working day from the first on or after the review date, holidays skipped. */
function expected(matrix: Matrix, id: string, count: number): [number, number][] {
  const calendar = matrix.calendars![id]!;
  const zone = calendar.timezone ?? matrix.timezone;
  const [open, close] = calendar.hours.split('-') as [string, string];
  const out: [number, number][] = [];
  for (let t = Date.parse(`${matrix.reviewed}T00:00:00Z`); out.length < count; t += DAY) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (!calendar.days.includes(DAYS[new Date(t).getUTCDay()] as never) || (calendar.holidays ?? []).includes(date)) continue;
    out.push([instant(date, open, zone), instant(date, close, zone)]);
  }
  return out;
}

const hoursEvent = (parsed: Parsed, id: string) => parsed.events.find((e) => e.uid.endsWith(`-${id}-hours@escalate`))!;

describe.each(EXAMPLES)('examples/%s.yaml', (name) => {
  it('parses back: every calendar opens and closes when the matrix says, for a year of working days', () => {
    const matrix = exampleMatrix(name);
    const parsed = parseBack(exportIcs(matrix).text);
    for (const id of Object.keys(matrix.calendars ?? {})) {
      const event = hoursEvent(parsed, id);
      expect(event.isRecurring()).toBe(true);
      expect(occurrences(event, 260)).toEqual(expected(matrix, id, 260));
    }
  });

  it('has one all-day event per holiday', () => {
    const matrix = exampleMatrix(name);
    const parsed = parseBack(exportIcs(matrix).text);
    for (const [id, calendar] of Object.entries(matrix.calendars ?? {})) {
      const holidays = parsed.events.filter((e) => e.uid.includes(`-${id}-holiday-`));
      expect(holidays.map((e) => e.startDate.toString())).toEqual(calendar.holidays ?? []);
      expect(holidays.every((e) => e.startDate.isDate)).toBe(true);
    }
  });
});

describe('time zones', () => {
  const ZONES = ['Pacific/Chatham', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago', 'Europe/Berlin'];
  it.each(ZONES)('%s: working hours expand to the right instants across the DST changes', (zone) => {
    const matrix = variant('msp', (m) => {
      m.calendars!.business!.timezone = zone;
      m.calendars!.business!.days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    });
    const parsed = parseBack(exportIcs(matrix).text);
    expect(parsed.zones).toEqual([zone]);
    expect(occurrences(hoursEvent(parsed, 'business'), 800)).toEqual(expected(matrix, 'business', 800));
  });

  it('an hour range to 24:00 ends at the next midnight', () => {
    const matrix = variant('msp', (m) => (m.calendars!.business!.hours = '06:00-24:00'));
    const parsed = parseBack(exportIcs(matrix).text);
    expect(occurrences(hoursEvent(parsed, 'business'), 30)).toEqual(expected(matrix, 'business', 30));
  });

  it('folds long lines at 75 octets without splitting a character, and ends lines with CRLF', () => {
    const matrix = variant('msp', (m) => (m.name = `Północ ${'ę'.repeat(80)} support`));
    const text = exportIcs(matrix).text;
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(new ICAL.Component(ICAL.parse(text)).getFirstPropertyValue('x-wr-calname')).toBe(`${matrix.name}: working hours and holidays`);
  });
});

describe('escalate export ics (CLI)', () => {
  it('prints the calendar', () => {
    const run = runCli(['export', 'ics', '-m', example('client-vendor.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  });

  it('a matrix without calendars has nothing to export: exit 2, one line', () => {
    const run = runCli(['export', 'ics', '-m', 'test/fixtures/lint/paging-target.ok.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/defines no calendars/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
