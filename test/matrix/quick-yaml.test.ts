/**
 * The quick reading of a matrix or cases file (src/matrix/quick-yaml.ts) against yaml's: for
 * any text, loading with the quick reading allowed gives exactly what loading with yaml alone
 * gives (data, matrix, cases, every finding with its line and column). Over every YAML file
 * the project ships or tests with, random edits of the examples (where the two parsers'
 * syntax errors and edge cases lie), and generated documents written in every style.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadCases } from '../../src/lint/cases/load.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { lazyLocator, quickMapping } from '../../src/matrix/quick-yaml.js';
import { ROOT } from '../helpers/cli.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
const FILES = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures'))];
const SOURCES = FILES.filter((f) => /examples\/[^/]+\.yaml$/.test(f)).map((f) => readFileSync(f, 'utf8'));

/**
 * Both loaders, both ways: the quick reading must change nothing. Where it does not answer
 * (the loaders strip a leading byte-order mark first), both ways are the same code: nothing to compare.
 */
function agree(text: string): { quickly: boolean } {
  if (quickMapping(text.startsWith('\uFEFF') ? text.slice(1) : text) === undefined) return { quickly: false };
  const quick = loadMatrix(text);
  const slow = loadMatrix(text, { quick: false });
  expect(quick.diagnostics).toEqual(slow.diagnostics);
  expect(quick.data).toEqual(slow.data);
  expect(quick.matrix).toEqual(slow.matrix);
  // Every finding's place, asked of the (lazy) locator, is yaml's.
  for (const d of slow.diagnostics) if (d.path.length > 0) expect(quick.locator.key(d.path)).toEqual(slow.locator.key(d.path));
  const cases = loadCases(text);
  const slowCases = loadCases(text, { quick: false });
  expect(cases.diagnostics).toEqual(slowCases.diagnostics);
  expect(cases.cases).toEqual(slowCases.cases);
  expect(cases.indexes).toEqual(slowCases.indexes);
  return { quickly: true };
}

