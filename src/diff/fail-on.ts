/**
 * `--fail-on`: when a diff should stop a pull request until someone approves it.
 *
 * - `looser`: a change marked looser (a target longer or removed, in working time on a
 *   calendar; a severity removed; an escalation step later or removed; the client told less
 *   formally; a trigger reviewed at a lower level; less working time on a calendar: business
 *   hours instead of round the clock, shorter hours, fewer working days, more holidays; an
 *   exception that tightened targets narrowed; a longer review cadence), or an answer path
 *   (a "not sure" answer included) that now ends at a less severe level.
 * - `any`: any semantic change or any answer path that ends differently.
 */
import type { MatrixDiff } from './types.js';

export const FAIL_ON = ['looser', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Why the diff fails the given threshold, or undefined when it passes. */
export function failReason(diff: MatrixDiff, mode: FailOn): string | undefined {
  const { summary } = diff;
  if (mode === 'any') {
    if (summary.changes === 0 && summary.affectedPaths === 0) return undefined;
    return `the matrix changed (${count(summary.changes, 'change')}, ${count(summary.affectedPaths, 'answer path')} affected)`;
  }
  const reasons: string[] = [];
  if (summary.looser > 0) reasons.push(`${count(summary.looser, 'change')} ${summary.looser === 1 ? 'makes' : 'make'} the matrix looser`);
  if (summary.loweredPaths > 0) reasons.push(`${count(summary.loweredPaths, 'answer path')} now ${summary.loweredPaths === 1 ? 'ends' : 'end'} at a lower severity`);
  return reasons.length ? reasons.join(' and ') : undefined;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
