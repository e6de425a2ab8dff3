/**
 * `escalate triage`: gather answers (flags, file, or prompts on a terminal), walk the
 * tree, plan the incident from its start time, and print a card, JSON or markdown.
 * Without a terminal a missing answer is an error naming the question, never a hang.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { followLinks, writeFileAtomic } from '../files.js';
import { isValidTimeZone } from '../../time/zone.js';
import { useHostClock } from '../../time/offset.js';
import { formatInstant, hasUtcOffset } from '../../time/instant.js';
import { parseStart } from '../../time/start.js';
import { walk, type PathEntry, type QuestionView, type ResolvedOutcome } from '../../triage/engine.js';
import { replyOf, type Reply } from '../../triage/interview.js';
import { answersFromData, answersFromFlags, checkAnswers, choiceList, invalidAnswerMessage, keyedByUser, sameAnswer, type AnswerProblem, type Replay } from '../../triage/answers.js';
import { didYouMeanNotSibling } from '../../matrix/suggest.js';
import { unknownHandoffField } from '../../triage/handoff.js';
import { planIncident } from '../../triage/plan.js';
import type { ContractRequest } from '../../triage/contract.js';
import { CONTRACT_QUESTION, NO_CONTRACT, contractQuestion, hasContracts, matchContract, type ContractAnswer } from '../../triage/contract-question.js';
import { buildResult } from '../../triage/result.js';
import type { TriageError, TriageResult } from '../../triage/result-schema.js';
import type { Matrix } from '../../matrix/schema.js';
import { colorsFor } from '../colors.js';
import { EXIT, ExitError, markCommitted, type Io } from '../io.js';
import { fsReason, loadMatrixFile, readText, requireMatrix, resolveMatrixPath, type LoadedFile } from '../matrix-file.js';
import type { TriageOptions } from './triage.js';
import { oneLine, quoted } from '../../quote.js';

type ErrorDetail = TriageError['error'];

/** An incident start further than this from now is a typo, not an incident. */
const MAX_AT_DISTANCE_MS = 100 * 365.25 * 86_400_000;

/** An expected failure with the JSON detail printed on stdout under --json. */
class TriageExit extends ExitError {
  constructor(
    exitCode: number,
    message: string,
    readonly detail: ErrorDetail,
  ) {
    super(exitCode, message);
  }
}

/** A failure after the result was printed (writing the record): stdout already holds the result, so no JSON error follows it. */
class AfterResultExit extends ExitError {}

const fail = (code: string, message: string, extra: Partial<ErrorDetail> = {}, exitCode: number = EXIT.usage) =>
  new TriageExit(exitCode, message, { code, message, ...extra });

export async function runTriage(options: TriageOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  try {
    return await triage(options, io);
  } catch (error) {
    if (options.json && error instanceof Error && error.name === 'ExitError' && !(error instanceof AfterResultExit)) {
      const exit = error as ExitError;
      const detail: ErrorDetail = error instanceof TriageExit ? error.detail : { code: exit.exitCode === EXIT.findings ? 'invalid_matrix' : 'usage', message: exit.message.split('\n')[0]! };
      io.stdout.write(`${JSON.stringify({ error: detail })}\n`);
    }
    throw error;
  }
}

