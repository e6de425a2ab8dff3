import { tzOffset as intlOffset } from '@date-fns/tz/tzOffset';
import { tzScan } from '@date-fns/tz/tzScan';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { STRETCH, tzOffset, useHostClock } from '../../src/time/offset.js';
import { addWorkingMinutes, workingCalendar } from '../../src/time/working-time.js';
import { COMMON_ZONES } from '../../src/time/zone.js';
import { runs, share, ZONE_PASS } from '../helpers/runs.js';

const ZONES = [...new Set([...Intl.supportedValuesOf('timeZone'), ...COMMON_ZONES])];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

afterEach(() => useHostClock(false));

/**
 * @date-fns/tz reads a longOffset like "-00:16:08" (Abidjan before 1912, Monrovia before
 * 1972) with hours -0 as +16.13; the host clock has the sign right. No other difference is allowed.
 */
const agrees = (host: number, intl: number) => host === intl || (host < 0 && host > -60 && intl === -host);

const monthTexts = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset at an instant as Intl words it ("+05:30", "-00:16:08"; "" for UTC itself): one read of Intl. */
function offsetText(zone: string, ms: number): string {
  let format = monthTexts.get(zone);
  if (!format) monthTexts.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  return format.format(ms).split('GMT')[1]!;
}

/**
 * The changes of offset `tzScan` (@date-fns/tz) finds, by its own walk: month by month, then
 * day by day through a month whose two ends differ, then hour by hour through such a day,
 * each hour whose offset differs from the hour before. The days and hours are read as tzScan
 * reads them (here, through the time core's memo on Intl); the months, which are most of the
 * reads (2,400 a zone), straight from Intl: one read a month, where the memo reads the two
 * ends of the month's stretch. The stretches hold one offset each where no change falls
 * inside them (the first test checks that no stretch holds two), so the months compare the same.
 */
function scan(zone: string, start: number, end: number): number[] {
  const changes: number[] = [];
  const month = new Date(start);
  month.setUTCSeconds(0, 0);
  let last = offsetText(zone, month.getTime());
  while (month.getTime() < end) {
    const from = month.getTime();
    month.setUTCMonth(month.getUTCMonth() + 1);
    const text = offsetText(zone, month.getTime());
    if (text !== last) for (const day of stepsThatChange(zone, from, month.getTime(), DAY)) changes.push(...stepsThatChange(zone, day - DAY, day, HOUR));
    last = text;
  }
  return changes;
}

/** The steps of `step` ms after `from`, up to `to`, at which the offset differs from the step before (tzScan's walk through a day or a month). */
function stepsThatChange(zone: string, from: number, to: number, step: number): number[] {
  const out: number[] = [];
  let last = tzOffset(zone, new Date(from));
  for (let t = from + step; t <= to; t += step) {
    const offset = tzOffset(zone, new Date(t));
    if (offset !== last) out.push(t);
    last = offset;
  }
  return out;
}

