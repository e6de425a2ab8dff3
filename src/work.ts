/**
 * A tally of the work an analysis does (questions and edges visited, answers compared,
 * steps to find a line). Passed in only by tests: they hold an analysis linear by counting
 * its work on inputs ten times apart, which no load on the machine can disturb. Timings
 * belong to `npm run bench`.
 */
export type WorkKind = 'visit' | 'comparison' | 'line-step';

export interface WorkCounter {
  add(kind: WorkKind, units?: number): void;
}

/** A counter that keeps totals per kind. */
export function countWork(): WorkCounter & { totals: Record<WorkKind, number> } {
  const totals: Record<WorkKind, number> = { visit: 0, comparison: 0, 'line-step': 0 };
  return {
    totals,
    add(kind, units = 1) {
      totals[kind] += units;
    },
  };
}
