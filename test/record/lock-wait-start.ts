/**
 * Starts the two runs of test/record/lock-wait.test.ts before any test file runs: `escalate
 * event` finding another writer's lock waits 5 s of real time (src/cli/records.ts), then gives
 * up. Started here, they wait while the suite runs, instead of holding a test worker idle; the
 * test reads how each run ended (its exit code, standard output and standard error, written to
 * files). A vitest globalSetup of the main project (vitest.config.ts); it starts the processes
 * and returns at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BIN, cliEnv, example } from '../helpers/cli.js';

export interface LockWaitRun {
  /** The real record file. */
  record: string;
  /** A copy of the record as it was before the run. */
  before: string;
  stdout: string;
  stderr: string;
  /** Written when the run has ended: its exit code as JSON (null when a signal ended it). */
  done: string;
}

export interface LockWaits {
  /** The process whose lock holds back the run through a link (this one, alive for the whole run). */
  owner: number;
  /** A lock file that names no owner (another run's, just made). */
  ownerless: LockWaitRun;
  /** The owner's lock on the real file; the run comes through a link to it. */
  throughLink: LockWaitRun;
}

declare module 'vitest' {
  export interface ProvidedContext {
    lockWaits: LockWaits;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-lock-wait-'));
  const children: ChildProcess[] = [];
  // Once the run is over (a run of a few files can end before these have), nothing more is
  // started or written: the folder is gone.
  let over = false;
  /** The built binary with its output to the run's files; `then` with its exit code. */
  const run = (args: string[], to: LockWaitRun, then: (code: number | null) => void) => {
    const [out, err] = [openSync(to.stdout, 'w'), openSync(to.stderr, 'w')];
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', out, err], env: cliEnv(undefined) });
    closeSync(out);
    closeSync(err);
    child.on('exit', (code) => {
      if (!over) then(code);
    });
    children.push(child);
  };
  /** A triage record at `record`, then the lock beside it, then `escalate event` on `target`. */
  const start = (name: string, record: string, target: string, lock: string): LockWaitRun => {
    const waited: LockWaitRun = { record, before: join(dir, `${name}.before`), stdout: join(dir, `${name}.out`), stderr: join(dir, `${name}.err`), done: join(dir, `${name}.done`) };
    run(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-03-27T16:30+01:00', '--record', record], waited, (code) => {
      // A record that could not be made: the test shows triage's output and code.
      if (code !== 0) return writeFileSync(waited.done, JSON.stringify(code));
      copyFileSync(record, waited.before);
      writeFileSync(`${record}.lock`, lock);
      run(['event', target, 'note', '--note', 'x', '--by', 'x'], waited, (ended) => writeFileSync(waited.done, JSON.stringify(ended)));
    });
    return waited;
  };

  mkdirSync(join(dir, 'plain'));
  mkdirSync(join(dir, 'store'));
  const stored = join(dir, 'store/inc.json');
  symlinkSync(stored, join(dir, 'link.json'));
  project.provide('lockWaits', {
    owner: process.pid,
    ownerless: start('ownerless', join(dir, 'plain/inc.json'), join(dir, 'plain/inc.json'), ''),
    throughLink: start('through-link', stored, join(dir, 'link.json'), JSON.stringify({ pid: process.pid, since: new Date().toISOString() })),
  });
  return () => {
    over = true;
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
}
