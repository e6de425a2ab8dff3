/** End-to-end: `escalate schema --check` in a team's repository, outside escalate's own checkout. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, ROOT, runCli, STACK_TRACE, example } from '../helpers/cli.js';
import { installInto } from '../helpers/install.js';

const PACKAGE = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
const { version: VERSION } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const SCHEMA = 'schemas/escalation-matrix.schema.json';

/** A team's repository with a starter matrix; with `install`, the package in node_modules. */
function teamRepo(install: boolean): { dir: string; check: (...args: string[]) => ReturnType<typeof runCli> } {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-schema-check-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}\n');
  const bin = install ? join(installInto(dir, PACKAGE), 'bin/escalate.js') : undefined;
  expect(runCli(['init', '--today', '2026-11-27'], { cwd: dir }).code).toBe(0);
  const check = (...args: string[]) => {
    if (!bin) return runCli(['schema', '--check', ...args], { cwd: dir });
    const r = spawnSync(process.execPath, [bin, 'schema', '--check', ...args], { cwd: dir, encoding: 'utf8', env: cliEnv(undefined) });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { dir, check };
}

const put = (dir: string, name: string, text: string) => writeFileSync(join(dir, name), text);
const matrixText = (dir: string) => readFileSync(join(dir, 'escalation-matrix.yaml'), 'utf8');

