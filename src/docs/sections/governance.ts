/** What each severity feeds after resolution, and the thresholds for a governance review. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { triggerCondition } from '../../matrix/governance.js';
import { cell, inline, leading } from '../escape.js';
import { blocks, bullets, table } from '../markdown.js';
import { roleTitle, severityLabel } from '../format.js';

export const GOVERNANCE_HEADING = 'Governance follow-ups';

export function governanceSection(matrix: Matrix): string | undefined {
  const withGovernance = matrix.severities.filter((s) => s.governance || s.targets?.rca);
  const thresholds = matrix.governance_review ?? [];
  if (withGovernance.length === 0 && thresholds.length === 0) return undefined;
  return blocks(
    `## ${GOVERNANCE_HEADING}`,
    withGovernance.length
      ? table(
          ['Level', 'RCA owner', 'RCA due', 'Discussed at', 'Risk-register entry', 'Other follow-ups'],
          withGovernance.map((s) => [
            severityLabel(s),
            s.governance?.rca_owner ? roleTitle(matrix, s.governance.rca_owner) : '',
            s.targets?.rca ?? '',
            s.governance?.review ? cell(s.governance.review) : '',
            riskEntry(s),
            (s.governance?.follow_ups ?? []).map((f) => `• ${cell(f)}`).join('<br>'),
          ]),
        )
      : undefined,
    thresholds.length ? blocks('### Governance review thresholds', bullets(thresholds.map((t) => (typeof t === 'string' ? leading(t) : `${leading(t.text)} (${triggerCondition(t)})`)))) : undefined,
  );
}

function riskEntry(severity: Severity): string {
  const risk = severity.governance?.risk_entry;
  if (!risk) return '';
  return `${risk.after} ${risk.after === 1 ? 'incident' : 'incidents'} within ${inline(risk.within)}`;
}
