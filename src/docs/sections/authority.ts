/** What roles may do without escalating. */
import type { Matrix } from '../../matrix/schema.js';
import { cell, code } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { roleTitle } from '../format.js';

export const AUTHORITY_HEADING = 'Authority without escalation';

export function authoritySection(matrix: Matrix): string | undefined {
  const entries = matrix.authority ?? [];
  if (entries.length === 0) return undefined;
  return blocks(
    `## ${AUTHORITY_HEADING}`,
    'What a role may do on its own, within the limit shown; anything beyond it is escalated.',
    table(
      ['Role', 'May', 'Limit', 'Levels'],
      entries.map((a) => [roleTitle(matrix, a.role), cell(a.may), a.limit ? cell(a.limit) : '', a.severities?.length ? a.severities.map(code).join(', ') : 'all']),
    ),
  );
}
