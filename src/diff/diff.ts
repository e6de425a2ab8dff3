/**
 * `diffMatrices(old, new)`: every semantic change between two checked matrices, grouped
 * by area, and the triage impact. Pure: no files, no git, no clock.
 */
import type { Matrix } from '../matrix/schema.js';
import type { Sides, Sink } from './compare.js';
import { diffClients, diffExceptions, diffTiers } from './contracts.js';
import { diffCalendars, diffRoles, diffSettings, diffUpkeep } from './general.js';
import { triageImpact, type ImpactOptions } from './impact.js';
import { diffPaging } from './paging.js';
import { diffRoutes, diffTriggers } from './routing.js';
import { diffSeverities } from './severities.js';
import { diffAuthority, diffGovernance, diffHandoff, diffTemplates } from './texts.js';
import { diffTree } from './tree.js';
import { AREAS, type Change, type DiffSummary, type MatrixDiff, type TriageImpact } from './types.js';

/** One differ per part of the matrix; `coverage.test.ts` checks every top-level key has one. */
const DIFFERS: readonly ((sides: Sides, out: Sink) => void)[] = [
  diffSeverities,
  diffRoles,
  diffPaging,
  diffTriggers,
  diffRoutes,
  diffTiers,
  diffClients,
  diffExceptions,
  diffTemplates,
  diffHandoff,
  diffAuthority,
  diffGovernance,
  diffCalendars,
  diffUpkeep,
  diffTree,
  diffSettings,
];

export function diffMatrices(before: Matrix, after: Matrix, options: ImpactOptions = {}): MatrixDiff {
  const sides: Sides = { old: before, new: after };
  const found: Change[] = [];
  for (const differ of DIFFERS) differ(sides, found);
  const changes = sortByArea(found);
  const impact = triageImpact(sides, options);
  return { changes, impact, summary: summarize(changes, impact) };
}

/** Stable: areas in report order, changes within an area in the order they were found. */
function sortByArea(changes: Change[]): Change[] {
  const rank = (c: Change) => AREAS.indexOf(c.area);
  return changes.map((c, i) => ({ c, i })).sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i).map(({ c }) => c);
}

function summarize(changes: readonly Change[], impact: TriageImpact): DiffSummary {
  const count = (direction: Change['direction']) => changes.filter((c) => c.direction === direction).length;
  return {
    changes: changes.length,
    stricter: count('stricter'),
    looser: count('looser'),
    neutral: count('neutral'),
    affectedPaths: impact.affected,
    ...(impact.truncated ? { affectedAtLeast: true } : {}),
    loweredPaths: impact.lowered,
  };
}
