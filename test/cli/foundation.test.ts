/** End-to-end: the built binary as users and CI run it (lint basics, schema, init, exit codes). */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSchemas } from '../../src/matrix/json-schema.js';
import { ROOT, STACK_TRACE, example, fixture, runCli } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-e2e-'));
const EXAMPLES = ['saas-support', 'msp', 'client-vendor'].map((n) => `examples/${n}.yaml`);

function planted(extra: string): string {
  const dir = tmp();
  const text = readFileSync(example('saas-support.yaml'), 'utf8').replace(/\n*$/, '\n');
  const path = join(dir, 'planted.yaml');
  writeFileSync(path, text + extra);
  return path;
}
const lineCount = () => readFileSync(example('saas-support.yaml'), 'utf8').replace(/\n*$/, '\n').split('\n').length - 1;

describe('escalate lint (foundation)', () => {
  it('passes every shipped example with exit 0', () => {
    const result = runCli(['lint', ...EXAMPLES]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/3 files checked/);
  });

  it.each([
    ['a misspelled key', 'severitiez: []\n', 1, 'unknown-key'],
    ['a YAML syntax error', 'broken: a: b\n', 9, 'yaml-syntax'],
    ['a duplicate key', 'name: again\n', 1, 'duplicate-key'],
  ])('reports %s at its line and column with exit 1', (_case, extra, column, code) => {
    const path = planted(extra);
    const result = runCli(['lint', path]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${lineCount() + 1}:${column}`);
    expect(result.stdout).toContain(code);
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  });

  it('groups findings by file and ends with a summary', () => {
    const result = runCli(['lint', fixture('broken/unknown-role.yaml'), example('saas-support.yaml')]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(fixture('broken/unknown-role.yaml'));
    expect(lines[1]).toMatch(/^ {2}15:12 {2}error {4}unknown role "leed"; .* {2}unknown-role$/);
    expect(lines.at(-1)).toBe('✖ 1 problem (1 error, 0 warnings) in 2 files; 14 cases passed');
  });

  it('prints a stable JSON shape with --format json', () => {
    const result = runCli(['lint', '--format', 'json', fixture('broken/unknown-top-key.yaml')]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ version: 1, summary: { files: 1, errors: 1, warnings: 0 } });
    expect(json.files[0].diagnostics[0]).toMatchObject({ code: 'unknown-key', level: 'error', line: 33, column: 1, path: 'severitiez' });
  });

  it.each([
    ['a missing file', (dir: string) => join(dir, 'missing.yaml'), /cannot read matrix .*missing\.yaml: no such file/],
    ['a directory', (dir: string) => dir, /cannot read matrix .*: it is a directory/],
  ])('exits 2 with one line for %s', (_case, target, message) => {
    const result = runCli(['lint', target(tmp())]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 for an unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads everything; the permission path is unit-tested via fsReason
    const dir = tmp();
    const path = join(dir, 'locked.yaml');
    writeFileSync(path, 'version: 1\n');
    chmodSync(path, 0o000);
    const result = runCli(['lint', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/permission denied/);
  });

  it('finds escalation-matrix.yaml in a parent folder, or $ESCALATE_MATRIX', () => {
    const dir = tmp();
    copyFileSync(fixture('broken/unknown-role.yaml'), join(dir, 'escalation-matrix.yaml'));
    mkdirSync(join(dir, 'sub'));
    const found = runCli(['lint'], { cwd: join(dir, 'sub') });
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('escalation-matrix.yaml');
    const fromEnv = runCli(['lint'], { cwd: join(dir, 'sub'), env: { ESCALATE_MATRIX: fixture('valid/minimal.yaml') } });
    expect(fromEnv.code).toBe(0);
    const fromFlag = runCli(['lint', '--matrix', fixture('valid/minimal.yaml')], { cwd: join(dir, 'sub') });
    expect(fromFlag.code).toBe(0);
  });

  it('exits 2 with a hint when no matrix can be found', () => {
    const result = runCli(['lint'], { cwd: tmp() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no matrix found: pass --matrix FILE/);
  });

  it('exits 2 on an unknown option or command, without a stack trace', () => {
    for (const args of [['lint', '--bogus'], ['frobnicate'], ['lint', '--format', 'xml']]) {
      const result = runCli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/error: /);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });

  it('colours only when asked: never with NO_COLOR, always with FORCE_COLOR', () => {
    const file = fixture('broken/unknown-role.yaml');
    expect(runCli(['lint', file]).stdout).not.toMatch(/\u001b\[/);
    expect(runCli(['lint', file], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(['lint', file], { env: { NO_COLOR: '1', FORCE_COLOR: '0' } }).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('escalate --help and --version', () => {
  it('documents the exit codes and the commands', () => {
    const result = runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:\n {2}0 /);
    expect(result.stdout).toMatch(/130 +interrupted/);
    for (const command of ['lint', 'init', 'triage', 'schema', 'diff', 'docs']) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} `));
    expect(runCli(['lint', '--help']).stdout).toMatch(/Exit codes:/);
    expect(runCli(['help', 'docs']).stdout).toMatch(/^Usage: escalate docs/);
    // Options before a command name still get the whole program: `--help lint` is the program's help.
    const before = runCli(['--help', 'lint']);
    for (const command of ['lint', 'init', 'triage', 'schema', 'diff', 'docs']) expect(before.stdout).toMatch(new RegExp(`\\n  ${command} `));
  });
  it('suggests the command a typo meant, and takes global options before the command', () => {
    const typo = runCli(['lnt']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'lnt'\n\(Did you mean lint\?\)/);
    const debug = runCli(['--debug', 'lint', fixture('valid/minimal.yaml')]);
    expect(debug.code, debug.stderr).toBe(0);
  });
  it('without a command prints the help on stderr and exits 2; `help` exits 0', () => {
    const bare = runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: escalate/);
    expect(runCli(['help']).code).toBe(0);
  });
  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(runCli(['--version']).stdout.trim()).toBe(version);
  });
});

