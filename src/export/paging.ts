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

/**
 * Triage outcomes that change who owns the incident or who is told (the MSP "security
 * concern → security" owner, a VIP path's account manager). An alert carries a severity, a
 * tier and a client, not the triage answer, so no paging tool can route these: each is
 * listed as not exported, where it is in the tree. `tool` names the export in the message.
 */
export function outcomeRoleWarnings(matrix: Matrix, tool: string): { code: string; message: string; path: Path }[] {
  const out: { code: string; message: string; path: Path }[] = [];
  for (const [qid, question] of Object.entries(matrix.triage?.questions ?? {})) {
    question.answers.forEach((answer, k) => {
      const outcome = answer.outcome;
      if (!outcome) return;
      const severity = matrix.severities.find((s) => s.id === outcome.severity);
      const at: Path = ['triage', 'questions', qid, 'answers', k, 'outcome'];
      const where = `triage "${qid}" → "${answer.label}" (${outcome.severity})`;
      if (outcome.owner !== undefined && severity && outcome.owner !== severity.owner) {
        out.push({ code: 'outcome-roles', path: [...at, 'owner'], message: `${where} makes ${outcome.owner} the owner; alerts carry no triage answer, so ${tool} pages ${outcome.severity}'s roles and ${outcome.owner} is not paged for it` });
      }
      if ((outcome.inform ?? []).length > 0) {
        out.push({ code: 'outcome-roles', path: [...at, 'inform'], message: `${where} informs ${outcome.inform!.join(', ')}; alerts carry no triage answer, so ${tool} does not tell them` });
      }
    });
  }
  return out;
}
