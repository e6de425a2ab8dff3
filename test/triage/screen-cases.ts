/**
 * Every case of the screen budget: the answer must fit the screen: for every shipped example, every outcome (and every severity
 * given with --severity), every contract, with and without each exception active, and a
 * spread of starts, what a responder sees after the last prompt (the header, the answered
 * questions, the card) fits an 80x24 terminal with the shell prompt below it.
 */
import { plain } from '../../src/cli/colors.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { SCREEN_ROWS, formatCard, visible } from '../../src/triage/card.js';
import { allPaths, type PathEntry, type ResolvedOutcome } from '../../src/triage/engine.js';
import { contractQuestion, hasContracts, matchContract } from '../../src/triage/contract-question.js';
import { exceptionWindow } from '../../src/triage/contract.js';
import { planIncident } from '../../src/triage/plan.js';
import { buildResult } from '../../src/triage/result.js';
import { answeredLines } from '../../src/cli/prompt.js';
import { loadExample } from './load-example.js';

const COLUMNS = 80;
export const EXAMPLES = ['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml'];
/** Minutes before now that the incident started: now, a typed earlier start, one past several escalation steps, one a day back. */
const STARTS = [0, 20, 95, 240, 1500];
/** Now: a weekday afternoon outside every exception, then inside each exception. */
const BASE_NOW = new Date('2026-03-27T15:42:00Z');

/** The rows a line takes on a terminal COLUMNS wide. */
const rows = (line: string) => Math.max(1, Math.ceil(visible(line).length / COLUMNS));

export interface Case {
  name: string;
  /** Rows on an 80x24 screen: the answered prompts and the card. */
  lines: number;
  card: string;
  /** How to play it: the answers in order (their index among the choices), the contract chosen, the start, the clock. */
  path: PathEntry[];
  contract?: string;
  ago: number;
  now: Date;
}

export function everyCase(file: string): Case[] {
  const matrix: Matrix = loadExample(file);
  const nows: [string, Date][] = [['no exception', BASE_NOW]];
  for (const e of matrix.exceptions ?? []) {
    const w = exceptionWindow(e, matrix.timezone);
    if (w) nows.push([`exception ${e.id}`, new Date(w.from.getTime() + 2 * 86_400_000 + 5 * 3_600_000)]);
  }
  const outcomes: { path: PathEntry[]; outcome: ResolvedOutcome; label: string }[] = allPaths(matrix).map((p) => ({ ...p, label: p.path.map((e) => `${e.question}=${e.answer}`).join(',') }));
  for (const severity of matrix.severities) outcomes.push({ path: [], outcome: { severity, owner: severity.owner }, label: `--severity ${severity.id}` });
  const contracts = hasContracts(matrix) ? contractQuestion(matrix).choices : [undefined];
  const out: Case[] = [];
  for (const [exception, now] of nows) {
    for (const { path, outcome, label } of outcomes) {
      for (const choice of contracts) {
        const answer = choice ? matchContract(matrix, choice.id) : undefined;
        const contract = answer?.kind === 'client' ? { client: answer.id } : answer?.kind === 'tier' ? { tier: answer.id } : {};
        for (const ago of STARTS) {
          const start = new Date(now.getTime() - ago * 60_000);
          const planned = planIncident(matrix, outcome, { start, now, ...contract });
          if (!planned.ok) continue;
          const result = buildResult(matrix, planned.plan, { path, decidedBy: path.length > 0 ? 'tree' : 'severity' });
          const above = answeredLines(matrix, path, choice?.label, ago === 0 ? undefined : `${ago} min ago`);
          const aboveRows = above.reduce((n, l) => n + rows(l), 0);
          const card = formatCard(result, plain, { columns: COLUMNS, rows: SCREEN_ROWS - aboveRows });
          const lines = aboveRows + card.trimEnd().split('\n').reduce((n, l) => n + rows(l), 0);
          // The answer block is whole: severity, owner, who to call now, the deadlines due next.
          const block = [`${result.severity.id.toUpperCase()} · ${result.severity.name}`, 'Owner ', 'Call now '];
          if (result.deadlines.some((d) => d.kind === 'acknowledge')) block.push('  Acknowledge ');
          if (result.escalation.some((s) => !s.reached)) block.push('  Next escalation ');
          const missing = block.filter((b) => !card.includes(b));
          if (missing.length > 0) throw new Error(`${file} ${label}: the card lacks ${missing.join(', ')}`);
          out.push({ name: `${file} ${label} contract=${choice?.id ?? '-'} ${exception} start=-${ago}m`, lines, card, path, ...(choice ? { contract: choice.id } : {}), ago, now });
        }
      }
    }
  }
  return out;
}

