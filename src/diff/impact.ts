/**
 * Triage impact: every answer combination that leads to an outcome in either tree, and
 * where it leads in the other one.
 *
 * Both trees are walked together. At each step the question one of them asks is answered
 * every way either tree allows, and both trees advance. A combination counts only when
 * every answer in it was taken by a tree that asked the question, so an answer only one
 * tree has shows up exactly where that tree asks it. Each combination is reached once;
 * the walk is depth-first with an explicit stack, linear in the size of the joint tree.
 *
 * Where the trees take different answers when the responder is not sure (the `unsure` mark
 * moved, appeared or went), `QUESTION=unsure` is walked as one more answer, the way
 * `escalate triage --answer QUESTION=unsure` takes it.
 */
import { UNSURE } from '../triage/engine.js';
import { severityDirection, type Sides } from './compare.js';
import type { AnswerStep, OutcomeField, PathImpact, PathOutcome, TriageImpact } from './types.js';
import { TreeWalker, type Answers, type Position, type Undo } from './walker.js';

export interface ImpactOptions {
  /** How many affected combinations to list; the rest are counted in `omitted`. */
  limit?: number;
  /** How many combinations to compare at most, for trees with very many paths. */
  budget?: number;
}

export const DEFAULT_IMPACT_LIMIT = 100;
export const DEFAULT_IMPACT_BUDGET = 200_000;

interface Frame {
  question: string;
  values: string[];
  index: number;
  undo?: { old: Undo; new: Undo };
}

export function triageImpact(sides: Sides, options: ImpactOptions = {}): TriageImpact {
  const limit = options.limit ?? DEFAULT_IMPACT_LIMIT;
  const budget = options.budget ?? DEFAULT_IMPACT_BUDGET;
  const result: TriageImpact = { checked: 0, affected: 0, lowered: 0, paths: [], omitted: 0, truncated: false };
  if (!sides.old.triage && !sides.new.triage) return result;

  const before = new TreeWalker(sides.old);
  const after = new TreeWalker(sides.new);
  const given = new Map<string, string>();
  const uses = new Map<string, number>();
  const steps: AnswerStep[] = [];
  let untaken = 0; // answers given that no tree has taken yet
  const answers: Answers = {
    get: (question) => given.get(question),
    used: (question, delta) => {
      const count = (uses.get(question) ?? 0) + delta;
      uses.set(question, count);
      if (delta === 1 && count === 1) untaken--;
      if (delta === -1 && count === 0) untaken++;
    },
  };

  const branch = (): Frame | undefined => {
    const asking = [before.position, after.position].find((p): p is Extract<Position, { kind: 'ask' }> => p.kind === 'ask');
    if (!asking) return undefined;
    const question = asking.question;
    const values = [...new Set([...before.answersOf(question), ...after.answersOf(question)])];
    // "Not sure" is its own path where the two trees take different answers for it; where
    // they take the same one, that answer's path already tells where it ends.
    if (before.has(question) && after.has(question) && before.unsureOf(question) !== after.unsureOf(question) && !values.includes(UNSURE)) values.push(UNSURE);
    return { question, values, index: 0 };
  };
  const leaf = () => {
    if (untaken > 0) return;
    result.checked++;
    const impact = judge(sides, before.position, after.position);
    if (!impact) return;
    result.affected++;
    if (impact.direction === 'looser') result.lowered++;
    if (result.paths.length < limit) result.paths.push({ ...impact, answers: steps.map((s) => ({ ...s })) });
  };

  const stack: Frame[] = [];
  const first = branch();
  if (first) stack.push(first);
  else leaf();
  let explored = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.undo) {
      after.rewind(frame.undo.new, answers);
      before.rewind(frame.undo.old, answers);
      given.delete(frame.question);
      steps.pop();
      untaken--;
      frame.undo = undefined;
    }
    if (frame.index >= frame.values.length) {
      stack.pop();
      continue;
    }
    if (result.checked >= budget || ++explored > budget * 4) {
      result.truncated = true;
      break;
    }
    const value = frame.values[frame.index++]!;
    given.set(frame.question, value);
    steps.push({ question: frame.question, answer: value });
    untaken++;
    frame.undo = { old: before.advance(answers), new: after.advance(answers) };
    const next = branch();
    if (next) stack.push(next);
    else leaf();
  }
  result.omitted = result.affected - result.paths.length;
  return result;
}

function judge(sides: Sides, before: Position, after: Position): Omit<PathImpact, 'answers'> | undefined {
  const a = before.kind === 'outcome' ? before.outcome : undefined;
  const b = after.kind === 'outcome' ? after.outcome : undefined;
  if (!a && !b) return undefined;
  if (!a) return { status: 'added', new: b!, fields: [], direction: 'neutral' };
  if (!b) return { status: 'removed', old: a, fields: [], direction: 'neutral' };
  const fields = changedFields(a, b);
  if (fields.length === 0) return undefined;
  return { status: 'changed', old: a, new: b, fields, direction: severityDirection(sides, a.severity, b.severity) };
}

function changedFields(a: PathOutcome, b: PathOutcome): OutcomeField[] {
  const fields: OutcomeField[] = [];
  if (a.severity !== b.severity) fields.push('severity');
  if (a.owner !== b.owner) fields.push('owner');
  if (a.route !== b.route || a.routeTo !== b.routeTo) fields.push('route');
  if ((a.inform ?? []).join(',') !== (b.inform ?? []).join(',')) fields.push('inform');
  return fields;
}

/** `security=no, scope=many`: how reports write an answer combination. */
export const answerText = (answers: readonly AnswerStep[]) => answers.map((s) => `${s.question}=${s.answer}`).join(', ');
