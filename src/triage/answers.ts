/**
 * Scripted answers: `--answer QUESTION=ANSWER` flags and `--answers FILE` data, checked
 * against the tree before walking so a typo is reported, never silently ignored. Pure.
 */
import { didYouMean } from '../matrix/suggest.js';
import type { Matrix } from '../matrix/schema.js';
import { matchAnswer, questionView, type QuestionView } from './engine.js';

export type AnswerProblem =
  | { code: 'bad_answer_flag'; message: string }
  | { code: 'bad_answers_file'; message: string }
  | { code: 'unknown_question'; message: string; given: string }
  | { code: 'invalid_answer'; message: string; question: QuestionView; given: string };

export interface ScriptedInput {
  answers: Record<string, string>;
  /** Handoff values carried by an answers file or a record transcript. */
  handoff: Record<string, string>;
  /** What else a `--record` transcript replays; empty for a plain answers file. */
  replay: Replay;
}

/** The parts of a recorded run that a replay repeats besides its answers and handoff values. */
export interface Replay {
  /** The severity, when the record was decided by `--severity` rather than by the tree. */
  severity?: string;
  /** The client whose contract applied. */
  client?: string;
  /** The tier that applied (with a client, the client's own tier). */
  tier?: string;
  /** The recorded incident start, ISO 8601 with offset. */
  at?: string;
  /** True when the record states its contract (even none), so a replay never asks for one. */
  contract?: boolean;
}

/** Splits `QUESTION=ANSWER` (the answer may itself contain `=`). */
export function parseAnswerFlag(text: string): { question: string; answer: string } | AnswerProblem {
  const at = text.indexOf('=');
  const question = at > 0 ? text.slice(0, at).trim() : '';
  const answer = at > 0 ? text.slice(at + 1).trim() : '';
  if (!question || !answer) return { code: 'bad_answer_flag', message: `--answer "${text}": write it as QUESTION=ANSWER, like --answer scope=many` };
  return { question, answer };
}

/** A map keyed by user text: no prototype, so `__proto__` is an ordinary key, reported like any unknown one. */
export const keyedByUser = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // `security: true` in YAML or JSON means the "yes" answer.
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return undefined;
}

/**
 * Reads the data of an answers file: a mapping of question id to answer, or an object
 * with `answers` (and optionally `handoff`), which is also what `--record` writes. From a
 * record it also reads what to replay: the severity when `decided_by` is `severity`, the
 * contract's client and tier, and `started_at`.
 */
export function answersFromData(data: unknown, file: string): ScriptedInput | AnswerProblem {
  if (!isRecord(data)) return { code: 'bad_answers_file', message: `${file}: expected a mapping of question id to answer, like "scope: many"` };
  const wrapped = Object.hasOwn(data, 'answers') && isRecord(data.answers);
  const source = wrapped ? (data.answers as Record<string, unknown>) : data;
  const answers = keyedByUser<string>();
  for (const [question, value] of Object.entries(source)) {
    const text = scalar(value);
    if (text === undefined || text.trim() === '') {
      return { code: 'bad_answers_file', message: `${file}: the answer to "${question}" must be a choice id or label, not ${describe(value)}` };
    }
    answers[question] = text;
  }
  return { answers, handoff: wrapped ? handoffFromData(data.handoff) : {}, replay: wrapped ? replayFromData(data) : {} };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const idOf = (value: unknown): string | undefined => (isRecord(value) ? text(value.id) : undefined);

function replayFromData(data: Record<string, unknown>): Replay {
  const contract = isRecord(data.contract) ? data.contract : {};
  const severity = data.decided_by === 'severity' ? idOf(data.severity) : undefined;
  const [client, tier, at] = [idOf(contract.client), idOf(contract.tier), text(data.started_at)];
  return { ...(severity ? { severity } : {}), ...(client ? { client } : {}), ...(tier ? { tier } : {}), ...(at ? { at } : {}), ...(isRecord(data.contract) ? { contract: true } : {}) };
}

/** Handoff values as `{ id: value }` or as a transcript's `{ fields: [{ id, value }], extra: [{ id, value }] }`. */
function handoffFromData(value: unknown): Record<string, string> {
  const out = keyedByUser<string>();
  if (isRecord(value) && Array.isArray(value.fields)) {
    const listed = [...value.fields, ...(Array.isArray(value.extra) ? value.extra : [])];
    for (const field of listed) if (isRecord(field) && typeof field.id === 'string' && typeof field.value === 'string') out[field.id] = field.value;
  } else if (isRecord(value)) {
    for (const [id, text] of Object.entries(value)) if (typeof text === 'string') out[id] = text;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** The first given answer that names no question or matches no choice of its question. */
export function checkAnswers(matrix: Matrix, answers: Readonly<Record<string, string>>): AnswerProblem | undefined {
  const questions = matrix.triage?.questions ?? {};
  for (const [id, given] of Object.entries(answers)) {
    const question = Object.hasOwn(questions, id) ? questions[id] : undefined;
    if (!question) {
      const known = Object.keys(questions);
      return { code: 'unknown_question', given: id, message: `no question "${id}" in the triage tree${didYouMean(id, known)}; questions: ${known.join(', ') || 'none'}` };
    }
    if (!matchAnswer(question, given)) {
      const view = questionView(id, question);
      return { code: 'invalid_answer', question: view, given, message: invalidAnswerMessage(view, given) };
    }
  }
  return undefined;
}

/** Why an answer does not fit a question, with the closest choice id or label when one is near. */
export function invalidAnswerMessage(view: QuestionView, given: string): string {
  return `"${given}" is not an answer to ${view.id} (${view.text})${didYouMean(given, view.choices.flatMap((c) => [c.id, c.label]))}; choices: ${choiceList(view)}`;
}

/** `yes (Yes), no (No)`, plus `unsure` when the question has a not-sure answer. */
export function choiceList(question: QuestionView): string {
  const list = question.choices.map((c) => (c.id.toLowerCase() === c.label.toLowerCase() ? c.id : `${c.id} (${c.label})`));
  if (question.choices.some((c) => c.unsure)) list.push('unsure');
  return list.join(', ');
}
