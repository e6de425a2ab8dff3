/**
 * The iCalendar export, parsed back with ical.js: the working-hours events expand, through
 * the exported VTIMEZONE, to exactly the instants the matrix calendar opens at (holidays
 * left out), in zones with and without DST, south and north, and with 45-minute offsets,
 * also when the first working day is one the clocks change on. A holiday listed twice is one
 * event, and UIDs are the matrix's own.
 */
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { exportBehaviour } from '../../src/export/behaviour.js';
import { icsDrift } from '../../src/export/drift.js';
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

/**
 * A first working day the clocks change on. DTSTART and DTEND give every occurrence of the
 * weekly rule its length (RFC 5545 §3.8.5.3 keeps their exact difference, ical.js adds it to
 * each occurrence's local time), so anchored on a 23- or 25-hour day, every week took that
 * length. Each case is held, occurrence by occurrence over every year the file writes the
 * clock-change days for, to instants worked out on Temporal from the matrix rule (a skipped
 * time is the jump, a repeated one its earlier occurrence; 24:00 the next midnight).
 */
describe('a first working day on which the clocks change', () => {
  const CASES: { zone: string; days: string[]; hours: string; reviewed: string }[] = [
    { zone: 'Europe/Berlin', days: ['sun'], hours: '00:00-24:00', reviewed: '2027-10-25' },
    { zone: 'Europe/Berlin', days: ['sat', 'sun'], hours: '00:00-24:00', reviewed: '2027-03-28' },
    // Hours holding the skipped hour (02:00-03:00 in spring) and the repeated one (in autumn).
    { zone: 'Europe/Berlin', days: ['sun'], hours: '01:30-03:30', reviewed: '2027-03-28' },
    { zone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: '01:30-03:30', reviewed: '2027-10-31' },
    { zone: 'America/New_York', days: ['sun'], hours: '01:30-02:30', reviewed: '2027-03-14' },
    { zone: 'America/New_York', days: ['sat', 'sun'], hours: '01:30-02:30', reviewed: '2027-11-07' },
    // Lord Howe moves its clocks by 30 minutes, at 02:00.
    { zone: 'Australia/Lord_Howe', days: ['sun'], hours: '00:00-24:00', reviewed: '2027-10-03' },
    { zone: 'Australia/Lord_Howe', days: ['sun'], hours: '01:45-02:45', reviewed: '2027-04-04' },
    // Santiago's clocks go back at 24:00 on a Saturday: that Saturday is 25 hours long.
    { zone: 'America/Santiago', days: ['sat'], hours: '00:00-24:00', reviewed: '2027-04-03' },
  ];
  const matrixOf = ({ zone, days, hours, reviewed }: (typeof CASES)[number]) =>
    variant('msp', (m) => {
      m.reviewed = reviewed;
      m.calendars = { support: { timezone: zone, days: days as never, hours } };
    });

  /** The matrix rule on Temporal: the instant a wall-clock time on a date means. */
  const at = (date: Temporal.PlainDate, hhmm: string, zone: string) => {
    const day = hhmm === '24:00' ? date.add({ days: 1 }) : date;
    const pdt = day.toPlainDateTime(Temporal.PlainTime.from(hhmm === '24:00' ? '00:00' : hhmm));
    const zdt = pdt.toZonedDateTime(zone, { disambiguation: 'earlier' });
    return Temporal.PlainDateTime.compare(zdt.toPlainDateTime(), pdt) === 0 ? zdt.epochMilliseconds : zdt.getTimeZoneTransition('next')!.epochMilliseconds;
  };
  /** Every working day from the review date to the end of the last year the export writes clock-change days for (eleven years on). */
  const oracle = ({ zone, days, hours, reviewed }: (typeof CASES)[number]): [number, number][] => {
    const [open, close] = hours.split('-') as [string, string];
    const end = Temporal.PlainDate.from(`${Number(reviewed.slice(0, 4)) + 10}-12-31`);
    const out: [number, number][] = [];
    for (let d = Temporal.PlainDate.from(reviewed); Temporal.PlainDate.compare(d, end) <= 0; d = d.add({ days: 1 })) {
      if (days.includes(DAYS[d.dayOfWeek % 7]!)) out.push([at(d, open, zone), at(d, close, zone)]);
    }
    return out;
  };

  it.each(CASES)('$zone $days $hours from $reviewed: every occurrence opens and closes when the matrix says', (c) => {
    const want = oracle(c);
    const counts = new Map<number, number>();
    for (const [s, e] of want) counts.set(e - s, (counts.get(e - s) ?? 0) + 1);
    const nominal = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    // The case is what it says: the first working day is not as long as most.
    expect(want[0]![1] - want[0]![0]).not.toBe(nominal);
    const m = matrixOf(c);
    const { text } = exportIcs(m);
    const event = hoursEvent(parseBack(text), 'support');
    // The rule's own DTSTART and DTEND are times the clocks show once, as far apart as on most
    // days: every reader (exact length, local times, a guessed repeated time) gives the rule the
    // same normal length. ical.js alone would not show a repeated opening (it takes the later).
    const plain = (t: ICAL.Time) => Temporal.PlainDateTime.from({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute }).toZonedDateTime(c.zone, { disambiguation: 'reject' }).epochMilliseconds;
    expect(plain(event.endDate) - plain(event.startDate)).toBe(nominal);
    const got = occurrences(event, want.length + 10).filter(([start]) => start <= want.at(-1)![0]);
    expect(got.length).toBe(want.length);
    const wrong = got.filter(([s, e], i) => s !== want[i]![0] || e !== want[i]![1]);
    expect(wrong.map(([s, e]) => `${new Date(s).toISOString()}/${new Date(e).toISOString()}`)).toEqual([]);
    // A fresh export is no drift.
    expect(icsDrift(m, text)).toEqual({ ok: true, diagnostics: [] });
  });

  it('--check finds a file anchored on the clock-change day (as exports before this fix were)', () => {
    const m = matrixOf(CASES[0]!);
    const { text } = exportIcs(m);
    // DTSTART and DTEND moved to the first working day, Sunday 31 October 2027 (25 hours), its EXDATE dropped.
    const old = text
      .replace(/DTSTART;TZID=Europe\/Berlin:\d{8}T000000\r\nDTEND;TZID=Europe\/Berlin:\d{8}T000000\r\n(RRULE:[^\r]*\r\n)EXDATE;TZID=Europe\/Berlin:\d{8}T000000\r\n/, 'DTSTART;TZID=Europe/Berlin:20271031T000000\r\nDTEND;TZID=Europe/Berlin:20271101T000000\r\n$1');
    expect(old).not.toBe(text);
    const found = icsDrift(m, old);
    expect(found.ok && found.diagnostics.map((d) => `${d.line} ${d.code}`)).toEqual([`${old.split('\r\n').indexOf('DTSTART;TZID=Europe/Berlin:20271031T000000') + 1} drift-hours`]);
    // Every Sunday but the clock-change ones reads 25 hours long.
    expect(found.ok && found.diagnostics[0]!.message).toMatch(/: 100 of the matrix's 104 occurrences in 2 years are not in the file and 100 others are \(the matrix has 2027-11-06T23:00Z → 2027-11-07T23:00Z\); DTSTART differs$/);
    // The anchor's EXDATE is no holiday: without it, the file adds a Sunday before the review date.
    const unexcluded = text.replace('EXDATE;TZID=Europe/Berlin:20271024T000000\r\n', '');
    expect(unexcluded).not.toBe(text);
    const added = icsDrift(m, unexcluded);
    expect(added.ok && added.diagnostics.map((d) => `${d.code} ${d.message.replace(/^.*\(/, '(')}`)).toEqual(['drift-hours (the file adds 2027-10-23T22:00Z → 2027-10-24T22:00Z); DTSTART differs']);
  });
});

/** Each VEVENT's UID, with its RECURRENCE-ID when it has one (an occurrence written on its own). */
const eventIds = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => `${String(v.getFirstPropertyValue('uid'))}${v.hasProperty('recurrence-id') ? ` ${v.getFirstPropertyValue('recurrence-id')!.toString()}` : ''}`);

