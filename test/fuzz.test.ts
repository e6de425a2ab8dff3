/**
 * Property-based fuzzing: random mutations of the example matrices, at the text level and
 * at the structure level, go through load, lint, docs, the triage engine, planning and diff.
 * Nothing may throw, and every reported line and column must lie inside the file.
 * CI runs a small share; `npm run fuzz` runs FUZZ_RUNS (10,000) cases per property.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffMatrices } from '../src/diff/diff.js';
import { renderRoleCard } from '../src/docs/role-card.js';
import { renderSheet } from '../src/docs/sheet.js';
import { lintMatrix } from '../src/lint/lint-matrix.js';
import type { Matrix } from '../src/matrix/schema.js';
import { allPaths, walk } from '../src/triage/engine.js';
import { planIncident } from '../src/triage/plan.js';
import { simulate } from '../src/simulate/simulate.js';
import { formatSimulationCard } from '../src/simulate/card.js';
import { formatSimulationMarkdown } from '../src/simulate/markdown.js';
import { formatCoverageSvg } from '../src/simulate/coverage-svg.js';
import { plain } from '../src/cli/colors.js';
import { example } from './helpers/cli.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** Generous: a case takes ~5-30 ms (docs and diff included), and CI machines are shared. */
const TIMEOUT = Math.max(30_000, RUNS * 100);
const NAMES = ['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml'];
const SOURCES = NAMES.map((name) => readFileSync(example(name), 'utf8'));
const ORIGINALS = SOURCES.map((text) => lintMatrix(text, { today: '2026-11-24' }).load.matrix!);
const START = new Date('2026-03-27T15:30:00Z');
const NOW = new Date('2026-03-27T16:00:00Z');

const HOSTILE_TOKENS = ['', ':', '- ', '{', '}', '[', ']', ',', '&a', '*a', '!!js/function', '|', '>', '#', "'", '"', '\t', '\n', '  ', '%YAML 1.1\n', '---\n', '__proto__', 'constructor', '0m', '-5m', '99999d', '1e400', 'sev9', '~', 'yes', 'Mars/Base', '2026-02-30', '{{nope}}', '\u0000', '\uFEFF'];
const VALUES: unknown[] = [null, '', 0, -1, 1e308, true, 'x', '0m', '15m', '-5m', '99999d', 'sev1', 'sev9', 'frontline', 'nobody', 'Europe/Berlin', 'Nowhere/City', '2026-02-30', '2027-01-01', [], {}, ['sev1'], { severity: 'sev1' }, '{{impact}}', '{{unknown}}'];

type Mutation = (lines: string[], rnd: (n: number) => number) => string[];
const TEXT_MUTATIONS: Mutation[] = [
  (l, r) => l.filter((_, i) => i !== r(l.length)),
  (l, r) => {
    if (l.length === 0) return l;
    const i = r(l.length);
    return [...l.slice(0, i + 1), l[i]!, ...l.slice(i + 1)];
  },
  (l, r) => {
    if (l.length < 2) return l;
    const a = r(l.length);
    const b = r(l.length);
    const out = [...l];
    [out[a], out[b]] = [out[b]!, out[a]!];
    return out;
  },
  (l, r) => l.map((line, i) => (i === r(l.length) ? line.replace(/^ {2}/, '') : line)),
  (l, r) => l.map((line, i) => (i === r(l.length) ? `  ${line}` : line)),
  (l, r) => l.slice(0, r(l.length)),
  (l, r) => l.map((line, i) => (i === r(l.length) ? line.replace(/: .*$/, `: ${HOSTILE_TOKENS[r(HOSTILE_TOKENS.length)]}`) : line)),
  (l, r) =>
    l.map((line, i) => {
      if (i !== r(l.length) || line.length === 0) return line;
      const at = r(line.length);
      return line.slice(0, at) + HOSTILE_TOKENS[r(HOSTILE_TOKENS.length)] + line.slice(at + 1);
    }),
];

/** Every position a finding names must exist in the file (column may point just past the end of a line). */
function expectInside(text: string, diagnostics: { line: number; column: number; code: string }[]) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const d of diagnostics) {
    expect(d.line, d.code).toBeGreaterThanOrEqual(1);
    expect(d.line, d.code).toBeLessThanOrEqual(lines.length);
    expect(d.column, d.code).toBeGreaterThanOrEqual(1);
    expect(d.column, `${d.code} at ${d.line}:${d.column}`).toBeLessThanOrEqual((lines[d.line - 1] ?? '').length + 1);
  }
}

