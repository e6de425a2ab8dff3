/**
 * Long computations in slices. A signal handler (src/cli/entry.ts) runs only between turns
 * of the event loop, so a loop over thousands of records calls `pause()` after each one: at
 * most every 50 ms it lets the loop turn, and SIGINT/SIGTERM end the run at once instead of
 * after the last record. Each step is itself bounded (judging walks at most a century of
 * calendar days, see TIME_SPAN_MS), so a signal is answered within a second.
 */
const SLICE_MS = 50;

export function slicer(): () => Promise<void> | undefined {
  let last = Date.now();
  return () => {
    const now = Date.now();
    if (now - last < SLICE_MS) return undefined;
    last = now;
    return new Promise((resolve) => setImmediate(resolve));
  };
}
