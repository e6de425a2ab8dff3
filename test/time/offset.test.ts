import { tzOffset as intlOffset } from '@date-fns/tz/tzOffset';
import { tzScan } from '@date-fns/tz/tzScan';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { STRETCH, stretchOffsets, tzOffset, useHostClock } from '../../src/time/offset.js';
import { addWorkingMinutes, workingCalendar } from '../../src/time/working-time.js';
import { COMMON_ZONES } from '../../src/time/zone.js';
import { runs, share, ZONE_PASS } from '../helpers/runs.js';

const ZONES = [...new Set([...Intl.supportedValuesOf('timeZone'), ...COMMON_ZONES])];
const HOUR = 3_600_000;

afterEach(() => useHostClock(false));

/**
 * @date-fns/tz reads a longOffset like "-00:16:08" (Abidjan before 1912, Monrovia before
 * 1972) with hours -0 as +16.13; the host clock has the sign right. No other difference is allowed.
 */
const agrees = (host: number, intl: number) => host === intl || (host < 0 && host > -60 && intl === -host);

const monthTexts = new Map<string, Intl.DateTimeFormat>();
/**
 * The zone's offset at a whole UTC minute as Intl words it ("+05:30", "-00:16:08", "+00:00"): one
 * read of Intl. The format words the local minute beside the offset, where a format of the offset
 * alone adds the date: a quarter faster, over a million reads.
 */
