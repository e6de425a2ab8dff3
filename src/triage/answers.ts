/**
 * Scripted answers: `--answer QUESTION=ANSWER` flags and `--answers FILE` data, checked
 * against the tree before walking so a typo is reported, never silently ignored. Pure.
 */
import { oneLine, quoted } from '../quote.js';
import { didYouMean } from '../matrix/suggest.js';
import type { Matrix } from '../matrix/schema.js';
import { CONTRACT_QUESTION, hasContracts, matchContract } from './contract-question.js';
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
  if (!question || !answer) return { code: 'bad_answer_flag', message: `--answer ${quoted(text)}: write it as QUESTION=ANSWER, like --answer scope=many` };
  return { question, answer };
}

/**
 * The answers of `--answer` flags, by question. A question answered twice is answered once
 * when both name the same choice (`same`), and refused naming both when they do not: the
 * last must never silently win, since an answer moves the severity, the owner or the contract.
 */
export function answersFromFlags(flags: readonly string[], same: (question: string, a: string, b: string) => boolean): { answers: Record<string, string> } | { problem: AnswerProblem } {
  const answers = keyedByUser<string>();
  const flagOf = keyedByUser<string>();
  for (const flag of flags) {
    const parsed = parseAnswerFlag(flag);
    if ('code' in parsed) return { problem: parsed };
    const { question, answer } = parsed;
    if (Object.hasOwn(answers, question) && !same(question, answers[question]!, answer)) {
      return { problem: { code: 'bad_answer_flag', message: `--answer ${quoted(flagOf[question]!)} and --answer ${quoted(flag)} are two different answers to one question; pass one` } };
    }
    answers[question] = answer;
    flagOf[question] = flag;
  }
  return { answers };
}

/**
 * Whether two answers to a question name the same choice: by the tree's question, or the
 * contract question's choices (an answer that names none differs from any other, so neither
 * hides the other); any other text (an unknown question, reported on its own) only when the
 * two are equal regardless of case.
 */
export function sameAnswer(matrix: Matrix): (question: string, a: string, b: string) => boolean {
  const questions = matrix.triage?.questions ?? {};
  return (id, a, b) => {
    if (a.trim() === b.trim()) return true;
    if (Object.hasOwn(questions, id)) {
      const [x, y] = [matchAnswer(questions[id]!, a), matchAnswer(questions[id]!, b)];
      return x !== undefined && y !== undefined && x.answer === y.answer && x.unsure === y.unsure;
    }
    if (id === CONTRACT_QUESTION && hasContracts(matrix)) {
      const [x, y] = [matchContract(matrix, a), matchContract(matrix, b)];
      return x !== undefined && y !== undefined && x.kind === y.kind && (x.kind === 'none' || x.id === (y as { id: string }).id);
    }
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  };
}

/** A map keyed by user text: no prototype, so `__proto__` is an ordinary key, reported like any unknown one. */
export const keyedByUser = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // `security: true` in YAML or JSON means the "yes" answer.
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return undefined;
}

/**
 * The top-level keys of an incident record: what `--record` writes (the result of
 * `triage --json`), with the `events` that `escalate event` appends and `imported` from
 * `escalate import`. A record replayed with `--answers` carries them all. A test holds the
 * list to the record schema's.
 */
export const RECORD_KEYS: readonly string[] = [
  'version', 'matrix', 'started_at', 'computed_at', 'timezone', 'decided_by', 'answers', 'path', 'severity', 'owner', 'route', 'note', 'inform',
  'clock', 'deadlines', 'escalation', 'client', 'updates', 'governance', 'contract', 'authority', 'handoff', 'message', 'events', 'imported',
];
/** The keys a replay reads; the others are what that run printed, and are made again. */
const REPLAYED_KEYS = ['answers', 'handoff', 'started_at', 'contract', 'decided_by', 'severity'];
/** The keys of a record's `contract`, `client` (the client notice, not the contract) and `severity`; held to the schema's by the same test. */
export const RECORD_PART_KEYS: Readonly<Record<'contract' | 'client' | 'severity', readonly string[]>> = {
  contract: ['tier', 'client', 'exceptions', 'changes', 'added_roles', 'owner', 'calendar'],
  client: ['notify', 'contact', 'by', 'channel', 'audience', 'due', 'step'],
  severity: ['id', 'name', 'definition', 'rank', 'examples', 'promise'],
};
const { contract: CONTRACT_KEYS, client: NOTICE_KEYS, severity: SEVERITY_KEYS } = RECORD_PART_KEYS;

