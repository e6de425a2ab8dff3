/**
 * The file written is the file meant, and the terminal gets the same bytes: for matrices and
 * records with hostile names (line breaks, lines starting `::`, `##[`, `${`, `%{`, control
 * characters, bidi overrides, emoji), what a command prints to a pipe is byte for byte what
 * `--out` writes, for every output that carries a user string (export alertmanager with
 * --tests, pagerduty with and without --pull-in, ics; report --format json, csv and markdown;
 * docs), and the output edge changes no value a consumer reads:
 *
 * - YAML and JSON: the edge's escapes (`\u001b`) sit inside double-quoted YAML and JSON
 *   strings, where they are escapes of the same characters, and no line of either can start
 *   with `::`; parsed back, every value is the one exported. Comment lines show escapes.
 * - iCalendar: the export folds and escapes so the edge changes no byte at all.
 * - CSV (report): a cell has no escape syntax, so a control character in a record's text is
 *   written as `\uXXXX` and a line of a multi-line cell that would start a CI command starts
 *   with `\u003a` (docs/report.md says so); every other cell reads back exactly.
 *
 * And `--check` of what `--out` wrote is clean.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { alertmanagerYaml, exportAlertmanager } from '../../src/export/alertmanager.js';
import { exportIcs } from '../../src/export/ics.js';
import { exportPagerduty, pagerdutyJson } from '../../src/export/pagerduty.js';
import { safeText } from '../../src/cli/io.js';
import { evaluate } from '../../src/record/evaluate.js';
import { buildReport } from '../../src/record/report.js';
import { reportCsv, reportJson } from '../../src/record/report-format.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { makeRecord } from '../record/make-record.js';
import { EXAMPLES, variant } from './helpers.js';

const PIECES = ['::', '::error::x', '##[group]', '##vso[task]', '\n', '\r\n', '\r', '\u001b[31m', '\u0007', '\u202e', '\u2028', '${a}', '%{b}', '$${c}', ' ', ':', '#', '"', "'", '\\', '/', '&', '<', '>', ',', ';', 'é', '😀', 'a', '-', '\t', '{', '}', '|', '>-', '*', '!', '%', '@', '=', '`'];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 30 }).map((parts) => parts.join('')).filter((s) => s.trim() !== '');

const named = (example: string, name: string, names: string[]): Matrix =>
  variant(example, (x) => {
    x.name = name;
    x.severities.forEach((s, i) => {
      s.name = names[i % names.length]!;
      s.definition = names[(i + 1) % names.length]!;
    });
  });

describe.each(EXAMPLES)('examples/%s.yaml with hostile names: the edge changes no value', (example) => {
  it('alertmanager YAML, PagerDuty JSON (with and without --pull-in), iCalendar', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { minLength: 1, maxLength: 3 }), (name, names) => {
        const m = named(example, name, names);
        const am = exportAlertmanager(m);
        const amText = alertmanagerYaml(am.config, m.name, am.warnings);
        expect(parse(safeText(amText))).toEqual(parse(amText));
        expect(safeText(amText).split('\n').filter((l) => /^[ \t]*(::|##\[|##vso\[)/.test(l))).toEqual([]);
        for (const pullIn of [undefined, 'separate-services'] as const) {
          const pd = pagerdutyJson(exportPagerduty(m, { pullIn }).config);
          expect(JSON.parse(safeText(pd))).toEqual(JSON.parse(pd));
        }
        if (Object.keys(m.calendars ?? {}).length > 0) expect(safeText(exportIcs(m).text)).toBe(exportIcs(m).text);
      }),
      { numRuns: 25 },
    );
  });
});

/** RFC 4180 fields of a CSV text (CRLF rows, "" for a quote inside a quoted field). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

function hostileJudged(texts: string[]) {
  const asOf = new Date('2026-04-02T12:00:00Z');
  return texts.map((text, i) => {
    const record = makeRecord({ severity: 'sev1', start: `2026-03-2${i % 9}T16:30:00+01:00` }, [{ type: 'acknowledged', at: `2026-03-2${i % 9}T17:30:00+01:00` }]);
    record.severity = { ...record.severity, id: text, name: text };
    record.contract = { ...record.contract, client: { id: `${text}c`, name: text } as never, tier: { id: `${text}t` } as never };
    return { record, judged: { file: `r${i}.json`, evaluation: evaluate(record, asOf) } };
  });
}

describe('report --format csv with hostile record texts', () => {
  it('every cell reads back exactly, but the documented escapes (control characters, a CI command at a line start)', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (texts) => {
        const report = buildReport(
          hostileJudged(texts).map((h) => h.judged),
          { asOf: new Date('2026-04-02T12:00:00Z') },
        );
        const csv = reportCsv(report);
        const before = csvRows(csv);
        const after = csvRows(safeText(csv));
        expect(after.map((r) => r.length)).toEqual(before.map((r) => r.length));
        before.forEach((row, r) =>
          row.forEach((cell, c) => {
            // The documented form: what safeText makes of the cell's own text, never at a line start (a quoted cell opens with ").
            expect(after[r]![c]).toBe(safeText(cell, c === 0));
            if (!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)|\n[ \t]*(::|##\[|##vso\[)/u.test(cell)) expect(after[r]![c]).toBe(cell);
          }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('the JSON report keeps every value', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (texts) => {
        const report = buildReport(
          hostileJudged(texts).map((h) => h.judged),
          { asOf: new Date('2026-04-02T12:00:00Z') },
        );
        const json = `${JSON.stringify(reportJson(report, 'Europe/Berlin'), null, 2)}\n`;
        expect(JSON.parse(safeText(json))).toEqual(JSON.parse(json));
      }),
      { numRuns: 40 },
    );
  });
});

describe('stdout to a pipe is what --out writes, and --check of it is clean (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const texts = ['::error::pwned\n::warning x', 'Acme ${file("secret.txt")} %{ if 1 }', '\u001b[31mred\u001b[0m \u202eevil\u2028next', 'tab\there\rcr 😀 é', '##[group]g\n##vso[task.setvariable]v', '=HYPERLINK("x") & <b> / \\'];
  const matrixFile = join(dir, 'hostile.yaml');
  const m = named('msp', texts.join(' | '), texts);
  writeFileSync(matrixFile, stringify(m, { lineWidth: 0 }));
  const recordsDir = join(dir, 'records');
  mkdirSync(recordsDir);
  hostileJudged(texts).forEach((h, i) => writeFileSync(join(recordsDir, `r${i}.json`), JSON.stringify(h.record, null, 2)));
  const pinned = { env: { ESCALATE_NOW: '2026-04-02T12:00:00Z' } };

  it.each([
    ['export alertmanager', ['export', 'alertmanager', '-m', matrixFile], 'am.yaml', ['export', 'alertmanager', '-m', matrixFile, '--check']],
    ['export pagerduty', ['export', 'pagerduty', '-m', matrixFile], 'pd.tf.json', ['export', 'pagerduty', '-m', matrixFile, '--check']],
    ['export pagerduty --pull-in', ['export', 'pagerduty', '-m', matrixFile, '--pull-in', 'separate-services'], 'pull.tf.json', ['export', 'pagerduty', '-m', matrixFile, '--check']],
    ['export ics', ['export', 'ics', '-m', matrixFile], 'cal.ics', ['export', 'ics', '-m', matrixFile, '--check']],
    ['docs', ['docs', '-m', matrixFile], 'sheet.md', ['docs', '-m', matrixFile, '--check', '--out']],
  ])('%s', (_, args, file, check) => {
    const out = join(dir, file);
    const piped = runCli(args);
    expect(piped.code, piped.stderr).toBe(0);
    const written = runCli([...args, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    expect(piped.stdout).toMatch(/pwned/);
    const checked = runCli([...check, out]);
    expect({ code: checked.code, stdout: checked.stdout, stderr: checked.stderr }).toEqual({ code: 0, stdout: expect.not.stringMatching(/drift-|stale/), stderr: '' });
  });

  it('export alertmanager --tests: the routing test script is the same file whichever way it is asked for', () => {
    const a = join(dir, 'a.sh');
    const b = join(dir, 'b.sh');
    expect(runCli(['export', 'alertmanager', '-m', matrixFile, '--tests', a]).code).toBe(0);
    expect(runCli(['export', 'alertmanager', '-m', matrixFile, '--out', join(dir, 'am2.yaml'), '--tests', b]).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8').split('\n').filter((l) => /^[ \t]*(::|##\[|##vso\[)/.test(l))).toEqual([]);
  });

  it.each(['json', 'csv', 'markdown'])('report --format %s', (format) => {
    const out = join(dir, `report.${format}`);
    const piped = runCli(['report', recordsDir, '--format', format], pinned);
    expect(piped.code, piped.stderr).toBe(0);
    const written = runCli(['report', recordsDir, '--format', format, '--out', out, '--force'], pinned);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    if (format === 'csv') expect(piped.stdout).toContain('\\u001b[31mred');
    if (format === 'json') expect((JSON.parse(piped.stdout) as { groups: { key: string }[] }).groups.map((g) => g.key)).toEqual(expect.arrayContaining(texts));
  });

  it('a real pipe carries the same bytes (a spawned process)', () => {
    const piped = spawnCli(['export', 'pagerduty', '-m', matrixFile, '--pull-in', 'separate-services']);
    expect(piped.stdout).toBe(readFileSync(join(dir, 'pull.tf.json'), 'utf8'));
    const report = spawnCli(['report', recordsDir, '--format', 'csv'], pinned);
    expect(report.stdout).toBe(readFileSync(join(dir, 'report.csv'), 'utf8'));
  });
});