function offsetText(zone: string, ms: number): string {
  let format = monthTexts.get(zone);
  if (!format) monthTexts.set(zone, (format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', minute: 'numeric' })));
  return format.format(ms).split('GMT')[1]!;
}

const monthLists = new Map<string, number[]>();
/** The first instants of the months tzScan steps through from `start` (a month's first instant) until `end`: one list for every zone. */
function monthsOf(start: number, end: number): number[] {
  const key = `${start} ${end}`;
  let months = monthLists.get(key);
  if (!months) {
    const month = new Date(start);
    month.setUTCSeconds(0, 0);
    months = [month.getTime()];
    while (month.getTime() < end) {
      month.setUTCMonth(month.getUTCMonth() + 1);
      months.push(month.getTime());
    }
    monthLists.set(key, months);
  }
  return months;
}

/**
 * The changes of offset `tzScan` (@date-fns/tz) finds, by its own walk: month by month, then
 * day by day through a month whose two ends differ, then hour by hour through such a day,
 * each hour whose offset differs from the hour before. The months, which are most of the
 * reads (2,400 a zone), are read straight from Intl: one read a month, where the memo reads
 * the two ends of the month's stretch. The stretches hold one offset each where no change
 * falls inside them (the first test checks that no stretch holds two), so the months compare
 * the same. Inside a month whose ends differ, tzScan reads the days and hours through the time
 * core's memo on Intl; this scan asks that memo for the same stretches directly (the same
 * reads of Intl, without some 55 lookups a month) and takes each change it holds at the hour
 * the walk reports it: the first whole hour at or after it, since the walk meets each change
 * alone in its day (the first test checks that changes lie more than a stretch apart). Both
 * find the same 42,463 changes in the 424 zones.
 */
function scan(zone: string, start: number, end: number): number[] {
  const changes: number[] = [];
  const months = monthsOf(start, end);
  let last = offsetText(zone, months[0]!);
  for (let i = 1; i < months.length; i++) {
    const text = offsetText(zone, months[i]!);
    if (text !== last) changes.push(...memoChanges(zone, months[i - 1]!, months[i]!));
    last = text;
  }
  return changes;
}

/** The hours at which tzScan's walk through days and hours from `from` to `to` finds a change: the changes of the memo's stretches in (from, to], each at the first whole hour at or after it. */
function memoChanges(zone: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(from / STRETCH); k <= Math.floor(to / STRETCH); k++) {
    const stretch = stretchOffsets(zone, k);
    if (typeof stretch !== 'number' && stretch.at > from && stretch.at <= to) out.push(Math.ceil(stretch.at / HOUR) * HOUR);
  }
  return out;
}

/**
 * Each zone's changes, scanned once: the first test scans 1900 to 2100 and the property test
 * takes 1970 to 2040 from that scan (the changes in the months between, which a scan of that
 * span finds), or scans that span itself for a zone the first test has not scanned (the test
 * run alone, or a zone outside this zone pass's share).
 */
const scans = new Map<string, { start: number; end: number; changes: number[] }>();
function changesOf(zone: string, start: number, end: number): number[] {
  const known = scans.get(zone);
  if (known && known.start <= start && known.end >= end) return known.start === start && known.end === end ? known.changes : known.changes.filter((t) => t > start && t <= end);
  const changes = scan(zone, start, end);
  if (!known || end - start > known.end - known.start) scans.set(zone, { start, end, changes });
  return changes;
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

/**
 * Runs `read` with `TZ` set to `zone`, then puts `TZ` back. The host clock's reads of the zone
 * then find `TZ` already set and read the same local clock without switching it: each switch
 * makes Node and ICU load the zone again, twice a batch (~70 µs), and the scan of every change
 * makes ~130,000 batches. Switching and restoring are checked by the tests after this one,
 * which read with `TZ` unset or set to another zone.
 */
function withZoneSet<T>(zone: string, read: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return read();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe('offsets from the host clock', () => {
  // A zone pass (test/helpers/runs.ts) compares its share of the zones; the passes together compare them all.
  const scanned = share(ZONES);
  it(`equal Intl's for ${ZONE_PASS ? `${scanned.length} of the` : 'all'} ${ZONES.length} zones (canonical and common) on both sides of every change from 1900 to 2100`, () => {
    let compared = 0;
    const differences: string[] = [];
    for (const zone of scanned) {
      const changes = changesOf(zone, Date.UTC(1900, 0, 1), Date.UTC(2100, 0, 1));
      const instants = [Date.UTC(1900, 0, 1), Date.UTC(2026, 5, 15), Date.UTC(2099, 11, 1)];
      let previous = -Infinity;
      for (const date of changes) {
        const exact = changeAt(zone, date - HOUR, date);
        instants.push(exact - 1, exact, exact + 30 * 60_000);
        // The memo's assumption: at most one change of offset per stretch.
        if (exact - previous <= STRETCH) differences.push(`${zone}: changes ${new Date(previous).toISOString()} and ${new Date(exact).toISOString()} within one memo stretch`);
        previous = exact;
      }
      const host = withZoneSet(zone, () => {
        useHostClock(true, Infinity);
        const offsets = instants.map((ms) => tzOffset(zone, new Date(ms)));
        useHostClock(false);
        return offsets;
      });
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
    // Each zone's changes of offset from 1970 to 2040, found through Intl as tzScan finds them:
    // the first test's scan (shared), checked against tzScan itself in zones of every kind.
    const [from, to] = [Date.UTC(1970, 0, 1), Date.UTC(2040, 0, 1)];
    const found = new Map<string, number[]>();
    const changesFrom1970 = (zone: string) => {
      let list = found.get(zone);
      if (!list) found.set(zone, (list = changesOf(zone, from, to)));
      return list;
    };
    for (const zone of ['Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Antarctica/Troll', 'Africa/Casablanca', 'Asia/Tehran', 'Pacific/Apia', 'Asia/Kolkata']) {
      expect(changesFrom1970(zone), zone).toEqual(tzScan(zone, { start: new Date(from), end: new Date(to) }).map((c) => c.date.getTime()));
    }
    const zones = ZONES.filter((zone) => changesFrom1970(zone).length > 0);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.nat(),
        fc.array(fc.integer({ min: -5 * 1440, max: 25 * 1440 }), { minLength: 1, maxLength: 40 }),
        (zone, pick, minutes) => {
          const list = changesFrom1970(zone);
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
