/**
 * Triage impact: for every answer combination that leads to an outcome in either tree,
 * where it leads in the other one.
 *
 * Each path of one tree is walked through the other tree; where the other tree asks a
 * question the path does not answer, every answer to it is tried, so a question added to
 * or removed from the middle of the tree still yields concrete combinations. Combinations
 * are deduplicated by their set of answers.
 */
import type { Matrix } from '../matrix/schema.js';
import { allPaths, walk, type ResolvedOutcome } from '../triage/engine.js';
import { severityDirection, type Sides } from './compare.js';
import type { AnswerStep, OutcomeField, PathImpact, PathOutcome, TriageImpact } from './types.js';

export interface ImpactOptions {
  /** How many affected combinations to list; the rest are counted in `omitted`. */
  limit?: number;
  /** How many combinations to compare at most, for trees with very many paths. */
  budget?: number;
}

export const DEFAULT_IMPACT_LIMIT = 100;
export const DEFAULT_IMPACT_BUDGET = 100_000;

type End = { kind: 'outcome'; outcome: PathOutcome } | { kind: 'none' };

export function triageImpact(sides: Sides, options: ImpactOptions = {}): TriageImpact {
  const limit = options.limit ?? DEFAULT_IMPACT_LIMIT;
  const budget = options.budget ?? DEFAULT_IMPACT_BUDGET;
  const seen = new Set<string>();
  const paths: PathImpact[] = [];
  let affected = 0;
  let lowered = 0;
  let truncated = false;

  const compare = (answers: AnswerStep[]) => {
    const key = answers.map((s) => `${s.question}=${s.answer}`).sort().join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    const impact = judge(sides, answers, end(sides.old, answers), end(sides.new, answers));
    if (!impact) return;
    affected++;
    if (impact.direction === 'looser') lowered++;
    if (paths.length < limit) paths.push(impact);
  };

  for (const [from, other] of [
    [sides.old, sides.new],
    [sides.new, sides.old],
  ] as const) {
    const own = allPaths(from, budget);
    if (own.length >= budget) truncated = true;
    for (const { path } of own) {
      if (seen.size >= budget) {
        truncated = true;
        break;
      }
      const steps = path.map((p) => ({ question: p.question, answer: p.answer }));
      complete(other, steps, compare, () => seen.size >= budget);
    }
  }
  if (seen.size >= budget) truncated = true;
  return { checked: seen.size, affected, lowered, paths, omitted: affected - paths.length, truncated };
}

/** Extends the answers with every answer to each question `matrix` still asks, then hands each full combination on. */
function complete(matrix: Matrix, steps: AnswerStep[], visit: (steps: AnswerStep[]) => void, full: () => boolean): void {
  if (full()) return;
  const result = walk(matrix, record(steps));
  if (result.kind !== 'question') {
    visit(steps);
    return;
  }
  for (const choice of result.question.choices) {
    complete(matrix, [...steps, { question: result.question.id, answer: choice.id }], visit, full);
  }
}

function end(matrix: Matrix, steps: AnswerStep[]): End {
  const result = walk(matrix, record(steps));
  return result.kind === 'outcome' ? { kind: 'outcome', outcome: pathOutcome(matrix, result.outcome) } : { kind: 'none' };
}

function pathOutcome(matrix: Matrix, outcome: ResolvedOutcome): PathOutcome {
  const to = outcome.route && matrix.routes && Object.hasOwn(matrix.routes, outcome.route) ? matrix.routes[outcome.route]!.to : undefined;
  return {
    severity: outcome.severity.id,
    owner: outcome.owner,
    ...(outcome.route ? { route: outcome.route } : {}),
    ...(to ? { routeTo: to } : {}),
  };
}

function judge(sides: Sides, answers: AnswerStep[], before: End, after: End): PathImpact | undefined {
  if (before.kind === 'none' && after.kind === 'none') return undefined;
  if (before.kind === 'none' && after.kind === 'outcome') return { answers, status: 'added', new: after.outcome, fields: [], direction: 'neutral' };
  if (before.kind === 'outcome' && after.kind === 'none') return { answers, status: 'removed', old: before.outcome, fields: [], direction: 'neutral' };
  if (before.kind !== 'outcome' || after.kind !== 'outcome') return undefined;
  const a = before.outcome;
  const b = after.outcome;
  const fields: OutcomeField[] = [];
  if (a.severity !== b.severity) fields.push('severity');
  if (a.owner !== b.owner) fields.push('owner');
  if (a.route !== b.route || a.routeTo !== b.routeTo) fields.push('route');
  if (fields.length === 0) return undefined;
  return { answers, status: 'changed', old: a, new: b, fields, direction: severityDirection(sides, a.severity, b.severity) };
}

const record = (steps: readonly AnswerStep[]): Record<string, string> => {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const step of steps) out[step.question] = step.answer;
  return out;
};

/** `security=no, scope=many`: how reports write an answer combination. */
export const answerText = (answers: readonly AnswerStep[]) => answers.map((s) => `${s.question}=${s.answer}`).join(', ');
