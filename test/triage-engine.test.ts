import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../src/matrix/load.js';
import type { Matrix } from '../src/matrix/schema.js';
import { allPaths, walk } from '../src/triage/engine.js';
import { example } from './helpers/cli.js';

const matrix = (name: string): Matrix => loadMatrix(readFileSync(example(name), 'utf8')).matrix!;

describe('allPaths', () => {
  it('lists every answer path of the saas example with its outcome', () => {
    const paths = allPaths(matrix('saas-support.yaml'));
    const keys = paths.map(({ path, outcome }) => `${path.map((p) => `${p.question}=${p.answer}`).join(',')}:${outcome.severity.id}/${outcome.owner}`);
    expect(keys).toContain('security=yes:sev1/security');
    expect(keys).toContain('security=no,confirmed=yes,scope=many,core=yes:sev1/support-lead');
    expect(keys).toContain('security=no,confirmed=yes,scope=one,blocked=no,minor=yes:sev4/frontline');
    expect(paths).toHaveLength(9); // security 1 + confirmed 1 + core 2 + domain 3 + minor 2
    // every path, replayed through walk(), reaches the same outcome
    for (const { path, outcome } of paths) {
      const result = walk(matrix('saas-support.yaml'), Object.fromEntries(path.map((p) => [p.question, p.answer])));
      expect(result.kind).toBe('outcome');
      if (result.kind === 'outcome') expect(result.outcome.severity.id).toBe(outcome.severity.id);
    }
  });

  it('handles a chain 5,000 questions deep without recursion', () => {
    const base = matrix('saas-support.yaml');
    const questions: NonNullable<Matrix['triage']>['questions'] = {};
    for (let i = 0; i < 5000; i++) {
      questions[`q${i}`] = {
        ask: `Question ${i}?`,
        answers: [
          { label: 'Stop', outcome: { severity: 'sev4' } },
          i < 4999 ? { label: 'Go on', next: `q${i + 1}` } : { label: 'Last', outcome: { severity: 'sev1' } },
        ],
      };
    }
    const deep: Matrix = { ...base, triage: { start: 'q0', questions } };
    const paths = allPaths(deep);
    expect(paths).toHaveLength(5001);
    expect(paths.at(-1)!.path).toHaveLength(5000);
  });

  it('cuts cycles instead of looping', () => {
    const base = matrix('saas-support.yaml');
    const looped: Matrix = {
      ...base,
      triage: {
        start: 'a',
        questions: {
          a: { ask: 'A?', answers: [{ label: 'to b', next: 'b' }, { label: 'done', outcome: { severity: 'sev1' } }] },
          b: { ask: 'B?', answers: [{ label: 'back to a', next: 'a' }, { label: 'done', outcome: { severity: 'sev2' } }] },
        },
      },
    };
    expect(allPaths(looped).map((p) => p.outcome.severity.id)).toEqual(['sev2', 'sev1']);
    expect(walk(looped, { a: 'to-b', b: 'back-to-a' })).toMatchObject({ kind: 'broken' });
  });
});
