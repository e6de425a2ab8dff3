/**
 * The cases file's plain-code fast path (`acceptCases`) against its zod schema: whatever the
 * fast path accepts, the schema accepts and makes the same data of (answers as text, key
 * order); and on every valid cases file both accept.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { acceptCases } from '../../src/lint/cases/fast.js';
import { casesFile } from '../../src/lint/cases/schema.js';

function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return ['list', value.map(shape)];
  return ['map', Object.getPrototypeOf(value) === Object.prototype, Reflect.ownKeys(value).map((key) => [String(key), shape((value as Record<string, unknown>)[key as string])])];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function agree(data: unknown): boolean {
  const fast = acceptCases(data);
  // A refusal leaves the file to the schema, which then names the problems: nothing to compare.
  if (fast !== undefined) {
    const zod = casesFile.safeParse(data);
    expect(zod.success).toBe(true);
    expect(shape(fast)).toEqual(shape(zod.data));
  }
  return fast !== undefined;
}

const dataOf = (file: string): unknown => parseDocument(readFileSync(file, 'utf8')).toJS();
const casesFiles = ['examples', 'test/fixtures'].flatMap(yamlFiles).filter((f) => f.endsWith('.cases.yaml'));

describe('acceptCases', () => {
  it('agrees with the schema on every cases file, and on every other fixture read as one', () => {
    for (const file of casesFiles) {
      const data = dataOf(file);
      expect({ file, fast: agree(data) }).toEqual({ file, fast: casesFile.safeParse(data).success });
    }
    for (const file of ['examples', 'test/fixtures'].flatMap(yamlFiles)) {
      let data: unknown;
      try {
        data = dataOf(file);
      } catch {
        continue;
      }
      agree(data);
    }
  });

  it('writes answers as text, as the schema does', () => {
    const data = { cases: [{ name: 'n', answers: { a: 1, b: true, c: 'x', d: 1.5 }, expect: { severity: 's', route: null } }] };
    expect(agree(data)).toBe(true);
    expect(acceptCases(data)!.cases[0]!.answers).toEqual({ a: '1', b: 'true', c: 'x', d: '1.5' });
    expect(agree({ cases: [{ name: 'n', answers: { a: Infinity }, expect: { severity: 's' } }] })).toBe(false);
  });

  const examples = casesFiles.filter((f) => f.startsWith('examples/')).map(dataOf);
  const tricky: unknown[] = ['', 'x', 'acknowledge', 'next_update', 'update_every', '2026-01-01T09:00', 0, 1.5, NaN, Infinity, true, null, [], ['x'], [1], {}, { a: 'x' }, { a: 1 }, { acknowledge: 'x' }, { ack: 'x' }];
  const paths = (data: unknown, at: (string | number)[] = []): (string | number)[][] => {
    if (data === null || typeof data !== 'object') return [at];
    const keys = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
    return [at, ...keys.flatMap((k) => paths((data as Record<string, unknown>)[k], [...at, k]))];
  };

  it('never accepts what the schema refuses, on random damage to the examples', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: examples.length - 1 }), fc.nat(), fc.constantFrom('set', 'delete', 'add'), fc.constantFrom(...tricky), fc.constantFrom('extra', 'at', 'route', 'deadlines', 'rca', 'next_update'), (which, n, how, value, key) => {
        const data = structuredClone(examples[which]) as Record<string | number, unknown>;
        const all = paths(data);
        const path = all[n % all.length]!;
        let parent: Record<string | number, unknown> = data;
        for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
        const last = path.at(-1);
        if (last === undefined) {
          if (!agree(how === 'set' ? value : { ...data, [key]: value })) refused++;
          return;
        }
        if (how === 'set') parent[last] = value;
        else if (how === 'delete') {
          if (Array.isArray(parent)) parent.splice(Number(last), 1);
          else delete parent[last];
        } else {
          const target = parent[last];
          if (Array.isArray(target)) target.push(value);
          else if (target && typeof target === 'object') (target as Record<string, unknown>)[key] = value;
          else parent[last] = value;
        }
        if (!agree(data)) refused++;
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(300);
  });
});
