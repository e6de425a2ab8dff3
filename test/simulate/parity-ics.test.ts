/**
 * Parity with the iCalendar export, read with ical.js (the consumer calendar tools build
 * on): for each example, at every hour of weeks with holidays and clock changes, the event
 * covering the instant says what the matrix calendar says; a holiday removed from the file
 * (its event, or its EXDATE, or both) is a gap on that day and nowhere else; a shifted
 * VTIMEZONE or working hours edited by hand are gaps at the hours they move.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportIcs } from '../../src/export/ics.js';
import { icsParity } from '../../src/simulate/parity-ics.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';
import { weekSimulation } from '../../src/simulate/week.js';
import { EXAMPLES, exampleMatrix } from '../export/helpers.js';
import { runs } from '../helpers/runs.js';

const WEEKS = ['2026-12-21', '2026-12-28', '2027-03-10', '2027-03-29', '2027-04-02', '2027-10-31', '2027-11-07'];

function week(name: string, date: string): SimulateResult {
  const simulated = weekSimulation(exampleMatrix(name), date);
  if (!simulated.ok) throw new Error(simulated.reason);
  return simulated.result;
}

function parity(result: SimulateResult, text: string) {
  const found = icsParity(result, text);
  if ('ok' in found) throw new Error(found.reason);
  return found;
}

/** The file without the event whose UID contains `uid`, and/or without the EXDATE of `exdate`. */
function without(text: string, uid: string | undefined, exdate?: string): string {
  const blocks = text.split('BEGIN:VEVENT');
  const kept = blocks.slice(1).filter((b) => uid === undefined || !b.includes(uid));
  const out = [blocks[0], ...kept].join('BEGIN:VEVENT');
  const closed = out.includes('END:VCALENDAR') ? out : `${out}END:VCALENDAR\r\n`;
  return exdate === undefined ? closed : closed.split('\r\n').filter((l) => !(l.startsWith('EXDATE') && l.includes(exdate))).join('\r\n');
}

