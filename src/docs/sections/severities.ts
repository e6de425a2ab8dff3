/** The severity levels: what qualifies an issue for each, with examples and the accountable role. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { cell } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { roleTitle, severityLabel } from '../format.js';

export const SEVERITIES_HEADING = 'Severity levels';

export function severitiesSection(matrix: Matrix): string {
  const rows = matrix.severities.map((s) => [severityLabel(s), cell(s.definition), impactCell(s), examplesCell(s), roleTitle(matrix, s.owner)]);
  return blocks(
    `## ${SEVERITIES_HEADING}`,
    'Levels are listed most severe first. A level is set by impact (scope, business impact, workaround), never by how loudly it is reported; a customer tier changes targets and routing, not the level.',
    table(['Level', 'Definition', 'Impact', 'Examples', 'Owner'], rows),
  );
}

function impactCell(severity: Severity): string {
  const impact = severity.impact;
  if (!impact) return '';
  const parts: [string, string | undefined][] = [
    ['Scope', impact.scope],
    ['Business', impact.business],
    ['Workaround', impact.workaround],
  ];
  return parts
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([label, text]) => `${label}: ${cell(text)}`)
    .join('<br>');
}

const examplesCell = (severity: Severity): string => (severity.examples ?? []).map((e) => `• ${cell(e)}`).join('<br>');
