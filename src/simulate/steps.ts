/**
 * Work done a step at a time: a sweep of thousands of starts yields after each start, so the
 * CLI can let its event loop turn between steps (a signal is answered mid-sweep, not after
 * the last start) while the work itself stays a pure function of its data. `completed` runs
 * the steps through at once, for callers with nothing to answer.
 */
export type Steps<T> = Generator<void, T, void>;

export function completed<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
