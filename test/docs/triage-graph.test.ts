import { describe, expect, test } from 'vitest';
import { triageGraph } from '../../src/docs/triage-graph.js';
import { MAX_LIST_DEPTH, MERMAID_MAX_EDGES, mermaid, triageSection } from '../../src/docs/sections/triage.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { loadExample, loadFixture } from './helpers/load.js';
import { parseMermaid } from './helpers/parse-markdown.js';

test('questions are numbered in reading order from the start, unreachable ones last', () => {
  const graph = triageGraph(loadFixture('tree-oddities'))!;
  expect(graph.questions.map((q) => [q.node, q.id, q.reachable])).toEqual([
    ['q1', 'first', true],
    ['q2', 'shared', true],
    ['q3', 'other', true],
    ['q4', 'orphan', false],
  ]);
});

test('answers that end the same way share one outcome node', () => {
  const graph = triageGraph(loadFixture('tree-oddities'))!;
  expect(graph.outcomes.map((o) => [o.severity, o.owner, o.route])).toEqual([
    ['high', 'eng', 'eng'],
    ['low', 'desk', undefined],
    ['low', 'eng', undefined],
  ]);
  const shared = graph.edges.filter((e) => e.from.id === 'shared').map((e) => e.to.node);
  expect(shared).toEqual(['r1', 'r1', 'r2']);
});

test('a loop is drawn as an edge back, not followed', () => {
  const graph = triageGraph(loadFixture('tree-oddities'))!;
  const loop = graph.edges.find((e) => e.answerId === 'loop')!;
  expect([loop.from.id, loop.to.node]).toEqual(['other', 'q1']);
});

test('the outcome owner defaults to the severity owner', () => {
  const matrix = loadExample('saas-support');
  const graph = triageGraph(matrix)!;
  const sev4 = graph.outcomes.filter((o) => o.severity === 'sev4');
  expect(sev4.every((o) => o.owner === 'frontline')).toBe(true);
});

test('an answer leading nowhere still gets its edge, to a dead-end node', () => {
  // The loader refuses such a tree; the renderer must not drop the answer if it ever sees one.
  const matrix = structuredClone(loadFixture('tree-oddities')) as Matrix;
  matrix.triage!.questions['other']!.answers.push({ label: 'Nowhere' });
  const graph = triageGraph(matrix)!;
  expect(graph.deadEnd?.node).toBe('dead1');
  const chart = parseMermaid(mermaid(matrix, graph));
  expect(chart.unknown).toEqual([]);
  expect(chart.edges.filter((e) => e.to === 'dead1').map((e) => e.label)).toEqual(['Nowhere']);
  expect(chart.edges).toHaveLength(9);
});

test('unreachable questions are marked with a dashed style', () => {
  const matrix = loadFixture('tree-oddities');
  const text = mermaid(matrix, triageGraph(matrix)!);
  expect(text).toMatch(/^ {2}class q4 unreachable$/m);
});

test('no tree, no graph', () => {
  expect(triageGraph(loadFixture('minimal'))).toBeUndefined();
});

describe('the triage section', () => {
  /** A chain of questions, each with a "deeper" and a "stop" answer. */
  function chain(length: number): Matrix {
    const matrix = structuredClone(loadFixture('minimal')) as Matrix;
    const questions: NonNullable<Matrix['triage']>['questions'] = {};
    for (let i = 0; i < length; i++) {
      questions[`q${i}`] = {
        ask: `Question ${i}?`,
        answers: [
          i < length - 1 ? { label: 'Deeper', next: `q${i + 1}` } : { label: 'Deeper', outcome: { severity: 'high' } },
          { label: 'Stop', outcome: { severity: 'low' } },
        ],
      };
    }
    matrix.triage = { start: 'q0', questions };
    return matrix;
  }

  test('a small tree has no size warning', () => {
    expect(triageSection(chain(5))).not.toContain("past Mermaid's default limits");
  });

  test(`past ${MERMAID_MAX_EDGES} answers the chart says code hosts will not draw it`, () => {
    const section = triageSection(chain(300))!;
    expect(section).toContain("*This chart has 600 answers and ");
    expect(section).toContain("past Mermaid's default limits");
  });

  test(`a deep tree nests at most ${MAX_LIST_DEPTH} levels and continues below, with every answer once`, () => {
    const section = triageSection(chain(5000))!;
    const list = section.split('```').at(-1)!;
    const depths = list.split('\n').filter((l) => l.trim().startsWith('- ')).map((l) => (l.length - l.trimStart().length) / 2);
    expect(Math.max(...depths)).toBe(MAX_LIST_DEPTH + 1);
    const answers = list.split('\n').filter((l) => /^\s*- \*\*(Deeper|Stop)\*\*/.test(l));
    const continued = answers.filter((l) => l.includes('→ continue at'));
    // 5,000 questions × 2 answers: each answer is listed once; a continuation stands in for none.
    expect(answers).toHaveLength(10_000);
    expect(continued.length).toBeGreaterThan(0);
    for (const line of continued) expect(line).toMatch(/continue at \*\*Question \d+\?\*\* \(`q\d+`\) \(below\)$/);
    const expanded = list.split('\n').flatMap((l) => /(?:^\s*- |→ )\*\*Question (\d+)\?\*\* \(`q\d+`\)$/.exec(l)?.[1] ?? []);
    expect(new Set(expanded).size).toBe(5000);
    expect(expanded).toHaveLength(5000);
  });
});