/** Drives every pure consumer of a loaded matrix; any exception fails the property. */
function exercise(text: string, original: Matrix, seed: number) {
  const { load, diagnostics } = lintMatrix(text, { today: '2026-11-24' });
  expectInside(text, diagnostics);
  const matrix = load.matrix;
  if (!matrix) return;
  expect(typeof renderSheet(matrix)).toBe('string');
  const role = Object.keys(matrix.roles)[seed % Math.max(1, Object.keys(matrix.roles).length)];
  if (role) expect(typeof renderRoleCard(matrix, role)).toBe('string');
  const paths = allPaths(matrix, 50);
  for (const { outcome } of paths.slice(0, 3)) planIncident(matrix, outcome, { start: START, now: NOW });
  for (const severity of matrix.severities.slice(0, 2)) {
    const client = Object.keys(matrix.clients ?? {})[0];
    planIncident(matrix, severity.id, { start: START, now: NOW, ...(client ? { client } : {}) });
  }
  walk(matrix, { [matrix.triage?.start ?? 'x']: 'unsure' });
  // A day of hourly starts around the fixed start, every severity: simulate and its three renderings.
  const instants = Array.from({ length: 24 }, (_, i) => new Date(START.getTime() + (i - 12) * 3_600_000));
  const simulated = simulate(matrix, { outcomes: matrix.severities.map((severity) => ({ severity, owner: severity.owner })), instants });
  if (simulated.ok) {
    const result = { version: 1 as const, matrix: { name: matrix.name, timezone: matrix.timezone }, timezone: matrix.timezone, decided_by: 'severity' as const, answers: {}, contract: {}, sweep: { from: simulated.instants[0]!.at, to: simulated.instants[23]!.at, every: '1h' }, instants: simulated.instants };
    expect(typeof formatSimulationCard(result, plain)).toBe('string');
    expect(typeof formatSimulationMarkdown(result)).toBe('string');
    expect(formatCoverageSvg(result)).toMatch(/^<svg /);
  }
  diffMatrices(original, matrix);
}

const seededRandom = (seed: number) => {
  let state = seed >>> 0 || 1;
  return (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return n <= 0 ? 0 : state % n;
  };
};

describe('fuzzing', () => {
  it(`text mutations never throw and stay located (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.nat(NAMES.length - 1), fc.array(fc.nat(TEXT_MUTATIONS.length - 1), { minLength: 1, maxLength: 4 }), fc.nat(), (which, steps, seed) => {
        const rnd = seededRandom(seed);
        let lines = SOURCES[which]!.split('\n');
        for (const step of steps) lines = TEXT_MUTATIONS[step]!(lines, rnd);
        exercise(lines.join('\n'), ORIGINALS[which]!, seed);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it(`structure mutations never throw and stay located (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.nat(NAMES.length - 1), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.nat(VALUES.length - 1)), { minLength: 1, maxLength: 3 }), fc.nat(), (which, steps, seed) => {
        const data = parse(SOURCES[which]!) as Record<string, unknown>;
        for (const [pick, action, value] of steps) mutate(data, pick, action, VALUES[value]);
        exercise(stringify(data), ORIGINALS[which]!, seed);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

/** Picks the pick-th node of the document (depth first) and deletes, replaces, renames or duplicates it. */
function mutate(root: Record<string, unknown>, pick: number, action: number, value: unknown) {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (slots.push({ parent: node, key: i }), visit(child)));
    else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) slots.push({ parent: node as Record<string, unknown>, key: k }), visit(child);
  };
  visit(root);
  const slot = slots[pick % slots.length];
  if (!slot) return;
  const { parent, key } = slot;
  if (Array.isArray(parent)) {
    const i = key as number;
    if (action === 0) parent.splice(i, 1);
    else if (action === 1) parent[i] = structuredClone(value);
    else parent.splice(i, 0, structuredClone(parent[i]));
    return;
  }
  const k = key as string;
  if (action === 0) delete parent[k];
  else if (action === 1) parent[k] = structuredClone(value);
  else if (action === 2) {
    parent[`${k}x`] = parent[k];
    delete parent[k];
  } else parent[k] = structuredClone(parent[k]);
}
