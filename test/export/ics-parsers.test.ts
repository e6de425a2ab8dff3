/**
 * Two iCalendar parsers expand every exported calendar to the same instants. ical.js reads
 * the file's own VTIMEZONE rules; node-ical (its own parser, recurrence by rrule-temporal,
 * zones by the time-zone database named by TZID) shares no code with it. They agree on every
 * occurrence of the working-hours event over more than a year (both clock changes, holidays
 * left out through EXDATE) and on every all-day holiday event, for each example, each example
 * moved into zones with and without daylight saving, south and north, with 30- and 45-minute
 * offsets, and for hostile names. ics.test.ts holds ical.js to the matrix, so both parsers
 * read the matrix's own working time. node-ical is a test-only dependency.
 */
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportIcs } from '../../src/export/ics.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';

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
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
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

function compare(m: Matrix): { icalJs: Expansion; nodeIcal: Expansion } {
  const { text } = exportIcs(m);
  const { from, to } = windowOf(m);
  const icalJs = withIcalJs(text, from, to);
  const other = withNodeIcal(text, from, to);
  expect(sorted(other)).toEqual(sorted(icalJs));
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
      const day = (s: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(s.slice(0, 24)));
      const hours = [...expansion.entries()].find(([uid]) => uid.endsWith(`-${id}-hours@escalate`))?.[1] ?? [];
      expect(hours.length).toBeGreaterThan(0);
      for (const h of c.holidays ?? []) expect(hours.filter((x) => day(x) === h)).toEqual([]);
    }
  });

  it.each(ZONES)('moved to %s', (zone) => {
    compare(inZone(name, zone));
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
      { numRuns: 12 },
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
