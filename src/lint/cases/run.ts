/**
 * Runs matrix tests: each case's answers are walked through the triage engine and the
 * outcome compared with what the case expects. Deadline expectations need the planning
 * code (and its date library), which is imported only when a case asks for a deadline.
 */
import type { Diagnostic, Level } from '../../diagnostics.js';
import type { Locator } from '../../matrix/locate.js';
import type { Matrix } from '../../matrix/schema.js';
import { didYouMean } from '../../matrix/suggest.js';
import { answerId, walk, type PathEntry, type ResolvedOutcome } from '../../triage/engine.js';
import type { MatrixCase } from './schema.js';

export interface CaseRun {
  /** Failures, located in the cases file. */
  diagnostics: Diagnostic[];
  passed: number;
  failed: number;
  /** Outcomes the cases reached, as `question/answer-index` keys. */
  reached: Set<string>;
}

export const outcomeKey = (question: string, answer: number) => `${question}/${answer}`;

type Planner = typeof import('./deadlines.js');

/** `indexes` gives each case's place in the file when some cases were left out as broken. */
export async function runCases(matrix: Matrix, cases: readonly MatrixCase[], locator: Locator, level: Level | 'off', indexes?: readonly number[]): Promise<CaseRun> {
  const needsPlan = cases.some((c) => c.at !== undefined || c.expect.deadlines !== undefined || c.expect.paged !== undefined);
  const planner: Planner | undefined = needsPlan ? await import('./deadlines.js') : undefined;
  const run: CaseRun = { diagnostics: [], passed: 0, failed: 0, reached: new Set() };
  cases.forEach((c, i) => {
    const problems = checkCase(matrix, c, run.reached, planner);
    if (problems.length === 0) {
      run.passed++;
      return;
    }
    run.failed++;
    if (level === 'off') return;
    const at = ['cases', indexes?.[i] ?? i];
    const span = locator.value(at);
    run.diagnostics.push({ code: 'case-failed', level, message: `case "${c.name}": ${problems.join('; ')}`, path: at, line: span.line, column: span.column });
  });
  return run;
}

function checkCase(matrix: Matrix, c: MatrixCase, reached: Set<string>, planner: Planner | undefined): string[] {
  const questions = matrix.triage?.questions ?? {};
  if (!matrix.triage) return ['the matrix has no triage tree to walk'];
  const unknown = Object.keys(c.answers).filter((q) => !Object.hasOwn(questions, q));
  if (unknown.length > 0) {
    return unknown.map((q) => `answers name the unknown question "${q}"${didYouMean(q, Object.keys(questions))}`);
  }
  const result = walk(matrix, c.answers);
  switch (result.kind) {
    case 'question':
      return [`the answers stop at question "${result.question.id}" (${result.question.text}); answer it with one of ${result.question.choices.map((ch) => ch.id).join(', ')}${trail(result.path)}`];
    case 'invalid-answer':
      return [`"${result.given}" is not an answer to question "${result.question.id}"; choices: ${result.question.choices.map((ch) => ch.id).join(', ')}`];
    case 'broken':
    case 'no-tree':
      return [result.kind === 'broken' ? result.reason : 'the matrix has no triage tree to walk'];
    case 'outcome':
      break;
  }
  const last = result.path[result.path.length - 1]!;
  const answerIndex = questions[last.question]!.answers.findIndex((a) => answerId(a) === last.answer);
  if (answerIndex >= 0) reached.add(outcomeKey(last.question, answerIndex));

  const problems: string[] = [];
  let owner = result.outcome.owner;
  if (c.at !== undefined || c.expect.deadlines !== undefined || c.expect.paged !== undefined) {
    const planned = planner!.checkDeadlines(matrix, result.outcome, c);
    if (planned.owner !== undefined) owner = planned.owner;
    problems.push(...planned.problems);
  }
  compare(problems, 'severity', c.expect.severity, result.outcome.severity.id);
  if (c.expect.owner !== undefined) compare(problems, 'owner', c.expect.owner, owner);
  if (c.expect.route !== undefined) compare(problems, 'route', c.expect.route ?? 'none', routeOf(result.outcome) ?? 'none');
  if (c.expect.inform !== undefined) compare(problems, 'inform', roleSet(c.expect.inform), roleSet(result.outcome.inform ?? []));
  if (problems.length > 0) problems[problems.length - 1] += trail(result.path);
  return problems;
}

const routeOf = (outcome: ResolvedOutcome) => outcome.route;
const roleSet = (roles: readonly string[]) => (roles.length > 0 ? [...new Set(roles)].sort().join(', ') : 'none');

function compare(problems: string[], what: string, expected: string, actual: string): void {
  if (expected !== actual) problems.push(`expected ${what} ${expected}, got ${actual}`);
}

const trail = (path: PathEntry[]) => (path.length > 0 ? ` (path: ${path.map((p) => `${p.question}=${p.answer}`).join(' → ')})` : '');
