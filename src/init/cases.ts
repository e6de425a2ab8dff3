/**
 * The matrix tests `escalate init` writes beside a new matrix: one case per triage outcome,
 * reached by the first answer path that leads to it, expecting the severity, owner and
 * route the matrix gives today. `lint --coverage` then starts at 100%, and a later change
 * to the tree that moves an outcome fails a case instead of passing silently. Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import { allPaths } from '../triage/engine.js';
import { scalar } from './render.js';
import { CONTROL_CHARACTERS, escapeCode } from '../matrix/controls.js';

export interface StarterCases {
  text: string;
  count: number;
}

export function starterCases(matrix: Matrix, matrixFile: string): StarterCases {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { path, outcome } of allPaths(matrix)) {
    const last = path[path.length - 1]!;
    const key = `${last.question}\u0000${last.answer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const via = path.map((p) => `${p.question}=${p.answer}`).join(', ');
    const name = `${via} → ${outcome.severity.id}, ${outcome.owner}`;
    const answers = path.map((p) => `${p.question}: ${JSON.stringify(p.answer)}`).join(', ');
    const route = outcome.route === undefined ? 'null' : scalar(outcome.route);
    lines.push(
      `  - name: ${JSON.stringify(name)}`,
      `    answers: { ${answers} }`,
      `    expect: { severity: ${scalar(outcome.severity.id)}, owner: ${scalar(outcome.owner)}, route: ${route} }`,
      '',
    );
  }
  const header = [
    `# Matrix tests for ${matrixFile.replace(CONTROL_CHARACTERS, escapeCode)}: each case walks the triage tree with its answers and`,
    '# states the severity, owner and route they must lead to. `escalate lint` runs them;',
    '# `--coverage` names every triage outcome no case reaches. One case per outcome to start;',
    '# when you change the tree, change the cases with it. A case can also pin deadlines:',
    '#   at: 2027-01-04T09:00            (the incident start, in the matrix time zone)',
    '#   expect: { ..., deadlines: { acknowledge: 2027-01-04T09:15 } }',
    lines.length > 0 ? 'cases:' : 'cases: []',
  ];
  return { text: `${[...header, ...lines].join('\n').trimEnd()}\n`, count: seen.size };
}
