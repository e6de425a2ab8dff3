/**
 * `--format markdown`: a pull-request comment. The first line is a hidden marker so a CI
 * job can find and update its earlier comment instead of adding a new one.
 */
import { changeName, describePath, formatValue, listDelta, summaryLine } from '../describe.js';
import type { FailOnResult } from './json.js';
import { AREA_TITLES, type Area, type Change, type Direction, type MatrixDiff } from '../types.js';
import { groupByArea, type SideLabels } from './labels.js';

export const COMMENT_MARKER = '<!-- escalate-diff -->';
const CELL_MAX = 100;

/** GitHub refuses comments over 65,536 characters; a few hundred rows stay well below. */
export const MAX_CHANGE_ROWS = 300;

export function renderMarkdown(diff: MatrixDiff, labels: SideLabels, failOn?: FailOnResult, maxRows = MAX_CHANGE_ROWS): string {
  const { summary, impact } = diff;
  const out = [COMMENT_MARKER, `### Escalation matrix: ${summaryLine(summary)}`, '', `Comparing \`${labels.old}\` → \`${labels.new}\`.`];
  if (summary.looser > 0 || summary.loweredPaths > 0) {
    const what = [
      summary.looser > 0 ? `${summary.looser} ${summary.looser === 1 ? 'change makes' : 'changes make'} the matrix looser` : '',
      summary.loweredPaths > 0 ? `${summary.loweredPaths} answer ${summary.loweredPaths === 1 ? 'path ends' : 'paths end'} at a lower severity` : '',
    ].filter(Boolean);
    out.push('', '> [!WARNING]', `> ${what.join('; ')}.${failOn?.failed ? ' This needs an explicit approval.' : ''}`);
  }
  for (const [area, changes] of groupByArea(diff.changes.slice(0, maxRows))) {
    out.push('', `#### ${AREA_TITLES[area as Area]}`, '', '| change | old | new | |', '| --- | --- | --- | --- |');
    for (const change of changes) out.push(row([what(change), ...values(change), direction(change.direction)]));
  }
  const hidden = diff.changes.length - maxRows;
  if (hidden > 0) out.push('', `… and ${hidden} more ${hidden === 1 ? 'change' : 'changes'}; run \`escalate diff\` locally or use \`--format json\` to see them all.`);
  if (impact.affected > 0 || impact.truncated) {
    out.push('', `#### Triage impact`, '', `${impact.truncated ? 'At least ' : ''}${impact.affected} of ${impact.checked}${impact.truncated ? ' compared' : ''} answer paths through the decision tree end differently.`, '');
    out.push('| answers | old | new | |', '| --- | --- | --- | --- |');
    for (const path of impact.paths) {
      const words = describePath(path);
      out.push(row([`\`${words.answers}\``, words.before, words.after, path.status === 'changed' ? direction(path.direction) : path.status === 'added' ? 'new path' : 'removed path']));
    }
    if (impact.omitted > 0) out.push('', `… and ${impact.omitted} more; run \`escalate diff --format json\` to list them all.`);
    if (impact.truncated) out.push('', '> [!NOTE]', '> The trees have more answer paths than were compared; the impact above is incomplete.');
  }
  return `${out.join('\n')}\n`;
}

function what(change: Change): string {
  const name = changeName(change);
  return change.kind === 'changed' ? name : `${name} (${change.kind})`;
}

function values(change: Change): [string, string] {
  if (Array.isArray(change.old) && Array.isArray(change.new) && change.kind === 'changed') {
    return [formatValue(change.old, CELL_MAX), `${formatValue(change.new, CELL_MAX)} (${listDelta(change.old, change.new)})`];
  }
  return [change.old === undefined ? '' : formatValue(change.old, CELL_MAX), change.new === undefined ? '' : formatValue(change.new, CELL_MAX)];
}

function direction(d: Direction): string {
  return d === 'looser' ? '**looser**' : d === 'stricter' ? 'stricter' : '';
}

/** A table row; pipes, line breaks and HTML inside cells would break the table or the comment. */
function row(cells: string[]): string {
  const escape = (cell: string) => cell.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\s*\n\s*/g, ' ');
  return `| ${cells.map(escape).join(' | ')} |`;
}
