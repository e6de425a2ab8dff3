/** Lint with a calendar's holidays file: the rules see its dates, located at `holidays_from`; cases see them merged. */
import { describe, expect, it } from 'vitest';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { withFileHolidays } from '../../src/matrix/holiday-files.js';
import { loadMatrix } from '../../src/matrix/load.js';

const matrix = (calendar: string) => `version: 1
name: Lint fixture
owner: lead
reviewed: 2026-10-01
review_every: 90d
timezone: Europe/London
roles:
  lead: { title: Support lead, contact: "pager:lead" }
severities:
  - id: sev1
    name: Critical
    definition: Everyone is down.
    examples: [Checkout fails]
    owner: lead
    calendar: office
    targets: { acknowledge: 4h, resolution: 5d }
triage:
  start: scope
  questions:
    scope:
      ask: Is everyone affected?
      answers:
        - { label: "Yes", outcome: { severity: sev1 } }
calendars:
  office:
${calendar}
`;
const office = (extra: string) => `    days: [mon, tue, wed, thu, fri]\n    hours: "09:00-17:00"\n${extra}`;
const horizon = (source: string, fileHolidays: Record<string, string[]>, today = '2026-12-06') =>
  lintMatrix(source, { today, fileHolidays }).diagnostics.filter((d) => d.code === 'holidays-horizon').map((d) => `${d.line}:${d.column} ${d.message}`);

describe('holidays-horizon with a holidays file', () => {
  const source = matrix(office('    holidays: [2026-12-24]\n    holidays_from: holidays/uk.ics'));
  const fromLine = source.split('\n').findIndex((l) => l.includes('holidays_from')) + 1;

  it('counts the file dates: no warning while they reach next year', () => {
    expect(horizon(source, { office: ['2026-12-25', '2027-12-25'] })).toEqual([]);
  });

  it('warns at holidays_from when the file runs out, naming the file', () => {
    const found = horizon(source, { office: ['2026-12-25'] });
    expect(found).toEqual([`${fromLine}:20 calendar "office" (with holidays/uk.ics) lists holidays up to 2026: they run out in 25 days, and from 2027-01-01 every holiday counts as a working day; add 2027's holidays`]);
  });

  it('a yearly date the file drops for next year is located at holidays_from; an inline one at its own place', () => {
    const found = horizon(source, { office: ['2025-12-26', '2026-12-26', '2027-01-01'] });
    expect(found).toEqual([`${fromLine}:20 calendar "office" (with holidays/uk.ics) keeps 12-26 as a holiday every year listed but not in 2027; add 2027-12-26 or say why it is a working day then`]);
  });

  it('without the file dates (a library caller that read none), only the inline list counts', () => {
    expect(horizon(source, {})).toHaveLength(1);
  });
});

describe('the matrix the cases run on', () => {
  it('has the file dates merged into holidays, sorted, each once', () => {
    const source = matrix(office('    holidays: [2027-01-04, 2026-12-24]\n    holidays_from: holidays/uk.ics'));
    const lint = lintMatrix(source, { today: '2026-12-06', fileHolidays: { office: ['2026-12-25', '2026-12-24'] } });
    expect(lint.load.matrix!.calendars!.office!.holidays).toEqual(['2026-12-24', '2026-12-25', '2027-01-04']);
  });

  it('is withheld when a holidays file could not be read, like a format error', () => {
    const source = matrix(office('    holidays_from: holidays/uk.ics'));
    const failure = { code: 'holidays-file', level: 'error' as const, message: 'calendar "office": cannot read holidays/uk.ics: no such file', path: [], line: 30, column: 20 };
    const lint = lintMatrix(source, { today: '2026-12-06', holidayDiagnostics: [failure] });
    expect(lint.load.matrix).toBeUndefined();
    expect(lint.diagnostics.map((d) => d.code)).toEqual(['holidays-file']);
  });

  it('withFileHolidays leaves a matrix without file dates as it is', () => {
    const loaded = loadMatrix(matrix(office('    holidays: [2026-12-24]'))).matrix!;
    expect(withFileHolidays(loaded, {})).toBe(loaded);
    expect(withFileHolidays(loaded, { other: ['2026-12-25'] }).calendars!.office).toBe(loaded.calendars!.office);
  });
});
