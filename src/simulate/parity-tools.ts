/**
 * Parity with Alertmanager and the iCalendar file, for `simulate --parity` (on what escalate
 * exports now) and `export alertmanager|ics --check FILE --parity DATE` (on the file the team
 * keeps): the week holding DATE simulated, each difference one located diagnostic with how
 * many hourly starts it holds for and the first. Pure.
 */
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { exportAlertmanager, outcomeLabel } from '../export/alertmanager.js';
import { exportIcs } from '../export/ics.js';
import type { Matrix } from '../matrix/schema.js';
import { walk } from '../triage/engine.js';
import { alertmanagerParitySteps } from './parity-alertmanager.js';
import { icsParitySteps } from './parity-ics.js';
import { completed, type Steps } from './steps.js';
import type { ParityFinding } from './parity-pagerduty.js';
import type { SimulateResult } from './result-schema.js';
import { weekSimulation } from './week.js';

export type ParityTool = 'alertmanager' | 'ics';

export const TOOL_PARITY_CHECKS: { id: string; rationale: string; level: 'error' | 'warning' }[] = [
  { id: 'parity-not-paged', level: 'error', rationale: 'The matrix pages a role first that the tool never notifies (no route reaches its receiver, or it stays muted for two weeks).' },
  { id: 'parity-later', level: 'error', rationale: 'Alertmanager notifies a role later than the matrix pages it: its route is muted or inactive while the matrix calendar is open or round the clock, or it waits past the calendar opening.' },
  { id: 'parity-other-receiver', level: 'error', rationale: 'Alertmanager notifies a receiver the matrix does not page first.' },
  { id: 'parity-held', level: 'warning', rationale: 'A route muted or inactive while the matrix calendar is closed notifies when the calendar opens; the matrix pages at once but its clock starts only then.' },
  { id: 'parity-earlier', level: 'warning', rationale: 'Alertmanager notifies a role earlier than the matrix pages it (the matrix waits before its first step).' },
  { id: 'parity-missing-holiday', level: 'error', rationale: 'A matrix holiday the calendar file does not show: importers see a working day or nothing.' },
  { id: 'parity-extra-holiday', level: 'error', rationale: 'The calendar file shows a holiday the matrix does not have.' },
  { id: 'parity-hours', level: 'error', rationale: 'The calendar file shows working hours where the matrix calendar is closed, or none where it is open.' },
  { id: 'parity-limits', level: 'warning', rationale: 'What the tool cannot do whatever its configuration (timed escalation steps, roles without a receiver).' },
];

/**
 * The alert labels beside the severity: the contract's tier (or its client's) and client, and
 * when triage answers chose the severity, the `outcome` (QUESTION.ANSWER) the export routes.
 */
export function contractLabels(matrix: Matrix, contract: SimulateResult['contract'], answers?: Readonly<Record<string, string>>): { tier?: string; client?: string; outcome?: string } {
  const tier = contract.tier ?? (contract.client !== undefined && matrix.clients && Object.hasOwn(matrix.clients, contract.client) ? matrix.clients[contract.client]!.tier : undefined);
  const walked = answers !== undefined && Object.keys(answers).length > 0 ? walk(matrix, answers) : undefined;
  const last = walked?.kind === 'outcome' ? walked.path.at(-1) : undefined;
  return {
    ...(tier !== undefined ? { tier } : {}),
    ...(contract.client !== undefined ? { client: contract.client } : {}),
    ...(last ? { outcome: outcomeLabel(last.question, last.answer) } : {}),
  };
}

type ParityOutcome = { ok: true; parity: NonNullable<SimulateResult['parity']> } | { ok: false; reason: string };

/** `simulate --parity TOOL`: the simulation evaluated on what `escalate export TOOL` writes today. */
export function exportParity(tool: ParityTool, matrix: Matrix, result: SimulateResult): ParityOutcome {
  return completed(exportParitySteps(tool, matrix, result));
}

/** exportParity, a start at a time once the export is made (see Steps). */
export function* exportParitySteps(tool: ParityTool, matrix: Matrix, result: SimulateResult): Steps<ParityOutcome> {
  const data = tool === 'alertmanager' ? exportAlertmanager(matrix).config : Object.keys(matrix.calendars ?? {}).length > 0 ? exportIcs(matrix).text : '';
  yield;
  return yield* evaluate(tool, matrix, result, data);
}

function* evaluate(tool: ParityTool, matrix: Matrix, result: SimulateResult, data: unknown): Steps<ParityOutcome> {
  if (tool === 'ics' && data === '') return { ok: true, parity: { tool, findings: [], notes: ['the matrix defines no calendars: every target runs round the clock'] } };
  const found = tool === 'alertmanager' ? yield* alertmanagerParitySteps(result, data, contractLabels(matrix, result.contract, result.answers)) : yield* icsParitySteps(result, String(data));
  if ('ok' in found) return found;
  return { ok: true, parity: { tool, findings: found.findings, notes: found.notes } };
}

/** Parity findings for the week holding `date` on the configuration in `text`, as diagnostics at what they concern. */
export function toolParityDiagnostics(tool: ParityTool, matrix: Matrix, text: string, date: string): { ok: true; diagnostics: Diagnostic[] } | { ok: false; reason: string } {
  const simulated = weekSimulation(matrix, date);
  if (!simulated.ok) return simulated;
  let data: unknown = text;
  if (tool === 'alertmanager') {
    try {
      data = parse(text, { maxAliasCount: 100, uniqueKeys: false }) as unknown;
    } catch (e) {
      return { ok: false, reason: `cannot read the configuration: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
    }
  }
  const found = completed(evaluate(tool, matrix, simulated.result, data));
  if (!found.ok) return found;
  const lines = text.split(/\r?\n/);
  const lineOf = (f: ParityFinding) => {
    const needles = tool === 'ics' ? [`-${f.calendar}-hours@`, `CATEGORIES:${f.calendar}`] : [`severity="${f.severity}"`, `severity=${f.severity}`, `severity: ${f.severity}`];
    for (const needle of needles) {
      const at = lines.flatMap((l, i) => (l.includes(needle) ? [i] : []));
      // The severity's own route: its matcher alone, not an outcome route that also names it.
      const indent = (j: number) => (lines[j] ?? '').search(/\S/);
      const isItem = (j: number) => /^\s*-\s/.test(lines[j] ?? '');
      const alone = at.find((i) => /matchers:\s*$/.test(lines[i - 1] ?? '') && !(isItem(i + 1) && indent(i + 1) === indent(i)));
      if (at.length > 0) return (alone ?? at[0]!) + 1;
    }
    return 1;
  };
  const groups = new Map<string, { f: ParityFinding; count: number }>();
  for (const f of found.parity.findings) {
    const key = `${f.severity}|${f.calendar ?? ''}|${f.kind}|${f.role ?? ''}|${f.kind === 'other-receiver' ? f.message.split(' ')[3] : ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { f, count: 1 });
  }
  const total = simulated.result.instants.length;
  const from = simulated.result.sweep!.from.slice(0, 10);
  const diagnostics: Diagnostic[] = [...groups.values()].map(({ f, count }) => {
    const code = `parity-${f.kind}`;
    const level = TOOL_PARITY_CHECKS.find((c) => c.id === code)?.level ?? 'error';
    return { code, level, message: `${f.message} (${count} of ${total} hourly starts in the week from ${from}; first ${f.at})`, path: [], line: lineOf(f), column: 1 };
  });
  for (const note of found.parity.notes) diagnostics.push({ code: 'parity-limits', level: 'warning', message: note, path: [], line: 1, column: 1 });
  return { ok: true, diagnostics };
}
