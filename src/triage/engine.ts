/**
 * The decision-tree engine: given the matrix and the answers so far, the next question
 * or the outcome. Pure: no prompts, no output, no clock. Interactive prompts, scripted
 * `--answer` flags and chat bots all drive this one function.
 */
import type { Answer, Matrix, Outcome, Question, Severity } from '../matrix/schema.js';
import { remembered } from '../memo.js';

export interface Choice {
  id: string;
  label: string;
  /** The answer to take when the responder is not sure (the more severe case). */
  unsure: boolean;
}

export interface QuestionView {
  id: string;
  text: string;
  help?: string;
  choices: Choice[];
}

export interface PathEntry {
  question: string;
  text: string;
  answer: string;
  label: string;
  /** True when the responder said "not sure" and the matrix's unsure answer was taken. */
  unsure?: boolean;
}

export interface ResolvedOutcome {
  severity: Severity;
  /** The owning role id: the outcome's owner, else the severity's owner. */
  owner: string;
  route?: string;
  note?: string;
  /** Roles the answer path adds to those told (`inform`), in matrix order. */
  inform?: string[];
}

export type WalkResult =
  | { kind: 'question'; question: QuestionView; path: PathEntry[] }
  | { kind: 'outcome'; outcome: ResolvedOutcome; path: PathEntry[] }
  | { kind: 'invalid-answer'; question: QuestionView; given: string; path: PathEntry[] }
  | { kind: 'no-tree'; path: [] }
  | { kind: 'broken'; reason: string; path: PathEntry[] };

/** Answers by question id. `UNSURE` selects the question's unsure answer. */
export type Answers = Readonly<Record<string, string>>;
export const UNSURE = 'unsure';
/** What a responder or a script types for "not sure" (lower case, spaces as typed). */
export const UNSURE_WORDS: ReadonlySet<string> = new Set([UNSURE, 'not sure', 'not-sure', '?']);

/** Slugs made, by text: a tree's labels repeat ("Yes", "No"), and lint and triage ask for each answer's id many times. */
const slugs = new Map<string, string>();

export function slug(text: string): string {
  return remembered(
    slugs,
    text,
    4096,
    () =>
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'answer',
  );
}

export const answerId = (answer: Answer): string => answer.id ?? slug(answer.label);

export function questionView(id: string, question: Question): QuestionView {
  return {
    id,
    text: question.ask,
    ...(question.help ? { help: question.help } : {}),
    choices: question.answers.map((a) => ({ id: answerId(a), label: a.label, unsure: a.unsure === true })),
  };
}

/**
 * The choices a given answer names, at the first level that names any: a choice id exactly
 * as written, else every choice whose id or label it is regardless of case. An id as written
 * wins over another choice's label (`yes` is the choice whose id is `yes`, even when an
 * earlier choice is labelled "Yes"): the id is what the prompt, a record's answers and the
 * bot loop's choices carry, so a replay takes the choice that was taken. More than one only
 * where a text names several choices (lint's tree-duplicate-answer); none of them is taken.
 */
export function answersNamed(question: Question, given: string): Answer[] {
  if (typeof given !== 'string') return [];
  const text = given.trim();
  const byId = question.answers.filter((a) => answerId(a) === text);
  if (byId.length > 0) return byId;
  const wanted = text.toLowerCase();
  return question.answers.filter((a) => answerId(a).toLowerCase() === wanted || a.label.trim().toLowerCase() === wanted);
}

/**
 * The answer a responder meant: a choice id or label, case-insensitively, or "unsure".
 * Undefined when it names no choice, or more than one (see answersNamed): a guess between
 * two would pick the severity.
 */
export function matchAnswer(question: Question, given: string): { answer: Answer; unsure: boolean } | undefined {
  const named = answersNamed(question, given);
  if (named.length === 1) return { answer: named[0]!, unsure: false };
  if (named.length > 1 || typeof given !== 'string') return undefined;
  if (UNSURE_WORDS.has(given.trim().toLowerCase())) {
    const unsure = question.answers.find((a) => a.unsure);
    if (unsure) return { answer: unsure, unsure: true };
  }
  return undefined;
}

