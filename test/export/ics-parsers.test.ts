/**
 * Two iCalendar parsers expand every exported calendar to the same instants. ical.js reads
 * the file's own VTIMEZONE rules; node-ical (its own parser, recurrence by rrule-temporal,
 * zones by the time-zone database named by TZID) shares no code with it. They agree on every
 * occurrence of the working-hours event over more than a year (both clock changes, holidays
 * left out through EXDATE) and on every all-day holiday event, for each example, each example
 * moved into zones with and without daylight saving, south and north, with 30- and 45-minute
 * offsets, with review dates on and beside a clock change, and for hostile names. ics.test.ts holds ical.js to the matrix, so both parsers
 * read the matrix's own working time. node-ical is a test-only dependency.
 */
import ICAL from 'ical.js';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { exportIcs } from '../../src/export/ics.js';
import { icsDrift } from '../../src/export/drift.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';
import nodeIcal from './node-ical.js';
import { runs } from '../helpers/runs.js';

const DAY = 86_400_000;
/** Zones with DST north and south, none, and 30/45-minute offsets (Chatham: +12:45/+13:45). */
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Pacific/Chatham', 'Asia/Kathmandu', 'Australia/Adelaide', 'Asia/Tokyo', 'UTC'];

type Expansion = Map<string, string[]>;

/** The window: from a week before the review date to 400 days after it (every clock change of a year, every holiday). */
const windowOf = (m: Matrix) => {
  const from = Date.parse(`${m.reviewed}T00:00:00Z`) - 7 * DAY;
  return { from, to: from + 407 * DAY };
};

const iso = (ms: number) => new Date(ms).toISOString();
const localDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** ical.js: each VEVENT's occurrences in the window, timed ones as UTC instants, all-day ones as dates. */
function withIcalJs(text: string, from: number, to: number): Expansion {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz, tz.tzid);
  }
  const out: Expansion = new Map();
  const vevents = root.getAllSubcomponents('vevent');
  // An occurrence written on its own (RECURRENCE-ID) belongs to the event with its UID.
  const exceptions = vevents.filter((v) => v.hasProperty('recurrence-id'));
  for (const vevent of vevents.filter((v) => !v.hasProperty('recurrence-id'))) {
    const event = new ICAL.Event(vevent);
    for (const e of exceptions) if (e.getFirstPropertyValue('uid') === event.uid) event.relateException(new ICAL.Event(e));
    const list: string[] = [];
    const add = (start: ICAL.Time, end: ICAL.Time) => {
      if (start.isDate) {
        if (Date.parse(`${start.toString()}T00:00:00Z`) <= to + DAY && Date.parse(`${end.toString()}T00:00:00Z`) >= from - DAY) list.push(`${start.toString()}/${end.toString()}`);
        return;
      }
      const s = start.toJSDate().getTime();
      const e = end.toJSDate().getTime();
      if (s <= to && s >= from) list.push(`${iso(s)}/${iso(e)}`);
    };
    if (!event.isRecurring()) add(event.startDate, event.endDate);
    else {
      const iterator = event.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        if (details.startDate.toJSDate().getTime() > to) break;
        add(details.startDate, details.endDate);
      }
    }
    out.set(event.uid, list);
  }
  return out;
}

/** node-ical: the same, through its own parser and expandRecurringEvent (EXDATEs excluded, as by default). */
function withNodeIcal(text: string, from: number, to: number): Expansion {
  const out: Expansion = new Map();
  for (const component of Object.values(nodeIcal.sync.parseICS(text))) {
    if (component?.type !== 'VEVENT') continue;
    const list = nodeIcal.expandRecurringEvent(component, { from: new Date(from - DAY), to: new Date(to + DAY) }).flatMap((instance) => {
      if (instance.isFullDay) return [`${localDate(instance.start)}/${localDate(instance.end)}`];
      const s = instance.start.getTime();
      return s >= from && s <= to ? [`${iso(s)}/${iso(instance.end.getTime())}`] : [];
    });
    out.set(component.uid, list);
  }
  return out;
}

const sorted = (e: Expansion) => Object.fromEntries([...e.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));

/**
 * A zone's clock changes around a window, as temporal-polyfill gives them (getTimeZoneTransition):
 * where a wall-clock time is more than two days from every change, the zone's offset is the same
 * on both sides of it, so the time is shown exactly once, at the wall-clock time less that offset
 * (as Temporal converts it). Only the times near a change need Temporal's conversion itself.
 * Worked out once per zone and window.
 */
