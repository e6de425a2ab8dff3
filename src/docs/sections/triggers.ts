/** Triggers that qualify an issue for severity review, and the cross-functional routes. */
import type { Matrix } from '../../matrix/schema.js';
import { cell, code, inline } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { roleReach, severityRef } from '../format.js';

export const TRIGGERS_HEADING = 'Triggers and routes';

export function triggersSection(matrix: Matrix): string | undefined {
  const triggers = matrix.triggers ?? [];
  const routes = Object.entries(matrix.routes ?? {});
  if (triggers.length === 0 && routes.length === 0) return undefined;
  const triggerTable = triggers.length
    ? blocks(
        '### Triggers',
        'Any of these puts an issue up for severity review, at least at the level shown.',
        table(
          ['Trigger', 'Kind', 'When', 'Review at least as', 'Route'],
          triggers.map((t) => [code(t.id), t.kind, cell(t.when), t.review_as ? severityRef(matrix, t.review_as) : '', t.route ? code(t.route) : '']),
        ),
      )
    : undefined;
  const routeTable = routes.length
    ? blocks(
        '### Cross-functional routes',
        table(
          ['Route', 'Goes to', 'For', 'Hand over via'],
          routes.map(([id, r]) => [code(id), roleReach(matrix, r.to), r.when.map(inline).join(', '), r.via ? cell(r.via) : '']),
        ),
      )
    : undefined;
  return blocks(`## ${TRIGGERS_HEADING}`, triggerTable, routeTable);
}
