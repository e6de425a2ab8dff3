/**
 * The soundness rules are linear in the size of the matrix: ten times the tree costs ten
 * times the work, also when nearly every question is a finding (a loop through all of
 * them, and as many questions nobody reaches). Work is counted, not timed (questions and
 * edges visited, answers compared, steps to find a finding's line), so the test holds on
 * any machine under any load; `npm run bench` times the same growth on the built CLI.
 */
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/matrix/load.js';
import { TextPositions } from '../../src/matrix/positions.js';
import { MATRIX_RULES } from '../../src/lint/registry.js';
import type { Rule, RuleContext } from '../../src/lint/rule.js';
import { treeDuplicateAnswer } from '../../src/lint/rules/tree-duplicate-answer.js';
import { buildTreeIndex, type TreeIndex } from '../../src/lint/tree-index.js';
import { countWork, type WorkKind } from '../../src/work.js';

const HEAD = `version: 1
name: Scale
owner: r0
reviewed: 2026-10-01
review_every: 90d
timezone: Europe/Berlin
roles:
  r0: { title: Lead, contact: "pager:r0" }
  r1: { title: On-call, contact: "pager:r1" }
  r2: { title: Desk, contact: "#desk" }
severities:
  - { id: sev1, name: Critical, definition: Down., examples: [Down], owner: r0, targets: { acknowledge: 15m, update_every: 30m, resolution: 4h }, escalation: [{ after: 0m, notify: [r0, r1] }] }
  - { id: sev2, name: Major, definition: Blocked., examples: [Blocked], owner: r1, targets: { acknowledge: 30m, update_every: 1h, resolution: 1d }, escalation: [{ after: 0m, notify: [r1] }] }
  - { id: sev3, name: Minor, definition: Bothered., examples: [Bothered], owner: r2, targets: { acknowledge: 4h, resolution: 5d } }
triage:
  start: q0
  questions:
`;

/** A binary tree of questions whose leaves are outcomes: sound, every question reached. */
function sound(n: number): string {
  const lines = [HEAD];
  const answer = (label: string, child: number, leaf: number) =>
    child < n ? `        - { label: "${label}", next: q${child} }` : `        - { label: "${label}", outcome: { severity: sev${(leaf % 3) + 1} } }`;
  for (let q = 0; q < n; q++) lines.push(`    q${q}:\n      ask: Question ${q}?\n      answers:\n${answer('Yes', 2 * q + 1, q)}\n${answer('No', 2 * q + 2, q + 1)}\n`);
  return lines.join('');
}

/** Half the questions form one loop with no way out; the other half nobody reaches. */
function broken(n: number): string {
  const lines = [HEAD];
  const half = n / 2;
  for (let q = 0; q < half; q++) lines.push(`    q${q}:\n      ask: Loop ${q}?\n      answers:\n        - { label: "Yes", next: q${(q + 1) % half} }\n        - { label: "yes", next: q${(q + 1) % half} }\n`);
  for (let q = half; q < n; q++) lines.push(`    q${q}:\n      ask: Orphan ${q}?\n      answers:\n        - { label: "Yes", outcome: { severity: sev1 } }\n        - { label: "No", outcome: { severity: sev2 } }\n        - { label: "Maybe", unsure: true, outcome: { severity: sev3 } }\n`);
  return lines.join('');
}

/** One question with `n` answers, every second one repeating the label before it. */
function wide(n: number): string {
  const lines = [HEAD, '    q0:\n      ask: Which?\n      answers:\n'];
  for (let a = 0; a < n; a++) lines.push(`        - { label: "Choice ${a >> 1}${a % 2 ? ' ' : ''}", outcome: { severity: sev${(a % 3) + 1} } }\n`);
  return lines.join('');
}

/** Runs the rules over the matrix with every unit of work counted. */
function countRules(text: string, rules: readonly Rule[] = MATRIX_RULES): { work: Record<WorkKind, number>; findings: number } {
  const counter = countWork();
  // The loader's own locator, over positions that count their steps.
  const load = loadMatrix(text, { work: counter });
  expect(load.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const matrix = load.matrix!;
  const locator = load.locator;
  let tree: TreeIndex | undefined;
  const ctx: RuleContext = { matrix, locator, source: text, today: '2026-11-24', tree: () => (tree ??= buildTreeIndex(matrix, counter)), work: counter };
  const findings = rules.reduce((sum, rule) => sum + rule.check(ctx).length, 0);
  return { work: counter.totals, findings };
}

const total = (work: Record<WorkKind, number>) => work.visit + work.comparison + work['line-step'];

describe('rules at scale', () => {
  it.each([
    ['a sound tree', sound],
    ['a tree where nearly every question is a finding', broken],
  ])('%s: 20,000 questions cost at most 10.5× the work of 2,000', (_name, make) => {
    const small = countRules(make(2_000));
    const large = countRules(make(20_000));
    expect(small.work.visit).toBeGreaterThan(2_000);
    expect(large.findings).toBeLessThanOrEqual(small.findings * 10 + 10);
    for (const kind of ['visit', 'comparison', 'line-step'] as const) {
      expect(large.work[kind], kind).toBeLessThanOrEqual(small.work[kind] * 10.5);
    }
    expect(total(large.work)).toBeLessThanOrEqual(total(small.work) * 10.5);
    if (make === broken) expect(large.findings).toBeGreaterThan(20_000);
  });

  it('finding the line of a finding takes a bounded number of steps, however long the file', () => {
    const text = broken(20_000);
    const counter = countWork();
    const positions = new TextPositions(text, counter);
    const offsets = Array.from({ length: 1_000 }, (_, i) => Math.floor((i * text.length) / 1_000));
    let line = 1;
    let lineStart = 0;
    let scanned = 0;
    for (const offset of offsets) {
      for (; scanned < offset; scanned++) if (text[scanned] === '\n') [line, lineStart] = [line + 1, scanned + 1];
      expect(positions.linePos(offset)).toEqual({ line, col: offset - lineStart + 1 });
    }
    // Blocks of 64 characters hold at most 64 line starts: a binary search of ≤ 6 steps.
    expect(counter.totals['line-step']).toBeLessThanOrEqual(offsets.length * 6);
  });

  it('tree-duplicate-answer compares each answer a fixed number of times, however many a question has', () => {
    const small = countRules(wide(1_000), [treeDuplicateAnswer]);
    const large = countRules(wide(10_000), [treeDuplicateAnswer]);
    expect(small.findings).toBe(500);
    expect(large.findings).toBe(5_000);
    expect(small.work.comparison).toBe(2 * 1_000);
    expect(large.work.comparison).toBe(2 * 10_000);
    expect(total(large.work)).toBeLessThanOrEqual(total(small.work) * 10.5);
  });
});