describe('escalate schema --check in a team repository', () => {
  it('checks the matrix found here: it follows the format and its modeline leads to the installed schema', () => {
    const { check } = teamRepo(true);
    const result = check();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('✓ escalation-matrix.yaml follows the format and its modeline leads to the current schema\n');
  });

  it('a modeline into a package that is not installed: exit 1, with the line and how to fix it', () => {
    const { check } = teamRepo(false);
    const result = check();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `✖ escalation-matrix.yaml:1: the editor modeline points at node_modules/${PACKAGE}/${SCHEMA}, which does not exist; install the package (npm i -D escalation-matrix), then: # yaml-language-server: $schema=node_modules/${PACKAGE}/${SCHEMA}\n`,
    );
  });

  it('a modeline that leads nowhere from a subfolder names the path that works from there', () => {
    const { dir, check } = teamRepo(true);
    mkdirSync(join(dir, 'ops'));
    put(dir, 'ops/team.yaml', matrixText(dir)); // the modeline still says node_modules/…, which is wrong one folder down
    const result = check('ops/team.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`✖ ops/team.yaml:1: the editor modeline points at ops/node_modules/${PACKAGE}/${SCHEMA}, which does not exist; change the line to: # yaml-language-server: $schema=../node_modules/${PACKAGE}/${SCHEMA}\n`);
  });

  it('a modeline at an old copy of the schema: exit 1', () => {
    const { dir, check } = teamRepo(true);
    put(dir, 'old.schema.json', '{"title":"escalate matrix","type":"object"}\n');
    put(dir, 'escalation-matrix.yaml', matrixText(dir).replace(/\$schema=\S+/, '$schema=old.schema.json'));
    const result = check();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^✖ escalation-matrix\\.yaml:1: the editor modeline points at old\\.schema\\.json, which is not the schema of escalate ${VERSION.replace(/\./g, '\\.')}; change the line to: `));
  });

  it('a matrix that breaks the format: exit 1 with each error at its line', () => {
    const { dir, check } = teamRepo(true);
    const lines = matrixText(dir).split('\n');
    const at = lines.indexOf('review_every: 90d');
    lines[at] = 'review_evry: 90d';
    put(dir, 'escalation-matrix.yaml', lines.join('\n'));
    const result = check();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`✖ escalation-matrix.yaml:${at + 1}:1: unknown key "review_evry" in the matrix (did you mean "review_every"?) (unknown-key)\n`);
    expect(result.stderr).toMatch(/\(missing-key\)\n/);
  });

  it('a matrix without a modeline passes, with the line to add', () => {
    const { dir, check } = teamRepo(true);
    put(dir, 'plain.yaml', matrixText(dir).replace(/^# yaml-language-server:.*\n/, ''));
    const result = check('plain.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`plain.yaml has no editor modeline; for completion and checks as you type, make this its first line:\n# yaml-language-server: $schema=node_modules/${PACKAGE}/${SCHEMA}\n✓ plain.yaml follows the format\n`);
  });

  it('a modeline that is a URL is not fetched', () => {
    const { dir, check } = teamRepo(true);
    put(dir, 'url.yaml', matrixText(dir).replace(/\$schema=\S+/, '$schema=https://example.org/escalation-matrix.schema.json'));
    const result = check('url.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('url.yaml: the modeline points at https://example.org/escalation-matrix.schema.json, a URL; it is not checked\n');
  });

  it('a copy of the schema kept in the repository: current, stale, or not one of ours', () => {
    const { dir, check } = teamRepo(true);
    put(dir, 'matrix.schema.json', runCli(['schema']).stdout);
    put(dir, 'triage.schema.json', runCli(['schema', '--triage-result']).stdout);
    expect(check('matrix.schema.json', 'triage.schema.json')).toMatchObject({ code: 0, stderr: '' });

    put(dir, 'matrix.schema.json', '{"title":"escalate matrix"}');
    put(dir, 'triage.schema.json', '{"title":"escalate triage result"}');
    const stale = check('matrix.schema.json', 'triage.schema.json');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      `✖ matrix.schema.json differs from the schema of escalate ${VERSION}; regenerate it: escalate schema > matrix.schema.json\n` +
        `✖ triage.schema.json differs from the schema of escalate ${VERSION}; regenerate it: escalate schema --triage-result > triage.schema.json\n`,
    );

    put(dir, 'other.json', '{"title":"something else"}');
    const other = check('other.json');
    expect(other.code).toBe(2);
    expect(other.stderr).toBe('escalate: other.json is not a JSON Schema escalate writes (its title is "something else", not "escalate matrix" or "escalate triage result")\n');
    // JSON, but no object: no title to read (a JavaScript error leaked for null).
    for (const [name, text] of [['null.json', 'null'], ['list.json', '[1]'], ['number.json', '3']] as const) {
      put(dir, name, text);
      expect(check(name)).toMatchObject({ code: 2, stderr: `escalate: ${name} is not a JSON Schema escalate writes (its title is null, not "escalate matrix" or "escalate triage result")\n` });
    }
    put(dir, 'broken.json', '{');
    expect(check('broken.json')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^escalate: broken\.json is not JSON: .*\n$/) });
  });

  it('with no matrix here it checks the installed schema and says how to name a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-schema-check-empty-'));
    const installed = installInto(dir, PACKAGE);
    const result = spawnSync(process.execPath, [join(installed, 'bin/escalate.js'), 'schema', '--check'], { cwd: dir, encoding: 'utf8', env: cliEnv(undefined) });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`✓ node_modules/${PACKAGE}/${SCHEMA} is current\n`);
    expect(result.stdout).toContain('to check a matrix or a copy of the schema, name it: escalate schema --check FILE\n');
  });

  it('checks the shipped examples by name from anywhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-schema-check-examples-'));
    const result = runCli(['schema', '--check', example('msp.yaml'), example('saas-support.yaml')], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^✓ .* follows the format and its modeline leads to the current schema$/gm)).toHaveLength(2);
  });

  it('refuses a missing file, or a file without --check', () => {
    const { check, dir } = teamRepo(true);
    const missing = check('nope.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('escalate: cannot read file nope.yaml: no such file\n');
    const result = runCli(['schema', 'escalation-matrix.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^escalate: FILE is checked with --check \(escalate schema --check escalation-matrix\.yaml\); to save the schema to a file, run: escalate schema > FILE\n$/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
