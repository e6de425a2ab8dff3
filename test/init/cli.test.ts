/** End-to-end: `escalate init` as a team runs it in its own repository, without a terminal. */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, runCli, STACK_TRACE, unprivileged, type CliResult } from '../helpers/cli.js';
import { memoryIo } from '../helpers/io.js';
import { main } from '../../src/cli/main.js';
import { installLinked } from './linked-install.js';

const TODAY = '2026-11-27';
const PACKAGE = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
const SCHEMA = 'schemas/escalation-matrix.schema.json';

/** An empty repository (a .git folder is what init looks for). */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-init-'));
  mkdirSync(join(dir, '.git'));
  return dir;
}

const init = (dir: string, ...args: string[]) => runCli(['init', '--today', TODAY, ...args], { cwd: dir });
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const yaml = (dir: string, path: string) => parse(read(dir, path)) as Record<string, unknown>;

/**
 * The environment of the processes these tests start, without NODE_EXTRA_CA_CERTS: Node reads
 * that certificate bundle at every start (on a machine that sets it, ~40 ms of CPU, as much as
 * a short command's own work), and nothing here makes a network connection.
 */
const ENV: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: undefined };

/** Whether a program is on PATH, without starting it. */
function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder || '.', program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function oneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(STACK_TRACE);
}

/** Every entry of a folder, with each file's content (the shim folder `.bin` left out). */
function snapshot(dir: string): string {
  const entries: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(sub, entry.name);
      if (path === '.bin') continue;
      if (entry.isDirectory()) {
        entries.push(`${path}/`);
        walk(path);
      } else entries.push(`${path}\n${readFileSync(join(dir, path), 'utf8')}`);
    }
  };
  walk('');
  return JSON.stringify(entries);
}

/** The failures of each workflow run so far, by the workflow and the folder's exact contents. */
const workflowRuns = new Map<string, string[]>();

/**
 * The escalate steps of a workflow, run the way the workflow runs them (see below), with this
 * build as `npx escalate`. In a folder byte for byte the same as one the same workflow already ran in,
 * the steps would read the same files: it has that run's failures, not a second run (init with
 * no --template writes what --template support writes; a workflow copied by hand into what init
 * wrote without --ci is the folder init --ci wrote).
 */
function runWorkflowSteps(dir: string, workflowText: string): string[] {
  const key = JSON.stringify([workflowText, snapshot(dir)]);
  const known = workflowRuns.get(key);
  if (known) return known;
  const failures = runWorkflowStepsNow(dir, workflowText);
  workflowRuns.set(key, failures);
  return failures;
}

/**
 * The first workflow run of the file goes through the shell, as the workflow runs its steps:
 * bash with `-eo pipefail`, this build as `escalate` on PATH, the SARIF step's redirection and
 * `||`. The runs after it take each step of the shapes the shipped workflow has in-process
 * (`runCli`: the same program, arguments, folder and environment, without starting bash and
 * Node for every step), applying the shell's rule here: a redirected step writes the output
 * to its file and passes when the program does or the file is not empty (`test -s`). A step of
 * any other shape still goes through the shell.
 */
let throughShell = true;
const IN_PROCESS_STEP = /^escalate((?: [\w./=-]+)+?)(?: > ([\w./-]+) \|\| test -s \2)?$/;

function runWorkflowStepsNow(dir: string, workflowText: string): string[] {
  const workflow = parse(workflowText) as { jobs: Record<string, { steps: { run?: string }[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run && /\bescalate\b/.test(s.run) ? [s.run] : [])));
  expect(steps.length).toBeGreaterThan(0);
  const shell = throughShell;
  throughShell = false;
  const failures: string[] = [];
  for (const step of steps) {
    const command = step.replace(/\bnpx\s+escalate\b/g, 'escalate');
    const simple = shell ? null : IN_PROCESS_STEP.exec(command);
    const run = simple ? runStepInProcess(dir, simple[1]!.trim().split(' '), simple[2]) : runStepInShell(dir, command);
    if (run.status !== 0) failures.push(`${command}: exit ${run.status}: ${run.output}`);
  }
  return failures;
}

