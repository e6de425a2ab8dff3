/**
 * Hostile input: every case ends with exit 1 or 2 and one located, readable message, and
 * never a stack trace (the time it takes is a budget of `npm run bench`). Small cases live in test/fixtures/hostile/; the big
 * ones (20 MB, very long line, 5,000-deep tree, special files) are generated here.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_TRACE, fixture, runCli } from './helpers/cli.js';

/** [fixture, exit code, diagnostic code, line, column] */
const CASES: [string, number, string, number, number | undefined][] = [
  ['a-list', 1, 'not-a-matrix', 1, 1],
  ['a-scalar', 1, 'not-a-matrix', 1, 1],
  ['alias-bomb-maps', 1, 'alias-limit', 1, 1],
  ['alias-bomb', 1, 'alias-limit', 1, 1],
  ['alias-recursive-map', 1, 'recursive-alias', 7, 21],
  ['alias-recursive-seq', 1, 'recursive-alias', 2, 8],
  ['alias-undefined', 1, 'unknown-alias', 2, 7],
  ['binary-garbage', 1, 'not-text', 1, 1],
  ['bom-broken', 1, 'unknown-key', 7, 1],
  ['constructor-key', 1, 'unknown-key', 2, 1],
  ['constructor-owner', 1, 'unknown-role', 3, 8],
  ['crlf-broken', 1, 'unknown-role', 15, 12],
  ['date-impossible', 1, 'invalid-date', 4, 11],
  ['date-month-13', 1, 'invalid-date', 4, 11],
  ['datetime-impossible', 1, 'invalid-date', 26, 41],
  // Where the parser runs out of stack depends on the stack size: only the line is fixed.
  ['deep-flow-map', 1, 'too-deep', 2, undefined],
  ['deep-flow-seq', 1, 'too-deep', 2, undefined],
  ['duplicate-keys', 1, 'duplicate-key', 9, 3],
  ['duration-absurd', 1, 'invalid-duration', 16, 46],
  ['duration-bare-number', 1, 'invalid-type', 16, 29],
  ['duration-negative', 1, 'invalid-duration', 16, 29],
  ['duration-zero', 1, 'invalid-duration', 16, 29],
  ['empty', 1, 'not-a-matrix', 1, 1],
  ['huge-float', 1, 'invalid-value', 1, 10],
  ['huge-int', 1, 'invalid-value', 1, 10],
  ['key-over-1024', 1, 'yaml-syntax', 2, 1],
  ['multiple-documents', 1, 'multiple-documents', 33, 1],
  ['non-string-key-null', 1, 'unknown-key', 2, 1],
  ['non-string-key-number', 1, 'unknown-key', 2, 1],
  ['non-string-key-seq', 1, 'non-string-key', 2, 3],
  ['nul-bytes', 1, 'not-text', 1, 1],
  ['only-comments', 1, 'not-a-matrix', 1, 1],
  ['proto-in-roles', 1, 'forbidden-key', 8, 3],
  ['proto-top-level', 1, 'forbidden-key', 2, 1],
  ['tabs-indent', 1, 'yaml-syntax', 8, 1],
  ['tag-binary', 1, 'yaml-tag', 2, 16],
  ['tag-js-function', 1, 'yaml-tag', 2, 7],
  ['tag-local-include', 1, 'yaml-tag', 7, 8],
  ['tag-on-mapping', 1, 'yaml-syntax', 7, 8],
  ['timezone-empty', 1, 'invalid-timezone', 6, 11],
  ['timezone-invalid', 1, 'invalid-timezone', 6, 11],
  ['timezone-unknown', 1, 'invalid-timezone', 6, 11],
  ['tostring-owner', 1, 'invalid-value', 15, 12],
  ['unclosed-bracket', 1, 'yaml-syntax', 23, 5],
  ['unclosed-quote', 1, 'yaml-syntax', 2, 15],
  ['unknown-directive', 1, 'yaml-syntax', 1, 1],
  ['yaml-11-directive', 1, 'yaml-directive', 1, 1],
];

function lintJson(path: string) {
  return runCli(['lint', '--format', 'json', path]);
}

function expectLocated(path: string, exit: number, code: string, line: number, column?: number) {
  const result = lintJson(path);
  expect(result.code, result.stderr).toBe(exit);
  expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  const diagnostics = JSON.parse(result.stdout).files[0].diagnostics as { code: string; line: number; column: number; message: string }[];
  const hit = diagnostics.find((d) => d.code === code && d.line === line && (column === undefined || d.column === column));
  expect(hit, JSON.stringify(diagnostics.slice(0, 3))).toBeDefined();
  expect(hit!.message).not.toMatch(/\n/);
}

describe('hostile input corpus', () => {
  it('has a case for every fixture file (at least 40)', () => {
    const files = readdirSync(fixture('hostile')).map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(CASES.map(([name]) => name).sort());
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s → exit %i, %s at line %i', (name, exit, code, line, column) => {
    expectLocated(fixture(`hostile/${name}.yaml`), exit, code, line, column);
  });
});

describe('hostile input generated at test time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-hostile-'));
  const minimal = readFileSync(fixture('valid/minimal.yaml'), 'utf8');

  it('a 20 MB file is refused at once', () => {
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, `version: 1\nname: x\nexamples:\n${'  - lorem ipsum dolor sit amet consectetur\n'.repeat(500_000)}`);
    expectLocated(path, 1, 'file-too-large', 1, 1);
  });

  it('a 2 MB line is read and the mistake after it is still located', () => {
    const path = join(dir, 'long-line.yaml');
    writeFileSync(path, `${minimal.replace('name: Minimal', `name: Minimal\ndescription: ${'x'.repeat(2_000_000)}`)}typo: 1\n`);
    expectLocated(path, 1, 'unknown-key', minimal.split('\n').length + 1, 1);
  });

  it('a decision tree 5,000 questions deep is analysed to its last answer', () => {
    const lines = ['triage:', '  start: q0', '  questions:'];
    for (let i = 0; i < 5000; i++) {
      const last = i === 4999;
      lines.push(`    q${i}:`, `      ask: Question ${i}?`, '      answers:', '        - { label: Stop, outcome: { severity: sev2 } }');
      lines.push(last ? '        - { label: Last, outcome: { severity: sev9 } }' : `        - { label: Go on, next: q${i + 1} }`);
    }
    const text = `${minimal.slice(0, minimal.indexOf('triage:'))}${lines.join('\n')}\n`;
    const path = join(dir, 'deep-tree.yaml');
    writeFileSync(path, text);
    const line = text.split('\n').findIndex((l) => l.includes('sev9')) + 1;
    expectLocated(path, 1, 'unknown-severity', line);
  });

  it.each([
    ['a directory', () => dir, /it is a directory/],
    ['a missing file', () => join(dir, 'missing.yaml'), /no such file/],
    [
      'a FIFO (would block forever if read)',
      () => {
        const path = join(dir, 'fifo.yaml');
        execFileSync('mkfifo', [path]);
        return path;
      },
      /it is not a regular file/,
    ],
  ])('%s as the matrix exits 2 with one line', (_name, make, message) => {
    const result = lintJson(make());
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('nothing is written next to the matrix', () => {
    const sub = join(dir, 'clean');
    mkdirSync(sub);
    writeFileSync(join(sub, 'm.yaml'), minimal);
    runCli(['lint', join(sub, 'm.yaml')]);
    expect(readdirSync(sub)).toEqual(['m.yaml']);
  });
});
