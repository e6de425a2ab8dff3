/** Small matrices built in code, for decision-tree cases a fixture file would hide. */
import { matrixSchema, type Matrix, type Question } from '../../src/matrix/schema.js';

type Tree = { start: string; questions: Record<string, Question> };

export function matrixWith(triage: Tree | undefined, extra: Record<string, unknown> = {}): Matrix {
  return matrixSchema.parse({
    version: 1,
    name: 'Tree test',
    owner: 'lead',
    reviewed: '2026-01-01',
    review_every: '90d',
    timezone: 'UTC',
    roles: { lead: { title: 'Lead', contact: 'pager:lead' }, eng: { title: 'Eng', contact: 'pager:eng' }, finance: { title: 'Finance', contact: 'billing@x' } },
    severities: ['s1', 's2', 's3'].map((id) => ({ id, name: id.toUpperCase(), definition: `Level ${id}`, owner: 'lead' })),
    ...(triage ? { triage } : {}),
    ...extra,
  });
}

/** `{ x: 's1', y: 'q:b' }`: answers by id; `q:ID` leads to another question, anything else is a severity. */
export function q(answers: Record<string, string>): Question {
  return {
    ask: 'Question?',
    answers: Object.entries(answers).map(([id, to]) =>
      to.startsWith('q:') ? { id, label: id, next: to.slice(2) } : { id, label: id, outcome: { severity: to } },
    ),
  };
}

/** A chain of `n` questions: each "yes" ends at s1 (s2 at `flip`), each "no" asks the next one. */
export function chain(n: number, flip = -1): Tree {
  const questions: Record<string, Question> = {};
  for (let i = 0; i < n; i++) {
    questions[`q${i}`] = q({ yes: i === flip ? 's2' : 's1', no: i + 1 < n ? `q:q${i + 1}` : 's3' });
  }
  return { start: 'q0', questions };
}

/** `levels` shared questions with two answers each: 2^levels answer paths. The last "b" ends at `last`. */
export function ladder(levels: number, last = 's1'): Tree {
  const questions: Record<string, Question> = {};
  for (let i = 0; i < levels; i++) {
    questions[`l${i}`] = i + 1 < levels ? q({ a: `q:l${i + 1}`, b: `q:l${i + 1}` }) : q({ a: 's1', b: last });
  }
  return { start: 'l0', questions };
}
