/**
 * The library's documented failures hold for any input, typed or not: loadMatrix and
 * lintMatrix return diagnostics, parseDuration `{ ok: false }`, matchAnswer undefined, walk a
 * result kind, planIncident `{ ok: false, code }`. None of them may throw a TypeError or
 * RangeError on bad data (an Invalid Date, an unknown zone, a non-string, null, ...).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintMatrix, loadMatrix, matchAnswer, parseDuration, planIncident, walk } from '../src/index.js';
import { example } from './helpers/cli.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const matrix = loadMatrix(readFileSync(example('saas-support.yaml'), 'utf8')).matrix!;
const question = Object.values(matrix.triage!.questions)[0]!;
const GOOD = new Date('2026-03-27T16:30:00Z');
const badDate = fc.oneof(
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Date(8.64e15)),
  fc.constant(new Date(-8.64e15)),
  fc.date({ noInvalidDate: false }),
  fc.anything(),
);
const zone = fc.oneof(fc.constant('Mars/Base'), fc.constant(''), fc.string(), fc.anything(), fc.constant('Europe/Berlin'));
const noThrow = (f: () => unknown) => {
  expect(f).not.toThrow();
  return f();
};

describe('library exports return their documented failure on bad data', () => {
  it('loadMatrix and lintMatrix: diagnostics, for any value as the source or options', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (source, options) => {
        const loaded = noThrow(() => loadMatrix(source as string)) as ReturnType<typeof loadMatrix>;
        expect(Array.isArray(loaded.diagnostics)).toBe(true);
        if (typeof source !== 'string') expect(loaded.diagnostics[0]?.code).toBe('not-text');
        noThrow(() => lintMatrix(source as string, options as never));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseDuration: { ok: false } for anything that is not a duration', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string()), (text) => {
        const result = noThrow(() => parseDuration(text as string)) as ReturnType<typeof parseDuration>;
        if (typeof text !== 'string') expect(result.ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('matchAnswer and walk: undefined and a result kind, whatever the answers', () => {
    fc.assert(
      fc.property(fc.anything(), (given) => {
        noThrow(() => matchAnswer(question, given as string));
        const result = noThrow(() => walk(matrix, given as never)) as ReturnType<typeof walk>;
        expect(['question', 'outcome', 'invalid-answer', 'broken', 'no-tree']).toContain(result.kind);
      }),
      { numRuns: RUNS },
    );
  });

  it('planIncident: { ok: false, code } for an invalid start or now, or an unknown display zone', () => {
    fc.assert(
      fc.property(badDate, badDate, zone, fc.oneof(fc.constant('sev1'), fc.string()), (start, now, displayZone, severity) => {
        const result = noThrow(() => planIncident(matrix, severity, { start: start as Date, now: now as Date, displayZone: displayZone as string })) as ReturnType<typeof planIncident>;
        if (!result.ok) expect(typeof result.code).toBe('string');
      }),
      { numRuns: RUNS },
    );
    expect(planIncident(matrix, 'sev1', { start: new Date(Number.NaN), now: GOOD })).toMatchObject({ ok: false, code: 'invalid-time' });
    expect(planIncident(matrix, 'sev1', { start: GOOD, now: new Date(8.64e15) })).toMatchObject({ ok: false, code: 'invalid-time' });
    expect(planIncident(matrix, 'sev1', { start: GOOD, now: GOOD, displayZone: 'Mars/Base' })).toMatchObject({ ok: false, code: 'invalid-zone' });
    expect(planIncident(matrix, 'sev1', { start: GOOD, now: GOOD, displayZone: 'Asia/Tokyo' }).ok).toBe(true);
  });
});