describe('escalate schema', () => {
  it('prints the draft-07 JSON Schema that the committed file holds', () => {
    const result = runCli(['schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.properties.severities.description).toMatch(/most severe first/);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'schemas/escalation-matrix.schema.json'), 'utf8'));
  });
  it('--check passes on the committed schemas (the drift test)', () => {
    for (const { file, text } of generatedSchemas()) {
      expect(readFileSync(join(ROOT, 'schemas', file), 'utf8'), `schemas/${file} is stale: run escalate schema --write`).toBe(text);
    }
    const result = runCli(['schema', '--check']);
    expect(result.code).toBe(0);
  });
  it('--triage-result prints the schema of triage --json output', () => {
    const result = runCli(['schema', '--triage-result']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).title).toBe('escalate triage result');
  });
  it('every example names the schema in its editor modeline', () => {
    for (const path of EXAMPLES) {
      expect(readFileSync(join(ROOT, path), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/escalation-matrix.schema.json');
    }
  });
});

describe('escalate init', () => {
  it('writes a starter matrix that lints clean, with the modeline pointing where npm installs the schema', () => {
    const dir = tmp();
    const result = runCli(['init', '--template', 'msp'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote escalation-matrix.yaml: the msp template/);
    const text = readFileSync(join(dir, 'escalation-matrix.yaml'), 'utf8');
    expect(text).toContain('name: IT managed services');
    const { name } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
    expect(/\$schema=(.*)$/m.exec(text)![1]).toBe(`node_modules/${name}/schemas/escalation-matrix.schema.json`);
    expect(runCli(['lint'], { cwd: dir }).code).toBe(0);
  });

  it('refuses to overwrite an existing file unless --force', () => {
    const dir = tmp();
    const path = join(dir, 'm.yaml');
    writeFileSync(path, 'mine\n');
    const refused = runCli(['init', path]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists; pass --force to replace it/);
    expect(readFileSync(path, 'utf8')).toBe('mine\n');
    expect(runCli(['init', path, '--force', '--template', 'client-vendor']).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('name: Client account');
  });

  it('exits 2 for an unknown template or an unwritable path', () => {
    expect(runCli(['init', '--template', 'bank'], { cwd: tmp() }).code).toBe(2);
    const dir = tmp();
    writeFileSync(join(dir, 'file'), '');
    const result = runCli(['init', join(dir, 'file', 'm.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^escalate: cannot write into .*file: it is a file, not a folder\n$/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
