/**
 * How much a property test or an exhaustive scan does in this run.
 *
 * The suite runs every file once under the machine's own zone, with each property test's
 * full count. CI runs the time-dependent files again under other host zones (vitest projects,
 * `ESCALATE_ZONES` in vitest.config.ts, which sets `ESCALATE_ZONE_PASS=i/n` in each): those
 * passes prove that results do not depend on the host zone, so there a property test makes a
 * fifth of its runs (at least 20) and an exhaustive scan covers a share of its cases, a
 * different share in each zone pass, so that together the zone passes still cover them all.
 * `FUZZ_RUNS` sets every count for a deep run (`npm run fuzz`).
 */

const pass = /^(\d+)\/(\d+)$/.exec(process.env.ESCALATE_ZONE_PASS ?? '');

/** In a zone pass, its index from 0 and the number of zone passes; undefined in the host pass. */
export const ZONE_PASS: { index: number; of: number } | undefined = pass ? { index: Number(pass[1]) - 1, of: Number(pass[2]) } : undefined;

/** The runs a property test makes: `FUZZ_RUNS` when set, else `full` in the host pass and a fifth of it (at least 20) in a zone pass. */
export function runs(full: number): number {
  if (process.env.FUZZ_RUNS) return Number(process.env.FUZZ_RUNS);
  return ZONE_PASS ? Math.min(full, Math.max(20, Math.ceil(full / 5))) : full;
}

/** The cases of an exhaustive scan this pass covers: all of them in the host pass; in zone pass i of n, every n-th from the i-th. */
export function share<T>(cases: readonly T[]): T[] {
  if (!ZONE_PASS || process.env.FUZZ_RUNS) return [...cases];
  return cases.filter((_, i) => i % ZONE_PASS.of === ZONE_PASS.index);
}
