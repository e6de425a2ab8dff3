/** The handoff packet: each field, and which severities require it. */
import type { Matrix } from '../../matrix/schema.js';
import { cell, code, inline } from '../escape.js';
import { blocks, table } from '../markdown.js';

export const HANDOFF_HEADING = 'Handoff packet';

export function handoffSection(matrix: Matrix): string | undefined {
  const fields = matrix.handoff ?? [];
  if (fields.length === 0) return undefined;
  const rows = fields.map((f) => [
    `${inline(f.label)} (${code(f.id)})`,
    f.help ? cell(f.help) : '',
    ...matrix.severities.map((s) => (s.handoff?.includes(f.id) ? '✓' : '')),
  ]);
  return blocks(
    `## ${HANDOFF_HEADING}`,
    'Every handoff between roles carries these fields; ✓ marks the ones a level requires.',
    table(['Field', 'What to put in it', ...matrix.severities.map((s) => code(s.id))], rows),
  );
}
