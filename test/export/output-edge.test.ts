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
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager } from '../../src/export/alertmanager.js';
import { alertmanagerDrift, icsDrift, pagerdutyDrift } from '../../src/export/drift.js';
import { exportIcs } from '../../src/export/ics.js';
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
