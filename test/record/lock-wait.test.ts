/**
 * End-to-end: a run of `escalate event` that finds another writer's lock waits for it, then
 * gives up (src/cli/records.ts waits 5 s of real time), leaving the record as it was: a lock
 * that names no owner, and a live owner's lock on the real file holding back a writer that
 * came through a link. Both runs are real processes, started before the suite's first test
 * file (./lock-wait-start.ts, a globalSetup), so they wait while other files run; each test
 * reads how its run ended and checks it as a run made in the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import type { LockWaitRun } from './lock-wait-start.js';

const waits = inject('lockWaits');

/** The run's result, once it has ended (at once, unless this file runs within its first 5 s). */
async function ended(run: LockWaitRun): Promise<CliResult> {
  for (let i = 0; i < 6000 && !existsSync(run.done); i++) await new Promise((r) => setTimeout(r, 10));
  const code = existsSync(run.done) ? (JSON.parse(readFileSync(run.done, 'utf8')) as number | null) : null;
  return { code, stdout: readFileSync(run.stdout, 'utf8'), stderr: readFileSync(run.stderr, 'utf8') };
}

describe('escalate event', () => {
  it('waits for a lock held by another run, then gives up naming the lock file', async () => {
    const result = await ended(waits.ownerless);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is being changed by another escalate \(.*inc\.json\.lock exists\)/);
    expect(readFileSync(waits.ownerless.record, 'utf8')).toBe(readFileSync(waits.ownerless.before, 'utf8'));
  });
});

describe('the lock is on the real file and names its owner', () => {
  it('a live owner\'s lock on the real file holds back a writer that came through a link', async () => {
    const result = await ended(waits.throughLink);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`being changed by another escalate \\(pid ${waits.owner}, lock \\d+ s old\\)`));
    expect(readFileSync(waits.throughLink.record, 'utf8')).toBe(readFileSync(waits.throughLink.before, 'utf8'));
  });
});