async function triage(options: TriageOptions, io: Io): Promise<number> {
  const interactive = options.input !== false && io.stdinIsTTY && io.stdout.isTTY;
  if (options.tz !== undefined && !isValidTimeZone(options.tz)) {
    throw fail('invalid_option', `--tz ${quoted(options.tz)} is not a time zone; use an IANA name like Europe/Berlin or America/New_York`);
  }
  const recordPath = options.record !== undefined ? resolve(io.cwd, options.record) : undefined;
  // Checked before any question is asked, so a bad path never costs the answers.
  if (recordPath) checkRecordTarget(recordPath, options.record!);
  const path = resolveMatrixPath(options.matrix, io);
  const file = await loadMatrixFile(path, io);
  const matrix = usableMatrix(file);

  const scripted = await gatherAnswers(matrix, options, io);
  const { replay } = scripted;
  // A start given up front is checked before any question, so a typo never costs the answers.
  const startGiven = options.at ?? replay.at;
  let start = startGiven !== undefined ? startTime(options, replay, matrix, io.now(), io) : undefined;

  const fieldValues = parseFields(options.field ?? []);
  const unknownFlag = unknownHandoffField(matrix, Object.keys(fieldValues));
  if (unknownFlag) throw fail('invalid_option', `--field ${quoted(unknownFlag.given)}: ${unknownFlag.message}`, { given: unknownFlag.given });
  const unknownKept = unknownHandoffField(matrix, Object.keys(scripted.handoff));
  if (unknownKept) throw fail('bad_answers_file', `${oneLine(options.answers!)}: ${unknownKept.message}`, { given: unknownKept.given });
  const handoffValues = { ...scripted.handoff, ...fieldValues };

  const { treeAnswers, contractAnswer } = splitContractAnswer(matrix, scripted.answers);
  const fromFlags = options.client !== undefined || options.tier !== undefined;
  // Checked before any question, so the clash never costs the answers.
  if (fromFlags && contractAnswer !== undefined && Object.hasOwn(scripted.flagAnswers, CONTRACT_QUESTION)) {
    // Flags win over a file, but two flags naming two contracts is a guess either way.
    const flagged = flagContract(options);
    const answered = matchContract(matrix, contractAnswer);
    const request = answered ? requestOf(answered) : undefined;
    // A client's tier given beside it is checked against the client when the contract is applied.
    const alike = request !== undefined && request.client === flagged.client && (request.tier === flagged.tier || request.client !== undefined);
    if (!alike) {
      const given = options.client !== undefined ? `--client ${quoted(options.client)}` : `--tier ${quoted(options.tier!)}`;
      throw fail('invalid_option', `${given} and --answer ${quoted(`${CONTRACT_QUESTION}=${contractAnswer}`)} name two different contracts; pass one`);
    }
  }
  let decision = await decide(matrix, options, treeAnswers, replay, interactive, io);

  // The contract comes from the command line when it names one, then an answer to the
  // contract question, then a replayed record; on a terminal it is asked after the tree.
  let contract: ContractRequest | undefined = fromFlags
    ? flagContract(options)
    : contractAnswer !== undefined
      ? answeredContract(matrix, contractAnswer, decision.path)
      : replay.contract || replay.client !== undefined || replay.tier !== undefined
        ? { ...(replay.client ? { client: replay.client } : {}), ...(replay.client === undefined && replay.tier ? { tier: replay.tier } : {}) }
        : undefined;
  // What the prompts leave on the screen above the card, so the card keeps to the rest of it.
  let contractLabel: string | undefined;
  let earlierStart: string | undefined;
  let startAsked = false;
  if (interactive && (contract === undefined || start === undefined)) {
    const asked = await askContext(matrix, options, replay, io, decision, contract);
    decision = asked.decision;
    contract = asked.contract;
    start = asked.start ?? start;
    contractLabel = asked.contractLabel;
    earlierStart = asked.earlierStart;
    startAsked = asked.start !== undefined;
  }
  if (contract === undefined) {
    // A matrix without clients or tiers has only the standard contract to name.
    if (matrix.require_contract && hasContracts(matrix)) {
      const q = contractQuestion(matrix);
      throw fail('missing_answer', `missing answer to "${q.id}" (${q.text}); the matrix requires a contract; choices: ${choiceList(q)}; pass --answer ${q.id}=CHOICE, --client ID or --tier ID`, {
        question: questionJson(q),
        path: pathJson(decision.path),
      });
    }
    contract = {};
  }
  const { outcome, path: walked, decidedBy } = decision;
  const now = io.now();
  start ??= now;
  const { client, tier } = contract;
  const replayed = !fromFlags && contractAnswer === undefined && (client !== undefined || tier !== undefined);
  const planned = planIncident(matrix, outcome, { start, now, ...(options.tz ? { displayZone: options.tz } : {}), ...(client ? { client } : {}), ...(tier ? { tier } : {}) });
  if (!planned.ok) throw fail(planned.code.replace(/-/g, '_'), replayed ? `${planned.reason} (replayed from ${oneLine(options.answers!)})` : planned.reason);
  const plan = planned.plan;

  let handoffAsked = 0;
  if (options.handoff && interactive) {
    const { askText } = await import('../prompt.js');
    for (const field of plan.handoff) {
      if (handoffValues[field.id]?.trim()) continue;
      const value = await askText(field.label, field.help);
      handoffAsked++;
      if (value) handoffValues[field.id] = value;
    }
  }

  let result: TriageResult = buildResult(matrix, plan, {
    path: walked,
    decidedBy,
    file: path,
    sha256: createHash('sha256').update(file.text).digest('hex'),
    handoff: handoffValues,
  });
  if (options.message) result = await withMessage(matrix, result, options, io);

  const json = `${JSON.stringify(result, null, 2)}\n`;
  // The result is printed first: a record that cannot be written never costs it.
  if (options.json) io.stdout.write(json);
  else if (options.markdown) {
    const { formatMarkdown } = await import('../../triage/markdown.js');
    io.stdout.write(formatMarkdown(result));
  } else if (options.message && result.message) {
    const m = result.message;
    io.stdout.write(`${m.subject !== undefined ? `Subject: ${m.subject}\n\n` : ''}${m.body.trimEnd()}\n`);
  } else {
    const [{ formatCard, SCREEN_ROWS }, { answeredLines }] = await Promise.all([import('../../triage/card.js'), import('../prompt.js')]);
    let above = 0;
    if (interactive) {
      const askedPath = walked.filter((p) => !Object.hasOwn(treeAnswers, p.question));
      const lines = askedPath.length > 0 || contractLabel !== undefined || startAsked ? answeredLines(matrix, askedPath, contractLabel, earlierStart, startAsked) : [];
      const columns = io.stdout.columns ?? 80;
      above = lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / columns)), 0) + handoffAsked;
    }
    io.stdout.write(formatCard(result, await colorsFor(io), { ...(io.stdout.columns ? { columns: io.stdout.columns } : {}), full: options.full === true, rows: SCREEN_ROWS - above }));
  }
  if (recordPath) {
    writeRecord(recordPath, options.record!, json);
    markCommitted(`the record was written to ${oneLine(options.record!)}`);
    if (!options.json) io.stderr.write(`recorded to ${oneLine(options.record!)}\n`);
  }
  return EXIT.ok;
}

