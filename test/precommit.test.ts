/**
 * The shipped pre-commit hook under real pre-commit, end to end: pre-commit installs this
 * checkout as a node hook (`npm install`, then `npm pack`, whose standard output must be the
 * tarball name alone, then `npm install -g` of the tarball), and runs `escalate lint` on a
 * repository's escalation-matrix.yaml. A clean matrix passes; a misspelled key fails, naming
 * the file and the line. `pre-commit try-repo` takes this checkout as it stands, uncommitted
 * changes included. Skipped, saying so, where pre-commit is not installed (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, example } from './helpers/cli.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const missing = preCommit.error !== undefined || preCommit.status !== 0;
if (missing) console.warn('test/precommit.test.ts skipped: pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit)');

describe.skipIf(missing)(`the pre-commit hook under real ${preCommit.stdout?.trim() || 'pre-commit'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-pre-commit-'));
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
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });
  const run = () => {
    const r = spawnSync('pre-commit', ['try-repo', ROOT, 'escalate-lint', '--all-files'], { cwd: repo, env, encoding: 'utf8', timeout: 900_000 });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  };

  it('passes a clean matrix, then fails a misspelled key naming the file and its line', () => {
    execFileSync('git', ['init', '-q', repo]);
    copyFileSync(example('client-vendor.yaml'), join(repo, 'escalation-matrix.yaml'));
    copyFileSync(example('client-vendor.cases.yaml'), join(repo, 'escalation-matrix.cases.yaml'));
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
  }, 1_200_000);
});
