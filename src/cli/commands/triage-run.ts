/**
 * `escalate triage`: gather answers (flags, file, or prompts on a terminal), walk the
 * tree, plan the incident from its start time, and print a card, JSON or markdown.
 * Without a terminal a missing answer is an error naming the question, never a hang.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isValidTimeZone } from '../../time/zone.js';
import { parseInstant } from '../../time/instant.js';
import { walk, type PathEntry, type QuestionView, type ResolvedOutcome } from '../../triage/engine.js';
import { answersFromData, checkAnswers, choiceList, parseAnswerFlag, type AnswerProblem } from '../../triage/answers.js';
import { planIncident } from '../../triage/plan.js';
import { buildResult } from '../../triage/result.js';
import type { TriageError, TriageResult } from '../../triage/result-schema.js';
import type { Matrix } from '../../matrix/schema.js';
import { colorsFor } from '../colors.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, ExitError, type Io } from '../io.js';
import { loadMatrixFile, readText, requireMatrix, resolveMatrixPath } from '../matrix-file.js';
import type { TriageOptions } from './triage.js';

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

const fail = (code: string, message: string, extra: Partial<ErrorDetail> = {}, exitCode: number = EXIT.usage) =>
  new TriageExit(exitCode, message, { code, message, ...extra });

export async function runTriage(options: TriageOptions, io: Io): Promise<number> {
  try {
    return await triage(options, io);
  } catch (error) {
    if (options.json && error instanceof Error && error.name === 'ExitError') {
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
    throw fail('invalid_option', `--tz "${options.tz}" is not a time zone; use an IANA name like Europe/Berlin or America/New_York`);
  }
  const recordPath = options.record !== undefined ? resolve(io.cwd, options.record) : undefined;
  if (recordPath && existsSync(recordPath)) {
    throw fail('record_exists', `${options.record} already exists; a record is never overwritten, name a new file`);
  }
  const path = resolveMatrixPath(options.matrix, io);
  const file = loadMatrixFile(path, io);
  const matrix = requireMatrix(file);

  const now = io.now();
  let start = now;
  if (options.at !== undefined) {
    const parsed = parseInstant(options.at, matrix.timezone);
    if (!parsed.ok) throw fail('invalid_option', `--at ${parsed.reason}`);
    if (Math.abs(parsed.date.getTime() - now.getTime()) > MAX_AT_DISTANCE_MS) {
      throw fail('invalid_option', `--at "${options.at}" is more than 100 years from now; check the year`);
    }
    start = parsed.date;
  }

  const scripted = await gatherAnswers(options, io);
  const handoffValues = { ...scripted.handoff, ...parseFields(options.field ?? []) };
  const { outcome, path: walked, decidedBy } = await decide(matrix, options, scripted.answers, interactive, io);

  const planned = planIncident(matrix, outcome, { start, now, ...(options.tz ? { displayZone: options.tz } : {}), ...(options.client ? { client: options.client } : {}), ...(options.tier ? { tier: options.tier } : {}) });
  if (!planned.ok) throw fail(planned.code.replace(/-/g, '_'), planned.reason);
  const plan = planned.plan;

  if (options.handoff && interactive) {
    const { askText } = await import('../prompt.js');
    for (const field of plan.handoff) {
      if (handoffValues[field.id]?.trim()) continue;
      const value = await askText(field.label, field.help);
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
  if (recordPath) writeFileAtomic(recordPath, json, { overwrite: false });

  if (options.json) io.stdout.write(json);
  else if (options.markdown) {
    const { formatMarkdown } = await import('../../triage/markdown.js');
    io.stdout.write(formatMarkdown(result));
  } else if (options.message && result.message) {
    const m = result.message;
    io.stdout.write(`${m.subject !== undefined ? `Subject: ${m.subject}\n\n` : ''}${m.body.trimEnd()}\n`);
  } else {
    const { formatCard } = await import('../../triage/card.js');
    io.stdout.write(formatCard(result, await colorsFor(io)));
  }
  if (recordPath && !options.json) io.stderr.write(`recorded to ${options.record}\n`);
  return EXIT.ok;
}

async function gatherAnswers(options: TriageOptions, io: Io): Promise<{ answers: Record<string, string>; handoff: Record<string, string> }> {
  const answers: Record<string, string> = {};
  let handoff: Record<string, string> = {};
  if (options.answers !== undefined) {
    const text = readText(options.answers, io, 'answers file');
    const data = await parseAnswersText(text, options.answers);
    const read = answersFromData(data, options.answers);
    if ('code' in read) throw problem(read);
    Object.assign(answers, read.answers);
    handoff = read.handoff;
  }
  for (const flag of options.answer ?? []) {
    const parsed = parseAnswerFlag(flag);
    if ('code' in parsed) throw problem(parsed);
    answers[parsed.question] = parsed.answer;
  }
  return { answers, handoff };
}

/** YAML or JSON (JSON is YAML); the parser is already loaded with the matrix. */
async function parseAnswersText(text: string, file: string): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const where = error.linePos?.[0];
    throw fail('bad_answers_file', `${file}${where ? `:${where.line}:${where.col}` : ''}: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw fail('bad_answers_file', `${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

function parseFields(flags: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw fail('invalid_option', `--field "${flag}": write it as ID=TEXT, like --field impact-summary="Checkout down for all tenants"`);
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

async function decide(matrix: Matrix, options: TriageOptions, answers: Record<string, string>, interactive: boolean, io: Io): Promise<Decision> {
  if (options.severity !== undefined) {
    if (Object.keys(answers).length > 0) throw fail('invalid_option', '--severity skips the tree; pass either --severity or answers, not both');
    const severity = matrix.severities.find((s) => s.id === options.severity);
    if (!severity) throw fail('unknown_severity', `--severity "${options.severity}" is not defined; severities: ${matrix.severities.map((s) => s.id).join(', ')}`);
    return { outcome: { severity, owner: severity.owner }, path: [], decidedBy: 'severity' };
  }
  if (!matrix.triage) throw fail('no_tree', 'the matrix has no triage tree; pass --severity ID');
  const bad = checkAnswers(matrix, answers);
  if (bad) throw problem(bad);

  let result = walk(matrix, answers);
  if (result.kind === 'question' && interactive) {
    const [{ interview }, { askQuestion }, colors] = await Promise.all([import('../../triage/interview.js'), import('../prompt.js'), colorsFor(io)]);
    if (!options.json && !options.markdown) io.stdout.write(`${colors.bold('Triage')} · ${matrix.name} ${colors.dim('(Ctrl-C to stop)')}\n`);
    result = await interview(matrix, answers, (step) => askQuestion(step, colors));
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
      throw fail('invalid_answer', `"${result.given}" is not an answer to ${q.id} (${q.text}); choices: ${choiceList(q)}`, { question: questionJson(q), given: result.given, path: pathJson(result.path) });
    }
    case 'no-tree':
      throw fail('no_tree', 'the matrix has no triage tree; pass --severity ID');
    case 'broken':
      throw fail('broken_tree', `the triage tree is broken: ${result.reason}; run escalate lint`, {}, EXIT.findings);
  }
}

async function withMessage(matrix: Matrix, result: TriageResult, options: TriageOptions, io: Io): Promise<TriageResult> {
  const [{ renderMessage }, { placeholderValues }] = await Promise.all([import('../../comms/render.js'), import('../../comms/values.js')]);
  const { values, gaps } = placeholderValues(result, {
    ...(options.impact !== undefined ? { impact: options.impact } : {}),
    ...(options.actions !== undefined ? { actions: options.actions } : {}),
    ...(options.nextStep !== undefined ? { nextStep: options.nextStep } : {}),
  });
  const rendered = renderMessage(matrix, options.message!, result.severity.id, values, options.audience);
  if (!rendered.ok) throw fail(rendered.code, rendered.reason, {}, rendered.code === 'unknown_placeholder' ? EXIT.findings : EXIT.usage);
  const open = gaps.filter((g) => rendered.used.includes(g));
  if (open.length > 0) {
    const flags: Partial<Record<string, string>> = { impact: '--impact', actions: '--actions', next_step: '--next-step' };
    io.stderr.write(`note: the message has gaps to fill: ${open.map((g) => `[${g}]${flags[g] ? ` (${flags[g]})` : ''}`).join(', ')}\n`);
  }
  return { ...result, message: rendered.message };
}