/** The matrix, or exit 1 with its located errors (as `diagnostics` under --json). */
function usableMatrix(file: LoadedFile): Matrix {
  if (file.result.matrix) return file.result.matrix;
  const errors = file.result.diagnostics.filter((d) => d.level === 'error');
  let lines = 'the matrix has errors';
  try {
    requireMatrix(file);
  } catch (error) {
    if (error instanceof Error) lines = error.message;
  }
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  throw new TriageExit(EXIT.findings, lines, {
    code: 'invalid_matrix',
    message: `the matrix ${oneLine(file.path)} has ${count}; run escalate lint ${oneLine(file.path)}`,
    diagnostics: errors.map((d) => ({ file: file.path, line: d.line, column: d.column, code: d.code, message: d.message })),
  });
}

/** The incident start: --at (now, 20 min ago, 03:10 or ISO 8601), else a replayed record's start, else now. */
function startTime(options: TriageOptions, replay: Replay, matrix: Matrix, now: Date, io: Io): Date {
  const text = options.at ?? replay.at;
  if (text === undefined) return now;
  const [what, code] = options.at !== undefined ? ['--at', 'invalid_option'] : [`${oneLine(options.answers!)}: started_at`, 'bad_answers_file'];
  const parsed = parseStart(text, { now, displayZone: options.tz ?? matrix.timezone, matrixZone: matrix.timezone });
  if (!parsed.ok) throw fail(code, `${what} ${parsed.reason}`);
  if (Math.abs(parsed.date.getTime() - now.getTime()) > MAX_AT_DISTANCE_MS) {
    throw fail(code, `${what} ${quoted(text)} is more than 100 years from now; check the year`);
  }
  if (parsed.form === 'iso' && options.at !== undefined && options.tz !== undefined && options.tz !== matrix.timezone && !hasUtcOffset(options.at)) {
    io.stderr.write(`note: --at ${oneLine(options.at)} has no offset, so it was read in the matrix time zone ${matrix.timezone} (${formatInstant(parsed.date, matrix.timezone)}), not in --tz ${options.tz}\n`);
  }
  return parsed.date;
}

