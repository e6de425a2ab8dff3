/** Date judgements appear only when a date is given, and follow it exactly. */
import { expect, test } from 'vitest';
import { renderSheet } from '../../src/docs/sheet.js';
import { status } from '../../src/docs/sections/exceptions.js';
import type { MatrixException } from '../../src/matrix/schema.js';
import { loadFixture } from './helpers/load.js';
import { section, tables } from './helpers/parse-markdown.js';

const window = { from: '2026-12-20T18:00', until: '2027-01-02T08:00' } as MatrixException;

test.each([
  ['2026-12-19', 'upcoming'],
  ['2026-12-20', 'in effect'],
  ['2026-12-31', 'in effect'],
  ['2027-01-02', 'in effect'],
  ['2027-01-03', 'expired'],
])('an exception from 2026-12-20 18:00 until 2027-01-02 08:00 is, on %s, %s', (asOf, expected) => {
  expect(status(window, asOf)).toBe(expected);
});

const matrix = loadFixture('role-duties'); // reviewed 2026-03-01 every 90d: due 2026-05-30

test.each([
  ['2026-05-29', '(in 1 day from 2026-05-29)'],
  ['2026-05-30', '(due on 2026-05-30)'],
  ['2026-05-31', '(**overdue** by 1 day on 2026-05-31)'],
  ['2026-06-09', '(**overdue** by 10 days on 2026-06-09)'],
])('on %s the review is shown as %s', (asOf, expected) => {
  expect(renderSheet(matrix, { asOf })).toContain(`**next review due:** 2026-05-30 ${expected}`);
});

test('without a date the sheet judges nothing and has no status column', () => {
  const sheet = renderSheet(matrix);
  expect(sheet).toContain('**next review due:** 2026-05-30\n');
  expect(tables(section(sheet, 'Exceptions'))[0]!.header).not.toContain(expect.stringMatching(/^Status/));
});

test('with a date the exceptions table gains a status column', () => {
  const sheet = renderSheet(matrix, { asOf: '2026-12-25' });
  const [t] = tables(section(sheet, 'Exceptions'));
  expect(t!.header.at(-1)).toBe('Status on 2026-12-25');
  expect(t!.rows.map((r) => r.at(-1))).toEqual(['in effect']);
  expect(section(sheet, 'About this sheet')).toContain('Dates are judged as of 2026-12-25.');
});
