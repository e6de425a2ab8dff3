/**
 * The time core against an independent clock: a second business-hours calculator written
 * on the Temporal polyfill (its own time-zone arithmetic, transitions and calendar dates),
 * over random zones with odd offsets and rules, calendars of every hour shape, holidays,
 * and starts near changes of offset. Both follow the written rule for wall-clock times:
 * a skipped time is the instant of the jump, a repeated time its earlier occurrence.
 * CI runs a seeded share under both offset sources; `npm run fuzz` runs FUZZ_RUNS (10,000).
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { afterAll, describe, expect, it } from 'vitest';
import { formatInstant, matrixInstant } from '../../src/time/instant.js';
import { useHostClock } from '../../src/time/offset.js';
import { addWorkingMinutes, isWorkingTime, workingCalendar, workingMinutesBetween, type WorkingCalendar } from '../../src/time/working-time.js';
import { runs } from '../helpers/runs.js';

const RUNS = runs(120); // a fifth in a zone pass, FUZZ_RUNS for a deep run (test/helpers/runs.ts)
const TIMEOUT = Math.max(60_000, RUNS * 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20260329);

/** 30- and 45-minute offsets, Lord Howe's 30-minute DST, Troll's 2-hour jump, negative DST, midnight changes, rules that changed. */
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Antarctica/Troll',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Australia/Eucla',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Africa/Casablanca',
  'Asia/Gaza',
  'Europe/Dublin',
  'Europe/Moscow',
  'America/Sao_Paulo',
  'Asia/Tehran',
  'Asia/Pyongyang',
  'America/Caracas',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Africa/Monrovia',
  'UTC',
];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const FROM = Date.UTC(1965, 0, 1);
const TO = Date.UTC(2040, 0, 1);
const MINUTE = 60_000;
const DAY = 86_400_000;

// ---- The oracle, on Temporal only ------------------------------------------------------

const inZone = (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);

/** The rule: the instant of a wall-clock time, the jump over a skipped one, the earlier of a repeated one. */
function oracleInstant(zone: string, wall: Temporal.PlainDateTime): number {
  const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0) return earlier.epochMilliseconds;
  // In a gap, 'earlier' lands before the jump: the next transition is the jump.
  return earlier.getTimeZoneTransition('next')!.epochMilliseconds;
}

const at = (date: Temporal.PlainDate, minutes: number) =>
  minutes === 1440 ? date.add({ days: 1 }).toPlainDateTime() : date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });

interface OracleCalendar {
  zone: string;
  days: readonly number[]; // Temporal: 1 = Monday … 7 = Sunday
  open: number;
  close: number;
  holidays: readonly string[];
}

const oracleDayStart = (cal: OracleCalendar, date: Temporal.PlainDate) => oracleInstant(cal.zone, date.toPlainDateTime());

function oracleWindow(cal: OracleCalendar, date: Temporal.PlainDate): [number, number] | undefined {
  if (!cal.days.includes(date.dayOfWeek) || cal.holidays.includes(date.toString())) return undefined;
  return [oracleInstant(cal.zone, at(date, cal.open)), oracleInstant(cal.zone, at(date, cal.close))];
}

function oracleDayOf(cal: OracleCalendar, ms: number): Temporal.PlainDate {
  let date = inZone(ms, cal.zone).toPlainDate();
  while (oracleDayStart(cal, date.add({ days: 1 })) <= ms) date = date.add({ days: 1 });
  while (oracleDayStart(cal, date) > ms) date = date.subtract({ days: 1 });
  return date;
}

function oracleAdd(cal: OracleCalendar, start: number, minutes: number): number {
  let remaining = minutes * MINUTE;
  if (remaining <= 0) return start;
  for (let date = oracleDayOf(cal, start); ; date = date.add({ days: 1 })) {
    const window = oracleWindow(cal, date);
    if (!window) continue;
    const open = Math.max(start, window[0]);
    if (open >= window[1]) continue;
    if (remaining <= window[1] - open) return open + remaining;
    remaining -= window[1] - open;
  }
}

function oracleBetween(cal: OracleCalendar, from: number, to: number): number {
  let total = 0;
  const last = oracleDayOf(cal, to);
  for (let date = oracleDayOf(cal, from); Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    const window = oracleWindow(cal, date);
    if (window) total += Math.max(0, Math.min(to, window[1]) - Math.max(from, window[0]));
  }
  return Math.floor(total / MINUTE);
}

