/** The iCalendar holidays reader: which events count as whole-day holidays, located errors, bounded work. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OCCURRENCES, MAX_RECURRENCE_STEPS, parseIcsHolidays } from '../../src/matrix/ics-holidays.js';
import { recurrenceWindow } from '../../src/matrix/holiday-files.js';
import { countWork } from '../../src/work.js';
import { runs } from '../helpers/runs.js';

const WINDOW = { from: '2025-01-01', to: '2031-12-31' };
/** A calendar of these lines, CRLF-ended like a published feed. */
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Holidays//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', `UID:${lines.join('').length}-${Math.random()}@test`, ...lines, 'END:VEVENT'];
const read = (text: string, window = WINDOW) => parseIcsHolidays(text, window);
const codes = (text: string) => read(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.level} ${d.code}`);

describe('which events are holidays', () => {
  it('an all-day event is one holiday on its date, whatever its year', () => {
    const got = read(ics(...event('DTSTART;VALUE=DATE:20271225', 'SUMMARY:Christmas Day'), ...event('DTSTART;VALUE=DATE:19991231')));
    expect(got).toEqual({ dates: ['1999-12-31', '2027-12-25'], diagnostics: [] });
  });

  it('a multi-day event covers each day up to DTEND, which is exclusive; DURATION in days or weeks', () => {
    expect(read(ics(...event('DTSTART;VALUE=DATE:20271224', 'DTEND;VALUE=DATE:20271227'))).dates).toEqual(['2027-12-24', '2027-12-25', '2027-12-26']);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20271231', 'DURATION:P2D'))).dates).toEqual(['2027-12-31', '2028-01-01']);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20280228', 'DURATION:P1W'))).dates).toHaveLength(7);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20280228', 'DTEND;VALUE=DATE:20280301'))).dates).toEqual(['2028-02-28', '2028-02-29']);
  });

  it('a yearly recurrence counts within the window only, minus EXDATEs', () => {
    const got = read(ics(...event('DTSTART;VALUE=DATE:20001225', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20281225,20291225')));
    expect(got.dates).toEqual(['2025-12-25', '2026-12-25', '2027-12-25', '2030-12-25', '2031-12-25']);
  });

  it('a recurrence with COUNT or UNTIL stops there; RDATE adds dates; a multi-day recurrence covers each day', () => {
    expect(read(ics(...event('DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY;COUNT=2'))).dates).toEqual(['2026-05-01', '2027-05-01']);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY;UNTIL=20270501'))).dates).toEqual(['2026-05-01', '2027-05-01']);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20260501', 'RDATE;VALUE=DATE:20260715'))).dates).toEqual(['2026-05-01', '2026-07-15']);
    // An EXDATE can remove DTSTART itself, beside RRULE or RDATE.
    expect(read(ics(...event('DTSTART;VALUE=DATE:20260501', 'RDATE;VALUE=DATE:20260715', 'EXDATE;VALUE=DATE:20260501'))).dates).toEqual(['2026-07-15']);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY;COUNT=2', 'EXDATE;VALUE=DATE:20260501'))).dates).toEqual(['2027-05-01']);
    expect(read(ics(...event('DTSTART;VALUE=DATE:20301224', 'DTEND;VALUE=DATE:20301226', 'RRULE:FREQ=YEARLY'))).dates).toEqual(['2030-12-24', '2030-12-25', '2031-12-24', '2031-12-25']);
  });

  it('the last Monday of May, by rule (a moving holiday)', () => {
    expect(read(ics(...event('DTSTART;VALUE=DATE:20250526', 'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO')), { from: '2025-01-01', to: '2027-12-31' }).dates).toEqual(['2025-05-26', '2026-05-25', '2027-05-31']);
  });

  it('a cancelled event is no holiday; an occurrence moved or cancelled by RECURRENCE-ID follows its override', () => {
    expect(read(ics(...event('DTSTART;VALUE=DATE:20271225', 'STATUS:CANCELLED'))).dates).toEqual([]);
    const text = ics(
      'BEGIN:VEVENT', 'UID:boxing@test', 'DTSTART;VALUE=DATE:20261226', 'RRULE:FREQ=YEARLY;COUNT=3', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:boxing@test', 'RECURRENCE-ID;VALUE=DATE:20271226', 'DTSTART;VALUE=DATE:20271227', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:boxing@test', 'RECURRENCE-ID;VALUE=DATE:20281226', 'DTSTART;VALUE=DATE:20281226', 'STATUS:CANCELLED', 'END:VEVENT',
    );
    expect(read(text)).toEqual({ dates: ['2026-12-26', '2027-12-27'], diagnostics: [] });
  });

  it('an event with a time of day is skipped with a warning at its DTSTART value', () => {
    const text = ics(...event('DTSTART;TZID=Europe/London:20271224T130000', 'DTEND;TZID=Europe/London:20271224T173000'), ...event('DTSTART;VALUE=DATE:20271225'));
    const got = read(text);
    expect(got.dates).toEqual(['2027-12-25']);
    expect(got.diagnostics.map((d) => `${d.line}:${d.column} ${d.level} ${d.code}`)).toEqual(['6:28 warning ics-timed-event']);
  });

  it('ignores other components (VTIMEZONE, VTODO) and alarms inside an event', () => {
    const text = ics('BEGIN:VTIMEZONE', 'TZID:Europe/London', 'END:VTIMEZONE', 'BEGIN:VTODO', 'DTSTART;VALUE=DATE:20270101', 'END:VTODO', ...event('DTSTART;VALUE=DATE:20270102', 'BEGIN:VALARM', 'TRIGGER:-PT15M', 'DTSTART:20270101T000000Z', 'END:VALARM'));
    expect(read(text)).toEqual({ dates: ['2027-01-02'], diagnostics: [] });
  });
});

describe('the text as published', () => {
  const christmas = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'END:VEVENT', 'END:VCALENDAR'];
  it('reads CRLF, LF and CR line ends and a byte-order mark alike', () => {
    for (const text of [christmas.join('\r\n'), christmas.join('\n'), christmas.join('\r'), `\uFEFF${christmas.join('\r\n')}\r\n`]) {
      expect(read(text)).toEqual({ dates: ['2027-12-25'], diagnostics: [] });
    }
  });

  it('unfolds folded lines (a space or tab continues the line before), and reports positions on the physical lines', () => {
    const text = ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:2027', ' 1225', 'SUMMARY:A very long', '\tname', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:2027', ' 1399', 'END:VEVENT');
    const got = read(text);
    expect(got.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['11:20 ics-event']);
    expect(got.diagnostics[0]!.message).toMatch(/20271399 is not a date in the calendar/);
  });

  it('a value after a fold in the name or parameters is reported on the line it continues onto, at its column there', () => {
    // Lines 1-3 are the calendar's head; the value starts after `DATE:` on the continuation (its space is column 1).
    const text = ics('BEGIN:VEVENT', 'DTSTART;VALUE=', ' DATE:2026133', 'END:VEVENT');
    expect(codes(text)).toEqual(['6:7 error ics-event']);
    // Several folds, a tab fold, and a fold right after the colon.
    const twice = ics('BEGIN:VEVENT', 'DTST', ' ART;VAL', '\tUE=DATE:', ' 2026133', 'END:VEVENT');
    expect(codes(twice)).toEqual(['8:2 error ics-event']);
  });

  it('every value a finding points at is where the file has it, however the lines are folded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.constantFrom('\r\n', '\n'), fc.constantFrom(' ', '\t'), (width, eol, indent) => {
        const logical = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:fold@test', 'DTSTART;VALUE=DATE:2026133', 'DTEND;VALUE=DATE:x20261', 'END:VEVENT', 'END:VCALENDAR'];
        const physical = logical.flatMap((l) => {
          const parts = [l.slice(0, width)];
          for (let at = width; at < l.length; at += width) parts.push(`${indent}${l.slice(at, at + width)}`);
          return parts;
        });
        const got = parseIcsHolidays(physical.join(eol) + eol, WINDOW);
        expect(got.diagnostics.length).toBeGreaterThan(0);
        for (const d of got.diagnostics) {
          const line = physical[d.line - 1]!;
          expect(d.column, `${d.line}:${d.column} in ${JSON.stringify(line)}`).toBeLessThanOrEqual(line.length);
          // The first character of the value the finding quotes.
          expect(line[d.column - 1]).toBe(/\("(.)/.exec(d.message)?.[2] ?? '2');
        }
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('what cannot be read is an error at its line', () => {
  it.each([
    ['an empty file', '', '1:1 error ics-syntax'],
    ['another format', 'version: 1\nname: a matrix\n', '1:1 error ics-syntax'],
    ['binary data', 'BEGIN:VCALENDAR\0', '1:1 error ics-syntax'],
    ['a line without a colon', ics('BEGIN:VEVENT', 'garbage here', 'END:VEVENT'), '5:1 error ics-syntax'],
    ['an END that closes another component', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'END:VTODO'), '6:1 error ics-syntax'],
    ['a file cut short', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271225\r\n', '3:1 error ics-syntax'],
    ['two calendars', `${ics()}${ics()}`, '5:1 error ics-syntax'],
    ['an event without DTSTART', ics('BEGIN:VEVENT', 'SUMMARY:When?', 'END:VEVENT'), '4:1 error ics-event'],
    ['a malformed date', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:2027-12-25', 'END:VEVENT'), '5:20 error ics-event'],
    ['DTEND before DTSTART', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'DTEND;VALUE=DATE:20271225', 'END:VEVENT'), '6:18 error ics-event'],
    ['a timed DTEND on an all-day event', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'DTEND:20271226T000000Z', 'END:VEVENT'), '6:7 error ics-event'],
    ['a year-long DURATION', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'DURATION:P400D', 'END:VEVENT'), '6:10 error ics-event'],
    ['a DURATION in hours', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'DURATION:PT8H', 'END:VEVENT'), '6:10 error ics-event'],
    ['an unknown FREQ', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'RRULE:FREQ=SOMETIMES', 'END:VEVENT'), '6:7 error ics-event'],
    ['an hourly recurrence', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'RRULE:FREQ=HOURLY', 'END:VEVENT'), '6:7 error ics-event'],
    ['a malformed EXDATE', ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:2028', 'END:VEVENT'), '7:19 error ics-event'],
  ])('%s', (_name, text, expected) => {
    const got = read(text);
    expect(got.diagnostics.map((d) => `${d.line}:${d.column} ${d.level} ${d.code}`)).toEqual([expected]);
    expect(got.dates).toEqual([]);
    expect(got.diagnostics[0]!.message).not.toMatch(/\n/);
  });

  it('keeps no dates from a file with any error', () => {
    expect(read(ics(...event('DTSTART;VALUE=DATE:20271225'), 'BEGIN:VEVENT', 'END:VEVENT')).dates).toEqual([]);
  });
});

describe('hostile input stays bounded', () => {
  it('a daily recurrence without end is refused after a bounded number of steps, at its RRULE', () => {
    const work = countWork();
    const got = parseIcsHolidays(ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=DAILY', 'END:VEVENT'), WINDOW, work);
    expect(codes(ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=DAILY', 'END:VEVENT'))).toEqual(['6:7 error ics-too-many']);
    expect(got.diagnostics[0]!.message).toContain(String(MAX_OCCURRENCES));
    expect(work.totals.visit).toBeLessThanOrEqual(MAX_OCCURRENCES + 1);
  });

  it('a recurrence starting long before the window is stepped through at most MAX_RECURRENCE_STEPS times', () => {
    const work = countWork();
    const text = ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:19000101', 'RRULE:FREQ=DAILY;COUNT=999999999', 'END:VEVENT');
    const got = parseIcsHolidays(text, WINDOW, work);
    expect(got.diagnostics.map((d) => d.code)).toEqual(['ics-too-many']);
    expect(work.totals.visit).toBe(MAX_RECURRENCE_STEPS);
  });

  it('a recurrence whose rule fits no day of the year ends within the bounded steps', () => {
    const work = countWork();
    parseIcsHolidays(ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30', 'END:VEVENT'), WINDOW, work);
    expect(work.totals.visit).toBeLessThanOrEqual(MAX_RECURRENCE_STEPS);
  });

  it('many one-day events: the number of dates is capped', () => {
    const events: string[] = [];
    for (let i = 0; i < 5001; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      events.push('BEGIN:VEVENT', `DTSTART;VALUE=DATE:${day}`, 'END:VEVENT');
    }
    expect(codes(ics(...events))).toEqual(['1:1 error ics-too-many']);
  });

  it('deep nesting and long lines are errors or data, never a crash', () => {
    const deep = ['BEGIN:VCALENDAR', ...Array.from({ length: 5000 }, () => 'BEGIN:X'), ...Array.from({ length: 5000 }, () => 'END:X'), 'END:VCALENDAR'].join('\r\n');
    expect(codes(deep)).toEqual(['9:1 error ics-syntax']);
    const long = ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20271225', `SUMMARY:${'x'.repeat(200_000)}`, 'END:VEVENT');
    expect(read(long).dates).toEqual(['2027-12-25']);
    expect(codes(ics('BEGIN:VEVENT', `DTSTART;VALUE=DATE:${'9'.repeat(5000)}`, 'END:VEVENT'))).toEqual(['5:20 error ics-event']);
    expect(codes(ics('BEGIN:VEVENT', 'DTSTART;X="a:b";VALUE=DATE:20271225', 'END:VEVENT'))).toEqual([]);
  });
});

describe('the recurrence window', () => {
  it('runs from the year before the matrix was reviewed to five years after', () => {
    expect(recurrenceWindow({ reviewed: '2026-10-15' })).toEqual({ from: '2025-01-01', to: '2031-12-31' });
  });
});

describe('agrees with the documented definition (fast-check, an independent date arithmetic)', () => {
  interface Spec {
    year: number;
    month: number;
    day: number;
    days: number;
    yearly: boolean;
    exYears: number[];
    cancelled: boolean;
  }
  const spec = fc.record({
    year: fc.integer({ min: 2020, max: 2034 }),
    month: fc.integer({ min: 1, max: 12 }),
    // Up to the 28th: a yearly rule on 29 February is left to ical.js's reading of RFC 5545.
    day: fc.integer({ min: 1, max: 28 }),
    days: fc.integer({ min: 1, max: 5 }),
    yearly: fc.boolean(),
    exYears: fc.uniqueArray(fc.integer({ min: 2020, max: 2034 }), { maxLength: 4 }),
    cancelled: fc.boolean(),
  });
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const plusDays = (y: number, m: number, d: number, n: number) => new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);

  /** The dates the definition in docs/format.md gives, by plain UTC date arithmetic. */
  function expected(specs: Spec[], window: { from: string; to: string }): string[] {
    const out = new Set<string>();
    for (const s of specs) {
      if (s.cancelled) continue;
      const starts = s.yearly
        ? Array.from({ length: 2040 - s.year }, (_, i) => s.year + i)
            .filter((y) => !s.exYears.includes(y))
            .map((y) => `${y}-${pad(s.month)}-${pad(s.day)}`)
            .filter((d) => d >= window.from && d <= window.to)
        : [`${s.year}-${pad(s.month)}-${pad(s.day)}`];
      for (const start of starts) {
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        for (let i = 0; i < s.days; i++) out.add(plusDays(y, m, d, i));
      }
    }
    return [...out].sort();
  }

  /** The events as a feed would write them, with the given line ends and every line longer than `fold` folded. */
  function feed(specs: Spec[], eol: string, fold: number): string {
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Oracle//EN'];
    specs.forEach((s, i) => {
      const start = `${s.year}${pad(s.month)}${pad(s.day)}`;
      const end = plusDays(s.year, s.month, s.day, s.days).replaceAll('-', '');
      lines.push('BEGIN:VEVENT', `UID:event-${i}@oracle`, `DTSTART;VALUE=DATE:${start}`, `DTEND;VALUE=DATE:${end}`, `SUMMARY:Holiday number ${i} with a name long enough to fold`);
      if (s.yearly) lines.push('RRULE:FREQ=YEARLY');
      if (s.yearly && s.exYears.length > 0) lines.push(`EXDATE;VALUE=DATE:${s.exYears.map((y) => `${y}${pad(s.month)}${pad(s.day)}`).join(',')}`);
      if (s.cancelled) lines.push('STATUS:CANCELLED');
      lines.push('END:VEVENT');
    });
    lines.push('END:VCALENDAR');
    const folded = lines.flatMap((l) => {
      const parts = [l.slice(0, fold)];
      for (let at = fold; at < l.length; at += fold - 1) parts.push(` ${l.slice(at, at + fold - 1)}`);
      return parts;
    });
    return folded.join(eol) + eol;
  }

  it('for random all-day, multi-day, yearly, excluded and cancelled events, folded at random widths, in any line ending', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 6 }), fc.constantFrom('\r\n', '\n'), fc.integer({ min: 20, max: 75 }), fc.integer({ min: 2020, max: 2030 }), (specs, eol, fold, reviewed) => {
        const window = recurrenceWindow({ reviewed: `${reviewed}-06-01` });
        const got = parseIcsHolidays(feed(specs, eol, fold), window);
        expect(got.diagnostics).toEqual([]);
        expect(got.dates).toEqual(expected(specs, window));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('fuzz: any text is dates or located findings, never an exception', () => {
  const valid = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:a@test', 'DTSTART;VALUE=DATE:20271225', 'DTEND;VALUE=DATE:20271227', 'RRULE:FREQ=YEARLY;COUNT=3', 'EXDATE;VALUE=DATE:20281225', 'END:VEVENT', 'END:VCALENDAR'];
  it('random text, and a valid feed with lines dropped, duplicated or cut', () => {
    const check = (text: string) => {
      const got = parseIcsHolidays(text, WINDOW);
      const lines = text.split(/\r\n|\n|\r/).length;
      for (const d of got.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.line).toBeLessThanOrEqual(lines);
        expect(d.message).not.toMatch(/[\n\r]/);
      }
      if (got.diagnostics.some((d) => d.level === 'error')) expect(got.dates).toEqual([]);
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: runs(300) });
    const edit = fc.array(fc.record({ at: fc.nat(valid.length - 1), op: fc.constantFrom('drop', 'twice', 'cut') }), { maxLength: 4 });
    fc.assert(
      fc.property(edit, fc.constantFrom('\r\n', '\n'), (edits, eol) => {
        const lines = [...valid];
        for (const { at, op } of edits) {
          const i = Math.min(at, lines.length - 1);
          if (i < 0) break;
          if (op === 'drop') lines.splice(i, 1);
          else if (op === 'twice') lines.splice(i, 0, lines[i]!);
          else lines[i] = lines[i]!.slice(0, Math.floor(lines[i]!.length / 2));
        }
        check(lines.join(eol));
      }),
      { numRuns: runs(300) },
    );
  });
});
