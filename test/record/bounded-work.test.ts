/** Judging does bounded work: --as-of and record times follow triage's 100-year rule, and a signal ends a long run at once. */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeTooFar } from '../../src/record/limits.js';
import { BIN, cliEnv, example, runCli, STACK_TRACE } from '../helpers/cli.js';
import { makeRecord } from './make-record.js';

const open = example('records/2026-11-25-harbor-printer.json');

describe('the 100-year rule', () => {
  it.each([
    ['status', [open]],
    ['report', [open]],
  ])('%s --as-of year 9999 is refused at once with one line, exit 2', (command, args) => {
    const result = runCli([command, ...args, '--as-of', '9999-01-01T00:00:00Z'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('escalate: --as-of "9999-01-01T00:00:00Z" is more than 100 years from now; check the year\n');
  });

  it('--as-of 99 years ahead is still judged', () => {
    const result = runCli(['status', open, '--as-of', '2125-11-25T00:00:00Z', '--json'], { env: { ...process.env, ESCALATE_NOW: '2026-12-06T00:00:00Z' } });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).overdue).toBe(1);
  });

  it('a record time more than 100 years from the judging moment names the field', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' });
    expect(timeTooFar(record, new Date('2026-04-01T00:00:00Z'))).toBeUndefined();
    expect(timeTooFar(record, new Date('2126-04-01T00:00:00Z'))).toBe('started_at "2026-03-27T16:30:00+01:00"');
    const far = { ...record, events: [{ type: 'acknowledged', at: '1900-01-01T00:00:00Z', by: 'x', recorded_at: '1900-01-01T00:00:00Z' }] };
    expect(timeTooFar(far, new Date('2026-04-01T00:00:00Z'))).toBe('events.0.at "1900-01-01T00:00:00Z"');
    const dir = mkdtempSync(join(tmpdir(), 'escalate-far-'));
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify({ ...record, started_at: '1901-03-27T16:30:00+01:00' }));
    for (const command of ['status', 'report']) {
      const result = runCli([command, file], { env: { ...process.env, ESCALATE_NOW: '2026-12-06T00:00:00Z' } });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^escalate: record .*old\.json: started_at "1901-03-27T16:30:00\+01:00" is more than 100 years from the judging moment/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });
});

/** Clock ticks a second in /proc/PID/stat (USER_HZ; 100 where getconf cannot say). */
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** The CPU time (ms) a process has used, from /proc/PID/stat; undefined where there is none. */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from the third field, state
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, all threads
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves once the run is well into its judging: half a second of CPU a thread, read from
 * /proc and polled, so a loaded machine waits as long as it takes (a whole run judged at a
 * near --as-of, start-up and reading included, takes ~0.3 s of CPU on 400 records and ~0.6 s
 * with 3 threads on 1,200; judged 99 years on, over ten seconds). Where there is no /proc,
 * 1.5 s of real time, as before.
 */
async function judging(pid: number, threads: number): Promise<void> {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  if (cpuMs(pid) === undefined) return void (await pause(1500));
  for (let i = 0; i < 3000; i++) {
    const used = cpuMs(pid);
    if (used === undefined || used >= 500 * threads) return;
    await pause(10);
  }
}

describe('a signal mid-computation', () => {
  it.each([
    ['status', '1'],
    ['report', '1'],
    // The report's worker threads are judging too when the signal comes (src/cli/report-pool.ts).
    ['report', '3'],
  ])('SIGTERM during a long %s (%s thread(s)) stops the work: exit 143, nothing printed', async (command, threads) => {
    // Four hundred open records a thread, judged 99 years on: over ten seconds of calendar
    // walking on an idle machine (about 30 ms a record), so the signal comes long before the end.
    const dir = mkdtempSync(join(tmpdir(), 'escalate-slow-'));
    for (let i = 0; i < 400 * Number(threads); i++) copyFileSync(open, join(dir, `r${String(i).padStart(4, '0')}.json`));
    const child = spawn(process.execPath, [BIN, command, dir, '--as-of', '2125-11-25T00:00:00Z'], {
      env: cliEnv({ ESCALATE_NOW: '2026-12-06T00:00:00Z', ESCALATE_REPORT_THREADS: threads }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    await judging(child.pid!, Number(threads));
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(143);
    expect(stderr).toBe('\nescalate: terminated (SIGTERM)\n');
    // Counted, not timed: the signal is answered between slices, so the run stops before its
    // result; without slices the whole judging finishes and prints first (how fast is the bench's).
    expect(stdout).toBe('');
  }, 60_000);

  it('SIGTERM during a year of hourly starts simulated with every parity check stops the work: exit 143, nothing printed', async () => {
    // 8,760 starts, each planned for every severity and checked against three exports: seconds
    // of CPU, so the signal comes long before the end.
    const child = spawn(
      process.execPath,
      [BIN, 'simulate', '--matrix', example('msp.yaml'), '--from', '2026-01-01T00:00', '--to', '2026-12-31T23:00', '--every', '1h', '--parity', 'all', '--json'],
      { env: cliEnv({ ESCALATE_NOW: '2026-12-06T00:00:00Z' }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    await judging(child.pid!, 1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toBe('\nescalate: terminated (SIGTERM)\n');
    expect(stdout).toBe('');
  }, 60_000);
});