describe('parity with the iCalendar export', () => {
  it.each(EXAMPLES)('%s: the unedited file shows the matrix calendar at every hour of weeks with holidays and clock changes', (name) => {
    const text = exportIcs(exampleMatrix(name)).text;
    for (const date of WEEKS) {
      const { findings, notes } = parity(week(name, date), text);
      expect(findings, date).toEqual([]);
      expect(notes).toEqual([]);
    }
  });

  it.each([
    // Without the event, nothing covers the day; without the EXDATE, working hours 08:00-18:00 cover it.
    ['the holiday event', 'holiday-2026-12-25', undefined, 24],
    ['the working-hours EXDATE', undefined, '20261225T', 10],
    ['both', 'holiday-2026-12-25', '20261225T', 24],
  ])('msp: removing %s of Christmas is a gap on Christmas Day only', (_what, uid, exdate, hours) => {
    const text = without(exportIcs(exampleMatrix('msp')).text, uid, exdate);
    const { findings } = parity(week('msp', '2026-12-21'), text);
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(['missing-holiday']));
    expect(new Set(findings.map((f) => f.at.slice(0, 10)))).toEqual(new Set(['2026-12-25']));
    // One finding per start and calendar, naming every severity on it.
    expect(findings).toHaveLength(hours);
    expect(findings[0]!.calendar).toBe('business');
    expect(findings[0]!.message).toMatch(/^p3, p4 on calendar business: 2026-12-25 is a matrix holiday/);
    if (exdate !== undefined) expect(findings.find((f) => f.at === '2026-12-25T10:00:00-05:00')!.message).toMatch(/working hours \(northpoint-it-managed-services-0956b7a2-business-hours@escalate\)/);
  });

  it('saas-support: a holiday added by hand, and working hours that close an hour early', () => {
    const original = exportIcs(exampleMatrix('saas-support')).text;
    const extra = original.replace(
      'END:VCALENDAR',
      'BEGIN:VEVENT\r\nUID:extra@example\r\nDTSTAMP:20261001T000000Z\r\nDTSTART;VALUE=DATE:20261222\r\nDTEND;VALUE=DATE:20261223\r\nSUMMARY:Team day\r\nCATEGORIES:office\r\nEND:VEVENT\r\nEND:VCALENDAR',
    );
    const added = parity(week('saas-support', '2026-12-21'), extra).findings;
    expect(new Set(added.map((f) => f.kind))).toEqual(new Set(['extra-holiday']));
    expect(new Set(added.map((f) => f.at.slice(0, 10)))).toEqual(new Set(['2026-12-22']));
    // Working hours open in the file (09:00-18:00), so only the closed hours of that day show the holiday: 15 of 24.
    expect(added).toHaveLength(15);

    const early = original.replace(/(DTEND;TZID=Europe\/Berlin:\d{8}T)18(00)/, '$117$2');
    expect(early).not.toBe(original);
    const hours = parity(week('saas-support', '2027-01-11'), early).findings;
    expect(new Set(hours.map((f) => f.kind))).toEqual(new Set(['hours']));
    expect(new Set(hours.map((f) => f.at.slice(11, 16)))).toEqual(new Set(['17:00']));
    expect(hours).toHaveLength(5);
  });

  it('msp: one occurrence moved by a RECURRENCE-ID override opens two hours late that day, and only then', () => {
    const text = exportIcs(exampleMatrix('msp')).text.replace(
      'END:VCALENDAR',
      [
        'BEGIN:VEVENT',
        'UID:northpoint-it-managed-services-0956b7a2-business-hours@escalate',
        'DTSTAMP:20261001T000000Z',
        'RECURRENCE-ID;TZID=America/New_York:20261223T080000',
        'DTSTART;TZID=America/New_York:20261223T100000',
        'DTEND;TZID=America/New_York:20261223T180000',
        'CATEGORIES:business',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const { findings } = parity(week('msp', '2026-12-21'), text);
    expect(findings.map((f) => `${f.kind} ${f.at}`)).toEqual(['hours 2026-12-23T08:00:00-05:00', 'hours 2026-12-23T09:00:00-05:00']);
    // An override belongs to the event with its UID only (ical.js alone would apply it to any event).
    const other = text.replace(/UID:northpoint-it-managed-services-0956b7a2-business-hours@escalate(\r\nDTSTAMP:20261001T000000Z\r\nRECURRENCE-ID)/, 'UID:someone-else@example$1');
    expect(other).not.toBe(text);
    expect(parity(week('msp', '2026-12-21'), other).findings).toEqual([]);
  });

  it('msp: a VTIMEZONE that forgets daylight saving moves every working hour of the summer by one', () => {
    const text = exportIcs(exampleMatrix('msp')).text;
    const blocks = text.split('BEGIN:DAYLIGHT');
    const noDst = blocks[0] + blocks.slice(1).map((b) => b.slice(b.indexOf('END:DAYLIGHT') + 'END:DAYLIGHT\r\n'.length)).join('');
    const { findings } = parity(week('msp', '2027-06-14'), noDst);
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(['hours']));
    // Five working days, the opening hour (closed in the file) and the closing hour (open in it).
    expect(new Set(findings.map((f) => f.at.slice(11, 16)))).toEqual(new Set(['08:00', '18:00']));
    expect(findings).toHaveLength(10);
  });

  it('a calendar file cut, doubled or garbled anywhere: findings or a reason, never an exception', () => {
    const lines = exportIcs(exampleMatrix('msp')).text.split('\r\n');
    const result = week('msp', '2026-12-21');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.constantFrom('delete', 'double', 'garble', 'cut', 'rule'), fc.string(), fc.constantFrom('SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY;BYSETPOS=400', 'YEARLY;BYMONTH=2;BYMONTHDAY=30', 'WEEKLY;BYDAY=XX'), (at, how, junk, freq) => {
        const edited = [...lines];
        // Any recurrence rule, of an event or of a VTIMEZONE, made hostile (a fast one made ical.js run out of memory).
        const rules = lines.flatMap((l, i) => (l.startsWith('RRULE:') ? [i] : []));
        if (how === 'rule') edited[rules[at % rules.length]!] = `RRULE:FREQ=${freq}`;
        else if (how === 'delete') edited.splice(at, 1);
        else if (how === 'double') edited.splice(at, 0, lines[at]!);
        else if (how === 'garble') edited[at] = `${lines[at]!.split(':')[0]}:${junk}`;
        else edited.length = at;
        const found = icsParity(result, edited.join('\r\n'));
        expect('ok' in found ? typeof found.reason : Array.isArray(found.findings)).toBeTruthy();
      }),
      { numRuns: runs(200), seed: 20261225 },
    );
  });

  it('a file that is not iCalendar, and a file with no event for the calendar, are said', () => {
    expect(icsParity(week('msp', '2026-12-21'), 'hello')).toMatchObject({ ok: false, reason: /not valid iCalendar/ });
    const empty = parity(week('msp', '2026-12-21'), 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n');
    expect(empty.notes).toEqual(['calendar business: the file has no event for it (no CATEGORIES:business, no UID naming it)']);
    expect(new Set(empty.findings.map((f) => f.kind))).toEqual(new Set(['hours', 'missing-holiday']));
  });
});
