/** Parity findings grouped into runs of consecutive starts, for the card and the markdown. Pure. */
import type { ParityFinding } from './parity-pagerduty.js';
import type { SimulateResult } from './result-schema.js';

/**
 * Findings of one kind at consecutive starts, as one run each (`from`, `to`, the first
 * finding's kind and message), in the order their first findings come: what the card and the
 * markdown list. A finding extends the earliest-made run of its key that ends at the start
 * just before its own, else starts a run. Each is placed by a lookup, not a search of the
 * runs so far: a year of hourly starts has thousands of findings, and the search made the
 * card's time grow with the cube of the starts.
 */
export function findingRuns(result: SimulateResult, findings: readonly ParityFinding[], keyOf: (f: ParityFinding) => string): { from: string; to: string; key: string; kind: string; message: string }[] {
  const place = new Map<string, number>();
  result.instants.forEach((instant, i) => {
    if (!place.has(instant.at)) place.set(instant.at, i);
  });
  type Run = { from: string; to: string; key: string; kind: string; message: string };
  const runs: Run[] = [];
  const made = new Map<Run, number>();
  /** The runs of each key that end at each start (`place|key`). */
  const ending = new Map<string, Run[]>();
  const endAt = (at: number, key: string, run: Run) => {
    if (at < 0) return;
    const list = ending.get(`${at}|${key}`);
    if (list) list.push(run);
    else ending.set(`${at}|${key}`, [run]);
  };
  for (const f of findings) {
    const key = keyOf(f);
    const at = place.get(f.at) ?? -1;
    const before = at > 0 ? ending.get(`${at - 1}|${key}`) : undefined;
    if (before && before.length > 0) {
      let first = 0;
      for (let i = 1; i < before.length; i++) if (made.get(before[i]!)! < made.get(before[first]!)!) first = i;
      const [same] = before.splice(first, 1);
      same!.to = f.at;
      endAt(at, key, same!);
      continue;
    }
    const run = { from: f.at, to: f.at, key, kind: f.kind, message: f.message };
    made.set(run, runs.length);
    runs.push(run);
    endAt(at, key, run);
  }
  return runs;
}
