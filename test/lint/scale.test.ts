/**
 * The soundness rules are linear in the size of the matrix: a 2,000-question tree is
 * analysed in a few milliseconds, and ten times the tree takes no more than about ten times
 * as long, also when nearly every question is a finding (a loop through all of them, and
 * as many questions nobody reaches). Timings are the best of seven runs (other work on the
 * machine, such as parallel test files, only ever adds time, and a median of seven still
 * caught it), measured on the rules alone: loading the YAML is the loader's budget, not
 * the rules' (bench/run.mjs times whole runs of the CLI).
 */
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/matrix/load.js';
import { MATRIX_RULES } from '../../src/lint/registry.js';
import type { RuleContext } from '../../src/lint/rule.js';
import { buildTreeIndex, type TreeIndex } from '../../src/lint/tree-index.js';

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

function timeRules(text: string): { ms: number; findings: number } {
  const load = loadMatrix(text);
  expect(load.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  const matrix = load.matrix!;
  const runs: number[] = [];
  let findings = 0;
  for (let i = 0; i < 7; i++) {
    let tree: TreeIndex | undefined;
    const ctx: RuleContext = { matrix, locator: load.locator, source: text, today: '2026-11-24', tree: () => (tree ??= buildTreeIndex(matrix)) };
    const start = performance.now();
    findings = MATRIX_RULES.reduce((sum, rule) => sum + rule.check(ctx).length, 0);
    runs.push(performance.now() - start);
  }
  return { ms: Math.min(...runs), findings };
}

describe('rules at scale', () => {
  it.each([
    ['a sound tree', sound],
    ['a tree where nearly every question is a finding', broken],
  ])('%s: 2,000 questions well under a second; 20,000 no more than 12× that', (_name, make) => {
    const small = timeRules(make(2_000));
    const large = timeRules(make(20_000));
    expect(small.ms).toBeLessThan(250);
    // Below 10 ms a run measures the JIT and the timer more than the rules: that is the floor.
    expect(large.ms / Math.max(small.ms, 10)).toBeLessThanOrEqual(12);
    if (make === broken) expect(large.findings).toBeGreaterThan(20_000);
  }, 120_000);
});