interface Clock {
  /** Whether the wall-clock time (its fields read as UTC, in ms) is within two days of a change, or outside the window. */
  near(wall: number): boolean;
  /** The offset (ms) in force at a wall-clock time that is not near a change. */
  offset(wall: number): number;
}
const clocks = new Map<string, Clock>();
function clockOf(zone: string, from: number, to: number): Clock {
  const key = `${zone} ${from} ${to}`;
  let clock = clocks.get(key);
  if (!clock) {
    const start = from - 7 * DAY;
    const end = to + 7 * DAY;
    const first = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone);
    const changes: number[] = [];
    const offsets: number[] = [first.offsetNanoseconds / 1e6];
    for (let next = first.getTimeZoneTransition('next'); next && next.epochMilliseconds <= end; next = next.getTimeZoneTransition('next')) {
      changes.push(next.epochMilliseconds);
      offsets.push(next.offsetNanoseconds / 1e6);
    }
    clock = {
      near: (wall) => wall < start + 2 * DAY || wall > end - 2 * DAY || changes.some((change) => Math.abs(change - wall) <= 2 * DAY),
      offset: (wall) => offsets[changes.filter((change) => change <= wall).length]!,
    };
    clocks.set(key, clock);
  }
  return clock;
}

/** The days from `from`'s date to `to`'s, inclusive: midnight UTC (ms) and the date. Listed once per window. */
const dayLists = new Map<string, { ms: number; date: string }[]>();
function days(from: number, to: number): { ms: number; date: string }[] {
  const key = `${from} ${to}`;
  let out = dayLists.get(key);
  if (!out) {
    out = [];
    for (let ms = Date.parse(`${iso(from).slice(0, 10)}T00:00:00Z`); ms <= Date.parse(`${iso(to).slice(0, 10)}T00:00:00Z`); ms += DAY) out.push({ ms, date: iso(ms).slice(0, 10) });
    dayLists.set(key, out);
  }
  return out;
}

/** Minutes past midnight of HH:MM. */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The instants of every working-day opening that the clocks show twice (fall back), both
 * occurrences. On such a day the export writes the occurrence with a local RECURRENCE-ID, as
 * RFC 5545 asks (a repeated time is its first occurrence), and ical.js finds it; node-ical
 * 0.26.1 reads that RECURRENCE-ID as the later occurrence while its own rule expansion puts
 * the day at the earlier, so it keeps the weekly rule's reading for that day. Only those
 * occurrences are left out of the node-ical comparison (ical.js is still held to the matrix).
 * A time far from every clock change is shown once (see clockOf): each day near one is asked.
 */
function repeatedOpenings(m: Matrix, from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (const c of Object.values(m.calendars ?? {})) {
    const zone = c.timezone ?? m.timezone;
    const clock = clockOf(zone, from, to);
    const time = Temporal.PlainTime.from(c.hours.slice(0, 5));
    for (const { ms, date } of days(from, to)) {
      if (!clock.near(ms + minutesOf(c.hours) * 60_000)) continue;
      const pdt = Temporal.PlainDate.from(date).toPlainDateTime(time);
      const earlier = pdt.toZonedDateTime(zone, { disambiguation: 'earlier' });
      const later = pdt.toZonedDateTime(zone, { disambiguation: 'later' }).epochMilliseconds;
      if (earlier.epochMilliseconds !== later && Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), pdt) === 0) out.add(earlier.epochMilliseconds).add(later);
    }
  }
  return out;
}

/**
 * Both parsers' expansions of a calendar, each text expanded once (several tests export the
 * same calendar; each still compares them). Keyed by the host zone too: node-ical's all-day
 * dates are read in it.
 */
const expanded = new Map<string, { icalJs: Expansion; nodeIcal: Expansion }>();

