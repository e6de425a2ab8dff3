/** Compact terminal output: one line per change, grouped by area, then the triage impact. */
import type { Colors } from '../../cli/colors.js';
import { describeChange, describePath, summaryLine } from '../describe.js';
import { AREA_TITLES, type Area, type Change, type Direction, type MatrixDiff, type PathImpact } from '../types.js';
import { groupByArea, type SideLabels } from './labels.js';

export function renderTerminal(diff: MatrixDiff, labels: SideLabels, c: Colors): string {
  const out = [`${c.bold('escalate diff')} ${c.dim(`${labels.old} → ${labels.new}`)}`];
  const summary = summaryLine(diff.summary);
  out.push(diff.summary.looser > 0 || diff.summary.loweredPaths > 0 ? c.yellow(summary) : summary);
  for (const [area, changes] of groupByArea(diff.changes)) {
    out.push('', c.bold(AREA_TITLES[area as Area]));
    for (const change of changes) out.push(`  ${marker(change, c)} ${describeChange(change)}${tag(change.direction, c)}`);
  }
  const { impact } = diff;
  if (impact.affected > 0 || impact.truncated) {
    const least = impact.truncated ? 'at least ' : '';
    out.push('', c.bold(`Triage impact: ${least}${impact.affected} of ${impact.checked}${impact.truncated ? ' compared' : ''} answer paths end differently`));
    for (const path of impact.paths) out.push(`  ${pathMarker(path, c)} ${describePath(path).text}${tag(path.direction, c)}`);
    if (impact.omitted > 0) out.push(c.dim(`  … and ${impact.omitted} more; raise --max-paths or use --format json to list them`));
    if (impact.truncated) out.push(c.yellow('  the trees have more answer paths than were compared; the impact is incomplete'));
  }
  return `${out.join('\n')}\n`;
}

function marker(change: Change, c: Colors): string {
  if (change.kind === 'added') return c.green('+');
  if (change.kind === 'removed') return c.red('-');
  return c.cyan('~');
}

function pathMarker(path: PathImpact, c: Colors): string {
  if (path.status === 'added') return c.green('+');
  if (path.status === 'removed') return c.red('-');
  return c.cyan('~');
}

function tag(direction: Direction, c: Colors): string {
  if (direction === 'looser') return `  ${c.yellow('looser')}`;
  if (direction === 'stricter') return `  ${c.cyan('stricter')}`;
  return '';
}
