/** Runs the built binary as a real process, the way users and CI do. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/escalate.js', import.meta.url));
export const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const { env, ...rest } = options;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    // Only a guard against a hang: generous, so a slow start on a busy machine never fails a test.
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...rest,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ESCALATE_MATRIX: undefined, ...env },
  });
  return { code: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** A stack trace line, which no output of escalate may ever contain for bad input. */
export const STACK_TRACE = /^\s+at .+(\.js|\.ts|node:)/m;
