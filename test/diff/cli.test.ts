/** `escalate diff` from the built binary, in a temporary git repository. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';
import { diffFixture } from './helpers.js';

const MATRIX = 'escalation-matrix.yaml';
const isolated = { GIT_CEILING_DIRECTORIES: tmpdir(), GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined };
let scratch: string;
let repo: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: { ...process.env, ...isolated },
    stdio: 'pipe',
  });
const put = (dir: string, fixture: string, name = MATRIX) => copyFileSync(diffFixture(fixture), join(dir, name));
const diff = (cwd: string, ...args: string[]) => runCli(['diff', ...args], { cwd, env: isolated });
const json = (stdout: string) => JSON.parse(stdout) as { old: string; new: string; changes: { area: string; path: string; direction: string }[]; summary: { changes: number } };
const TARGETS_FORWARD = [
  'severities.sev1.targets.acknowledge stricter',
  'severities.sev1.targets.workaround looser',
  'severities.sev2.targets.resolution looser',
  'severities.sev2.targets.rca stricter',
];
const paths = (stdout: string) => json(stdout).changes.map((c) => `${c.path} ${c.direction}`);

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'escalate-diff-'));
  repo = join(scratch, 'repo');
  mkdirSync(join(repo, 'sub'), { recursive: true });
  git(repo, 'init', '-q');
  put(repo, 'base.yaml');
  writeFileSync(join(repo, 'sub', 'notes.txt'), 'not a matrix\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base matrix');
  put(repo, 'targets.yaml');
  git(repo, 'commit', '-q', '-am', 'retime targets');
  put(repo, 'base.yaml'); // the working file goes back to the base: the reverse of the last commit
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('escalate diff in a git repository', () => {
  it('compares the working matrix against HEAD by default', () => {
    const { code, stdout, stderr } = diff(repo, '--format', 'json');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(json(stdout)).toMatchObject({ old: `HEAD:${MATRIX}`, new: MATRIX });
    expect(paths(stdout)).toEqual([
      'severities.sev1.targets.acknowledge looser',
      'severities.sev1.targets.workaround stricter',
      'severities.sev2.targets.resolution stricter',
      'severities.sev2.targets.rca looser',
    ]);
  });

  it('reads both sides from revisions with REV:PATH', () => {
    const { code, stdout } = diff(repo, `HEAD~1:${MATRIX}`, `HEAD:${MATRIX}`, '--format', 'json');
    expect(code).toBe(0);
    expect(paths(stdout)).toEqual(TARGETS_FORWARD);
  });

  it('takes a bare revision as the matrix file at that revision', () => {
    const { code, stdout } = diff(repo, 'HEAD~1', 'HEAD', '--format', 'json');
    expect(code).toBe(0);
    expect(json(stdout)).toMatchObject({ old: `HEAD~1:${MATRIX}`, new: `HEAD:${MATRIX}` });
    expect(paths(stdout)).toEqual(TARGETS_FORWARD);
  });

  it('compares one revision against the working file', () => {
    const { code, stdout } = diff(repo, 'HEAD~1');
    expect(code).toBe(0);
    expect(stdout).toBe(`escalate diff HEAD~1:${MATRIX} → ${MATRIX}\nno semantic changes\n`);
  });

  it('finds the matrix from a subfolder, and reads it at HEAD relative to that folder', () => {
    const { code, stdout } = diff(join(repo, 'sub'), '--format', 'json');
    expect(code).toBe(0);
    expect(json(stdout)).toMatchObject({ old: `HEAD:../${MATRIX}`, new: `../${MATRIX}`, summary: { changes: 4 } });
  });

  it('uses --matrix and $ESCALATE_MATRIX for the default sides', () => {
    put(repo, 'base.yaml', 'other.yaml');
    expect(diff(repo, '--matrix', 'other.yaml').stderr).toMatch(/^escalate: cannot read HEAD:other.yaml with git show: path 'other.yaml' (does not exist|exists on disk, but not) in 'HEAD'\n$/);
    const viaEnv = runCli(['diff', '--format', 'json'], { cwd: repo, env: { ...isolated, ESCALATE_MATRIX: MATRIX } });
    expect(json(viaEnv.stdout).summary.changes).toBe(4);
    rmSync(join(repo, 'other.yaml'));
  });

  it('treats an existing file whose name holds a colon as a file', () => {
    put(repo, 'targets.yaml', 'v2:matrix.yaml');
    const { code, stdout } = diff(repo, MATRIX, 'v2:matrix.yaml', '--format', 'json');
    rmSync(join(repo, 'v2:matrix.yaml'));
    expect(code).toBe(0);
    expect(paths(stdout)).toEqual(TARGETS_FORWARD);
  });

  it('--fail-on looser exits 1 after printing the report, and names what got looser', () => {
    const { code, stdout, stderr } = diff(repo, 'HEAD~1', 'HEAD', '--fail-on', 'looser', '--format', 'markdown');
    expect(code).toBe(1);
    expect(stdout).toContain('#### Targets');
    expect(stderr).toBe('escalate: 2 changes make the matrix looser (--fail-on looser)\n');
  });

  it('--fail-on exits 0 when the threshold is not crossed', () => {
    expect(diff(repo, 'HEAD~1', '--fail-on', 'any').code).toBe(0);
    const stricterOnly = diff(repo, diffFixture('severity-lowered.yaml'), diffFixture('base.yaml'), '--fail-on', 'looser');
    expect({ code: stricterOnly.code, stderr: stricterOnly.stderr }).toEqual({ code: 0, stderr: '' });
    expect(stricterOnly.stdout).toContain('stricter');
  });
});

describe('escalate diff errors: one line, the right exit code', () => {
  const oneLine = (result: { code: number | null; stdout: string; stderr: string }, code: number, message: RegExp) => {
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  };

  it('an unknown revision exits 2', () => {
    oneLine(diff(repo, `nope:${MATRIX}`), 2, /^escalate: cannot read nope:escalation-matrix.yaml with git show: unknown revision "nope"\n$/);
  });

  it('a path missing at the revision exits 2', () => {
    oneLine(diff(repo, 'HEAD:missing.yaml'), 2, /^escalate: cannot read HEAD:missing.yaml with git show: path 'missing.yaml' does not exist in 'HEAD'\n$/);
  });

  it('a folder at the revision exits 2', () => {
    oneLine(diff(repo, 'HEAD:sub', MATRIX), 2, /^escalate: cannot read HEAD:sub: it is a folder, not a matrix file\n$/);
    // git show prints a commit for `REV:..` (read as a range): never parsed as a matrix.
    oneLine(diff(repo, 'HEAD:..', MATRIX), 2, /^escalate: cannot read HEAD:\.\.: git names no file there, so it is not a matrix file\n$/);
  });

  it('a missing file exits 2', () => {
    oneLine(diff(repo, 'missing.yaml', MATRIX), 2, /^escalate: cannot read matrix missing.yaml: no such file\n$/);
  });

  it('a revision beyond the history, or any name that is neither a file nor a revision, exits 2 saying so', () => {
    oneLine(diff(repo, 'HEAD~5'), 2, /^escalate: cannot read HEAD~5: it is neither a file nor a revision git knows\n$/);
    oneLine(diff(repo, 'origin/mian', MATRIX), 2, /^escalate: cannot read origin\/mian: it is neither a file nor a revision git knows\n$/);
  });

  it('a folder given by a name that could be a revision is reported as a folder', () => {
    oneLine(diff(repo, 'sub', MATRIX), 2, /^escalate: cannot read matrix sub: it is a directory\n$/);
  });

  it('a folder with no matrix and no --matrix exits 2', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty, { recursive: true });
    oneLine(diff(empty), 2, /^escalate: no matrix found: pass --matrix FILE/);
  });

  it('outside a git repository exits 2', () => {
    const plain = join(scratch, 'plain');
    mkdirSync(plain, { recursive: true });
    put(plain, 'base.yaml');
    oneLine(diff(plain), 2, /^escalate: cannot read HEAD:escalation-matrix.yaml with git show: this folder is not inside a git repository\n$/);
  });

  it('a repository without commits exits 2 with a hint', () => {
    const fresh = join(scratch, 'fresh');
    mkdirSync(fresh, { recursive: true });
    git(fresh, 'init', '-q');
    put(fresh, 'base.yaml');
    oneLine(diff(fresh), 2, /^escalate: cannot read HEAD:escalation-matrix.yaml with git show: unknown revision "HEAD" \(does the repository have a commit yet\?\)\n$/);
  });

  it('bad option values exit 2', () => {
    expect(diff(repo, '--max-paths', '0').code).toBe(2);
    expect(diff(repo, '--format', 'html').code).toBe(2);
    expect(diff(repo, '--fail-on', 'stricter').code).toBe(2);
  });

  it('a usage error is one line plus the pointer to --help, as docs/diff.md says', () => {
    for (const args of [['--format', 'html'], ['--bogus'], ['a', 'b', 'c']]) {
      const result = diff(repo, ...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: [^\n]+\n\(run escalate diff --help for usage\)\n$/);
    }
    const section = readFileSync(join(ROOT, 'docs/diff.md'), 'utf8');
    expect(section.replace(/\s+/g, ' ')).toContain('A usage error (an unknown option, a bad option value, too many arguments) adds a second line, `(run escalate diff --help for usage)`.');
  });

  it('--help says calendars with less working time are looser', () => {
    const help = diff(repo, '--help').stdout.replace(/\s+/g, ' ');
    expect(help).toContain('less working time on a calendar (business hours instead of round the clock, shorter hours, fewer working days, more holidays)');
  });

  it('an invalid matrix on either side exits 1 with its located errors', () => {
    put(repo, 'invalid.yaml', 'broken.yaml');
    const result = diff(repo, 'broken.yaml', MATRIX);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'escalate: broken.yaml is not a valid matrix:',
        'broken.yaml:14:12: unknown role "nobody"; role ids come from roles (lead) (unknown-role)',
        'broken.yaml:15:29: severities[0].targets.acknowledge: "soon" is not a duration; write it like 15m, 2h, 1d, 1h30m or 2w (invalid-duration)',
        '',
      ].join('\n'),
    );
  });

  it('an invalid matrix on both sides reports both', () => {
    const result = diff(repo, 'broken.yaml', 'broken.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr.match(/is not a valid matrix/g)).toHaveLength(2);
    rmSync(join(repo, 'broken.yaml'));
  });

  it('an invalid matrix at a revision is located by its revision label', () => {
    const bad = join(scratch, 'bad');
    mkdirSync(bad, { recursive: true });
    git(bad, 'init', '-q');
    put(bad, 'invalid.yaml');
    git(bad, 'add', '.');
    git(bad, 'commit', '-q', '-m', 'broken');
    put(bad, 'base.yaml');
    const result = diff(bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`HEAD:${MATRIX}:14:12: unknown role "nobody"`);
    expect(readFileSync(join(bad, MATRIX), 'utf8')).toContain('Fixture support');
  });
});
