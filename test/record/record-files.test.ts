/**
 * End-to-end: every record read (symlinks in a folder walk), the lock on the real file, stale locks recovered, one size limit.
 * A live owner's lock holding back a writer that came through a link is in lock-wait.test.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RECORD_MAX_BYTES } from '../../src/record/limits.js';
import { BIN, cliEnv, example, runCli, unprivileged } from '../helpers/cli.js';

let dir: string;
let record: string;


beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'escalate-files-'));
  mkdirSync(join(dir, 'store'));
  record = join(dir, 'store/inc.json');
  expect(runCli(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-03-27T16:30+01:00', '--record', record]).code).toBe(0);
});

describe('a folder walk reads records reached through symlinks', () => {
  it('a linked record and a linked folder are judged (status exits 1 for the overdue incident); a link cycle is walked once', () => {
    mkdirSync(join(dir, 'watch'));
    symlinkSync(record, join(dir, 'watch/linked.json'));
    symlinkSync(join(dir, 'store'), join(dir, 'watch/linked-folder'));
    symlinkSync(join(dir, 'watch'), join(dir, 'watch/loop'));
    const result = runCli(['status', join(dir, 'watch'), '--as-of', '2026-03-27T18:00+01:00', '--json']);
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout).records.map((r: { file: string }) => r.file);
    expect(files).toEqual([join(dir, 'watch/linked-folder/inc.json')]); // the same record once, by the first name in order
  });

  it('a FIFO named like a record or a history is a problem for report and status, not silently skipped (and never waited on)', () => {
    mkdirSync(join(dir, 'watch/imports'), { recursive: true });
    writeFileSync(join(dir, 'watch/a.json'), readFileSync(record));
    execFileSync('mkfifo', [join(dir, 'watch/b.json')]);
    execFileSync('mkfifo', [join(dir, 'watch/imports/h.jsonl')]);
    for (const command of ['report', 'status']) {
      const result = runCli([command, join(dir, 'watch'), '--as-of', '2026-03-27T18:00+01:00']);
      expect(result.code, command).toBe(2);
      expect(result.stderr).toMatch(/b\.json: it is not a regular file but a named pipe \(FIFO\)/);
      expect(result.stderr).toMatch(/h\.jsonl: it is not a regular file but a named pipe \(FIFO\)/);
    }
  });

  it('a file reached twice in one run (the same path, a folder and a file in it, a link to it) is one incident for report and status', () => {
    mkdirSync(join(dir, 'watch'));
    symlinkSync(record, join(dir, 'watch/linked.json'));
    const folder = join(dir, 'store');
    const report = (...paths: string[]) => JSON.parse(runCli(['report', ...paths, '--format', 'json', '--as-of', '2026-03-27T18:00+01:00']).stdout) as { incidents: number; records: { file: string }[] };
    for (const paths of [[folder, folder], [folder, `${folder}/`, record], [record, folder], [join(dir, 'watch/linked.json'), record, folder]]) {
      const once = report(...paths);
      expect(once.incidents, paths.join(' ')).toBe(1);
      expect(once.records.map((r) => r.file)).toEqual([paths[0]!.endsWith('.json') ? paths[0] : join(folder, 'inc.json')]);
      const status = runCli(['status', ...paths, '--all', '--json', '--as-of', '2026-03-27T18:00+01:00']);
      expect(JSON.parse(status.stdout).records, paths.join(' ')).toHaveLength(1);
    }
  });

  it('a folder that cannot be listed is named, and no review is made without its records', () => {
    mkdirSync(join(dir, 'watch/locked'), { recursive: true });
    writeFileSync(join(dir, 'watch/a.json'), readFileSync(record));
    writeFileSync(join(dir, 'watch/locked/b.json'), readFileSync(record));
    chmodSync(dir, 0o755);
    for (const folder of ['store', 'watch', 'watch/locked']) chmodSync(join(dir, folder), 0o755);
    chmodSync(join(dir, 'watch/locked'), 0o000);
    // Root lists any folder: run as nobody there, as the user elsewhere.
    const as = unprivileged();
    if ('skip' in as) return void console.warn(`skipped: ${as.skip}`);
    const run = (...args: string[]) => as.run([process.execPath, BIN, ...args], { cwd: tmpdir() });
    // The run's temporary folder (made private) must let that user pass through.
    const { mode } = statSync(tmpdir());
    chmodSync(tmpdir(), mode | 0o011);
    try {
      for (const command of ['report', 'status']) {
        const result = run(command, join(dir, 'watch'), '--as-of', '2026-03-27T18:00+01:00');
        expect(result.code, result.stderr).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`escalate: cannot read the folder ${join(dir, 'watch/locked')}: permission denied, so its records cannot be read\n`);
      }
      chmodSync(join(dir, 'watch'), 0o000);
      expect(run('report', join(dir, 'watch')).stderr).toBe(`escalate: cannot read the folder ${join(dir, 'watch')}: permission denied, so its records cannot be read\n`);
    } finally {
      chmodSync(tmpdir(), mode);
      chmodSync(join(dir, 'watch'), 0o755);
      chmodSync(join(dir, 'watch/locked'), 0o755);
    }
  });

  it('a broken link named like a record is a problem, not silently skipped', () => {
    mkdirSync(join(dir, 'watch'));
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'watch/broken.json'));
    const result = runCli(['status', join(dir, 'watch')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.json/);
  });
});

describe('the lock is on the real file and names its owner', () => {
  it('writers through a link and through the path at once never lose an event', async () => {
    const link = join(dir, 'link.json');
    symlinkSync(record, link);
    const runs = Array.from({ length: 6 }, (_, i) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [BIN, 'event', i % 2 ? link : record, 'note', '--note', `n${i}`, '--by', `p${i}`], { stdio: 'ignore', env: cliEnv(undefined) });
        child.on('exit', (code) => done(code));
      }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(JSON.parse(readFileSync(record, 'utf8')).events.map((e: { note: string }) => e.note).sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(existsSync(`${record}.lock`)).toBe(false);
  }, 60_000);

  it('a lock left by a killed writer (its pid no longer runs) is taken over, with a message', () => {
    // The lock's age is read on the injected clock: seven minutes after the lock was written.
    writeFileSync(`${record}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, since: '2026-12-06T10:00:00Z' }));
    const result = runCli(['event', record, 'note', '--note', 'after the crash', '--by', 'x'], { env: { ...process.env, ESCALATE_NOW: '2026-12-06T10:07:00Z' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('(pid 4206649, lock 7 min old)');
    expect(result.stderr).toMatch(/took over the lock of record .*inc\.json from an escalate that stopped \(pid 4206649, lock \d+ min old\)/);
    expect(JSON.parse(readFileSync(record, 'utf8')).events.map((e: { note: string }) => e.note)).toEqual(['after the crash']);
    expect(existsSync(`${record}.lock`)).toBe(false);
  });
});

describe('one size limit', () => {
  it('an event that would take a record past 4 MiB is refused with the reason, nothing written', () => {
    const data = JSON.parse(readFileSync(record, 'utf8'));
    const size = Buffer.byteLength(`${JSON.stringify(data, null, 2)}\n`);
    data.events = [{ type: 'note', at: data.started_at, by: 'x', recorded_at: data.started_at, note: 'x'.repeat(RECORD_MAX_BYTES - size - 400) }];
    writeFileSync(record, `${JSON.stringify(data, null, 2)}\n`);
    const before = readFileSync(record, 'utf8');
    expect(Buffer.byteLength(before)).toBeLessThan(RECORD_MAX_BYTES);
    expect(runCli(['status', record, '--as-of', '2026-03-27T16:31+01:00']).code).toBe(0); // still read
    const result = runCli(['event', record, 'note', '--note', 'y'.repeat(1000), '--by', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/would grow to \d+ bytes with this event, past the 4194304 bytes \(4 MiB\) a record may hold; nothing was written/);
    expect(readFileSync(record, 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'store'))).toEqual(['inc.json']);
  });
});
