/**
 * In-process timings of the pure core, for `npm run bench` (bench/run.mjs bundles this file
 * with esbuild and runs it in a child process). The workloads are the ones the test suite
 * checks for correctness and counted work; here they are timed. Each is run `RUNS` times
 * after one warm-up and reported as its fastest run in milliseconds, one JSON object on stdout.
 */
import { parseDocument } from 'yaml';
import { loadMatrix } from '../src/matrix/load.js';
import { MATRIX_RULES } from '../src/lint/registry.js';
import type { Rule, RuleContext } from '../src/lint/rule.js';
import { treeDuplicateAnswer } from '../src/lint/rules/tree-duplicate-answer.js';
import { buildTreeIndex, type TreeIndex } from '../src/lint/tree-index.js';
import { workingCalendar, workingMinutesBetween } from '../src/time/working-time.js';
import { unifiedDiff } from '../src/docs/line-diff.js';
import { triageImpact } from '../src/diff/impact.js';
import { chain, ladder, matrixWith } from '../test/diff/trees.js';
import { generateMatrix } from './generate-matrix.mjs';

const RUNS = Number(process.env.BENCH_CORE_RUNS ?? 5);

function best(work: () => unknown): number {
  work();
  let fastest = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** Half the questions form one loop of twice-given answers; the other half nobody reaches. */
function findings(n: number): string {
  const head = generateMatrix({ questions: 1, severities: 3, roles: 3 });
  const lines = [head.slice(0, head.indexOf('triage:')), 'triage:\n  start: q0\n  questions:\n'];
  const half = n / 2;
  for (let q = 0; q < half; q++) lines.push(`    q${q}:\n      ask: Loop ${q}?\n      answers:\n        - { label: "Yes", next: q${(q + 1) % half} }\n        - { label: "yes", next: q${(q + 1) % half} }\n`);
  for (let q = half; q < n; q++) lines.push(`    q${q}:\n      ask: Orphan ${q}?\n      answers:\n        - { label: "Yes", outcome: { severity: sev1 } }\n        - { label: "No", outcome: { severity: sev2 } }\n`);
  return lines.join('');
}

/** The rules alone over a loaded matrix: loading is the loader's cost, timed by the CLI runs. */
function rules(text: string, only: readonly Rule[] = MATRIX_RULES): () => number {
  const load = loadMatrix(text);
  if (!load.matrix) throw new Error(`bench matrix does not load: ${load.diagnostics[0]?.message}`);
  const matrix = load.matrix;
  parseDocument('');
  return () => {
    let tree: TreeIndex | undefined;
    const ctx: RuleContext = { matrix, locator: load.locator, source: text, today: '2026-11-24', tree: () => (tree ??= buildTreeIndex(matrix)) };
    return only.reduce((sum, rule) => sum + rule.check(ctx).length, 0);
  };
}

const berlin = workingCalendar(
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-18:00', holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'] },
  'Europe/Berlin',
);
const diffA = Array.from({ length: 60_000 }, (_, i) => `a ${i}`).join('\n');
const diffB = Array.from({ length: 60_000 }, (_, i) => `b ${i}`).join('\n');

const sound2k = generateMatrix({ questions: 2000, severities: 10, roles: 200 });
const sound20k = generateMatrix({ questions: 20000, severities: 10, roles: 200 });
const broken2k = findings(2000);
const broken20k = findings(20000);

const result: Record<string, number> = {
  'working time, a century': best(() => workingMinutesBetween(new Date('1926-03-27T19:00:00+01:00'), new Date('2026-03-27T19:00:00+01:00'), berlin)),
  'line diff, 60,000 unrelated lines': best(() => unifiedDiff(diffA, diffB, { from: 'a.md', to: 'b.md', maxLines: 20 })),
  'triage impact, 5,000-question chain': best(() => triageImpact({ old: matrixWith(chain(5000)), new: matrixWith(chain(5000, 2500)) })),
  'triage impact, 65,536 combinations': best(() => triageImpact({ old: matrixWith(ladder(16)), new: matrixWith(ladder(16, 's3')) })),
  'rules, sound tree 2k': best(rules(sound2k)),
  'rules, sound tree 20k': best(rules(sound20k)),
  'rules, findings tree 2k': best(rules(broken2k)),
  'rules, findings tree 20k': best(rules(broken20k)),
  'tree-duplicate-answer, 2k': best(rules(broken2k, [treeDuplicateAnswer])),
  'tree-duplicate-answer, 20k': best(rules(broken20k, [treeDuplicateAnswer])),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