/** Refuses a record path that exists or whose folder cannot take a new file, before anything is asked. */
function checkRecordTarget(target: string, given: string): void {
  const shown = oneLine(given);
  // A symlink, dangling or not, is written where it points (as --out and init do).
  const full = followLinks(target);
  if (taken(full)) throw fail('record_exists', `${shown} already exists; a record is never overwritten, name a new file`);
  const folder = dirname(full);
  const folderShown = dirname(given) === '.' ? 'the current folder' : `the folder ${oneLine(dirname(given))}`;
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be used: ${fsReason(error)}`;
    throw fail('invalid_option', `--record ${shown}: ${folderShown} ${why}; create it first or name another file`);
  }
  if (!isFolder) throw fail('invalid_option', `--record ${shown}: ${folderShown} is not a folder; name another file`);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw fail('invalid_option', `--record ${shown}: cannot write in ${folderShown}: ${fsReason(error)}`);
  }
}

/** Whether anything (a file, a folder, even a dangling link) has this name. */
function taken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes the record atomically and never over an existing file (a temp file, then a hard link). */
function writeRecord(full: string, given: string, text: string): void {
  const shown = oneLine(given);
  const lost = 'the result above was printed but not recorded';
  try {
    writeFileAtomic(full, text, { overwrite: false, whenExists: `${shown} appeared while triaging; a record is never overwritten, so ${lost}` });
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ExitError') throw error;
    const message = error.message.startsWith(`${shown} appeared`) ? error.message : `${error.message.replace(/^cannot write /, 'cannot write the record ')}; ${lost}`;
    throw new AfterResultExit(EXIT.usage, message);
  }
}

async function gatherAnswers(
  matrix: Matrix,
  options: TriageOptions,
  io: Io,
): Promise<{ answers: Record<string, string>; flagAnswers: Record<string, string>; handoff: Record<string, string>; replay: Replay }> {
  const answers = keyedByUser<string>();
  let handoff: Record<string, string> = keyedByUser<string>();
  let replay: Replay = {};
  if (options.answers !== undefined) {
    const text = readText(options.answers, io, 'answers file');
    const data = await parseAnswersText(text, options.answers);
    const read = answersFromData(data, options.answers);
    if ('code' in read) throw problem(read);
    Object.assign(answers, read.answers);
    handoff = read.handoff;
    replay = read.replay;
  }
  // Flags win over the file; two flags that answer one question differently are refused.
  const flagged = answersFromFlags(options.answer ?? [], sameAnswer(matrix));
  if ('problem' in flagged) throw problem(flagged.problem);
  const flagAnswers = flagged.answers;
  Object.assign(answers, flagAnswers);
  return { answers, flagAnswers, handoff, replay };
}

/** YAML or JSON (JSON is YAML); the parser is already loaded with the matrix. */
async function parseAnswersText(text: string, file: string): Promise<unknown> {
  const [{ parseDocument }, { toData }] = await Promise.all([import('yaml'), import('../../matrix/plain-data.js')]);
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const where = error.linePos?.[0];
    throw fail('bad_answers_file', `${oneLine(file)}${where ? `:${where.line}:${where.col}` : ''}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  try {
    return toData(doc, { maxAliasCount: 100 });
  } catch (error) {
    throw fail('bad_answers_file', `${oneLine(file)}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

function parseFields(flags: string[]): Record<string, string> {
  const out = keyedByUser<string>();
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw fail('invalid_option', `--field ${quoted(flag)}: write it as ID=TEXT, like --field impact-summary="Checkout down for all tenants"`);
    out[flag.slice(0, at).trim()] = flag.slice(at + 1);
  }
  return out;
}

function problem(p: AnswerProblem): TriageExit {
  if (p.code === 'invalid_answer') return fail(p.code, p.message, { question: questionJson(p.question), given: p.given });
  if (p.code === 'unknown_question') return fail(p.code, p.message, { given: p.given });
  return fail(p.code, p.message);
}

const questionJson = (q: QuestionView): NonNullable<ErrorDetail['question']> => ({
  id: q.id,
  text: q.text,
  ...(q.help ? { help: q.help } : {}),
  choices: q.choices.map((c) => ({ id: c.id, label: c.label, ...(c.unsure ? { unsure: true } : {}) })),
});

const pathJson = (path: PathEntry[]) => path.map((p) => ({ question: p.question, answer: p.answer }));

interface Decision {
  outcome: ResolvedOutcome;
  path: PathEntry[];
  decidedBy: 'tree' | 'severity';
}

async function decide(
  matrix: Matrix,
  options: TriageOptions,
  answers: Record<string, string>,
  replay: Replay,
  interactive: boolean,
  io: Io,
  header = true,
  previous: Record<string, Reply> = {},
): Promise<Decision> {
  // A record decided by --severity replays that severity; answers given with it are a contradiction.
  const severityId = options.severity ?? replay.severity;
  if (severityId !== undefined) {
    if (Object.keys(answers).length > 0) {
      throw fail(
        'invalid_option',
        options.severity !== undefined
          ? '--severity skips the tree; pass either --severity or answers, not both'
          : `${oneLine(options.answers!)} was decided by --severity ${oneLine(severityId)}, not by answers; pass either --severity or answers, not both`,
      );
    }
    const what = options.severity !== undefined ? '--severity' : `the severity recorded in ${oneLine(options.answers!)},`;
    // Ids are matched as written, then regardless of case (--severity P1 is p1), as answers are.
    const severity = matrix.severities.find((s) => s.id === severityId) ?? matrix.severities.find((s) => s.id.toLowerCase() === severityId.toLowerCase());
    if (!severity) {
      const ids = matrix.severities.map((s) => s.id);
      throw fail('unknown_severity', `${what} ${quoted(severityId)} is not defined${didYouMeanNotSibling(severityId, ids)}; severities: ${ids.join(', ')}`);
    }
    return { outcome: { severity, owner: severity.owner }, path: [], decidedBy: 'severity' };
  }
  if (!matrix.triage) throw fail('no_tree', 'the matrix has no triage tree; pass --severity ID');
  const bad = checkAnswers(matrix, answers);
  if (bad) throw problem(bad);

  let result = walk(matrix, answers);
  if (result.kind === 'question' && interactive) {
    const [{ interview }, { askQuestion, triageHeader }, colors] = await Promise.all([import('../../triage/interview.js'), import('../prompt.js'), colorsFor(io)]);
    if (header && !options.json && !options.markdown) io.stdout.write(`${triageHeader(matrix.name, colors)}\n`);
    result = await interview(matrix, answers, (step) => askQuestion(step, colors), previous);
  }
  switch (result.kind) {
    case 'outcome':
      return { outcome: result.outcome, path: result.path, decidedBy: 'tree' };
    case 'question': {
      const q = result.question;
      const message = `missing answer to "${q.id}" (${q.text}); choices: ${choiceList(q)}; pass --answer ${q.id}=CHOICE`;
      throw fail('missing_answer', message, { question: questionJson(q), path: pathJson(result.path) });
    }
    case 'invalid-answer': {
      const q = result.question;
      throw fail('invalid_answer', invalidAnswerMessage(q, result.given), { question: questionJson(q), given: result.given, path: pathJson(result.path) });
    }
    case 'no-tree':
      throw fail('no_tree', 'the matrix has no triage tree; pass --severity ID');
    case 'broken':
      throw fail('broken_tree', `the triage tree is broken: ${result.reason}; run escalate lint`, {}, EXIT.findings);
  }
}

async function withMessage(matrix: Matrix, result: TriageResult, options: TriageOptions, io: Io): Promise<TriageResult> {
  const [{ renderMessage }, { placeholderValues, clientValues }] = await Promise.all([import('../../comms/render.js'), import('../../comms/values.js')]);
  const { values, gaps } = placeholderValues(result, {
    ...(options.impact !== undefined ? { impact: options.impact } : {}),
    ...(options.actions !== undefined ? { actions: options.actions } : {}),
    ...(options.nextStep !== undefined ? { nextStep: options.nextStep } : {}),
  });
  // A client template gives the owner's client_contact, never the internal contact; without one it is a gap to fill.
  const forClient = clientValues(matrix, result);
  const rendered = renderMessage(matrix, options.message!, result.severity.id, values, options.audience, forClient.values);
  if (rendered.ok && rendered.message.audience === 'client') gaps.push(...forClient.gaps);
  if (!rendered.ok) throw fail(rendered.code, rendered.reason, {}, rendered.code === 'unknown_placeholder' ? EXIT.findings : EXIT.usage);
  if (options.audience === undefined && rendered.message.audience === 'internal') {
    io.stderr.write(`note: the matrix has no client ${options.message} template for ${result.severity.id}; this is the internal one, not for the client (--audience internal picks it without this note)\n`);
  }
  const open = gaps.filter((g) => rendered.used.includes(g));
  if (open.length > 0) {
    const flags: Partial<Record<string, string>> = { impact: '--impact', actions: '--actions', next_step: '--next-step', owner_contact: `${result.owner.title} has only an internal contact; give the role a client_contact` };
    io.stderr.write(`note: the message has gaps to fill: ${open.map((g) => `[${g}]${flags[g] ? ` (${flags[g]})` : ''}`).join(', ')}\n`);
  }
  return { ...result, message: rendered.message };
}

/** `--answer contract=…` (or `contract:` in an answers file) is the contract question, unless the tree has a question of that id. */
function splitContractAnswer(matrix: Matrix, answers: Record<string, string>): { treeAnswers: Record<string, string>; contractAnswer?: string } {
  const treeHasIt = matrix.triage !== undefined && Object.hasOwn(matrix.triage.questions, CONTRACT_QUESTION);
  if (treeHasIt || !hasContracts(matrix) || !Object.hasOwn(answers, CONTRACT_QUESTION)) return { treeAnswers: answers };
  const { [CONTRACT_QUESTION]: contractAnswer, ...treeAnswers } = answers;
  return { treeAnswers, ...(contractAnswer !== undefined ? { contractAnswer } : {}) };
}

/** --client / --tier; `--client none` says explicitly that no contract applies. */
function flagContract(options: TriageOptions): ContractRequest {
  if (options.client?.toLowerCase() === NO_CONTRACT && options.tier === undefined) return {};
  return { ...(options.client !== undefined ? { client: options.client } : {}), ...(options.tier !== undefined ? { tier: options.tier } : {}) };
}

function requestOf(answer: ContractAnswer): ContractRequest {
  return answer.kind === 'client' ? { client: answer.id } : answer.kind === 'tier' ? { tier: answer.id } : {};
}

function answeredContract(matrix: Matrix, given: string, path: PathEntry[]): ContractRequest {
  const match = matchContract(matrix, given);
  if (match) return requestOf(match);
  const q = contractQuestion(matrix);
  throw fail('invalid_answer', invalidAnswerMessage(q, given), { question: questionJson(q), given, path: pathJson(path) });
}

/**
 * On a terminal, after the tree: the contract (when the matrix has clients or tiers and none
 * was named) and the start (when none was given). "Back" from the contract returns to the
 * last tree question; from the start, to the contract or the tree.
 */
async function askContext(
  matrix: Matrix,
  options: TriageOptions,
  replay: Replay,
  io: Io,
  first: Decision,
  given: ContractRequest | undefined,
): Promise<{ decision: Decision; contract: ContractRequest | undefined; start: Date | undefined; contractLabel?: string; earlierStart?: string }> {
  const [{ askContract, askStart }, colors] = await Promise.all([import('../prompt.js'), colorsFor(io)]);
  const askForContract = given === undefined && hasContracts(matrix);
  const askForStart = options.at === undefined && replay.at === undefined;
  let decision = first;
  let contract = given;
  let start: Date | undefined;
  // What was chosen before a Back, preselected when the prompt is asked again.
  let contractChosen: string | undefined;
  let contractLabel: string | undefined;
  let earlierStart: string | undefined;
  const zone = options.tz ?? matrix.timezone;
  const read = (text: string) => parseStart(text, { now: io.now(), displayZone: zone, matrixZone: matrix.timezone });
  type Step = 'contract' | 'start';
  let step: Step | undefined = askForContract ? 'contract' : askForStart ? 'start' : undefined;
  const backIntoTree = async (): Promise<boolean> => {
    if (decision.decidedBy !== 'tree' || decision.path.length === 0) return false;
    const answers = Object.fromEntries(decision.path.slice(0, -1).map((p) => [p.question, p.unsure ? 'unsure' : p.answer]));
    const last = decision.path.at(-1)!;
    decision = await decide(matrix, options, answers, replay, true, io, false, { [last.question]: replyOf(last) });
    return true;
  };
  while (step !== undefined) {
    if (step === 'contract') {
      const reply = await askContract(contractQuestion(matrix), decision.decidedBy === 'tree' && decision.path.length > 0, colors, undefined, contractChosen);
      if (reply.kind === 'back') {
        await backIntoTree();
        continue;
      }
      contractChosen = reply.id;
      contractLabel = contractQuestion(matrix).choices.find((ch) => ch.id === reply.id)?.label;
      contract = requestOf(matchContract(matrix, reply.id) ?? { kind: 'none' });
      step = askForStart ? 'start' : undefined;
    } else {
      const canGoBack = askForContract || (decision.decidedBy === 'tree' && decision.path.length > 0);
      const reply = await askStart(
        (text) => {
          const r = read(text);
          return r.ok ? { ok: true, shown: formatInstant(r.date, zone) } : { ok: false, reason: r.reason };
        },
        canGoBack ? (askForContract ? 'the contract' : 'the last triage question') : undefined,
        colors,
      );
      if (reply.kind === 'back') {
        if (askForContract) {
          contract = undefined;
          step = 'contract';
        } else await backIntoTree();
        continue;
      }
      const r = read(reply.text);
      if (!r.ok) throw fail('invalid_option', `start ${r.reason}`);
      start = r.date;
      if (reply.text !== 'now') earlierStart = reply.text;
      step = undefined;
    }
  }
  return { decision, contract, start, ...(contractLabel !== undefined ? { contractLabel } : {}), ...(earlierStart !== undefined ? { earlierStart } : {}) };
}