function oracleIso(ms: number, zone: string): string {
  const z = inZone(Math.floor(ms / 1000) * 1000, zone);
  const seconds = z.offsetNanoseconds / 1e9;
  const abs = Math.abs(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = `${seconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
  return `${z.toPlainDateTime().toString({ smallestUnit: 'second' })}${offset}`;
}

// ---- Generators --------------------------------------------------------------------------

const transitions = new Map<string, number[]>();
/** The zone's changes of offset between 1965 and 2040 (Temporal). */
function changesOf(zone: string): number[] {
  let found = transitions.get(zone);
  if (!found) {
    found = [];
    let z: Temporal.ZonedDateTime | null = inZone(FROM, zone);
    while ((z = z.getTimeZoneTransition('next')) && z.epochMilliseconds < TO) found.push(z.epochMilliseconds);
    transitions.set(zone, found);
  }
  return found;
}

/** Minutes of the day where calendar boundaries are interesting: midnight, the usual jump hours, anything. */
const clockMinute = fc.oneof(
  fc.constantFrom(0, 30, 60, 90, 120, 135, 150, 180, 210, 1380, 1410),
  fc.integer({ min: 0, max: 1439 }),
);
const hoursArb = fc.oneof(
  fc.constant<[number, number]>([0, 1440]),
  fc.constant<[number, number]>([540, 1020]),
  fc.tuple(clockMinute, clockMinute, fc.boolean()).map(([a, b, toMidnight]): [number, number] => {
    const [open, close] = a === b ? [a, a + 1] : [Math.min(a, b), Math.max(a, b)];
    return [open, toMidnight ? 1440 : close];
  }),
);

const caseArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    near: fc.nat(),
    anywhere: fc.integer({ min: FROM, max: TO - 60 * DAY }),
    shift: fc.oneof(fc.integer({ min: -3 * 1440, max: 3 * 1440 }), fc.constantFrom(-61, -60, -30, -1, 0, 1, 29, 30, 59, 60, 61, 120)),
    nearChange: fc.boolean(),
    days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
    hours: hoursArb,
    holidayShifts: fc.array(fc.integer({ min: -3, max: 12 }), { maxLength: 4 }),
    minutes: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 8000 })),
    span: fc.integer({ min: 0, max: 20 * 1440 }),
    wall: fc.oneof(fc.integer({ min: -36 * 60, max: 36 * 60 }), fc.integer({ min: -150, max: 150 })),
    /** Boundaries placed at the change's own clock time, minutes either side (inside the jump or the repeated hour). */
    boundaryNearChange: fc.constantFrom('none', 'open', 'close', 'both'),
    boundaryShift: fc.tuple(fc.integer({ min: -90, max: 90 }), fc.integer({ min: 1, max: 180 })),
    host: fc.boolean(),
  })
  .map((c) => {
    const changes = changesOf(c.zone);
    const change = c.nearChange && changes.length > 0 ? changes[c.near % changes.length] : undefined;
    const base = change ?? c.anywhere;
    const start = base + c.shift * MINUTE + (c.shift % 7) * 1000;
    // The clock time just before the change (the first skipped or repeated minute).
    const before = inZone(base - 1, c.zone).toPlainDateTime();
    const changeMinute = before.hour * 60 + before.minute + 1;
    let hours = c.hours;
    if (change !== undefined && c.boundaryNearChange !== 'none') {
      const [d, len] = c.boundaryShift;
      const open = Math.min(1439, Math.max(0, changeMinute + (c.boundaryNearChange === 'close' ? -len : d)));
      const close = Math.min(1440, Math.max(open + 1, c.boundaryNearChange === 'open' ? open + len : c.boundaryNearChange === 'close' ? changeMinute + d : open + len));
      hours = [open, close];
    }
    // The matrix-written time: around the change's clock time, or anywhere near the start.
    const wallBase = change !== undefined && Math.abs(c.wall) <= 150 ? base - 1 : start;
    const startDate = inZone(start, c.zone).toPlainDate();
    const holidays = c.holidayShifts.map((d) => startDate.add({ days: d }).toString());
    // At most about six weeks of this calendar's working time, so a case stays short.
    const minutes = Math.min(c.minutes, (hours[1] - hours[0]) * c.days.length * 6);
    return { ...c, start, holidays, minutes, hours, wallBase };
  });

// ---- The property ------------------------------------------------------------------------

describe('the time core agrees with an independent clock (Temporal)', () => {
  afterAll(() => useHostClock(false));

  it(`working time, local-time readings and ISO output: ${RUNS} random cases`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        useHostClock(c.host);
        const mine: WorkingCalendar = workingCalendar(
          {
            timezone: c.zone,
            days: c.days.map((d) => DAYS[d]!),
            hours: `${hhmm(c.hours[0])}-${hhmm(c.hours[1])}`,
            holidays: c.holidays,
          },
          'UTC',
          'probe',
        );
        const theirs: OracleCalendar = { zone: c.zone, days: c.days.map((d) => (d === 0 ? 7 : d)), open: c.hours[0], close: c.hours[1], holidays: c.holidays };
        const start = new Date(c.start);

        const due = addWorkingMinutes(start, c.minutes, mine).getTime();
        expect(iso(due, c.zone), `addWorkingMinutes ${c.minutes}`).toBe(iso(oracleAdd(theirs, c.start, c.minutes), c.zone));
        expect(workingMinutesBetween(start, new Date(due), mine)).toBe(c.minutes);

        const end = c.start + c.span * MINUTE;
        expect(workingMinutesBetween(start, new Date(end), mine), 'workingMinutesBetween').toBe(oracleBetween(theirs, c.start, end));

        const window = oracleWindow(theirs, oracleDayOf(theirs, c.start));
        expect(isWorkingTime(start, mine), 'isWorkingTime').toBe(window !== undefined && c.start >= window[0] && c.start < window[1]);

        expect(formatInstant(start, c.zone), 'formatInstant').toBe(oracleIso(c.start, c.zone));

        // A wall-clock time written in the matrix, near the start: read by the rule.
        const wall = inZone(c.wallBase, c.zone).toPlainDateTime().add({ minutes: c.wall }).round({ smallestUnit: 'minute', roundingMode: 'floor' });
        const text = wall.toString({ smallestUnit: 'minute' });
        const read = matrixInstant(text, c.zone);
        expect(read.ok && iso(read.date.getTime(), c.zone), `matrixInstant ${text}`).toBe(iso(oracleInstant(c.zone, wall), c.zone));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, TIMEOUT);
});

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Compared as text: an instant and its offset, so a message shows the local time. */
const iso = (ms: number, zone: string) => `${oracleIso(ms, zone)} (${new Date(ms).toISOString()})`;