/**
 * Reads the data of an answers file: a mapping of question id to answer, or an object
 * with `answers` (and optionally `handoff`), which is also what `--record` writes. From a
 * record it also reads what to replay: the severity when `decided_by` is `severity`, the
 * contract's client and tier, and `started_at`. Beside `answers`, a key a record does not
 * have, or a replayed key that is not as a record writes it (`started_at` read as a YAML
 * 1.1 timestamp, `client: northwind` where a record keeps its client notice), is refused:
 * dropped, it would leave the contract or the start to a default and move every deadline.
 */
export function answersFromData(data: unknown, file: string): ScriptedInput | AnswerProblem {
  const shown = oneLine(file);
  if (!isRecord(data)) return { code: 'bad_answers_file', message: `${shown}: expected a mapping of question id to answer, like "scope: many"` };
  const wrapped = Object.hasOwn(data, 'answers') && isRecord(data.answers);
  const source = wrapped ? (data.answers as Record<string, unknown>) : data;
  const answers = keyedByUser<string>();
  for (const [question, value] of Object.entries(source)) {
    const text = scalar(value);
    if (text === undefined || text.trim() === '') {
      return { code: 'bad_answers_file', message: `${shown}: the answer to ${quoted(question)} must be a choice id or label, not ${describe(value)}` };
    }
    answers[question] = text;
  }
  if (!wrapped) return { answers, handoff: {}, replay: {} };
  const wrong = unknownKeys(data, shown) ?? misshapenRecord(data, shown);
  if (wrong) return { code: 'bad_answers_file', message: wrong };
  const handoff = handoffFromData(data.handoff, shown);
  if (typeof handoff === 'string') return { code: 'bad_answers_file', message: handoff };
  return { answers, handoff, replay: replayFromData(data) };
}

/** The keys beside `answers` that no record has, named with the key meant when one is near. */
function unknownKeys(data: Record<string, unknown>, shown: string): string | undefined {
  const unknown = Object.keys(data).filter((key) => !RECORD_KEYS.includes(key));
  if (unknown.length === 0) return undefined;
  // `at` is --at's name for started_at, too short for an edit distance to find it.
  const meant = (key: string) => (key.trim().toLowerCase() === 'at' ? ' (did you mean "started_at"?)' : didYouMean(key, REPLAYED_KEYS));
  const named = unknown.map((key) => `${quoted(key)}${meant(key)}`).join(', ');
  return `${shown}: unknown top-level key${unknown.length === 1 ? '' : 's'} ${named}; beside answers the file takes handoff, started_at and contract, and the other keys of a --record transcript`;
}

/**
 * A key a record has, in a shape a record never writes: hand-written, it says something
 * the replay would not read (a client, a severity, a start), so it is refused, never dropped.
 */
