/**
 * Deadline expectations of matrix tests, through the triage planner. Loaded on demand:
 * it pulls in the time-zone library, which a lint run without deadline cases never needs.
 */
import type { Matrix } from '../../matrix/schema.js';
import type { ResolvedOutcome } from '../../triage/engine.js';
import { planDeadlines, planIncident } from '../../triage/plan.js';
import { formatInstant, matrixInstant } from '../../time/instant.js';
import type { MatrixCase } from './schema.js';

export interface DeadlineCheck {
  problems: string[];
  /** The owner once the contract is applied (an active exception may change it). */
  owner?: string;
}

export function checkDeadlines(matrix: Matrix, outcome: ResolvedOutcome, c: MatrixCase): DeadlineCheck {
  if (c.at === undefined) return { problems: [`${c.expect.deadlines === undefined ? 'paged' : 'deadlines'} need \`at\`, the incident start they count from`] };
  const zone = matrix.timezone;
  const start = matrixInstant(c.at, zone);
  if (!start.ok) return { problems: [`at: ${start.reason}`] };
  const planned = planDeadlines(matrix, outcome, {
    start: start.date,
    now: start.date,
    ...(c.client !== undefined ? { client: c.client } : {}),
    ...(c.tier !== undefined ? { tier: c.tier } : {}),
  });
  if (!planned.ok) return { problems: [planned.reason] };
  const problems: string[] = [];
  for (const [kind, text] of Object.entries(c.expect.deadlines ?? {})) {
    if (text === undefined) continue;
    const expected = matrixInstant(text, zone);
    if (!expected.ok) {
      problems.push(`deadlines.${kind}: ${expected.reason}`);
      continue;
    }
    const actual = planned.deadlines.find((d) => d.kind === kind);
    if (!actual) problems.push(`expected a ${kind} deadline at ${formatInstant(expected.date, zone)}, but ${outcome.severity.id} sets no ${kind} target`);
    else if (actual.at.getTime() !== expected.date.getTime()) problems.push(`expected ${kind} by ${formatInstant(expected.date, zone)}, got ${actual.iso}`);
  }
  if (c.expect.paged !== undefined) problems.push(...checkPaged(matrix, outcome, c, start.date));
  return { problems, owner: planned.owner.role };
}

/** Time travel: each role named is first paged or pulled in at the time stated. */
function checkPaged(matrix: Matrix, outcome: ResolvedOutcome, c: MatrixCase, start: Date): string[] {
  const zone = matrix.timezone;
  const planned = planIncident(matrix, outcome, {
    start,
    now: start,
    ...(c.client !== undefined ? { client: c.client } : {}),
    ...(c.tier !== undefined ? { tier: c.tier } : {}),
  });
  if (!planned.ok) return [planned.reason];
  const problems: string[] = [];
  for (const [role, text] of Object.entries(c.expect.paged ?? {})) {
    const expected = matrixInstant(text, zone);
    if (!expected.ok) {
      problems.push(`paged.${role}: ${expected.reason}`);
      continue;
    }
    const step = planned.plan.escalation.find((s) => s.notify.some((r) => r.role === role));
    if (!step) problems.push(`expected ${role} paged at ${formatInstant(expected.date, zone)}, but no escalation step of ${outcome.severity.id} pages or pulls in ${role}`);
    else if (step.at.getTime() !== expected.date.getTime()) problems.push(`expected ${role} paged at ${formatInstant(expected.date, zone)}, got ${step.iso}`);
  }
  return problems;
}