function compare(m: Matrix): { icalJs: Expansion; nodeIcal: Expansion } {
  const { text } = exportIcs(m);
  const { from, to } = windowOf(m);
  const key = `${new Intl.DateTimeFormat().resolvedOptions().timeZone} ${from} ${to}\n${text}`;
  let both = expanded.get(key);
  if (!both) expanded.set(key, (both = { icalJs: withIcalJs(text, from, to), nodeIcal: withNodeIcal(text, from, to) }));
  const { icalJs, nodeIcal: other } = both;
  const repeated = repeatedOpenings(m, from, to);
  const plain = (e: Expansion) => new Map([...e].map(([k, v]) => [k, v.filter((x) => !x.includes('T') || !repeated.has(Date.parse(x.slice(0, 24))))]));
  expect(sorted(plain(other))).toEqual(sorted(plain(icalJs)));
  return { icalJs, nodeIcal: other };
}

/** Every calendar of a matrix moved into one zone. */
const inZone = (name: string, zone: string) =>
  variant(name, (m) => {
    m.timezone = zone;
    for (const c of Object.values(m.calendars ?? {})) c.timezone = zone;
  });

describe.each(EXAMPLES)('examples/%s.yaml: ical.js and node-ical expand the export alike', (name) => {
  it('in its own zones: every working-hours occurrence and every holiday, holidays never open', () => {
    const m = exampleMatrix(name);
    const { nodeIcal: expansion } = compare(m);
    const holidays = Object.values(m.calendars ?? {}).flatMap((c) => c.holidays ?? []);
    const timed = [...expansion.values()].flat().filter((x) => x.includes('T'));
    expect(timed.length).toBeGreaterThan(200);
    expect([...expansion.values()].flat().filter((x) => !x.includes('T')).map((x) => x.slice(0, 10)).sort()).toEqual([...new Set(holidays)].sort());
    // No working-hours occurrence starts on a holiday in the calendar's zone (the EXDATE took it out in both).
    for (const [id, c] of Object.entries(m.calendars ?? {})) {
      const zone = c.timezone ?? m.timezone;
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const day = (s: string) => local.format(new Date(s.slice(0, 24)));
      const hours = [...expansion.entries()].find(([uid]) => uid.endsWith(`-${id}-hours@escalate`))?.[1] ?? [];
      expect(hours.length).toBeGreaterThan(0);
      for (const h of c.holidays ?? []) expect(hours.filter((x) => day(x) === h)).toEqual([]);
    }
  });

  it.each(ZONES)('moved to %s', (zone) => {
    compare(inZone(name, zone));
  });
});

/**
 * The matrix's working time, written from the documented rule (src/time/wall.ts) on another
 * library: a wall-clock time is the first instant the zone's clocks show it or a later one
 * (a skipped time is the jump, a repeated one its earlier occurrence); 24:00 is the next midnight.
 * Temporal converts each time near a clock change; any other is shown once, at the wall-clock
 * time less the zone's offset there (see clockOf).
 */
function oracle(m: Matrix, from: number, to: number): string[] {
  const out: string[] = [];
  for (const c of Object.values(m.calendars ?? {})) {
    const zone = c.timezone ?? m.timezone;
    const clock = clockOf(zone, from, to);
    const [open, close] = c.hours.split('-') as [string, string];
    const instant = (date: Temporal.PlainDate, hhmm: string) => {
      const day = hhmm === '24:00' ? date.add({ days: 1 }) : date;
      const pdt = day.toPlainDateTime(Temporal.PlainTime.from(hhmm === '24:00' ? '00:00' : hhmm));
      const zdt = pdt.toZonedDateTime(zone, { disambiguation: 'earlier' });
      if (Temporal.PlainDateTime.compare(zdt.toPlainDateTime(), pdt) === 0) return zdt.epochMilliseconds;
      return zdt.getTimeZoneTransition('next')!.epochMilliseconds;
    };
    const at = (ms: number, date: string, hhmm: string) => {
      const wall = ms + minutesOf(hhmm) * 60_000;
      return clock.near(wall) ? instant(Temporal.PlainDate.from(date), hhmm) : wall - clock.offset(wall);
    };
    const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    for (const { ms, date } of days(Date.parse(`${m.reviewed}T00:00:00Z`), to)) {
      if (!c.days.includes(DAYS[(new Date(ms).getUTCDay() + 6) % 7] as never) || (c.holidays ?? []).includes(date)) continue;
      const s = at(ms, date, open);
      if (s >= from && s <= to) out.push(`${iso(s)}/${iso(at(ms, date, close))}`);
    }
  }
  return out.sort();
}