function misshapenRecord(data: Record<string, unknown>, shown: string): string | undefined {
  const has = (key: string) => Object.hasOwn(data, key);
  if (has('started_at')) {
    const at = data.started_at;
    if (typeof at !== 'string' || at.trim() === '') {
      const how = at instanceof Date ? 'a YAML 1.1 timestamp, not text; quote it' : `${describe(at)}, not a time; write it`;
      return `${shown}: started_at was read as ${how}, like started_at: "2026-03-27T16:30:00+01:00"`;
    }
  }
  if (has('decided_by') && data.decided_by !== 'tree' && data.decided_by !== 'severity') {
    return `${shown}: decided_by was read as ${describe(data.decided_by)}; a record says tree or severity`;
  }
  if (has('severity') || data.decided_by === 'severity') {
    const severity = data.severity;
    if (!isRecord(severity) || Object.keys(severity).some((k) => !SEVERITY_KEYS.includes(k)) || (data.decided_by === 'severity' && idOf(severity) === undefined)) {
      return `${shown}: severity was read as ${describe(severity)}, not as a record writes it (severity: {id: …}, replayed with decided_by: severity); to skip the tree pass --severity ID`;
    }
  }
  if (has('contract')) {
    const contract = data.contract;
    if (!isRecord(contract)) return `${shown}: contract was read as ${describe(contract)}, not a mapping; answer it under answers: (contract: ID), or pass --client ID or --tier ID`;
    const stray = Object.keys(contract).find((k) => !CONTRACT_KEYS.includes(k));
    if (stray !== undefined) return `${shown}: contract has the unknown key ${quoted(stray)}${didYouMean(stray, ['client', 'tier'])}; a record writes contract: {client: {id: …}} or {tier: {id: …}}`;
    for (const part of ['client', 'tier'] as const) {
      if (Object.hasOwn(contract, part) && idOf(contract[part]) === undefined) {
        return `${shown}: contract.${part} was read as ${describe(contract[part])}; a record writes contract: {${part}: {id: …}}`;
      }
    }
  }
  if (has('client') && (!isRecord(data.client) || Object.keys(data.client).some((k) => !NOTICE_KEYS.includes(k)))) {
    return `${shown}: client was read as ${describe(data.client)}, but a record's client is the client notice it printed, not the contract; answer contract: ID under answers:, or pass --client ID`;
  }
  return undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const idOf = (value: unknown): string | undefined => (isRecord(value) ? text(value.id) : undefined);

/** What a record replays besides its answers: checked by misshapenRecord first, so each key read here is as a record writes it. */
function replayFromData(data: Record<string, unknown>): Replay {
  const contract = isRecord(data.contract) ? data.contract : {};
  const severity = data.decided_by === 'severity' ? idOf(data.severity) : undefined;
  const [client, tier, at] = [idOf(contract.client), idOf(contract.tier), text(data.started_at)];
  return { ...(severity ? { severity } : {}), ...(client ? { client } : {}), ...(tier ? { tier } : {}), ...(at ? { at } : {}), ...(isRecord(data.contract) ? { contract: true } : {}) };
}

/**
 * Handoff values as `{ id: value }` or as a transcript's `{ fields: [{ id, value }], extra:
 * [{ id, value }] }`. A value that is not text is refused (the reason), never dropped.
 */
function handoffFromData(value: unknown, shown: string): Record<string, string> | string {
  const out = keyedByUser<string>();
  if (value === undefined) return out;
  if (!isRecord(value)) return `${shown}: handoff was read as ${describe(value)}; write handoff values as handoff: {FIELD: text}`;
  if (Array.isArray(value.fields)) {
    const listed = [...value.fields, ...(Array.isArray(value.extra) ? value.extra : [])];
    for (const field of listed) if (isRecord(field) && typeof field.id === 'string' && typeof field.value === 'string') out[field.id] = field.value;
    return out;
  }
  for (const [id, given] of Object.entries(value)) {
    if (typeof given !== 'string') return `${shown}: the handoff value of ${quoted(id)} was read as ${describe(given)}, not text; quote it`;
    out[id] = given;
  }
  return out;
}

/** What a value of the file was read as, for a message: `empty`, `a list`, `the number 12`, `"northwind"`. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : quoted(value);
  return JSON.stringify(value);
}

/** The first given answer that names no question or matches no choice of its question. */
export function checkAnswers(matrix: Matrix, answers: Readonly<Record<string, string>>): AnswerProblem | undefined {
  const questions = matrix.triage?.questions ?? {};
  for (const [id, given] of Object.entries(answers)) {
    const question = Object.hasOwn(questions, id) ? questions[id] : undefined;
    if (!question) {
      const known = Object.keys(questions);
      return { code: 'unknown_question', given: id, message: `no question ${quoted(id)} in the triage tree${didYouMean(id, known)}; questions: ${known.join(', ') || 'none'}` };
    }
    if (!matchAnswer(question, given)) {
      const view = questionView(id, question);
      return { code: 'invalid_answer', question: view, given, message: invalidAnswerMessage(view, given) };
    }
  }
  return undefined;
}

/**
 * Why an answer does not fit a question: it names no choice (with the closest choice id or
 * label when one is near), or it names more than one (a label of one choice and, regardless
 * of case, the id of another: see engine's answersNamed), and then none is guessed.
 */
export function invalidAnswerMessage(view: QuestionView, given: string): string {
  const wanted = given.trim().toLowerCase();
  const named = view.choices.filter((c) => c.id.toLowerCase() === wanted || c.label.trim().toLowerCase() === wanted);
  if (named.length > 1) {
    const list = named.map((c) => (c.id.toLowerCase() === c.label.toLowerCase() ? c.id : `${c.id} (${c.label})`)).join(', ');
    return `${quoted(given)} names more than one answer to ${view.id} (${view.text}): ${list}; answer with one choice's id as written`;
  }
  return `${quoted(given)} is not an answer to ${view.id} (${view.text})${didYouMean(given, view.choices.flatMap((c) => [c.id, c.label]))}; choices: ${choiceList(view)}`;
}

/** `yes (Yes), no (No)`, plus `unsure` when the question has a not-sure answer. */
export function choiceList(question: QuestionView): string {
  const list = question.choices.map((c) => (c.id.toLowerCase() === c.label.toLowerCase() ? c.id : `${c.id} (${c.label})`));
  if (question.choices.some((c) => c.unsure)) list.push('unsure');
  return list.join(', ');
}
