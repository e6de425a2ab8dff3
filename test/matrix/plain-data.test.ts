/** The direct walk from a parsed document to data gives what yaml's own toJS gives, or leaves the document to it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RecursiveAliasError, toData } from '../../src/matrix/plain-data.js';

const OPTIONS = { uniqueKeys: false, strict: true, stringKeys: true, prettyErrors: false, version: '1.2' } as const;

/** Every own property in order, with its descriptor, all the way down: equal data built the same way. */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return ['list', value.map(shape)];
  return ['map', Object.getPrototypeOf(value) === Object.prototype, Reflect.ownKeys(value).map((key) => {
    const { value: v, ...rest } = Object.getOwnPropertyDescriptor(value, key)!;
    return [String(key), rest, shape(v)];
  })];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const same = (text: string) => {
  const doc = parseDocument(text, OPTIONS);
  expect(shape(toData(doc, { maxAliasCount: 100 }))).toEqual(shape(doc.toJS({ maxAliasCount: 100 })));
};

describe('toData', () => {
  it('equals toJS for every example and fixture that parses', () => {
    const files = [...yamlFiles('examples'), ...yamlFiles('test/fixtures'), ...yamlFiles('src/init/templates')];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const doc = parseDocument(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), OPTIONS);
      if (doc.errors.length > 0) continue;
      let expected: unknown;
      try {
        expected = doc.toJS({ maxAliasCount: 100 });
      } catch {
        continue; // an alias bomb: toData leaves it to toJS, which throws the same
      }
      let data: unknown;
      try {
        data = toData(doc, { maxAliasCount: 100 });
      } catch (error) {
        // A value that would hold itself (test/fixtures/hostile/alias-recursive-*): refused.
        expect(error, file).toBeInstanceOf(RecursiveAliasError);
        expect(file).toMatch(/alias-recursive/);
        continue;
      }
      expect(shape(data), file).toEqual(shape(expected));
    }
  });

  it('refuses an alias inside the node its own anchor names, where toJS makes a value that holds itself', () => {
    for (const [text, offset] of [['a: &a [*a]\n', 7], ['x:\n  m: &m\n    k: { again: *m }\n', 27]] as const) {
      const doc = parseDocument(text, OPTIONS);
      const cyclic = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
      expect(JSON.stringify(Object.keys(cyclic))).toBeTruthy(); // toJS gives the circular value
      expect(() => toData(doc, { maxAliasCount: 100 })).toThrow(RecursiveAliasError);
      try {
        toData(doc, { maxAliasCount: 100 });
      } catch (error) {
        expect((error as RecursiveAliasError).offset).toBe(offset);
      }
    }
    // An alias of a node elsewhere is no recursion.
    same('a: &a [1]\nb: [*a, *a]\n');
  });

  it('equals toJS on keys an object already answers to, empty and non-text keys, and empty values', () => {
    same('__proto__: 1\ntoString: 2\nconstructor: {a: 1}\nhasOwnProperty: [x]\n');
    same('? \n: empty key\n1: one\ntrue: yes\n1.5: x\nnull: n\n~: tilde\nk:\nl: []\nm: {}\n');
    same('- - [a, {b: c}]\n  - ~\n- "quoted": 1\n- 0x1F\n- .inf\n- -.nan\n');
    same('a: 1\na: 2\n'); // a duplicate key, which lint reports itself
    same('');
    same('just text');
  });

  it('leaves anchors, aliases, merge keys and pairs in lists to toJS', () => {
    for (const text of ['a: &x [1]\nb: *x\n', 'a: &x 1\n', '<<: {a: 1}\nb: 2\n', '- a: 1\n  b: 2\n- [c: d]\n']) same(text);
    const bomb = parseDocument(`a: &a [x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [*${i === 0 ? 'a' : `b${i - 1}`}, *${i === 0 ? 'a' : `b${i - 1}`}]`).join('\n')}\n`, OPTIONS);
    expect(() => toData(bomb, { maxAliasCount: 100 })).toThrow(/alias/i);
  });
});