describe('random calendars (days, hours near the clock changes, holidays, zones)', () => {
  const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const calendarArb = fc.record({
    zone: fc.constantFrom(...ZONES),
    days: fc.subarray([...DAYS], { minLength: 1 }),
    // Opening in the small hours too, where clocks jump (02:00-03:00, 02:45 on Chatham).
    open: fc.integer({ min: 0, max: 22 * 4 }).map((q) => q * 15),
    length: fc.integer({ min: 1, max: 24 * 4 }).map((q) => q * 15),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 380 }), { maxLength: 8 }),
  });
  it('both parsers expand every occurrence alike, and to the matrix working time (an oracle on temporal-polyfill)', () => {
    fc.assert(
      fc.property(calendarArb, ({ zone, days, open, length, holidays }) => {
        const close = Math.min(open + length, 24 * 60);
        fc.pre(close > open);
        const m = variant('saas-support', (x) => {
          const base = Date.parse(`${x.reviewed}T00:00:00Z`);
          for (const c of Object.values(x.calendars ?? {})) {
            c.timezone = zone;
            c.days = days;
            c.hours = `${hhmm(open)}-${close === 24 * 60 ? '24:00' : hhmm(close)}`;
            c.holidays = holidays.map((d) => new Date(base + d * DAY).toISOString().slice(0, 10)).sort();
          }
        });
        const { from, to } = windowOf(m);
        const timed = [...compare(m).icalJs.values()].flat().filter((x) => x.includes('T')).sort();
        expect(timed).toEqual(oracle(m, from, to));
      }),
      { numRuns: runs(60) },
    );
  });
});

describe('review dates on and beside a clock change (the first working day may be one)', () => {
  const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  /** Each zone's clock changes in 2027, as local dates (Temporal). */
  const changeDates = (zone: string) => {
    const out: string[] = [];
    let t = Temporal.Instant.from('2027-01-01T00:00:00Z').toZonedDateTimeISO(zone).getTimeZoneTransition('next');
    for (; t && t.year === 2027; t = t.getTimeZoneTransition('next')) out.push(t.toPlainDate().toString());
    return out;
  };
  const zones = [...ZONES, 'Australia/Lord_Howe', 'America/Santiago'].filter((z) => changeDates(z).length > 0);
  const calendarArb = fc.record({
    zone: fc.constantFrom(...zones),
    change: fc.nat(),
    shift: fc.integer({ min: -1, max: 1 }),
    days: fc.subarray([...DAYS], { minLength: 1 }),
    // Hours around the small hours the clocks jump in, and whole days.
    open: fc.oneof(fc.integer({ min: 0, max: 16 }).map((q) => q * 15), fc.constant(0)),
    length: fc.oneof(fc.integer({ min: 1, max: 16 }).map((q) => q * 15), fc.constant(24 * 60)),
  });
  it('both parsers expand every occurrence alike, and to the matrix working time (the oracle)', () => {
    fc.assert(
      fc.property(calendarArb, ({ zone, change, shift, days, open, length }) => {
        const dates = changeDates(zone);
        const close = Math.min(open + length, 24 * 60);
        const m = variant('saas-support', (x) => {
          x.reviewed = Temporal.PlainDate.from(dates[change % dates.length]!).add({ days: shift }).toString();
          x.timezone = zone;
          for (const c of Object.values(x.calendars ?? {})) {
            c.timezone = zone;
            c.days = days;
            c.hours = `${hhmm(open)}-${close === 24 * 60 ? '24:00' : hhmm(close)}`;
            delete c.holidays;
          }
        });
        const { from, to } = windowOf(m);
        const timed = [...compare(m).icalJs.values()].flat().filter((x) => x.includes('T')).sort();
        expect(timed).toEqual(oracle(m, from, to));
      }),
      { numRuns: runs(24) },
    );
  });
});

