/** For each severity, its escalation path as a numbered timeline. */
import type { EscalationStep, Matrix, Severity } from '../../matrix/schema.js';
import { leading } from '../escape.js';
import { blocks, heading, numbered } from '../markdown.js';
import { roleReach, runsOn, severityLabel, stepWhen } from '../format.js';

export const ESCALATION_HEADING = 'Escalation paths';

export function escalationSection(matrix: Matrix): string {
  return blocks(
    `## ${ESCALATION_HEADING}`,
    'Each step happens at the time shown, counted from the incident start, unless the incident is resolved first. Layers run operational → management → client → executive, so leadership hears of what needs leadership.',
    ...matrix.severities.map((s) => severityPath(matrix, s)),
  );
}

function severityPath(matrix: Matrix, severity: Severity): string {
  const facts = [`**Owner:** ${roleReach(matrix, severity.owner)}`];
  if (severity.targets?.escalate_after) facts.push(`escalate when unresolved after ${severity.targets.escalate_after}`);
  if (severity.targets?.update_every) facts.push(`status update every ${severity.targets.update_every}`);
  facts.push(`targets run ${runsOn(severity.calendar)}`);
  const steps = severity.escalation ?? [];
  return blocks(
    heading(3, severityLabel(severity)),
    facts.join(' · '),
    steps.length ? numbered(steps.map((step) => stepText(matrix, step))) : '*No escalation path: the owner handles it alone.*',
  );
}

/** One step: when, which layer, who is pulled in, and what else happens. */
export function stepText(matrix: Matrix, step: EscalationStep): string {
  const head = [`**${stepWhen(step.after)}**`, ...(step.layer ? [step.layer] : [])].join(' · ');
  const extras: string[] = [];
  if (step.notify_client === true) extras.push('**client formally notified**');
  if (step.notify_client === false) extras.push('client not notified');
  if (step.approval) extras.push(`**approval:** ${roleReach(matrix, step.approval)}`);
  const line = `${head} — pull in ${step.notify.map((r) => roleReach(matrix, r)).join('; ')}${extras.length ? ` · ${extras.join(' · ')}` : ''}`;
  return step.note ? `${line}\\\n${leading(step.note)}` : line;
}
