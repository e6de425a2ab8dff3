/**
 * Which roles the paging tools reach, shared by the `paging-target` lint rule and the
 * exports. Only the team's own (internal) roles are paged: client and vendor roles are
 * told the way the matrix says, never through the team's pager.
 */
import type { Path } from '../diagnostics.js';
import type { Matrix, PagingTarget, Severity } from '../matrix/schema.js';
import { parseDuration } from '../time/duration.js';

export const PAGING_TOOLS = ['alertmanager', 'pagerduty'] as const;
export type PagingTool = (typeof PAGING_TOOLS)[number];

/** The tools a matrix maps any role onto: an export to any other tool needs no targets. */
export function toolsInUse(matrix: Matrix): PagingTool[] {
  const targets = Object.values(matrix.paging ?? {});
  return PAGING_TOOLS.filter((tool) => targets.some((t) => t[tool] !== undefined));
}

export function targetFor(matrix: Matrix, role: string): PagingTarget | undefined {
  return matrix.paging && Object.hasOwn(matrix.paging, role) ? matrix.paging[role] : undefined;
}

export const isInternal = (matrix: Matrix, role: string): boolean =>
  Object.hasOwn(matrix.roles, role) && (matrix.roles[role]!.side ?? 'internal') === 'internal';

export const afterMinutes = (text: string): number => {
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.minutes : 0;
};

/** One place a role is paged: the severity's owner, a step of its path, or a tier or client contract. */
export interface PagedRole {
  role: string;
  path: Path;
  /** Minutes from the incident start; 0 for the owner and contract roles. */
  after: number;
}

/** Every internal role a severity pages, where it is named, in path order. */
export function pagedRoles(matrix: Matrix, severity: Severity, index: number): PagedRole[] {
  const out: PagedRole[] = [];
  (severity.escalation ?? []).forEach((step, j) =>
    step.notify.forEach((role, k) => out.push({ role, path: ['severities', index, 'escalation', j, 'notify', k], after: afterMinutes(step.after) })),
  );
  if (!out.some((p) => p.role === severity.owner)) out.push({ role: severity.owner, path: ['severities', index, 'owner'], after: 0 });
  return out.filter((p) => isInternal(matrix, p.role));
}
