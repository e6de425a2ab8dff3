/** Parity findings grouped into runs of consecutive starts: the same runs as a plain search of the runs so far, by a lookup. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findingRuns } from '../../src/simulate/finding-runs.js';
import type { ParityFinding } from '../../src/simulate/parity-pagerduty.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';

/** The grouping as the card first wrote it: for each finding, the first run of its key ending at the start before. */
function searched(result: SimulateResult, findings: readonly ParityFinding[], keyOf: (f: ParityFinding) => string) {
  const order = result.instants.map((i) => i.at);
  const runs: { from: string; to: string; key: string; kind: string; message: string }[] = [];
  for (const f of findings) {
    const key = keyOf(f);
    const same = runs.find((r) => r.key === key && order.indexOf(r.to) + 1 === order.indexOf(f.at));
    if (same) same.to = f.at;
    else runs.push({ from: f.at, to: f.at, key, kind: f.kind, message: f.message });
  }
  return runs;
}

const at = (i: number) => `2026-01-01T${String(i).padStart(2, '0')}:00:00Z`;
const sweep = (n: number) => ({ instants: Array.from({ length: n }, (_, i) => ({ at: at(i), severities: [] })) }) as unknown as SimulateResult;
const keyOf = (f: ParityFinding) => `${f.severity}|${f.kind}|${f.role ?? ''}`;

describe('runs of parity findings', () => {
  it('are the runs the search makes, for findings in any order, repeated keys at one start included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              fc.record({ at: fc.integer({ min: 0, max: n - 1 }), severity: fc.constantFrom('p1', 'p2'), kind: fc.constantFrom('later', 'not-paged', 'other-receiver'), role: fc.option(fc.constantFrom('l1', 'l2'), { nil: undefined }), message: fc.string({ maxLength: 3 }) }),
              { maxLength: 60 },
            ),
          ),
        ),
        ([n, raw]) => {
          // Every finding is at one of the sweep's starts (each parity check reports at the start it judged).
          const findings = raw.map((f) => ({ ...f, at: at(f.at) }) as ParityFinding);
          expect(findingRuns(sweep(n), findings, keyOf)).toEqual(searched(sweep(n), findings, keyOf));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('grow with the findings, not with their square: a year of hourly findings is one lookup each', () => {
    const n = 8_760;
    const result = sweep(24);
    (result as { instants: unknown[] }).instants = Array.from({ length: n }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(), severities: [] }));
    const findings = result.instants.flatMap((instant) => ['a', 'b'].map((receiver) => ({ at: instant.at, severity: 'p1', kind: 'other-receiver', message: receiver }) as ParityFinding));
    let calls = 0;
    const runs = findingRuns(result, findings, (f) => {
      calls++;
      return keyOf(f);
    });
    expect(calls).toBe(findings.length);
    // Two receivers' findings at every start: two runs across the year.
    expect(runs.map((r) => [r.from, r.to, r.message])).toEqual([
      [result.instants[0]!.at, result.instants.at(-1)!.at, 'a'],
      [result.instants[0]!.at, result.instants.at(-1)!.at, 'b'],
    ]);
  });
});