describe('days the clocks change on (Europe/Berlin, every day 00:00-24:00)', () => {
  const m = variant('msp', (x) => {
    x.calendars!.business!.timezone = 'Europe/Berlin';
    x.calendars!.business!.days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    x.calendars!.business!.hours = '00:00-24:00';
  });
  const { text } = exportIcs(m);
  it('are written as their own occurrences, 23 and 25 hours long, which both parsers read so', () => {
    expect(text).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20270328T000000\r\nDTSTART:20270327T230000Z\r\nDTEND:20270328T220000Z');
    expect(text).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20261025T000000\r\nDTSTART:20261024T220000Z\r\nDTEND:20261025T230000Z');
    const { icalJs } = compare(m);
    const hours = [...icalJs.entries()].find(([uid]) => uid.endsWith('-business-hours@escalate'))![1];
    const length = (x: string) => (Date.parse(x.slice(25)) - Date.parse(x.slice(0, 24))) / 3_600_000;
    expect(hours.filter((x) => length(x) !== 24).map((x) => `${x.slice(0, 10)} ${length(x)}h`)).toEqual(['2026-10-24 25h', '2027-03-27 23h', '2027-10-30 25h']);
  });
  it('--check reads them (clean), and a removed one is drift', () => {
    expect(icsDrift(m, text)).toEqual({ ok: true, diagnostics: [] });
    const removed = text.split('BEGIN:VEVENT\r\n').filter((b) => !b.includes('RECURRENCE-ID;TZID=Europe/Berlin:20270328T000000')).join('BEGIN:VEVENT\r\n');
    expect(removed.length).toBeLessThan(text.length);
    const r = icsDrift(m, removed);
    // ical.js alone reads that day as the matrix does (local times), so the check compares the occurrences written on their own too.
    expect(r.ok && r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'drift-hours event northpoint-it-managed-services-0956b7a2-business-hours@escalate does not write the clock-change day 2027-03-28T00:00:00 on its own (2027-03-27T23:00Z → 2027-03-28T22:00Z); calendar programs that keep an occurrence\'s exact length (RFC 5545) read that day wrong',
    ]);
    // Written in another form (UTC instead of the zone's local time) is the same occurrence: not drift.
    const utc = text.replace('DTSTART:20270327T230000Z', 'DTSTART;TZID=Europe/Berlin:20270328T000000');
    expect(utc).not.toBe(text);
    expect(icsDrift(m, utc)).toEqual({ ok: true, diagnostics: [] });
    // A moved one is drift, at its line.
    const moved = text.replace('DTEND:20270328T220000Z', 'DTEND:20270328T210000Z');
    const found = icsDrift(m, moved);
    expect(found.ok && found.diagnostics.map((d) => d.line)).toEqual([moved.split('\r\n').findIndex((l) => l === 'DTEND:20270328T210000Z') + 1]);
  });
});

describe('hostile names', () => {
  const PIECES = ['::', '\n', '\r\n', ';', ',', '\\', ':', '"', '${a}', '%{b}', '\u0007', '\u202e', 'é', '😀', 'x', ' ', '\t'];
  const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 20 }).map((p) => p.join('')).filter((s) => s.trim() !== '');
  it('names change no instant: both parsers still agree, and with the plain export', () => {
    const plain = sorted(compare(exampleMatrix('msp')).icalJs);
    const values = (e: Record<string, string[]>) => Object.values(e).map((v) => v.join(' ')).sort();
    fc.assert(
      fc.property(hostile, hostile, (matrixName, severityName) => {
        const m = variant('msp', (x) => {
          x.name = matrixName;
          x.severities[0]!.name = severityName;
        });
        expect(values(sorted(compare(m).icalJs))).toEqual(values(plain));
      }),
      { numRuns: runs(12) },
    );
  });
});

describe('the comparison can fail', () => {
  it('an edited VTIMEZONE moves ical.js (which reads it) and not node-ical (which reads the zone database)', () => {
    const m = exampleMatrix('msp');
    const { from, to } = windowOf(m);
    const edited = exportIcs(m).text.replace('TZOFFSETTO:-0400', 'TZOFFSETTO:-0300');
    expect(edited).not.toBe(exportIcs(m).text);
    expect(sorted(withNodeIcal(edited, from, to))).not.toEqual(sorted(withIcalJs(edited, from, to)));
  });
});

describe('loading node-ical', () => {
  // Its own temporal-polyfill (0.3) gives Berlin winter time for every instant from 1 January ten years on (see node-ical.ts).
  const summer = `${new Date().getUTCFullYear() + 12}-07-01T12:00`;
  const berlin = (T: typeof Temporal) => T.PlainDateTime.from(summer).toZonedDateTime('Europe/Berlin').offset;
  it("leaves no Temporal of node-ical's behind: neither the global nor the oracle's, which files after this one in the worker import too", () => {
    expect(berlin((globalThis as { Temporal?: typeof Temporal }).Temporal ?? Temporal)).toBe('+02:00');
    expect(berlin(Temporal)).toBe('+02:00');
  });
});