/** The first millisecond at which the offset differs from the one at `lo` (Intl), between lo and hi. */
function changeAt(zone: string, lo: number, hi: number): number {
  const before = intlOffset(zone, new Date(lo));
  // Most changes fall on the hour tzScan found: then the millisecond before still has the old offset.
  if (intlOffset(zone, new Date(hi - 1)) === before) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (intlOffset(zone, new Date(mid)) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

describe('offsets from the host clock', () => {
  // A zone pass (test/helpers/runs.ts) compares its share of the zones; the passes together compare them all.
  const scanned = share(ZONES);
  it(`equal Intl's for ${ZONE_PASS ? `${scanned.length} of the` : 'all'} ${ZONES.length} zones (canonical and common) on both sides of every change from 1900 to 2100`, () => {
    let compared = 0;
    const differences: string[] = [];
    for (const zone of scanned) {
      const changes = scan(zone, Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1));
      const instants = [Date.UTC(1900, 0, 1), Date.UTC(2026, 5, 15), Date.UTC(2099, 11, 1)];
      let previous = -Infinity;
      for (const date of changes) {
        const exact = changeAt(zone, date - HOUR, date);
        instants.push(exact - 1, exact, exact + 30 * 60_000);
        // The memo's assumption: at most one change of offset per stretch.
        if (exact - previous <= STRETCH) differences.push(`${zone}: changes ${new Date(previous).toISOString()} and ${new Date(exact).toISOString()} within one memo stretch`);
        previous = exact;
      }
      useHostClock(true, Infinity);
      const host = instants.map((ms) => tzOffset(zone, new Date(ms)));
      useHostClock(false);
      instants.forEach((ms, i) => {
        const expected = intlOffset(zone, new Date(ms));
        compared++;
        if (!agrees(host[i]!, expected)) differences.push(`${zone} ${new Date(ms).toISOString()}: host ${host[i]}, Intl ${expected}`);
      });
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan((100_000 * scanned.length) / ZONES.length);
  }, 300_000); // ~1 min on an idle machine; generous for a shared one

  it('leave TZ as it was, set or not, and local time with it', () => {
    const saved = process.env.TZ;
    try {
      useHostClock(true, Infinity);
      process.env.TZ = 'Pacific/Auckland';
      expect(tzOffset('America/New_York', new Date(Date.UTC(2026, 0, 15)))).toBe(-300);
      expect(process.env.TZ).toBe('Pacific/Auckland');
      expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(-780);
      delete process.env.TZ;
      expect(tzOffset('Asia/Tokyo', new Date(Date.UTC(2026, 6, 1)))).toBe(540);
      expect('TZ' in process.env).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('keep business-hours deadlines exact while lookups alternate between zones, job after job', async () => {
    // @date-fns/tz's date class reads the process's local time inside its arithmetic, so the
    // process zone must never change under it: a TZ left switched between lookups gave
    // deadlines hours off here. The machine zone is a third one on purpose.
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      const week = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], hours: '09:00-17:00' };
      const calendars = [workingCalendar(week, 'America/Los_Angeles'), workingCalendar(week, 'Europe/London'), workingCalendar(week, 'America/New_York')];
      const starts = [Date.UTC(2026, 2, 6, 18), Date.UTC(2026, 2, 27, 19), Date.UTC(2026, 9, 23, 22), Date.UTC(2026, 10, 27, 3)].map((t) => new Date(t));
      const run = () => starts.flatMap((start) => calendars.flatMap((calendar) => [60, 600, 2400].map((m) => addWorkingMinutes(start, m, calendar).toISOString())));
      useHostClock(false);
      const expected = run();
      useHostClock(true, Infinity);
      for (let round = 0; round < 40; round++) {
        expect(run()).toEqual(expected);
        await null;
      }
      expect(process.env.TZ).toBe('Asia/Tokyo');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('equal Intl\'s for runs of instants around changes of offset, as planning asks for them (memoised by stretch)', () => {
    // Each zone's changes of offset from 1970 to 2040, found through Intl.
    const changes = new Map<string, number[]>();
    const changesOf = (zone: string) => {
      let found = changes.get(zone);
      if (!found) {
        found = tzScan(zone, { start: new Date(Date.UTC(1970, 0, 1)), end: new Date(Date.UTC(2040, 0, 1)) }).map((c) => c.date.getTime());
        changes.set(zone, found);
      }
      return found;
    };
    const zones = ZONES.filter((zone) => changesOf(zone).length > 0);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.nat(),
        fc.array(fc.integer({ min: -5 * 1440, max: 25 * 1440 }), { minLength: 1, maxLength: 40 }),
        (zone, pick, minutes) => {
          const list = changesOf(zone);
          const around = list[pick % list.length]! - 2 * HOUR;
          const instants = minutes.map((m) => around + m * 60_000 + (m % 7) * 1000);
          useHostClock(true, Infinity);
          const host = instants.map((ms) => tzOffset(zone, new Date(ms)));
          useHostClock(false);
          const wrong = instants.filter((ms, i) => !agrees(host[i]!, intlOffset(zone, new Date(ms))));
          expect(wrong.map((ms) => new Date(ms).toISOString())).toEqual([]);
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('fall back to Intl where setting TZ does not move the clock', () => {
    // A plain object as the environment: assigning TZ to it changes nothing in the process.
    const env = process.env;
    Object.defineProperty(process, 'env', { value: { ...env, TZ: 'UTC' }, configurable: true, writable: true });
    try {
      useHostClock(true, Infinity);
      const jan = new Date(Date.UTC(2020, 0, 15, 12));
      expect(tzOffset('America/St_Johns', jan)).toBe(-210);
      expect(tzOffset('Asia/Kolkata', jan)).toBe(330);
      expect(tzOffset('Europe/Berlin', new Date(Date.UTC(2026, 6, 1)))).toBe(120);
    } finally {
      Object.defineProperty(process, 'env', { value: env, configurable: true, writable: true });
    }
  });

  it('leave names it cannot read exactly to Intl: unknown zones, aliases, names with digits, offsets', () => {
    useHostClock(true, Infinity);
    const winter = new Date(Date.UTC(2026, 0, 15));
    expect(tzOffset('Mars/Olympus_Mons', winter)).toBeNaN();
    expect(tzOffset('Etc/GMT-14', winter)).toBe(840);
    expect(Object.is(tzOffset('Europe/London', winter), 0)).toBe(true);
    expect(tzOffset('Etc/GMT+5', winter)).toBe(-300);
    expect(tzOffset('US/Eastern', winter)).toBe(-300);
    expect(tzOffset('+05:30', winter)).toBe(330);
    expect(tzOffset('Europe/Berlin', new Date(Number.NaN))).toBeNaN();
    // At the ends of a Date's range the local fields do not fit: Intl answers there.
    for (const ms of [8.64e15, -8.64e15]) expect(tzOffset('Asia/Tokyo', new Date(ms))).toBe(intlOffset('Asia/Tokyo', new Date(ms)));
  });

  it('keep the sign and the seconds of a local mean time under an hour, from either source', () => {
    const jan1960 = new Date(Date.UTC(1960, 0, 4, 12));
    for (const host of [false, true]) {
      useHostClock(host);
      expect(tzOffset('Africa/Monrovia', jan1960)).toBe(-44.5);
      expect(tzOffset('Africa/Abidjan', new Date(Date.UTC(1900, 0, 1)))).toBeCloseTo(-(16 + 8 / 60), 10);
    }
  });
});
