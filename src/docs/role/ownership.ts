/** What a role is accountable for, and what it may do without escalating. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { reviewDue } from '../../matrix/upkeep.js';
import { allPaths } from '../../triage/engine.js';
import { cell, code, inline, lineStart } from '../escape.js';
import { sentenceList } from '../markdown.js';
import { dateTimeText, severityLabel, stepWhen } from '../format.js';

/** How many triage paths a card lists before summing up the rest. */
const MAX_PATHS = 8;

export function ownership(matrix: Matrix, roleId: string, owned: readonly Severity[]): string[] {
  const out: string[] = [];
  if (owned.length) out.push(`Accountable owner of ${sentenceList(owned.map(severityLabel))}.`);
  const paths = allPaths(matrix).filter((p) => p.outcome.owner === roleId);
  if (paths.length) {
    const shown = paths.slice(0, MAX_PATHS).map((p) => {
      const answers = p.path.map((e) => `${e.question}=${e.answer}`).join(' ');
      return `${code(answers)} → ${severityLabel(p.outcome.severity)}${p.outcome.route ? ` via route ${code(p.outcome.route)}` : ''}`;
    });
    const more = paths.length > MAX_PATHS ? `; and ${paths.length - MAX_PATHS} more paths` : '';
    out.push(`Triage makes you the owner for: ${shown.join('; ')}${more}.`);
  }
  for (const [id, route] of Object.entries(matrix.routes ?? {})) {
    if (route.to !== roleId) continue;
    const triggers = (matrix.triggers ?? []).filter((t) => t.route === id).map((t) => code(t.id));
    out.push(
      `Route ${code(id)}: you take ${route.when.map(inline).join(', ')}${route.via ? `, handed over via ${inline(route.via)}` : ''}${triggers.length ? ` (triggers ${triggers.join(', ')})` : ''}.`,
    );
  }
  for (const s of matrix.severities) {
    if (s.governance?.rca_owner === roleId) out.push(`Root-cause analysis for ${severityLabel(s)}${s.targets?.rca ? `, due within ${s.targets.rca}` : ''}.`);
  }
  for (const s of matrix.severities) {
    (s.escalation ?? []).forEach((step) => {
      if (step.approval === roleId) out.push(`Approve the ${step.layer ? `${step.layer} ` : ''}step of ${severityLabel(s)} (${stepWhen(step.after).toLowerCase()}).`);
    });
  }
  for (const e of matrix.exceptions ?? []) {
    const window = `${dateTimeText(e.from, matrix.timezone)} to ${dateTimeText(e.until, matrix.timezone)}`;
    if (e.approved_by === roleId) out.push(`Approved exception ${code(e.id)} (${inline(e.reason)}), ${window}.`);
    if (e.owner === roleId) out.push(`Owner of incidents under exception ${code(e.id)}, ${window}.`);
  }
  if (matrix.owner === roleId) {
    out.push(`Keeping this matrix current: reviewed ${matrix.reviewed}, next review due ${reviewDue(matrix.reviewed, matrix.review_every)}.`);
  }
  return out;
}

export function authority(matrix: Matrix, roleId: string): string[] {
  return (matrix.authority ?? [])
    .filter((a) => a.role === roleId)
    // `may` begins its bullet: `# x`, `- x` or `1. x` must stay the bullet's text, not a block inside it.
    .map((a) => `${lineStart(cell(a.may))}${a.limit ? ` (limit: ${inline(a.limit)})` : ''}${a.severities?.length ? ` — levels ${a.severities.map(code).join(', ')}` : ''}.`);
}
