/**
 * The lean reader's plain-code check agrees with the lean schema: on records damaged at any
 * field (a value of another type, removed, an impossible time), the plain reading gives the
 * same answer as the schema alone, word for word, and on every sound record the same record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRecordInstant, readRecordLean, readRecordLeanBySchema } from '../../src/record/read.js';
import { impossibleTime, instantMs } from '../../src/record/limits.js';
import { example } from '../helpers/cli.js';

const folder = example('records');
const texts = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(`${folder}/${f}`, 'utf8'));
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Every path to a value in a JSON value. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** Not a value: adds a key no schema names to the object found there (strict objects refuse it). */
const ADD_KEY = Symbol('add a key');

const REPLACEMENTS: unknown[] = [
  null,
  undefined, // removed
  0,
  1.5,
  -1,
  '',
  'x',
  true,
  [],
  {},
  ['x'],
  [{}],
  '2026-02-30T10:00:00Z',
  '2026-03-27T24:00:00+01:00',
  '2026-03-27T16:45:00+01:60',
  '2026-03-27T16:45:00',
  '2026-03-27 16:45:00Z',
  '2026-03-27T16:45:00+01:00:00',
  '2024-02-29T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '0000-02-29T00:00:00-23:59',
  'workaround',
  'escalated',
  'management',
  'rca',
  'severity_changed',
  ADD_KEY,
];

function damaged(text: string, pick: number, replacement: unknown): string {
  const data = JSON.parse(text) as unknown;
  const all = paths(data).filter((p) => p.length > 0);
  const path = all[pick % all.length]!;
  let parent = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === ADD_KEY) {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>).extra = 'x';
  } else if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return JSON.stringify(data);
}

describe('the lean reader', () => {
  it('reads every example record as the schema does', () => {
    for (const text of texts) expect(readRecordLean(text)).toEqual(readRecordLeanBySchema(text));
  });

  it('answers a record damaged at each field (removed, another type, an unknown key added) as the schema does', () => {
    let checked = 0;
    for (const text of texts) {
      const count = paths(JSON.parse(text)).length - 1;
      for (let pick = 0; pick < count; pick++) {
        for (const replacement of [undefined, ADD_KEY, 1.5, 'x']) {
          const bad = damaged(text, pick, replacement);
          expect(readRecordLean(bad)).toEqual(readRecordLeanBySchema(bad));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('answers a record damaged at any two fields as the schema does, in the same words', () => {
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), fc.constantFrom(...REPLACEMENTS), fc.nat(), fc.constantFrom(...REPLACEMENTS), (t, pick, replacement, pick2, replacement2) => {
        const text = damaged(damaged(texts[t]!, pick, replacement), pick2, replacement2);
        expect(readRecordLean(text)).toEqual(readRecordLeanBySchema(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('tells a record instant exactly as the pattern and impossibleTime do, and reads it as Date.parse does', () => {
    const schema = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(s) && impossibleTime(s) === undefined;
    const digit = fc.constantFrom(...'0123456789');
    const dd = fc.tuple(digit, digit).map(([a, b]) => a + b);
    const instant = fc
      .tuple(dd, dd, dd, dd, dd, dd, dd, fc.constantFrom('Z', '+', '-', 'z', ''), dd, dd, fc.constantFrom('-', 'T', ':', ' ', '/'))
      .map(([c, y, mo, d, h, mi, s, sign, oh, om, sep]) => `${c}${y}-${mo}${sep === '/' ? '/' : '-'}${d}${sep === ' ' ? ' ' : 'T'}${h}:${mi}${sep === ':' ? '' : ':'}${s}${sign === '+' || sign === '-' ? `${sign}${oh}:${om}` : sign}`);
    fc.assert(
      fc.property(fc.oneof(instant, fc.string({ maxLength: 26 })), (s) => {
        expect(isRecordInstant(s)).toBe(schema(s));
        expect(instantMs(s)).toBe(Date.parse(s));
      }),
      { numRuns: RUNS * 10 },
    );
    for (const s of ['2024-02-29T00:00:00Z', '2000-02-29T23:59:59+23:59', '1900-02-29T00:00:00Z', '2026-12-31T00:00:00-00:00', '２０26-01-01T00:00:00Z', '0099-12-31T23:59:59-23:59', '0000-01-01T00:00:00+00:01', '9999-12-31T23:59:59+01:00']) {
      expect(isRecordInstant(s)).toBe(schema(s));
      expect(instantMs(s)).toBe(Date.parse(s));
    }
  });
});
