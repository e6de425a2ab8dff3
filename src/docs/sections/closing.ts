/** The checklist for closing an incident. */
import type { Matrix } from '../../matrix/schema.js';
import { leading } from '../escape.js';
import { blocks } from '../markdown.js';

export const CLOSING_HEADING = 'Closing checklist';

export function closingSection(matrix: Matrix): string | undefined {
  const items = matrix.closing ?? [];
  if (items.length === 0) return undefined;
  return blocks(`## ${CLOSING_HEADING}`, 'Before an incident is closed:', items.map((item) => `- [ ] ${leading(item)}`).join('\n'));
}
