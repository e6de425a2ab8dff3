/**
 * `escalate simulate`: incidents planned at chosen starts without an incident. The severity
 * comes from --severity, from answers that walk the tree, or is every severity; the start
 * from --at (every form triage takes) or a sweep --from/--to --every. Never prompts.
 */
import { isValidTimeZone } from '../../time/zone.js';
import { useHostClock } from '../../time/offset.js';
import { formatInstant } from '../../time/instant.js';
import { weekOf } from '../../simulate/week.js';
import { parseDuration } from '../../time/duration.js';
import { parseStart } from '../../time/start.js';
import { walk, type ResolvedOutcome } from '../../triage/engine.js';
import { answersFromFlags, checkAnswers, choiceList, keyedByUser, sameAnswer } from '../../triage/answers.js';
import { simulateSteps } from '../../simulate/simulate.js';
import type { Steps } from '../../simulate/steps.js';
import { slicer } from '../slices.js';
import type { SimulateResult } from '../../simulate/result-schema.js';
import type { Matrix } from '../../matrix/schema.js';
import { colorsFor } from '../colors.js';
import { EXIT, ExitError, type Io } from '../io.js';
import { loadMatrixFile, requireMatrix, resolveMatrixPath } from '../matrix-file.js';
import type { SimulateOptions } from './simulate.js';
import { quoted } from '../../quote.js';

/** A sweep longer than this many starts is a typo in --every or the range (a year of hours is 8,784). */
export const MAX_STARTS = 10_000;
/** A start further than this from now is a typo in the year. */
const MAX_AT_DISTANCE_MS = 100 * 365.25 * 86_400_000;

class SimulateExit extends ExitError {
  constructor(
    exitCode: number,
    message: string,
    readonly code: string,
  ) {
    super(exitCode, message);
  }
}

const fail = (code: string, message: string, exitCode: number = EXIT.usage) => new SimulateExit(exitCode, message, code);

export async function runSimulate(options: SimulateOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  try {
    return await run(options, io);
  } catch (error) {
    if (options.json && error instanceof ExitError) {
      const code = error instanceof SimulateExit ? error.code : error.exitCode === EXIT.findings ? 'invalid_matrix' : 'usage';
      io.stdout.write(`${JSON.stringify({ error: { code, message: error.message.split('\n')[0] } })}\n`);
    }
    throw error;
  }
}

async function run(options: SimulateOptions, io: Io): Promise<number> {
  if (options.tz !== undefined && !isValidTimeZone(options.tz)) {
    throw fail('invalid_option', `--tz ${quoted(options.tz)} is not a time zone; use an IANA name like Europe/Berlin or America/New_York`);
  }
  if (options.week !== undefined && (options.from !== undefined || options.to !== undefined)) throw fail('invalid_option', '--week is a sweep of its own; pass --week or --from/--to, not both');
  const sweeping = options.from !== undefined || options.to !== undefined || options.week !== undefined;
  if (sweeping && options.at !== undefined) throw fail('invalid_option', '--at simulates one start, --from/--to a range; pass one or the other');
  if (sweeping && options.week === undefined && (options.from === undefined || options.to === undefined)) throw fail('invalid_option', `a sweep needs both --from and --to (${options.from === undefined ? '--from' : '--to'} is missing)`);
  if (options.every !== undefined && !sweeping) throw fail('invalid_option', '--every is the step of a sweep; pass --from and --to with it');
  if (options.svg && !sweeping) throw fail('invalid_option', '--svg draws a sweep; pass --week DATE or --from/--to');
  if (options.severity && options.answer) throw fail('invalid_option', '--severity skips the tree; pass either --severity or --answer, not both');

  const path = resolveMatrixPath(options.matrix, io);
  const file = await loadMatrixFile(path, io);
  const matrix = requireMatrix(file);
  const zone = options.tz ?? matrix.timezone;
  const now = io.now();
  const startAt = (flag: string, text: string): Date => {
    const parsed = parseStart(text, { now, displayZone: zone, matrixZone: matrix.timezone });
    if (!parsed.ok) throw fail('invalid_option', `${flag} ${parsed.reason}`);
    if (Math.abs(parsed.date.getTime() - now.getTime()) > MAX_AT_DISTANCE_MS) throw fail('invalid_option', `${flag} ${quoted(text)} is more than 100 years from now; check the year`);
    return parsed.date;
  };

  const { outcomes, answers } = chooseOutcomes(matrix, options);
  let instants: Date[];
  let sweep: SimulateResult['sweep'];
  if (sweeping) {
    const { from, to } = options.week !== undefined ? weekRange(options.week, zone) : { from: startAt('--from', options.from!), to: startAt('--to', options.to!) };
    const every = options.every ?? '1h';
    const step = parseDuration(every);
    if (!step.ok) throw fail('invalid_option', `--every ${step.reason}`);
    if (step.minutes < 1) throw fail('invalid_option', `--every ${quoted(every)} must be at least 1m`);
    if (to.getTime() < from.getTime()) throw fail('invalid_option', `--to ${formatInstant(to, zone)} is before --from ${formatInstant(from, zone)}`);
    const count = Math.floor((to.getTime() - from.getTime()) / (step.minutes * 60_000)) + 1;
    if (count > MAX_STARTS) throw fail('invalid_option', `--from/--to --every ${every} makes ${count} starts; at most ${MAX_STARTS} (a year of hours is 8,784): take a longer step or a shorter range`);
    instants = Array.from({ length: count }, (_, i) => new Date(from.getTime() + i * step.minutes * 60_000));
    sweep = { from: formatInstant(from, zone), to: formatInstant(to, zone), every };
  } else {
    instants = [options.at !== undefined ? startAt('--at', options.at) : now];
  }

  // A year of hourly starts takes seconds: the steps run in slices, so a signal is answered mid-sweep.
  const pause = slicer();
  const sliced = async <T>(steps: Steps<T>): Promise<T> => {
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      await pause();
    }
  };
  const simulated = await sliced(simulateSteps(matrix, {
    outcomes,
    instants,
    displayZone: zone,
    ...(options.client !== undefined ? { client: options.client } : {}),
    ...(options.tier !== undefined ? { tier: options.tier } : {}),
  }));
  if (!simulated.ok) {
    const where = instants.length > 1 ? ` (${simulated.severity} starting ${formatInstant(simulated.at, zone)})` : '';
    throw fail(simulated.code.replace(/-/g, '_'), `${simulated.reason}${where}`);
  }
  const result: SimulateResult = {
    version: 1,
    matrix: { name: matrix.name, file: path, timezone: matrix.timezone },
    timezone: zone,
    decided_by: options.answer ? 'tree' : 'severity',
    answers,
    contract: { ...(options.client !== undefined ? { client: options.client } : {}), ...(options.tier !== undefined ? { tier: options.tier } : {}) },
    ...(sweep ? { sweep } : {}),
    instants: simulated.instants,
  };
  if (options.parity !== undefined) {
    if (options.svg) throw fail('invalid_option', '--parity lists differences; draw the picture without it');
    const tools = options.parity === 'all' ? (['pagerduty', 'alertmanager', 'ics'] as const) : [options.parity];
    const found: NonNullable<SimulateResult['parity']>[] = [];
    for (const tool of tools) found.push(await parityWith(tool, matrix, result, sliced));
    if (options.parity === 'all') result.parities = found;
    else result.parity = found[0]!;
  }
  if (options.svg) {
    const { formatCoverageSvg } = await import('../../simulate/coverage-svg.js');
    io.stdout.write(formatCoverageSvg(result));
  } else if (options.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (options.markdown) {
    const { formatSimulationMarkdown } = await import('../../simulate/markdown.js');
    io.stdout.write(formatSimulationMarkdown(result));
  } else {
    const { formatSimulationCard } = await import('../../simulate/card.js');
    io.stdout.write(formatSimulationCard(result, await colorsFor(io), io.stdout.columns ? { columns: io.stdout.columns } : {}));
  }
  return EXIT.ok;
}

