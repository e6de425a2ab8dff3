/**
 * Every rule in the registry has fixtures: at least one that triggers it (the header says
 * where: `# expect CODE at L:C`, every position exactly) and one near miss that does not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../../src/lint/cases/load.js';
import { runCases } from '../../src/lint/cases/run.js';
import { outcomeCoverage } from '../../src/lint/cases/coverage.js';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { RULES } from '../../src/lint/registry.js';
import { fixture } from '../helpers/cli.js';
import { expectationOf, positions } from './fixtures.js';

const TODAY = '2026-11-24';
const DIR = fixture('lint');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const read = (...parts: string[]) => readFileSync(join(DIR, ...parts), 'utf8');

const triggersOf = (id: string, list: string[]) => list.filter((f) => (f === `${id}.yaml` || f.startsWith(`${id}.`)) && !f.includes('.ok.'));
const nearMissesOf = (id: string, list: string[]) => list.filter((f) => f.startsWith(`${id}.ok.`));

describe('rule fixtures (matrix rules)', () => {
  const matrixRules = RULES.filter((rule) => rule.group !== 'cases');

  it('every fixture belongs to a rule and states what it expects of that rule', () => {
    for (const file of files) {
      const expectation = expectationOf(read(file));
      expect(file.startsWith(`${expectation.code}.`), file).toBe(true);
      expect(RULES.some((r) => r.id === expectation.code), file).toBe(true);
    }
  });

  describe.each(matrixRules.map((rule) => [rule.id]))('%s', (id) => {
    const triggers = triggersOf(id, files);
    const misses = nearMissesOf(id, files);

    it('has a fixture that triggers it and one that does not', () => {
      expect(triggers.length).toBeGreaterThan(0);
      expect(misses.length).toBeGreaterThan(0);
    });

    it.each(triggers)('%s: reported exactly where the header says', (file) => {
      const text = read(file);
      const { load, diagnostics } = lintMatrix(text, { today: TODAY });
      expect(load.diagnostics.filter((d) => d.level === 'error'), 'the fixture itself must load').toEqual([]);
      expect(positions(diagnostics, id)).toEqual(expectationOf(text).at);
      for (const d of diagnostics.filter((x) => x.code === id)) {
        expect(d.level).toBe(RULES.find((r) => r.id === id)!.level);
        expect(d.message).not.toMatch(/\n/);
      }
    });

    it.each(misses)('%s: not reported', (file) => {
      const text = read(file);
      const { load, diagnostics } = lintMatrix(text, { today: TODAY });
      expect(load.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
      expect(positions(diagnostics, id)).toEqual([]);
    });
  });
});

describe('rule fixtures (matrix tests)', () => {
  const dir = ['cases'];
  const caseFiles = readdirSync(join(DIR, ...dir)).filter((f) => f.endsWith('.cases.yaml'));
  const matrixText = read(...dir, 'matrix.yaml');
  const { load } = lintMatrix(matrixText, { today: TODAY });

  async function run(file: string) {
    const loaded = loadCases(read(...dir, file));
    expect(loaded.diagnostics).toEqual([]);
    const result = await runCases(load.matrix!, loaded.cases!, loaded.locator, 'error');
    const coverage = outcomeCoverage(load.matrix!, load.locator, result.reached, 'warning');
    return [...result.diagnostics, ...coverage.diagnostics];
  }

  describe.each(RULES.filter((r) => r.group === 'cases').map((r) => [r.id]))('%s', (id) => {
    const triggers = triggersOf(id, caseFiles);
    const misses = nearMissesOf(id, caseFiles);

    it('has a fixture that triggers it and one that does not', () => {
      expect(triggers.length).toBeGreaterThan(0);
      expect(misses.length).toBeGreaterThan(0);
    });

    it.each(triggers)('%s: reported exactly where the header says', async (file) => {
      expect(positions(await run(file), id)).toEqual(expectationOf(read(...dir, file)).at);
    });

    it.each(misses)('%s: not reported', async (file) => {
      expect(positions(await run(file), id)).toEqual([]);
    });
  });
});

describe('the rule registry', () => {
  it('has unique kebab-case ids, a level and a one-line rationale for every rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning']).toContain(rule.level);
      expect(rule.rationale).toMatch(/^[A-Z("].{20,200}[.]$/);
      expect(rule.rationale).not.toMatch(/\n/);
    }
  });

  it('keeps one rule per file under src/lint/rules, each in the registry', () => {
    const sources = readdirSync(new URL('../../src/lint/rules/', import.meta.url)).map((f) => f.replace(/\.ts$/, ''));
    const matrixRules = RULES.filter((r) => r.group !== 'cases' && r.group !== 'config').map((r) => r.id);
    expect(sources.sort()).toEqual([...matrixRules].sort());
  });
});
