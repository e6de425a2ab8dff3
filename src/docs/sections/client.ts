/** How and by whom the client is told, per severity. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { cell } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { roleReach, roleTitle, severityLabel, stepWhen } from '../format.js';

export const CLIENT_HEADING = 'Client communication';

const NOTIFY_TEXT = { formal: '**formal** notice', informal: 'informal', none: 'not told' } as const;

export function clientSection(matrix: Matrix): string | undefined {
  const withRules = matrix.severities.filter((s) => s.client || s.targets?.notify_client || s.escalation?.some((step) => step.notify_client));
  if (withRules.length === 0) return undefined;
  const rows = withRules.map((s) => [
    severityLabel(s),
    s.client ? NOTIFY_TEXT[s.client.notify] : '',
    s.client?.contact ? roleReach(matrix, s.client.contact) : '',
    s.client?.by ? roleTitle(matrix, s.client.by) : '',
    s.client?.channel ? cell(s.client.channel) : '',
    s.client?.audience ?? '',
    s.targets?.notify_client ?? '',
    s.targets?.update_every ?? '',
    formalSteps(s),
  ]);
  return blocks(
    `## ${CLIENT_HEADING}`,
    'Who on the client side is told, by whom and how. Updates carry a summary, the current impact, the actions taken, the next step, the next update time and the owner.',
    table(['Level', 'Client is', 'Client contact', 'Told by', 'Channel', 'Written for', 'Tell within', 'Updates every', 'Formal notice in the path'], rows),
  );
}

function formalSteps(severity: Severity): string {
  return (severity.escalation ?? [])
    .filter((step) => step.notify_client === true)
    .map((step) => stepWhen(step.after).toLowerCase())
    .join(', ');
}
