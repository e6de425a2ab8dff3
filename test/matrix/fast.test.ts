/**
 * The plain-code fast path (`acceptMatrix`) against the zod matrix schema: whatever the fast
 * path accepts, the schema accepts and makes the same data of, key order and defaults
 * included; and on every valid file both accept (the fast path is the one lint takes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreeOn, agreeOnData } from '../helpers/agree.js';
import { acceptMatrix } from '../../src/matrix/fast.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { matrixSchema } from '../../src/matrix/schema.js';

/** Every own property in order, all the way down: equal data built the same way. */
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

/** The fast path's answer, held to the schema's: returns whether the fast path accepted. */
function agree(data: unknown): boolean {
  const fast = acceptMatrix(data);
  // A refusal leaves the file to the schema, which then names the problems: nothing to compare.
  if (fast !== undefined) {
    const zod = matrixSchema.safeParse(data);
    agreeOn(zod.success, true);
    agreeOnData(shape(fast), shape(zod.data));
  }
  return fast !== undefined;
}

const files = ['examples', 'test/fixtures', 'src/init/templates'].flatMap(yamlFiles).filter((f) => !f.endsWith('.cases.yaml'));
const dataOf = (file: string): unknown => loadMatrix(readFileSync(file, 'utf8')).data;

describe('acceptMatrix', () => {
  it('agrees with the schema on every example, fixture and starter, and accepts every one the schema accepts', () => {
    let accepted = 0;
    for (const file of files) {
      const data = dataOf(file);
      if (data === undefined) continue;
      const fast = agree(data);
      // A "__proto__" key is refused by name (forbidden-key) whatever the schema says; the fast path leaves it to the schema.
      expect({ file, fast }).toEqual({ file, fast: matrixSchema.safeParse(data).success && !JSON.stringify(data).includes('"__proto__"') });
      if (fast) accepted++;
    }
    expect(accepted).toBeGreaterThan(10);
  });

  it('fills in defaults and orders keys as the schema does', () => {
    const data = dataOf('examples/client-vendor.yaml') as { roles: Record<string, Record<string, unknown>> };
    const [first] = Object.keys(data.roles);
    data.roles[first!] = { contact: 'x', title: 'y' };
    const out = acceptMatrix(data) as { roles: Record<string, Record<string, unknown>> };
    expect(Object.keys(out.roles[first!]!)).toEqual(['title', 'contact', 'side']);
    expect(agree(data)).toBe(true);
  });

  // Damage at random places in the examples: the fast path never accepts what the schema refuses.
  const examples = yamlFiles('examples').filter((f) => !f.endsWith('.cases.yaml')).map(dataOf);
  const tricky: unknown[] = ['', ' ', '0m', '15m', '1h30m', '367d', '-5m', 'sev1', 'Sev1', 'X1', 'PABC123', 'pabc', '2026-02-30', '2026-02-28', '2026-02-28T24:00', '2026-02-28T09:00+01:00', '09:00-17:00', '17:00-09:00', '00:00-24:00', 'Europe/Berlin', 'Mars/Base', '../x.ics', 'a/b.ics', '/abs.ics', 'mon', 'formal', 'internal', 'client', 'any', 'off', 'warn', '__proto__', '12:00-10:00', '09:60-10:00', '2026-13-01', '2025-02-29', '2024-02-29', '2026-01-01T23:59Z', '1w2d', 'C:/x.ics', 'a\\b.ics', ' .ics', 'a\u0001.ics', 'sat', 'vendor', 'executive', 'resolution', 'update', 'tier', 'P', 'PABCDEFGHIJKLMNOPQRSTU',
    0, 1, -1, 1.5, 2, Number.MAX_SAFE_INTEGER + 2, true, false, null,
    [], [''], ['sev1'], ['mon'], {}, { user: 'PABC123' }, { user: 'PABC123', schedule: 'PXYZ99' }, { label: 'x', next: 'q' }, { label: 'x' }, { after: 1, within: '30d' }, { after: 0, within: '30d' }, { id: 'g', text: 'x', more_than: -1 }];
  const values = fc.constantFrom(...tricky);
  /** The examples as read, to check at the end of each test that nothing changed them (damaged copies share their untouched parts). */
  const unchanged = JSON.stringify(examples);
  /** Every path to a value in `data`. */
  const pathsOf = (data: unknown, at: (string | number)[] = []): (string | number)[][] => {
    if (data === null || typeof data !== 'object') return [at];
    const keys = Array.isArray(data) ? data.map((_, i) => i) : Object.keys(data);
    return [at, ...keys.flatMap((k) => pathsOf((data as Record<string, unknown>)[k], [...at, k]))];
  };
  /** The examples' paths, listed once each (the random damage starts from an example 1,500 times). */
  const known = new Map<unknown, (string | number)[][]>();
  const paths = (data: unknown): (string | number)[][] => {
    if (!examples.includes(data)) return pathsOf(data);
    if (!known.has(data)) known.set(data, pathsOf(data));
    return known.get(data)!;
  };
  type Node = Record<string | number, unknown>;
  const shallow = (value: unknown): Node => (Array.isArray(value) ? [...value] : { ...(value as Node) }) as Node;
  /**
   * `data` with one edit at `path`: a new list or map at each step of the path (and at the
   * edited one), everything else shared with `data`, which is left as it was.
   */
  const damage = (data: unknown, path: (string | number)[], how: 'set' | 'delete' | 'add', value: unknown, key: string): unknown => {
    const last = path.at(-1);
    if (last === undefined) return how === 'set' ? value : shallow(data);
    const copy = shallow(data);
    let parent = copy;
    for (const part of path.slice(0, -1)) parent = parent[part] = shallow(parent[part]);
    if (how === 'set') parent[last] = value;
    else if (how === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      const target = parent[last];
      if (Array.isArray(target)) parent[last] = [...target, value];
      else if (target && typeof target === 'object') parent[last] = { ...(target as Node), [key]: value };
      else parent[last] = value;
    }
    return copy;
  };

  it('never accepts what the schema refuses, with each tricky value at each kind of field', () => {
    // One path per key name (and per list element kind) across the examples, every value at each.
    const seen = new Set<string>();
    const sites: [unknown, (string | number)[]][] = [];
    for (const data of examples) {
      for (const path of paths(data)) {
        const last = path.at(-1);
        const name = typeof last === 'number' ? `${String(path.at(-2))}#` : String(last);
        if (!seen.has(name)) {
          seen.add(name);
          sites.push([data, path]);
        }
      }
    }
    let refused = 0;
    for (const [data, path] of sites) {
      for (const value of tricky) {
        if (!agree(damage(data, path, 'set', value, ''))) refused++;
      }
      if (!agree(damage(data, path, 'delete', null, ''))) refused++;
      if (!agree(damage(data, path, 'add', 'x', 'extra'))) refused++;
    }
    expect(sites.length).toBeGreaterThan(60);
    expect(refused).toBeGreaterThan(sites.length * 20);
    expect(JSON.stringify(examples)).toBe(unchanged);
  });

  it('never accepts what the schema refuses, on random damage to the examples', () => {
    let refused = 0;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: examples.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add') as fc.Arbitrary<'set' | 'delete' | 'add'>, values, fc.constantFrom('extra', 'side', 'audience', 'next', 'outcome', 'schedule', 'note', 'sev9', 'Bad Key')), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let data = examples[which];
          for (const [n, how, value, key] of edits) {
            const all = paths(data);
            data = damage(data, all[n % all.length]!, how, value, key);
          }
          if (agree(data)) accepted++;
          else refused++;
        },
      ),
      { numRuns: 1500 },
    );
    expect(refused).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(50);
    expect(JSON.stringify(examples)).toBe(unchanged);
  });
});