export function resolveOutcome(matrix: Matrix, outcome: Outcome): ResolvedOutcome | undefined {
  const severity = matrix.severities.find((s) => s.id === outcome.severity);
  if (!severity) return undefined;
  return {
    severity,
    owner: outcome.owner ?? severity.owner,
    ...(outcome.route ? { route: outcome.route } : {}),
    ...(outcome.note ? { note: outcome.note } : {}),
    ...(outcome.inform && outcome.inform.length > 0 ? { inform: [...new Set(outcome.inform)] } : {}),
  };
}

/** Walks the tree from its start, taking the given answers, until a question lacks one or an outcome is reached. */
export function walk(matrix: Matrix, answers: Answers): WalkResult {
  const tree = matrix.triage;
  if (!tree) return { kind: 'no-tree', path: [] };
  const path: PathEntry[] = [];
  const visited = new Set<string>();
  let current = tree.start;
  for (;;) {
    if (visited.has(current)) return { kind: 'broken', reason: `the tree loops back to question "${current}"`, path };
    visited.add(current);
    const question = Object.hasOwn(tree.questions, current) ? tree.questions[current] : undefined;
    if (!question) return { kind: 'broken', reason: `question "${current}" is not defined`, path };
    const view = questionView(current, question);
    const given = typeof answers === 'object' && answers !== null && Object.hasOwn(answers, current) ? answers[current] : undefined;
    if (given === undefined) return { kind: 'question', question: view, path };
    const match = matchAnswer(question, given);
    if (!match) return { kind: 'invalid-answer', question: view, given, path };
    const { answer, unsure } = match;
    path.push({ question: current, text: question.ask, answer: answerId(answer), label: answer.label, ...(unsure ? { unsure } : {}) });
    if (answer.outcome) {
      const outcome = resolveOutcome(matrix, answer.outcome);
      if (!outcome) return { kind: 'broken', reason: `severity "${answer.outcome.severity}" is not defined`, path };
      return { kind: 'outcome', outcome, path };
    }
    if (!answer.next) return { kind: 'broken', reason: `answer "${answer.label}" of question "${current}" leads nowhere`, path };
    current = answer.next;
  }
}

/**
 * Every path from the start to an outcome, for coverage, diffs and docs. Cycles are cut.
 * Iterative with backtracking, so a tree thousands of questions deep neither overflows the
 * stack nor copies the visited set at every level.
 */
export function allPaths(matrix: Matrix, limit = 100_000): { path: PathEntry[]; outcome: ResolvedOutcome }[] {
  const tree = matrix.triage;
  if (!tree || !Object.hasOwn(tree.questions, tree.start)) return [];
  const out: { path: PathEntry[]; outcome: ResolvedOutcome }[] = [];
  const path: PathEntry[] = [];
  const onPath = new Set<string>([tree.start]);
  // Each frame: a question and the index of the next answer to try.
  const stack: { id: string; next: number }[] = [{ id: tree.start, next: 0 }];
  while (stack.length > 0 && out.length < limit) {
    const frame = stack[stack.length - 1]!;
    const question = tree.questions[frame.id]!;
    if (frame.next >= question.answers.length) {
      stack.pop();
      onPath.delete(frame.id);
      path.pop();
      continue;
    }
    const answer = question.answers[frame.next++]!;
    const entry: PathEntry = { question: frame.id, text: question.ask, answer: answerId(answer), label: answer.label };
    if (answer.outcome) {
      const outcome = resolveOutcome(matrix, answer.outcome);
      if (outcome) out.push({ path: [...path, entry], outcome });
    } else if (answer.next && Object.hasOwn(tree.questions, answer.next) && !onPath.has(answer.next)) {
      path.push(entry);
      onPath.add(answer.next);
      stack.push({ id: answer.next, next: 0 });
    }
  }
  return out;
}
