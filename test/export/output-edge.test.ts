/**
 * The file written is the file meant: what `--out` writes passes through the output edge
 * (control characters shown as escapes, lines that would start a CI log command defused),
 * and must still say exactly what the export says: `--check` of the written bytes against
 * the same matrix is clean, for any names, however hostile.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager } from '../../src/export/alertmanager.js';
import { alertmanagerDrift, icsDrift, pagerdutyDrift } from '../../src/export/drift.js';
import { exportIcs, fold } from '../../src/export/ics.js';
import { exportPagerduty, pagerdutyJson } from '../../src/export/pagerduty.js';
import { safeText } from '../../src/cli/io.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, variant } from './helpers.js';

const PIECES = ['::', '::error::x', '##[group]', '##vso[task]', '\n', '\r', '\u001b[31m', '\u202e', '\u2028', '${a}', '%{b}', '$${c}', ' ', ':', '#', '"', "'", '\\', '/', '&', '<', '>', ',', ';', 'é', '😀', 'a', 'Z', '-', '\t', '{', '}', '[', ']', '|', '>-', '*', '!', '%', '@', '`'];
const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((parts) => parts.join('')).filter((s) => s.trim() !== '');

const withNames = (name: string, m: string, names: string[]): Matrix =>
  variant(name, (x) => {
    x.name = m;
    x.severities.forEach((s, i) => {
      s.name = names[i % names.length]!;
      s.definition = names[(i + 1) % names.length]!;
    });
  });

describe.each(EXAMPLES)('examples/%s.yaml with hostile names', (example) => {
  it('alertmanager, pagerduty and ics: the bytes the edge writes have no drift', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { minLength: 1, maxLength: 4 }), (name, names) => {
        const m = withNames(example, name, names);
        const am = exportAlertmanager(m);
        const amText = safeText(alertmanagerYaml(am.config, m.name, am.warnings));
        expect(alertmanagerDrift(m, amText)).toEqual({ ok: true, diagnostics: [] });
        const pdConfig = exportPagerduty(m).config;
        const pd = safeText(pagerdutyJson(pdConfig));
        expect(pagerdutyDrift(m, pd)).toEqual({ ok: true, diagnostics: [] });
        expect(JSON.parse(pd)).toEqual(pdConfig);
        if (Object.keys(m.calendars ?? {}).length > 0) {
          const ics = exportIcs(m).text;
          const written = safeText(ics);
          expect(written).toBe(ics);
          expect(icsDrift(m, written)).toEqual({ ok: true, diagnostics: [] });
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('folded iCalendar lines', () => {
  it('a continuation line never starts with what a CI log reads as a command, and unfolds to the value', () => {
    const m = variant('client-vendor', (x) => (x.name = `${'a'.repeat(58)}${'::'.repeat(60)}##[group]##vso[x]`));
    const ics = exportIcs(m).text;
    expect(safeText(ics)).toBe(ics);
    const lines = ics.split('\r\n');
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => /^[ \t]*(::|##\[|##vso\[)/.test(l))).toEqual([]);
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`X-WR-CALNAME:${m.name}: working hours and holidays\r\n`);
  });
});

describe('folded iCalendar lines: a command after blanks or tabs at a fold', () => {
  const encoder = new TextEncoder();
  /** What the output edge would change, lines over 75 octets or not well formed, and whether it unfolds to the line. */
  const problems = (line: string) => {
    const text = fold([line]);
    return [
      ...(safeText(text) === text ? [] : [`the output edge rewrites it: ${JSON.stringify(safeText(text))}`]),
      ...text.split('\r\n').filter((l) => encoder.encode(l).length > 75 || !(l as string & { isWellFormed(): boolean }).isWellFormed()).map((l) => `line ${JSON.stringify(l)}`),
      ...(text.replace(/\r\n[ \t]/g, '') === `${line}\r\n` ? [] : ['it unfolds to something else']),
    ];
  };

  it('`::`, `##[` and `##vso[` after no blank, blanks or tabs, at every position around the first three folds, after one- to four-octet characters', () => {
    // "X-WR-CALNAME:" is 13 octets: a line folds after 75 octets, then after every 74 more.
    const found: string[] = [];
    for (const command of ['::', '##[', '##vso[']) {
      for (const lead of ['', ' ', '  ', '\t', ' \t ', '\t\t']) {
        for (const before of ['A', 'é', '€', '😀']) {
          for (const at of [75, 149, 223]) {
            for (let n = at - 10; n <= at + 2; n++) {
              const line = `X-WR-CALNAME:${'A'.repeat(n - 14)}${before}${lead}${command}x: working hours and holidays`;
              for (const p of problems(line)) found.push(`${JSON.stringify(line.slice(n - 16, n + 12))} (${n}): ${p}`);
            }
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('a run of blanks and tabs longer than a line before the command', () => {
    for (const lead of [' '.repeat(80), '\t'.repeat(150), ' \t'.repeat(100)]) {
      expect(problems(`X-WR-CALNAME:${'A'.repeat(60)}${lead}::error::x`)).toEqual([]);
      expect(problems(`X-WR-CALNAME:${'A'.repeat(61)}${lead}##[group]x`)).toEqual([]);
    }
  });

  it('the export: 62 letters, then " :: EMEA support" (the blank lands first on the continuation) reads back, and --check of the bytes the edge writes is clean', () => {
    for (const name of [`${'A'.repeat(62)} :: EMEA support`, `${'A'.repeat(62)}\t##[group] EMEA`, `${'é'.repeat(31)} ##vso[task] ${'A'.repeat(70)}  :: x`]) {
      const m = variant('client-vendor', (x) => (x.name = name));
      const ics = exportIcs(m).text;
      const written = safeText(ics);
      expect(written).toBe(ics);
      for (const line of ics.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      expect(new ICAL.Component(ICAL.parse(written)).getFirstPropertyValue('x-wr-calname')).toBe(`${name}: working hours and holidays`);
      expect(icsDrift(m, written)).toEqual({ ok: true, diagnostics: [] });
    }
  });
});

describe('escalate export --out then --check (e2e): the written file is the file meant', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-edge-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = readFileSync(example('client-vendor.yaml'), 'utf8');
  // A YAML double-quoted string: ESC, a CI command after a line break, a Terraform interpolation and directive, a bidi override, PagerDuty's refused characters.
  const hostileName = '"\\e[31m::error::pwned\\n::warning $' + '{file(\\"secret.txt\\")} %' + '{ if 1 }\\u202e & <b> / \\\\"';
  const matrix = join(dir, 'hostile.yaml');
  writeFileSync(matrix, source.replace(/^name: .*$/m, `name: ${hostileName}`).replace(/^(\s+name: )Critical$/m, `$1${hostileName}`));

  it.each([
    ['alertmanager', 'am.yaml'],
    ['pagerduty', 'pd.tf.json'],
    ['ics', 'cal.ics'],
  ])('%s', (tool, file) => {
    const out = join(dir, file);
    const written = runCli(['export', tool, '-m', matrix, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    const check = runCli(['export', tool, '-m', matrix, '--check', out]);
    expect({ code: check.code, stdout: check.stdout }).toEqual({ code: 0, stdout: expect.not.stringMatching(/drift-/) });
    expect(check.stderr).toBe('');
  });
});