describe('a holiday listed twice', () => {
  it('is one all-day event and one EXDATE, as when listed once', () => {
    const twice = variant('msp', (m) => {
      const [a, b] = m.calendars!.business!.holidays!;
      m.calendars!.business!.holidays = [a!, b!, a!, ...m.calendars!.business!.holidays!.slice(2), b!];
    });
    const once = variant('msp', () => {});
    const { text } = exportIcs(twice);
    const ids = eventIds(text);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const exdates = text.split('\r\n').filter((l) => l.startsWith('EXDATE'));
    expect(exdates.filter((l, i) => exdates.indexOf(l) !== i)).toEqual([]);
    expect(text).toBe(exportIcs(once).text);
    // And the export's description counts it once.
    const described = (m: Matrix) => exportBehaviour(m).find((b) => b.tool === 'ics')!.performs;
    expect(described(twice)).toEqual(described(once));
  });
});

describe('UIDs', () => {
  // Names whose slug is the same: no ASCII letter or digit ("matrix"), or the same letters.
  const NAMES = ['Служба поддержки', '客服团队', 'サポート', 'Support (EU)', 'Support EU', 'support eu', 'Support  EU', 'Support EU '];
  it('are the matrix\'s own: two matrices whose names make the same slug share none (RFC 5545 §3.8.4.7)', () => {
    const owner = new Map<string, string>();
    for (const name of NAMES) {
      const ids = eventIds(exportIcs(variant('msp', (m) => (m.name = name))).text);
      for (const id of ids) {
        expect(owner.get(id), `${id} of ${name}`).toBeUndefined();
        owner.set(id, name);
      }
    }
    expect(owner.size).toBeGreaterThan(NAMES.length);
  });

  it('are the same on every run and machine: the slug, then a digest of the exact name', () => {
    const uids = (name: string) => exportIcs(variant('msp', (m) => (m.name = name))).text.split('\r\n').filter((l) => l.startsWith('UID:')).slice(0, 2);
    expect(uids('Support (EU)')).toEqual(['UID:support-eu-fcc696a5-business-hours@escalate', 'UID:support-eu-fcc696a5-business-holiday-2026-11-26@escalate']);
    expect(uids('客服团队')).toEqual(['UID:matrix-264cb48d-business-hours@escalate', 'UID:matrix-264cb48d-business-holiday-2026-11-26@escalate']);
  });
});
