/**
 * The shipped pre-commit hook under real pre-commit, end to end: pre-commit installs this
 * checkout as a node hook (`npm install`, then `npm pack`, whose standard output must be the
 * tarball name alone, then `npm install -g` of the tarball), and runs `escalate lint` on a
 * repository's escalation-matrix.yaml. A clean matrix passes; a misspelled key fails, naming
 * the file and the line. The hook comes from a snapshot of this checkout as it stands
 * (uncommitted changes included, as `pre-commit try-repo` would take it), named at its commit
 * in the repository's .pre-commit-config.yaml: pre-commit installs it once (a few minutes:
 * npm install and build) and the second run reuses it, where try-repo made a new snapshot,
 * and a new install, per run. Skipped, saying so, where pre-commit is not installed (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, example } from './helpers/cli.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const missing = preCommit.error !== undefined || preCommit.status !== 0;
if (missing) console.warn('test/precommit.test.ts skipped: pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit)');

/**
 * Where the hook is installed: a memory-backed folder (/dev/shm) when there is room for it.
 * pre-commit's `npm install` writes ~350 MB of development dependencies in ~25,000 files, and
 * on a disk most of that install was the kernel's file-system work (18 s of system time of
 * 28 s; 6 s of 15 s in memory). The install is the same; only where its files land differs.
 */
function scratch(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize > 2 ** 31) return mkdtempSync('/dev/shm/escalate-pre-commit-');
  } catch {
    // no /dev/shm here, or not writable
  }
  return mkdtempSync(join(tmpdir(), 'escalate-pre-commit-'));
}

describe.skipIf(missing)(`the pre-commit hook under real ${preCommit.stdout?.trim() || 'pre-commit'}`, () => {
  const dir = scratch();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const repo = join(dir, 'repo');
  const env = {
    ...process.env,
    PRE_COMMIT_HOME: join(dir, 'cache'), // installed from scratch, as in a new checkout
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
    npm_config_prefer_offline: 'true', // the packages this checkout's npm ci already fetched
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  const hook = join(dir, 'escalate');
  const gitIn = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe', encoding: 'utf8' });
  const git = (...args: string[]) => gitIn(repo, ...args);
  const run = () => {
    const r = spawnSync('pre-commit', ['run', 'escalate-lint', '--all-files'], { cwd: repo, env, encoding: 'utf8', timeout: 900_000 });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  };

  /** This checkout as it stands, tracked and untracked files (not ignored ones), as one commit. */
  function snapshot(): string {
    execFileSync('git', ['init', '-q', hook]);
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
    for (const file of files) {
      if (file === '' || !existsSync(join(ROOT, file))) continue; // deleted, not yet staged
      mkdirSync(dirname(join(hook, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(hook, file));
    }
    gitIn(hook, 'add', '-A');
    gitIn(hook, 'commit', '-qm', 'snapshot');
    return gitIn(hook, 'rev-parse', 'HEAD').trim();
  }

  it('passes a clean matrix, then fails a misspelled key naming the file and its line', () => {
    const rev = snapshot();
    execFileSync('git', ['init', '-q', repo]);
    copyFileSync(example('client-vendor.yaml'), join(repo, 'escalation-matrix.yaml'));
    copyFileSync(example('client-vendor.cases.yaml'), join(repo, 'escalation-matrix.cases.yaml'));
    writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${JSON.stringify(hook)}\n    rev: ${rev}\n    hooks:\n      - id: escalate-lint\n`);
    git('add', '-A');
    git('commit', '-qm', 'matrix');

    const clean = run();
    expect(clean.code, clean.output).toBe(0);
    expect(clean.output).toMatch(/escalate lint\.+Passed/);

    const text = readFileSync(join(repo, 'escalation-matrix.yaml'), 'utf8').split('\n');
    const line = text.findIndex((l) => l.startsWith('name:')) + 1;
    text[line - 1] = text[line - 1]!.replace(/^name:/, 'nmae:');
    writeFileSync(join(repo, 'escalation-matrix.yaml'), text.join('\n'));
    git('commit', '-qam', 'typo');

    const typo = run();
    expect(typo.code, typo.output).toBe(1);
    expect(typo.output).toMatch(/escalate lint\.+Failed/);
    // stylish output: the file as a header, then `line:column  level  message  rule`
    expect(typo.output).toMatch(/^escalation-matrix\.yaml$/m);
    expect(typo.output).toMatch(new RegExp(`^ +${line}:1 +error +unknown key "nmae"`, 'm'));

    // docs/lint.md: a matrix taking its holidays from a feed, and the hook entry that lints it
    // when only the feed changes (the installed hook is reused).
    copyFileSync(example('it-helpdesk.yaml'), join(repo, 'escalation-matrix.yaml'));
    copyFileSync(example('it-helpdesk.cases.yaml'), join(repo, 'escalation-matrix.cases.yaml'));
    mkdirSync(join(repo, 'holidays'));
    copyFileSync(example('holidays/england-and-wales.ics'), join(repo, 'holidays/england-and-wales.ics'));
    writeFileSync(
      join(repo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${JSON.stringify(hook)}\n    rev: ${rev}\n    hooks:\n      - id: escalate-lint\n      - id: escalate-lint\n        name: escalate lint (holidays feed)\n        files: ^holidays/.*\\.ics$\n        pass_filenames: false\n        args: [escalation-matrix.yaml]\n`,
    );
    git('add', '-A');
    git('commit', '-qm', 'feed');
    const onFeed = () => {
      const r = spawnSync('pre-commit', ['run', '--files', 'holidays/england-and-wales.ics'], { cwd: repo, env, encoding: 'utf8', timeout: 900_000 });
      return { code: r.status, output: `${r.stdout}${r.stderr}` };
    };
    const feedClean = onFeed();
    expect(feedClean.code, feedClean.output).toBe(0);
    expect(feedClean.output).toMatch(/escalate lint \(holidays feed\)\.+Passed/);
    writeFileSync(join(repo, 'holidays/england-and-wales.ics'), 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n');
    git('commit', '-qam', 'broken feed');
    const feedBroken = onFeed();
    expect(feedBroken.code, feedBroken.output).toBe(1);
    expect(feedBroken.output).toMatch(/escalate lint \(holidays feed\)\.+Failed/);
    expect(feedBroken.output).toMatch(/holidays[/]england-and-wales\.ics/);
  }, 1_200_000);
});