/** The simulation evaluated on what `escalate export TOOL` writes today. */
async function parityWith(tool: 'pagerduty' | 'alertmanager' | 'ics', matrix: Matrix, result: SimulateResult, sliced: <T>(steps: Steps<T>) => Promise<T>): Promise<NonNullable<SimulateResult['parity']>> {
  if (tool === 'pagerduty') {
    const { exportPagerduty } = await import('../../export/pagerduty.js');
    const { pagerdutyParitySteps, pagerdutyNotes } = await import('../../simulate/parity-pagerduty.js');
    const config = exportPagerduty(matrix).config;
    const notes = [...new Set((result.instants[0]?.severities ?? []).map((sim) => pagerdutyNotes(sim, config)).filter((n): n is string => n !== undefined))];
    return { tool: 'pagerduty', findings: await sliced(pagerdutyParitySteps(result, config)), notes };
  }
  const { exportParitySteps } = await import('../../simulate/parity-tools.js');
  const found = await sliced(exportParitySteps(tool, matrix, result));
  if (!found.ok) throw fail('parity', `--parity ${tool}: ${found.reason}`);
  return found.parity;
}

function weekRange(date: string, zone: string): { from: Date; to: Date } {
  const week = weekOf(date, zone);
  if (!week.ok) throw fail('invalid_option', `--week ${week.reason}`);
  return week;
}

/** The outcomes to simulate: the one the answers reach, the severities named, or every severity. */
function chooseOutcomes(matrix: Matrix, options: SimulateOptions): { outcomes: ResolvedOutcome[]; answers: Record<string, string> } {
  const answers = keyedByUser<string>();
  if (options.answer) {
    // Two flags that answer one question differently are refused, as in triage.
    const flagged = answersFromFlags(options.answer, sameAnswer(matrix));
    if ('problem' in flagged) throw fail(flagged.problem.code, flagged.problem.message);
    Object.assign(answers, flagged.answers);
    if (!matrix.triage) throw fail('no_tree', 'the matrix has no triage tree; pass --severity ID');
    const problem = checkAnswers(matrix, answers);
    if (problem) throw fail(problem.code, problem.message);
    const walked = walk(matrix, answers);
    if (walked.kind === 'question') {
      throw fail('missing_answer', `the answers stop at "${walked.question.id}" (${walked.question.text}); choices: ${choiceList(walked.question)}; add --answer ${walked.question.id}=CHOICE`);
    }
    if (walked.kind !== 'outcome') throw fail('broken_tree', walked.kind === 'broken' ? `the triage tree is broken: ${walked.reason}; run escalate lint` : 'the answers reach no outcome');
    return { outcomes: [walked.outcome], answers: { ...answers } };
  }
  const ids = options.severity ?? matrix.severities.map((s) => s.id);
  const outcomes = ids.map((id) => {
    const severity = matrix.severities.find((s) => s.id === id);
    if (!severity) throw fail('unknown_severity', `--severity ${quoted(id)} is not defined; severities: ${matrix.severities.map((s) => s.id).join(', ')}`);
    return { severity, owner: severity.owner };
  });
  return { outcomes: outcomes.filter((o, i) => outcomes.findIndex((p) => p.severity.id === o.severity.id) === i), answers: {} };
}
