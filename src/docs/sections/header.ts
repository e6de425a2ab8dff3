/** The top of the sheet: title, scope, who keeps the matrix and when it is next reviewed. */
import type { Matrix } from '../../matrix/schema.js';
import { daysUntilReview, reviewDue } from '../../matrix/upkeep.js';
import { code, inline, leading, paragraphs } from '../escape.js';
import { blocks, bullets, heading } from '../markdown.js';
import { roleReach, type SheetOptions } from '../format.js';

export function headerSection(matrix: Matrix, options: SheetOptions): string {
  const from = options.source ? ` from ${code(options.source)}` : '';
  const note = `> Escalation matrix reference sheet, generated${from} by \`escalate docs\`. Edit the matrix, then regenerate this sheet; do not edit it by hand.`;
  const due = reviewDue(matrix.reviewed, matrix.review_every);
  const facts = [
    `**Matrix owner:** ${roleReach(matrix, matrix.owner)}`,
    `**Last reviewed:** ${matrix.reviewed} · **review every:** ${matrix.review_every} · **next review due:** ${due}${reviewStatus(matrix, options)}`,
    `**Time zone:** ${inline(matrix.timezone)} (times and calendars are in this zone unless stated)`,
  ];
  const triggers = matrix.review_triggers?.length
    ? `**Review early when:**\n\n${bullets(matrix.review_triggers.map(leading))}`
    : undefined;
  return blocks(heading(1, leading(matrix.name)), note, matrix.description ? paragraphs(matrix.description) : undefined, bullets(facts), triggers);
}

function reviewStatus(matrix: Matrix, { asOf }: SheetOptions): string {
  if (!asOf) return '';
  const days = daysUntilReview(matrix.reviewed, matrix.review_every, asOf);
  if (days < 0) return ` (**overdue** by ${-days} ${days === -1 ? 'day' : 'days'} on ${asOf})`;
  if (days === 0) return ` (due on ${asOf})`;
  return ` (in ${days} ${days === 1 ? 'day' : 'days'} from ${asOf})`;
}
