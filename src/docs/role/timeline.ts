/** When a role is pulled in, when it escalates and to whom, and what a handoff carries. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { code, inline } from '../escape.js';
import { blocks, numbered, sentenceList } from '../markdown.js';
import { dateTimeText, roleReach, roleTitle, runsOn, severityLabel, stepWhen } from '../format.js';
import { stepText } from '../sections/escalation.js';

/** Whether a role owns a level or is pulled into its escalation path. */
export const involved = (severity: Severity, roleId: string): boolean =>
  severity.owner === roleId || (severity.escalation ?? []).some((step) => step.notify.includes(roleId));

export function pulledIn(matrix: Matrix, roleId: string): string[] {
  const out: string[] = [];
  for (const s of matrix.severities) {
    const steps = (s.escalation ?? []).filter((step) => step.notify.includes(roleId));
    if (steps.length && s.owner !== roleId) {
      const when = steps.map((step) => `${stepWhen(step.after).toLowerCase()}${step.layer ? ` (${step.layer})` : ''}`);
      out.push(`${severityLabel(s)}: ${sentenceList(when)}; owner ${roleReach(matrix, s.owner)}.`);
    }
  }
  for (const s of matrix.severities) {
    if (s.client?.contact === roleId && s.client.notify !== 'none') {
      const by = s.client.by ? ` by ${roleReach(matrix, s.client.by)}` : '';
      out.push(`${severityLabel(s)}: you are told${by}, ${s.client.notify === 'formal' ? 'formally' : 'informally'}${s.client.channel ? ` (${inline(s.client.channel)})` : ''}${s.targets?.notify_client ? ` within ${s.targets.notify_client}` : ''}.`);
    }
  }
  for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
    if (tier.notify?.includes(roleId)) out.push(`Every incident of a client in tier ${code(id)}.`);
  }
  for (const client of Object.values(matrix.clients ?? {})) {
    if (client.notify?.includes(roleId)) out.push(`Every incident of ${inline(client.name)}.`);
  }
  for (const e of matrix.exceptions ?? []) {
    if (e.notify?.includes(roleId)) out.push(`While exception ${code(e.id)} is active (${dateTimeText(e.from, matrix.timezone)} to ${dateTimeText(e.until, matrix.timezone)}).`);
  }
  return out;
}

export function escalations(matrix: Matrix, roleId: string, owned: readonly Severity[]): string {
  const parts: string[] = [];
  for (const s of owned) {
    const steps = s.escalation ?? [];
    const facts = [...(s.targets?.escalate_after ? [`escalate when unresolved after ${s.targets.escalate_after}`] : []), `targets run ${runsOn(s.calendar)}`];
    const lead = `**${severityLabel(s)}**: ${facts.join('; ')}.`;
    parts.push(blocks(lead, steps.length ? numbered(steps.map((step) => stepText(matrix, step))) : '*No escalation path.*'));
  }
  for (const s of matrix.severities) {
    if (s.owner === roleId || !involved(s, roleId)) continue;
    const steps = s.escalation ?? [];
    const first = steps.findIndex((step) => step.notify.includes(roleId));
    const later = steps.slice(first + 1);
    if (later.length) parts.push(blocks(`**${severityLabel(s)}** (owned by ${roleTitle(matrix, s.owner)}), after you are pulled in:`, numbered(later.map((step) => stepText(matrix, step)))));
  }
  return parts.join('\n\n');
}

export function handoffs(matrix: Matrix, roleId: string): string[] {
  const labels = new Map((matrix.handoff ?? []).map((f) => [f.id, f.label]));
  return matrix.severities
    .filter((s) => involved(s, roleId) && s.handoff?.length)
    .map((s) => `${severityLabel(s)}: ${s.handoff!.map((id) => inline(labels.get(id) ?? id)).join(', ')}.`);
}
