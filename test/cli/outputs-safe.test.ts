/**
 * Where escalate writes and what it reads, through the built binary: writes go only to
 * regular files or new paths (devices, FIFOs and folders are refused with exit 2 before
 * anything is written), reads check the kind and size first (a FIFO never hangs, a sparse
 * 200 MB file is refused unread), and the smaller breaks each stay fixed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, example, runCli, STACK_TRACE } from '../helpers/cli.js';

const MSP = example('msp.yaml');
const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-outputs-'));
const fifoIn = (dir: string) => {
  const path = join(dir, 'fifo');
  execFileSync('mkfifo', [path]);
  return path;
};
/** A hang would end in the spawn timeout (code null), so exit 2 also proves it returned. */
const oneLine = (r: { code: number | null; stdout: string; stderr: string }, message: RegExp) => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
};

describe('writes: only regular files and new paths', () => {
  it.each([['docs', []], ['docs --check', ['--check']]] as const)('%s --out a character device is refused and the device stays', (_name, extra) => {
    oneLine(runCli(['docs', '--matrix', MSP, '--out', '/dev/null', ...extra]), /^escalate: cannot (write|check) \/dev\/null: it is not a regular file but a character device/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.each([['docs', []], ['docs --check', ['--check']]] as const)('%s --out a FIFO ends at once with exit 2 (never blocks)', (_name, extra) => {
    const dir = tmp();
    const fifo = fifoIn(dir);
    oneLine(runCli(['docs', '--matrix', MSP, '--out', fifo, ...extra], { timeout: 10_000 }), /it is not a regular file but a named pipe \(FIFO\)/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['fifo']);
  });

  it('docs --out /dev/zero --check is refused, never read', () => {
    oneLine(runCli(['docs', '--matrix', MSP, '--out', '/dev/zero', '--check'], { timeout: 10_000 }), /character device/);
  });

  it('docs --out a folder is refused', () => {
    const dir = tmp();
    oneLine(runCli(['docs', '--matrix', MSP, '--out', dir]), /it is a directory/);
  });

  it('init --force onto a device or a FIFO is refused; the FIFO stays', () => {
    // init takes only matrix names (NAME.yaml): a link with such a name leads to the device.
    const dir = tmp();
    const device = join(dir, 'device.yaml');
    symlinkSync('/dev/null', device);
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    oneLine(runCli(['init', '--force', device]), /character device/);
    oneLine(runCli(['init', '--force', fifo], { timeout: 10_000 }), /named pipe/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('docs --out through a dangling symlink creates the file it names; the link stays', () => {
    const dir = tmp();
    symlinkSync('sheet.md', join(dir, 'link.md'));
    const r = runCli(['docs', '--matrix', MSP, '--out', join(dir, 'link.md')]);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'sheet.md'), 'utf8')).toMatch(/^# /);
  });

  it('docs --out keeps a 0600 target 0600', () => {
    const dir = tmp();
    const out = join(dir, 'sheet.md');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o600);
    expect(runCli(['docs', '--matrix', MSP, '--out', out]).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('docs --out a hard-linked file is refused: both names keep the old text', () => {
    const dir = tmp();
    const out = join(dir, 'sheet.md');
    writeFileSync(out, 'old\n');
    linkSync(out, join(dir, 'other.md'));
    oneLine(runCli(['docs', '--matrix', MSP, '--out', out]), /has 2 hard links/);
    expect(readFileSync(join(dir, 'other.md'), 'utf8')).toBe('old\n');
  });

  it('a write that fails partway (a full disk; here a file-size limit) leaves the old file and no temporary file', () => {
    // No file over 4 KB (sh's ulimit -f counts 512-byte blocks): each write fails once its
    // temporary file exists and has taken 4 KB, as on a full disk (EFBIG instead of ENOSPC).
    const limited = (...args: string[]) => {
      const run = spawnSync('sh', ['-c', 'ulimit -f 8 && exec "$0" "$@"', process.execPath, BIN, ...args], { encoding: 'utf8', env: cliEnv({}) });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const dir = tmp();
    const old = join(dir, 'old.out');
    writeFileSync(old, 'old\n');
    const runs: [string, string[]][] = [
      ['docs --out', ['docs', '--matrix', MSP]],
      ['export --out', ['export', 'pagerduty', '--matrix', MSP]],
      ['report --out', ['report', example('records'), '--as-of', '2026-11-27T12:10:00Z', '--force']],
    ];
    for (const [what, args] of runs) {
      oneLine(limited(...args, '--out', old), /^escalate: cannot write .*old\.out: the file would be larger than this process may write \(ulimit -f\)\n$/);
      oneLine(limited(...args, '--out', join(dir, 'new.out')), /the file would be larger than this process may write/);
      expect(readdirSync(dir), what).toEqual(['old.out']);
      expect(readFileSync(old, 'utf8')).toBe('old\n');
    }
  });

  it('docs --out and init write names of 255 bytes', () => {
    const dir = tmp();
    const sheet = join(dir, `${'s'.repeat(252)}.md`);
    expect(runCli(['docs', '--matrix', MSP, '--out', sheet]).code).toBe(0);
    // init writes NAME.yaml, NAME.cases.yaml and NAME.md: the longest of them is 255 bytes.
    const matrix = join(dir, `${'m'.repeat(244)}.yaml`);
    const cases = join(dir, `${'m'.repeat(244)}.cases.yaml`);
    const initSheet = join(dir, `${'m'.repeat(244)}.md`);
    expect(cases.length - dir.length - 1).toBe(255);
    expect(runCli(['init', matrix]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([matrix, cases, initSheet, sheet].map((p) => p.slice(dir.length + 1)).sort());
  });
});

describe('reads: kind and size before a byte is read', () => {
  it('a sparse 200 MB matrix is refused unread: file-too-large, exit 1, in lint and in docs', () => {
    const dir = tmp();
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024);
    const lint = runCli(['lint', big, '--format', 'json'], { timeout: 10_000 });
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout).files[0].diagnostics[0]).toMatchObject({ code: 'file-too-large', line: 1, column: 1 });
    expect(lint.stdout).toContain('200.0 MB');
    const docs = runCli(['docs', '--matrix', big], { timeout: 10_000 });
    expect(docs.code).toBe(1);
    expect(docs.stderr).toMatch(/file-too-large/);
  });

  it('a 100 MB binary file is reported as too large, not as binary', () => {
    const dir = tmp();
    const big = join(dir, 'binary.yaml');
    writeFileSync(big, Buffer.alloc(16, 0));
    truncateSync(big, 100 * 1024 * 1024);
    const r = runCli(['lint', big, '--format', 'json'], { timeout: 10_000 });
    expect(JSON.parse(r.stdout).files[0].diagnostics[0].code).toBe('file-too-large');
  });

  it('an answers file over 1 MB, a FIFO as answers and a FIFO as cases file exit 2 with one line', () => {
    const dir = tmp();
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, '');
    truncateSync(answers, 2 * 1024 * 1024 * 1024);
    oneLine(runCli(['triage', '--matrix', MSP, '--answers', answers], { timeout: 10_000 }), /^escalate: cannot read answers file .*: it is 2048\.0 MB, over the limit for an answers file of 1\.0 MB/);
    const fifo = fifoIn(dir);
    oneLine(runCli(['triage', '--matrix', MSP, '--answers', fifo], { timeout: 10_000 }), /named pipe/);
    oneLine(runCli(['lint', MSP, '--cases', fifo], { timeout: 10_000 }), /^escalate: cannot read cases file .*named pipe/);
  });
});

describe('the smaller breaks', () => {
  it('--answer __proto__=yes is an unknown question, exit 2', () => {
    const r = runCli(['triage', '--matrix', MSP, '--answer', '__proto__=yes', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'unknown_question', given: '__proto__' });
  });

  it('__proto__ in an answers file is an unknown question too', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), '__proto__: yes\n');
    const r = runCli(['triage', '--matrix', MSP, '--answers', join(dir, 'a.yaml'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('unknown_question');
  });

  it('--field __proto__=x is an unknown field, exit 2', () => {
    const r = runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--field', '__proto__=x', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.given).toBe('__proto__');
  });

  it.each([':/one', ':one'])('diff %s (no revision before the colon) exits 2 naming the fix', (side) => {
    oneLine(runCli(['diff', side, MSP]), /name a revision before the colon, like HEAD:/);
  });

  it('a record under a folder that is a FIFO path is refused before any question', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    const fifo = fifoIn(join(dir, 'sub'));
    const r = runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--record', fifo, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('record_exists');
  });
});
