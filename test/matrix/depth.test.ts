/** Nesting past MAX_NESTING is refused before parsing, at once and in one located line, for the matrix, cases files and export --check. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, tooDeepAt } from '../../src/matrix/depth.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { loadCases } from '../../src/lint/cases/load.js';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';

const flow = (n: number) => `version: 1\nname: ${'['.repeat(n)}x${']'.repeat(n)}\n`;
const block = (n: number) => `version: 1\nname:\n  ${'- '.repeat(n)}x\n`;

describe('tooDeepAt', () => {
  it('lets MAX_NESTING levels through and refuses one more, in flow and in block style', () => {
    expect(MAX_NESTING).toBe(100);
    expect(tooDeepAt(flow(100))).toBeUndefined();
    expect(tooDeepAt(flow(101))).toBe('version: 1\nname: '.length + 100);
    expect(tooDeepAt(block(100))).toBeUndefined();
    expect(tooDeepAt(block(101))).toBe('version: 1\nname:\n  '.length + 200);
    expect(tooDeepAt(`a: {${'b: {'.repeat(100)}\n`)).toBeDefined();
    expect(tooDeepAt(`- [${'- '.repeat(60)}${'['.repeat(60)}`)).toBeUndefined(); // "-" inside flow is no level
  });

  it('counts no brackets inside quotes, comments or block text', () => {
    expect(tooDeepAt(`a: "${'['.repeat(500)}"\nb: '${'{'.repeat(500)}'\n# ${'['.repeat(500)}\nc: |\n  ${'[ '.repeat(500)}\n`)).toBeUndefined();
  });

  it('the matrix loader, reading the tokens once for the depth and the parser, refuses where tooDeepAt says', () => {
    const texts = [flow(101), block(101), `version: 1\na: {${'b: {'.repeat(100)}\n`, `version: 1\nx: [${'[a], '.repeat(200)}]\nname:\n  - ${'{a: '.repeat(101)}x\n`];
    for (const text of texts) {
      const at = tooDeepAt(text)!;
      expect(at).toBeDefined();
      const before = text.slice(0, at).split('\n');
      expect(loadMatrix(text).diagnostics).toEqual([expect.objectContaining({ code: 'too-deep', line: before.length, column: before.at(-1)!.length + 1 })]);
    }
    // Many brackets but shallow: parsed as usual, with no too-deep finding.
    const shallow = loadMatrix(`version: 1\nname: x\ntags: [${'[a], '.repeat(200)}]\n`);
    expect(shallow.diagnostics.map((d) => d.code)).not.toContain('too-deep');
    expect(shallow.data).toMatchObject({ name: 'x', tags: expect.arrayContaining([['a']]) });
  });

  it('loadMatrix and loadCases refuse with one located too-deep diagnostic', () => {
    const matrix = loadMatrix(flow(5000));
    expect(matrix.diagnostics).toEqual([expect.objectContaining({ code: 'too-deep', line: 2, column: 107, message: 'the YAML nests more than 100 levels deep; a matrix needs only a few levels' })]);
    const cases = loadCases(`cases:\n  - ${'['.repeat(200)}\n`);
    expect(cases.diagnostics).toEqual([expect.objectContaining({ code: 'too-deep', line: 2, column: 104, message: 'the YAML nests deeper than any cases file needs' })]);
  });
});

describe('12 MB nested millions of levels deep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-deep-'));
  const files = {
    flow: `version: 1\nname: ${'['.repeat(12_000_000 - 20)}\n`,
    block: `version: 1\nname:\n  ${'- '.repeat(6_000_000 - 20)}x\n`,
  };
  it.each(Object.keys(files) as (keyof typeof files)[])('%s: lint and export --check answer in one line', (kind) => {
    const file = join(dir, `${kind}.yaml`);
    writeFileSync(file, files[kind]);
    const lint = runCli(['lint', file]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/error +the YAML nests more than 100 levels deep; a matrix needs only a few levels +too-deep/);
    const check = runCli(['export', 'alertmanager', '--check', file, '--matrix', example('msp.yaml')]);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/^escalate: .*:(2|3):\d+: not valid Alertmanager YAML: it nests more than 100 levels deep/);
    expect(check.stderr.trim().split('\n')).toHaveLength(1);
    expect(lint.stdout + lint.stderr + check.stderr).not.toMatch(STACK_TRACE);
  }, 60_000);
});
