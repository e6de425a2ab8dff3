/**
 * End-to-end: a run of `escalate event` that finds another writer's lock waits for it, then
 * gives up (src/cli/records.ts waits 5 s of real time), leaving the record as it was: a lock
 * that names no owner, and a live owner's lock on the real file holding back a writer that
 * came through a link. Both runs are real processes started when this file loads, so they
 * wait side by side instead of blocking the suite 5 s each in turn; each test then awaits
 * its run and checks it as a run made in the test.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, example, runCli, type CliResult } from '../helpers/cli.js';

function triageRecord(record: string): void {
  const made = runCli(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-03-27T16:30+01:00', '--record', record]);
  if (made.code !== 0) throw new Error(`could not make a record: ${made.stderr}`);
}

/** The built binary as a process, not waited for here. */
function start(args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of ['FORCE_COLOR', 'ESCALATE_MATRIX']) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => void (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A lock file that names no owner (another run's, just made). */
const ownerless = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-event-lock-'));
  const record = join(dir, 'inc.json');
  triageRecord(record);
  writeFileSync(`${record}.lock`, '');
  return { record, before: readFileSync(record, 'utf8'), result: start(['event', record, 'note', '--note', 'x', '--by', 'x']) };
})();

/** This (live) process's lock on the real file; the writer comes through a link to it. */
const throughLink = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-files-lock-'));
  mkdirSync(join(dir, 'store'));
  const record = join(dir, 'store/inc.json');
  triageRecord(record);
  const link = join(dir, 'link.json');
  symlinkSync(record, link);
  writeFileSync(`${record}.lock`, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  return { record, before: readFileSync(record, 'utf8'), result: start(['event', link, 'note', '--note', 'x', '--by', 'x']) };
})();

describe('escalate event', () => {
  it('waits for a lock held by another run, then gives up naming the lock file', async () => {
    const result = await ownerless.result;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is being changed by another escalate \(.*inc\.json\.lock exists\)/);
    expect(readFileSync(ownerless.record, 'utf8')).toBe(ownerless.before);
  });
});

describe('the lock is on the real file and names its owner', () => {
  it('a live owner\'s lock on the real file holds back a writer that came through a link', async () => {
    const result = await throughLink.result;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`being changed by another escalate \\(pid ${process.pid}, lock \\d+ s old\\)`));
    expect(readFileSync(throughLink.record, 'utf8')).toBe(throughLink.before);
  });
});
