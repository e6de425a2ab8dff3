/** Runs the built binary as a real process, the way users and CI do. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, SHARE_ENV, Worker } from 'node:worker_threads';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/escalate.js', import.meta.url));
export const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built program on `args` and returns its exit code and output. Where the process
 * boundary is not what a test is about (arguments, files, working directory, environment),
 * the built bundles run in-process in a worker thread (`test/helpers/in-process-worker.mjs`):
 * the same code as `bin/escalate.js` without starting Node each time. A run that depends on
 * the process itself spawns a real one: any option besides `cwd` and `env` (stdin input,
 * stdio, a timeout), an `ESCALATE_NOW` the process edge refuses, or `ESCALATE_TEST_SPAWN=1`
 * set for the whole suite. A host time zone (`env.TZ`) is set in the process for the run, as
 * Node does for a process started with it (local time and Intl follow). `spawnCli` always spawns.
 */
export function runCli(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const { env, cwd, ...rest } = options;
  const now = env?.ESCALATE_NOW ?? process.env.ESCALATE_NOW;
  const inProcess =
    process.env.ESCALATE_TEST_SPAWN !== '1' &&
    Object.keys(rest).length === 0 &&
    (now === undefined || validNow(now)) &&
    (cwd === undefined || typeof cwd === 'string');
  return inProcess ? runInProcess(args, (cwd as string | undefined) ?? ROOT, cliEnv(env), now) : spawnCli(args, options);
}

/** Always a real process: for tests of the process edge (signals, pipes, stdin, exit). */
export function spawnCli(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const { env, ...rest } = options;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    // Only a guard against a hang: generous, so a slow start on a busy machine never fails a test.
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...rest,
    env: cliEnv(env),
  });
  return { code: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/**
 * The environment the program sees: the suite's own (or the one a test gives, often the
 * suite's own with a change), without colour or a default matrix, and always without
 * NODE_EXTRA_CA_CERTS: Node reads that certificate file at every start (~40 ms of CPU, twice a
 * short run's own), and escalate opens no network connection.
 */
export function cliEnv(env: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ESCALATE_MATRIX: undefined, ...env };
  delete merged.NODE_EXTRA_CA_CERTS;
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged;
}

/** The check dist/cli.cjs's process edge makes on ESCALATE_NOW (src/cli/entry.ts). */
function validNow(pinned: string): boolean {
  return !Number.isNaN(new Date(pinned).getTime()) && /(Z|[+-]\d{2}:?\d{2})$/i.test(pinned.trim());
}

let worker: { thread: Worker; done: Int32Array } | undefined;
let calls = 0;

function runInProcess(argv: string[], cwd: string, env: NodeJS.ProcessEnv, now: string | undefined): CliResult {
  if (!worker) {
    // SHARE_ENV: the time core switches `TZ` of the process it runs in, as the real program does.
    const thread = new Worker(new URL('./in-process-worker.mjs', import.meta.url), {
      env: SHARE_ENV,
      workerData: { dist: fileURLToPath(new URL('../../dist', import.meta.url)) },
      stdout: true,
      stderr: true,
    });
    thread.unref();
    worker = { thread, done: new Int32Array(new SharedArrayBuffer(4)) };
  }
  const { thread, done } = worker;
  const { port1, port2 } = new MessageChannel();
  // Each run has its own number, which the worker stores when it has replied: a wake-up
  // that is not this run's (or comes before its reply can be read) is waited past.
  const call = (calls = (calls % 0x7fff_ffff) + 1);
  Atomics.store(done, 0, 0);
  thread.postMessage({ argv, cwd, env, now, done, call, port: port2 }, [port2]);
  // The same guard against a hang as a spawned run's timeout.
  const deadline = Date.now() + 120_000;
  let reply: CliResult | undefined;
  for (;;) {
    reply = receiveMessageOnPort(port1)?.message as CliResult | undefined;
    const left = deadline - Date.now();
    if (reply || left <= 0) break;
    const seen = Atomics.load(done, 0);
    Atomics.wait(done, 0, seen, seen === call ? 5 : left);
  }
  port1.close();
  if (!reply) {
    void thread.terminate();
    worker = undefined;
    return { code: null, stdout: '', stderr: 'the in-process run did not finish' };
  }
  return reply;
}

/** A stack trace line, which no output of escalate may ever contain for bad input. */
export const STACK_TRACE = /^\s+at .+(\.js|\.ts|node:)/m;

/** A process argv[0] argv[1..], run as a user the file permissions hold back. */
export type UnprivilegedRun = (argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) => { code: number | null; stdout: string; stderr: string };

/**
 * How to run the built program as a user whom permissions hold back, for the tests of a
 * folder that cannot be read or written: this user, or, as root (which passes every
 * permission check), `nobody` through setpriv (util-linux). Undefined, with the reason, where
 * neither works: no setpriv, or a checkout `nobody` cannot read (a clone in a private folder).
 */
export function unprivileged(): { run: UnprivilegedRun } | { skip: string } {
  const plain: UnprivilegedRun = (argv, { cwd, env }) => {
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', cwd, env });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  if (process.getuid?.() !== 0) return { run: plain };
  const asNobody = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];
  const probe = spawnSync('setpriv', [...asNobody, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)}, require('fs').constants.R_OK)`], { encoding: 'utf8', cwd: '/' });
  if (probe.error !== undefined) return { skip: 'setpriv (util-linux) is not installed, and root passes every permission check' };
  if (probe.status !== 0) return { skip: `the user nobody cannot read ${BIN} (a checkout in a private folder), and root passes every permission check` };
  return {
    run: (argv, { cwd, env }) => {
      const r = spawnSync('setpriv', [...asNobody, ...argv], { encoding: 'utf8', cwd, env });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