function runStepInShell(dir: string, command: string): { status: number | null; output: string } {
  const bin = join(dir, '.bin');
  if (!existsSync(join(bin, 'escalate'))) {
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'escalate'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'escalate'), 0o755);
  }
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', command], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...ENV, PATH: `${bin}:${process.env.PATH}`, CI: 'true', GITHUB_ACTIONS: 'true', NO_COLOR: '1' },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function runStepInProcess(dir: string, args: string[], redirect: string | undefined): { status: number | null; output: string } {
  const run = runCli(args, { cwd: dir, env: { CI: 'true', GITHUB_ACTIONS: 'true' } });
  if (redirect === undefined) return { status: run.code, output: `${run.stdout}${run.stderr}` };
  writeFileSync(join(dir, redirect), run.stdout);
  // `PROGRAM > FILE || test -s FILE`: the program's status, or test's when the program failed.
  return { status: run.code === 0 || run.stdout.length > 0 ? 0 : 1, output: run.stderr };
}

describe('escalate init without a terminal', () => {
  it.each([[[]], [['--template', 'support']], [['--template', 'msp']], [['--template', 'client-vendor']]])(
    'init %j --ci github passes every escalate step of the shipped workflow as it is (lint and docs --check)',
    (flags) => {
      const dir = repo();
      const result = init(dir, ...flags, '--ci', 'github');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['.git', '.github', 'escalation-matrix.cases.yaml', 'escalation-matrix.md', 'escalation-matrix.yaml']);
      expect(read(dir, '.github/workflows/escalation-matrix.yml')).toBe(read(ROOT, 'docs/github-actions.yml'));
      expect(runWorkflowSteps(dir, read(ROOT, 'docs/github-actions.yml'))).toEqual([]);
      // Without --ci, init writes the matrix, its cases and its sheet, and the shipped
      // workflow, copied by hand, passes every step all the same (when init wrote the same
      // files as with --ci, the folder is the one above byte for byte: its run counts).
      const plain = repo();
      expect(init(plain, ...flags).code).toBe(0);
      expect(readdirSync(plain).sort()).toEqual(['.git', 'escalation-matrix.cases.yaml', 'escalation-matrix.md', 'escalation-matrix.yaml']);
      mkdirSync(join(plain, '.github/workflows'), { recursive: true });
      copyFileSync(join(ROOT, 'docs/github-actions.yml'), join(plain, '.github/workflows/escalation-matrix.yml'));
      expect(runWorkflowSteps(plain, read(plain, '.github/workflows/escalation-matrix.yml'))).toEqual([]);
    },
    60_000,
  );

  it('never asks: the defaults are the template team, this machine\'s zone, the template owner and today', () => {
    const dir = repo();
    const result = spawnSync(process.execPath, [BIN, 'init'], { cwd: dir, encoding: 'utf8', input: '', env: { ...ENV, NO_COLOR: '1', TZ: 'Asia/Tokyo' }, timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('?');
    expect(result.stdout).toMatch(/^wrote escalation-matrix\.yaml: the support template for Customer support, Asia\/Tokyo, owned by support-lead\n/m);
    expect(result.stdout).toMatch(/^wrote escalation-matrix\.cases\.yaml: 9 matrix tests, one per triage outcome$/m);
    expect(result.stdout).toMatch(/^next: .*npx escalate lint escalation-matrix\.yaml --coverage$/m);
    expect(yaml(dir, 'escalation-matrix.yaml')).toMatchObject({ name: 'Customer support', timezone: 'Asia/Tokyo', owner: 'support-lead' });
    expect(String(yaml(dir, 'escalation-matrix.yaml').reviewed)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('writes today from the injected clock as the review date', async () => {
    const dir = repo();
    const { io, stdout } = memoryIo({ cwd: dir, now: () => new Date(2027, 0, 31, 23, 59) });
    expect(await main({ argv: ['init', '--timezone', 'UTC'], io })).toBe(0);
    expect(stdout()).toMatch(/^wrote escalation-matrix\.yaml/);
    expect(yaml(dir, 'escalation-matrix.yaml')).toMatchObject({ reviewed: '2027-01-31' });
  });

  it('takes the team, time zone, owner and review date from the options', () => {
    const dir = repo();
    const result = init(dir, '--template', 'msp', '--team', 'Helpdesk: EU "north"', '--timezone', 'Europe/Vilnius', '--owner', 'l3');
    expect(result.code).toBe(0);
    const matrix = yaml(dir, 'escalation-matrix.yaml');
    expect(matrix).toMatchObject({ name: 'Helpdesk: EU "north"', timezone: 'Europe/Vilnius', owner: 'l3', reviewed: TODAY });
    expect(String(matrix.description)).toContain('Helpdesk: EU "north"');
    expect(runCli(['lint', '--coverage', '--max-warnings', '0', '--today', TODAY], { cwd: dir }).code).toBe(0);
  });

  it('creates a new owner role from --owner, --owner-title and --owner-contact', () => {
    const dir = repo();
    const result = init(dir, '--owner', 'ops-manager', '--owner-title', 'Operations manager', '--owner-contact', 'pager:ops-manager');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('owned by ops-manager (a new role)');
    const matrix = yaml(dir, 'escalation-matrix.yaml') as { owner: string; roles: Record<string, unknown> };
    expect(matrix.owner).toBe('ops-manager');
    expect(matrix.roles['ops-manager']).toMatchObject({ title: 'Operations manager', contact: 'pager:ops-manager' });
    expect(init(repo(), '--owner', 'matrix_owner', '--owner-contact', '#matrix').code).toBe(0);
  });

  it('-y asks nothing and takes the same defaults', () => {
    const dir = repo();
    expect(init(dir, '--yes', '--timezone', 'UTC').code).toBe(0);
    expect(yaml(dir, 'escalation-matrix.yaml')).toMatchObject({ timezone: 'UTC', reviewed: TODAY });
  });

  it('creates missing folders, and the modeline climbs out of them', () => {
    const dir = repo();
    const result = init(dir, 'ops/escalation/team.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created folder ops\/escalation$/m);
    expect(read(dir, 'ops/escalation/team.yaml').split('\n')[0]).toBe(`# yaml-language-server: $schema=../../node_modules/${PACKAGE}/${SCHEMA}`);
    expect(existsSync(join(dir, 'ops/escalation/team.cases.yaml'))).toBe(true);
    expect(runCli(['lint', 'ops/escalation/team.yaml', '--coverage', '--max-warnings', '0'], { cwd: dir }).code).toBe(0);
  });

  it('--ci github writes the shipped workflow pointed at the matrix, and it passes', () => {
    const dir = repo();
    const result = init(dir, 'ops/team.yaml', '--ci', 'github');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^wrote \.github\/workflows\/escalation-matrix\.yml: /m);
    const workflow = read(dir, '.github/workflows/escalation-matrix.yml');
    expect(workflow).toContain('npx escalate lint ops/team.yaml --format github --coverage --max-warnings 0');
    expect(workflow).toContain('"ops/team.cases.yaml"');
    expect(runWorkflowSteps(dir, workflow)).toEqual([]);
  }, 60_000);

  it('--ci from a subfolder of the repository names the matrix from the repository root', () => {
    const dir = repo();
    mkdirSync(join(dir, 'ops'));
    expect(runCli(['init', 'm.yaml', '--ci', 'github'], { cwd: join(dir, 'ops') }).code).toBe(0);
    expect(read(dir, '.github/workflows/escalation-matrix.yml')).toContain('npx escalate lint ops/m.yaml ');
  });

  it('--pre-commit writes a hook config, or adds the hook to the one there', () => {
    const dir = repo();
    expect(init(dir, '--pre-commit').code).toBe(0);
    const config = yaml(dir, '.pre-commit-config.yaml') as { repos: { repo: string; hooks: { id: string; files: string }[] }[] };
    expect(config.repos[0]!.hooks[0]).toMatchObject({ id: 'escalate-lint', files: '^(escalation-matrix\\.yaml|escalation-matrix\\.cases\\.yaml)$' });

    const other = repo();
    writeFileSync(join(other, '.pre-commit-config.yaml'), '# ours\nrepos:\n  - repo: local\n    hooks:\n      - { id: fmt, name: fmt, entry: "true", language: system }\n');
    const result = init(other, '--pre-commit');
    expect(result.stdout).toMatch(/^wrote \.pre-commit-config\.yaml: added the escalate-lint hook$/m);
    const merged = read(other, '.pre-commit-config.yaml');
    expect(merged.startsWith('# ours\n')).toBe(true);
    expect((parse(merged) as { repos: { hooks: { id: string }[] }[] }).repos.flatMap((r) => r.hooks.map((h) => h.id))).toEqual(['fmt', 'escalate-lint']);
  });

  it.skipIf(!onPath('pre-commit'))('the pre-commit hook passes a clean matrix and fails a planted mistake with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-init-hook-'));
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    installLinked(dir, PACKAGE);
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
    expect(runCli(['init', '--pre-commit'], { cwd: dir }).code).toBe(0);
    git('add', '-A');
    const env = { ...ENV, PRE_COMMIT_HOME: join(dir, '.cache'), NO_COLOR: '1' };
    const clean = spawnSync('pre-commit', ['run', '--all-files'], { cwd: dir, encoding: 'utf8', env });
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    const lines = read(dir, 'escalation-matrix.yaml').split('\n');
    const line = lines.indexOf('review_every: 90d') + 1;
    lines[line - 1] = 'review_evry: 90d';
    writeFileSync(join(dir, 'escalation-matrix.yaml'), lines.join('\n'));
    git('add', '-A');
    const planted = spawnSync('pre-commit', ['run', '--all-files'], { cwd: dir, encoding: 'utf8', env });
    expect(planted.status).toBe(1);
    expect(line).toBeGreaterThan(1);
    expect(planted.stdout).toMatch(new RegExp(`^escalation-matrix\\.yaml\\n(.*\\n)*\\s+${line}:1\\s+error\\s+unknown key "review_evry"`, 'm'));
  }, 60_000);

  it('--force replaces the matrix and its cases', () => {
    const dir = repo();
    expect(init(dir).code).toBe(0);
    expect(init(dir, '--force', '--template', 'msp').code).toBe(0);
    expect(yaml(dir, 'escalation-matrix.yaml')).toMatchObject({ owner: 'service-manager' });
    expect(read(dir, 'escalation-matrix.cases.yaml')).toContain('outage=');
  });
});

describe('escalate init in a project that installed the package', () => {
  it.each([PACKAGE, 'escalation-matrix', 'escalate'])('node_modules/%s: the modeline resolves from the matrix folder to the installed schema', (folder) => {
    const dir = repo();
    writeFileSync(join(dir, 'package.json'), '{"name":"app","private":true}\n');
    const installed = installLinked(dir, folder);
    mkdirSync(join(dir, 'ops'));
    const result = spawnSync(process.execPath, [join(installed, 'bin/escalate.js'), 'init', 'ops/escalation-matrix.yaml', '--today', TODAY], { cwd: dir, encoding: 'utf8', env: ENV });
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('appears once the package is installed');
    const modeline = /^# yaml-language-server: \$schema=(.*)$/m.exec(read(dir, 'ops/escalation-matrix.yaml'))![1]!;
    expect(modeline).toBe(`../node_modules/${folder}/${SCHEMA}`);
    expect(JSON.parse(read(join(dir, 'ops'), modeline)).title).toBe('escalate matrix');
  });

  it('found from the repository too when init runs from elsewhere (npx of another copy)', () => {
    const dir = repo();
    installLinked(dir, 'escalation-matrix');
    expect(init(dir).code).toBe(0);
    expect(read(dir, 'escalation-matrix.yaml').split('\n')[0]).toBe(`# yaml-language-server: $schema=node_modules/escalation-matrix/${SCHEMA}`);
  });

  it('says where the modeline points when the package is not installed yet', () => {
    const result = init(repo());
    expect(result.stdout).toContain(`the editor modeline points at node_modules/${PACKAGE}/${SCHEMA}, which appears once the package is installed here: npm i -D escalation-matrix`);
  });
});

describe('escalate init refuses, writing nothing', () => {
  const nothingWritten = (dir: string, ...also: string[]) => expect(readdirSync(dir).sort()).toEqual(['.git', ...also].sort());

  it('an unknown time zone, with a suggestion', () => {
    const dir = repo();
    oneLineError(init(dir, '--timezone', 'Europe/Berln'), /^escalate: --timezone "Europe\/Berln" is not an IANA time zone name, like Europe\/Berlin or America\/New_York \(did you mean "Europe\/Berlin"\?\)\n$/);
    oneLineError(init(dir, '--timezone', 'CEST'), /is not an IANA time zone name/);
    nothingWritten(dir);
  });

  it('a file name holding a control character (it would break the lines that name the file)', () => {
    const dir = repo();
    oneLineError(init(dir, 'a\nb.yaml'), /^escalate: the matrix file name "a\\nb\.yaml" holds U\+000A \(line feed\); choose a name without control characters\n$/);
    oneLineError(init(dir, 'ops\u001b[2J/team.yaml'), /^escalate: the matrix file name "ops\\u001b\[2J\/team\.yaml" holds U\+001B \(ESC/);
    oneLineError(init(dir, 'team\u202e.yaml'), /holds U\+202E \(right-to-left override\)/);
    nothingWritten(dir);
  });

  it('an existing matrix or cases file without --force', () => {
    const dir = repo();
    writeFileSync(join(dir, 'escalation-matrix.yaml'), 'mine\n');
    oneLineError(init(dir), /^escalate: escalation-matrix\.yaml already exists; pass --force to replace it\n$/);
    nothingWritten(dir, 'escalation-matrix.yaml');
    expect(read(dir, 'escalation-matrix.yaml')).toBe('mine\n');

    const other = repo();
    writeFileSync(join(other, 'escalation-matrix.cases.yaml'), 'mine\n');
    oneLineError(init(other), /^escalate: escalation-matrix\.cases\.yaml already exists; pass --force to replace it\n$/);
    nothingWritten(other, 'escalation-matrix.cases.yaml');
  });

  it('an existing workflow without --force', () => {
    const dir = repo();
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/escalation-matrix.yml'), 'mine\n');
    oneLineError(init(dir, '--ci', 'github'), /^escalate: \.github\/workflows\/escalation-matrix\.yml already exists; pass --force to replace it\n$/);
    nothingWritten(dir, '.github');
  });

  it('a pre-commit config it cannot extend', () => {
    const dir = repo();
    writeFileSync(join(dir, '.pre-commit-config.yaml'), 'default_stages: [pre-commit]\n');
    oneLineError(init(dir, '--pre-commit'), /^escalate: cannot add the escalate-lint hook to \.pre-commit-config\.yaml: it has no repos: list\n$/);
    nothingWritten(dir, '.pre-commit-config.yaml');
  });

  it('an owner that is not a role id, not internal, or new without a contact', () => {
    const dir = repo();
    oneLineError(init(dir, '--owner', 'Support Lead'), /^escalate: --owner "Support Lead" is not a role id: lower-case letters/);
    oneLineError(init(dir, '--owner', 'suport-lead'), /^escalate: --owner "suport-lead" is not an internal role of the support template \(frontline, specialist, support-lead, .*\) \(did you mean "support-lead"\?\); to create it, add --owner-contact\n$/);
    oneLineError(init(dir, '--owner', 'client-admin', '--owner-contact', '#x'), /^escalate: "client-admin" is a client or vendor role of the support template; the matrix is owned by an internal role/);
    oneLineError(init(dir, '--owner', 'ops', '--owner-contact', 'TBD'), /^escalate: --owner-contact: "TBD" says nobody yet; give a queue, pager, channel or shared mailbox\n$/);
    oneLineError(init(dir, '--owner', 'support-lead', '--owner-contact', '#x'), /^escalate: --owner-title and --owner-contact describe a new role, but "support-lead" is a role of the support template already\n$/);
    nothingWritten(dir);
  });

  it('a team name or title with control characters, or empty', () => {
    const dir = repo();
    oneLineError(init(dir, '--team', 'Ops\u001b]8;;x\u0007'), /^escalate: --team must not contain control characters\n$/);
    oneLineError(init(dir, '--team', ' '), /^escalate: --team must not be empty\n$/);
    oneLineError(init(dir, '--owner', 'ops', '--owner-contact', '#ops', '--owner-title', 'A\u202eB'), /^escalate: --owner-title must not contain control characters\n$/);
    nothingWritten(dir);
  });

  it('a bad --today, --template or --ci value, or a file name that is not YAML', () => {
    const dir = repo();
    oneLineError(runCli(['init', '--today', '2026-02-30'], { cwd: dir }), /^escalate: --today takes a calendar date, YYYY-MM-DD; got "2026-02-30"\n$/);
    expect(init(dir, '--template', 'bank').code).toBe(2);
    expect(init(dir, '--ci', 'gitlab').stderr).toMatch(/^error: option '--ci <provider>' argument 'gitlab' is invalid. Allowed choices are github./);
    oneLineError(init(dir, 'matrix.json'), /^escalate: a matrix file name ends in \.yaml or \.yml .*; got "matrix\.json"\n$/);
    nothingWritten(dir);
  });

  it('a CI path the workflow cannot name, or a matrix outside the repository', () => {
    const dir = repo();
    oneLineError(init(dir, 'my matrix.yaml', '--ci', 'github'), /^escalate: --ci and --pre-commit name the matrix by its path from the repository root .*; got "my matrix\.yaml"\n$/);
    nothingWritten(dir);
  });

  it('a folder in the path that is a file', () => {
    const dir = repo();
    writeFileSync(join(dir, 'ops'), '');
    oneLineError(init(dir, 'ops/team/m.yaml'), /^escalate: cannot write into ops: it is a file, not a folder\n$/);
    nothingWritten(dir, 'ops');
  });

  it('--force replaces none of the files when one of them cannot be replaced (checked before the first write)', () => {
    const dir = repo();
    writeFileSync(join(dir, 'escalation-matrix.yaml'), 'my precious matrix\n');
    writeFileSync(join(dir, 'escalation-matrix.cases.yaml'), 'keep\n');
    writeFileSync(join(dir, 'escalation-matrix.md'), 'sheet\n');
    linkSync(join(dir, 'escalation-matrix.md'), join(dir, 'other.md'));
    const force = () => init(dir, '--yes', '--force', '--timezone', 'UTC');
    let before = snapshot(dir);
    oneLineError(force(), /^escalate: cannot write escalation-matrix\.md: it has 2 hard links, and replacing it would leave the other names with the old text/);
    expect(snapshot(dir)).toBe(before);

    unlinkSync(join(dir, 'other.md'));
    unlinkSync(join(dir, 'escalation-matrix.cases.yaml'));
    mkdirSync(join(dir, 'escalation-matrix.cases.yaml'));
    before = snapshot(dir);
    oneLineError(force(), /^escalate: cannot write escalation-matrix\.cases\.yaml: it is not a regular file but a directory/);
    expect(snapshot(dir)).toBe(before);

    // A sheet that is a link to the matrix: writing both would leave the sheet in the matrix.
    rmSync(join(dir, 'escalation-matrix.cases.yaml'), { recursive: true });
    unlinkSync(join(dir, 'escalation-matrix.md'));
    symlinkSync('escalation-matrix.yaml', join(dir, 'escalation-matrix.md'));
    before = snapshot(dir);
    oneLineError(force(), /^escalate: escalation-matrix\.yaml and escalation-matrix\.md are the same file; write each to its own file\n$/);
    expect(snapshot(dir)).toBe(before);
  });

  it('a write that fails partway (a full disk; here a file-size limit) leaves every file as it was and no temporary file', () => {
    // The process may write no file over `bytes` (sh's ulimit -f counts 512-byte blocks): a
    // write fails once its temporary file exists, as on a full disk (EFBIG instead of ENOSPC).
    const limited = (dir: string, bytes: number, ...args: string[]) => {
      const run = spawnSync('sh', ['-c', `ulimit -f ${bytes / 512} && exec "$0" "$@"`, process.execPath, BIN, 'init', '--today', TODAY, '--yes', '--timezone', 'UTC', ...args], { cwd: dir, encoding: 'utf8', env: ENV });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const dir = repo();
    expect(init(dir, '--yes', '--timezone', 'UTC').code).toBe(0);
    const names = ['escalation-matrix.yaml', 'escalation-matrix.cases.yaml', 'escalation-matrix.md'];
    // Matrix and cases fit under the limit, the sheet (written last) does not.
    const [matrix, cases, sheet] = names.map((name) => statSync(join(dir, name)).size) as [number, number, number];
    expect(Math.max(matrix, cases)).toBeLessThan(16_384);
    expect(sheet).toBeGreaterThan(16_384);
    for (const name of names) writeFileSync(join(dir, name), `the team's own ${name}\n`);
    const before = snapshot(dir);
    oneLineError(limited(dir, 16_384, '--force'), /^escalate: cannot write escalation-matrix\.md: the file would be larger than this process may write \(ulimit -f\)\n$/);
    expect(snapshot(dir)).toBe(before);

    // Nothing there before, nothing after: no file, no folder made for it, no temporary file.
    const fresh = repo();
    oneLineError(limited(fresh, 4096, 'ops/team.yaml'), /^escalate: cannot write ops\/team\.yaml: the file would be larger/);
    nothingWritten(fresh);
  });

  it('a path through a symbolic link that leads nowhere or round a loop', () => {
    const dir = repo();
    symlinkSync('gone', join(dir, 'link'));
    symlinkSync('loop2', join(dir, 'loop1'));
    symlinkSync('loop1', join(dir, 'loop2'));
    oneLineError(init(dir, '--yes', 'link/m.yaml'), /^escalate: cannot write into link: it is a symbolic link to gone, which does not exist; create that folder or name another path\n$/);
    oneLineError(init(dir, '--yes', 'link/deep/m.yaml'), /^escalate: cannot write into link: it is a symbolic link to gone/);
    oneLineError(init(dir, '--yes', 'loop1/m.yaml'), /^escalate: cannot write into loop1: too many levels of symbolic links\n$/);
    oneLineError(init(dir, '--yes', 'loop1/deep/m.yaml'), /^escalate: cannot write into loop1: too many levels of symbolic links\n$/);
    nothingWritten(dir, 'link', 'loop1', 'loop2');
  });

  it('a folder this user may not write in, to make a folder or a file', () => {
    const dir = repo();
    mkdirSync(join(dir, 'locked'));
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'locked'), 0o555);
    // Root writes in any folder: run as nobody there, as the user elsewhere.
    const as = unprivileged();
    if ('skip' in as) return void console.warn(`skipped: ${as.skip}`);
    const run = (...args: string[]) => as.run([process.execPath, BIN, 'init', '--today', TODAY, '--yes', '--timezone', 'UTC', ...args], { cwd: dir, env: ENV });
    // The run's temporary folder (made private) must let that user pass through.
    const { mode } = statSync(tmpdir());
    chmodSync(tmpdir(), mode | 0o011);
    try {
      oneLineError(run('locked/new/deep.yaml'), /^escalate: cannot create the folder locked\/new: permission denied in locked\n$/);
      const file = run('locked/m.yaml');
      oneLineError(file, /takes no new file: permission denied\n$/);
      expect(file.stderr).toBe(`escalate: cannot write locked/m.yaml: the folder ${join(dir, 'locked')} takes no new file: permission denied\n`);
      expect(readdirSync(join(dir, 'locked'))).toEqual([]);
      nothingWritten(dir, 'locked');
    } finally {
      chmodSync(tmpdir(), mode);
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });
});