describe('the quick YAML reading', () => {
  it('changes nothing for any YAML file shipped or tested with, and reads every example quickly', () => {
    expect(FILES.length).toBeGreaterThan(20);
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      try {
        const { quickly } = agree(text);
        // The shipped examples are clean: each must take the quick reading, or start-up pays for yaml.
        if (/examples\/[^/]+\.yaml$/.test(file)) expect(quickly, file).toBe(true);
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
      }
    }
  });

  it('leaves to yaml what it cannot read the same way', () => {
    const left = [
      'a: 1\na: 2', // duplicate key: yaml names both lines
      '1: a\nb: c', // a key yaml reads as text "1", js-yaml as a number
      '~: a',
      '0x10: a',
      'a: "12"', // a text that could be written as a number
      'a: ""',
      'a: .inf',
      'a: &x 1\nb: *x',
      'a: !!str 1',
      '%YAML 1.2\n---\na: 1',
      '---\na: 1',
      '? a\n: b',
      'a:\n\t- x',
      'a: 1\r\nb: 2',
      `${'k'.repeat(1100)}: v`, // an implicit key past 1,024 characters: yaml refuses it
      'a: <<',
      '- a\n- b', // not a mapping
      'just text',
      '',
      `a: ${'['.repeat(60)}${']'.repeat(60)}`, // deeper than the quick reading goes
      // Where the two parsers were found to disagree (a review's fuzzing): each is left to yaml.
      'owner:\n#TODO confirm\n  alice\nbackup: bob', // yaml refuses; js-yaml reads alice
      'a:\n\n#\n +\nz:', // a comment less indented than the content after it
      'x:\n  a:\n\n#\n    \n  z:', // a line of spaces after a comment
      '\n\ufeffa: x', // a byte-order mark past the start
      'roles:\n- "lead" title: Lead', // js-yaml moves the pair into the parent mapping
      "a:\n- 'x'b:",
      'a:\n- []d: {}',
      'a:\n- {} :',
      'a:\n- [\u2028]u:',
      'a: "\\U00110000"', // past U+10FFFF: yaml refuses
      'a: "b\\\n\n c"', // an escaped line break before a blank line
      'a: |1\n  ',
      'a: |+\n\n ',
      ' ---\nz:', // js-yaml reads an indented --- as a document marker
      'a: x\u2028y',
    ];
    for (const text of left) {
      expect(quickMapping(text), text).toBeUndefined();
      agree(text);
    }
    expect(quickMapping('a: b\nc: [1, 2.5, true, null]\nd: {e: "f # g"}')).toEqual({ a: 'b', c: [1, 2.5, true, null], d: { e: 'f # g' } });
  });

  it('asks for the full reading only when a place is needed, and once', () => {
    let made = 0;
    const span = { line: 3, column: 1, endLine: 3, endColumn: 2, exact: true };
    const locator = lazyLocator(() => {
      made++;
      return { value: () => span, key: () => span, splitAtComma: () => false };
    });
    expect(made).toBe(0);
    expect(locator.key(['a'])).toBe(span);
    expect(locator.value(['b'])).toBe(span);
    expect(made).toBe(1);
  });

  it('changes nothing after random edits of the examples', () => {
    const TOKENS = ['', ':', ': ', '- ', '-', '{', '}', '[', ']', ',', '#', ' #', "'", '"', '\\', '|', '>', '|-', '>+', '? ', '\n', '\n  ', '  ', ' ', 'x', '1', '0o7', '.5', '1e3', 'true', 'null', '~', '@', '`', '%', '\u00e9', '\u2028', '"a\\x"'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: SOURCES.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...TOKENS), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let text = SOURCES[which]!;
          for (const [where, token, cut] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + token + text.slice(at + cut);
          }
          agree(text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('changes nothing for short texts of YAML\u2019s trickiest tokens', () => {
    const TOKENS = ['"', "'", '\\', ' ', ' ', '\n', '\n', '\n  ', '\n ', 'b', 'c', '#', '# c', ' #c', ':', ': ', '-', '- ', '\\n', '\\\n', "''", ',', '[', ']', '{', '}', '|', '>', '+', '1', '?', '\u00a0', '\u2028', '\u0085', '\ufeff', '\n...', '---', 'd: ', '"x"', '[x]', '{}'];
    const PREFIXES = ['a: ', 'a:\n  ', 'a:\n  - ', 'x:\n  a: ', 'a: b\nc: ', 'a:\n- ', 'a:\n\n'];
    fc.assert(
      fc.property(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 10 }), fc.constantFrom('', '\n', '\nz: y', '\n  z: y'), (prefix, tokens, suffix) => {
        agree(prefix + tokens.join('') + suffix);
      }),
      { numRuns: RUNS * 50 },
    );
  });

  it('changes nothing for generated documents in every style', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b c', 'x:y', '#k', '-k', 'k ', ' k', '"q"', "it's", 'true', '1', '__proto__', 'ü', '?', 'k#'), fc.string({ maxLength: 6 }));
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', ' ', 'a: b', 'a #b', '- x', '[x]', '{x}', 'line\nbreak', 'trailing\n', '  lead', 'tab\there', 'yes', 'no', 'on', '0777', '0o17', '1_000', '+1', '-.5', '.NaN', '1e400', 'null', 'Null', '~', '\u0085', '\u00a0x', '"', "'", '\\'),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    const styles = [
      (d: unknown) => stringify(d),
      (d: unknown) => stringify(d, { collectionStyle: 'flow' }),
      (d: unknown) => stringify(d, { defaultStringType: 'QUOTE_SINGLE' }),
      (d: unknown) => stringify(d, { defaultStringType: 'BLOCK_LITERAL', lineWidth: 10 }),
      (d: unknown) => stringify(d, { defaultStringType: 'BLOCK_FOLDED', lineWidth: 10, minContentWidth: 0 }),
      (d: unknown) => stringify(d, { defaultKeyType: 'PLAIN', defaultStringType: 'PLAIN', lineWidth: 8, minContentWidth: 0 }),
      (d: unknown) => dump(d),
      (d: unknown) => dump(d, { flowLevel: 1 }),
    ];
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.integer({ min: 0, max: styles.length - 1 }), (data, style) => {
        let text: string;
        try {
          text = styles[style]!(data);
        } catch {
          return; // a value a writer cannot write
        }
        agree(text);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
