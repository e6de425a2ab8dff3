/**
 * The terminal going away at a prompt (a closed terminal window, a dropped SSH session): the
 * real binary on a real pseudo-terminal whose other end is closed while a prompt waits. The
 * run ends as a hang-up (129, one line), never with Node's native abort or a stack trace.
 * Needs python3 (its pty module opens the terminal); skipped, saying why, without it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, example } from '../helpers/cli.js';

const hasPython = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0;
if (!hasPython) console.warn('skipping the hang-up tests: python3 (with its pty module) is not installed');

/**
 * Runs escalate on a new pseudo-terminal, waits for its first prompt (a `?` on the screen),
 * closes the terminal, and reports how the process ended. `errToFile`: stderr goes to a file
 * (read back) instead of the terminal that goes away.
 */
function hangUpAtPrompt(args: string[], errToFile: boolean): { ended: string; stderr: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-hangup-'));
  const err = join(dir, 'stderr.txt');
  const script = `
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.chdir(${JSON.stringify(dir)})
    if ${errToFile ? 'True' : 'False'}:
        os.dup2(os.open(${JSON.stringify(err)}, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    os.execv(${JSON.stringify(process.execPath)}, [${JSON.stringify(process.execPath)}, ${JSON.stringify(BIN)}] + ${JSON.stringify(args)})
seen = b''
deadline = time.time() + 60
while time.time() < deadline and b'?' not in seen:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            seen += os.read(fd, 4096)
        except OSError:
            break
time.sleep(0.2)
os.close(fd)
_, status = os.waitpid(pid, 0)
print(('exit %d' % os.WEXITSTATUS(status)) if os.WIFEXITED(status) else ('signal %d' % os.WTERMSIG(status)))
`;
  const env = { ...process.env, TERM: 'xterm-256color' } as Record<string, string>;
  for (const key of ['NO_COLOR', 'CI', 'ESCALATE_NOW']) delete env[key];
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8', env, timeout: 90_000 });
  expect(run.status, run.stderr).toBe(0);
  let stderr = '';
  try {
    stderr = readFileSync(err, 'utf8');
  } catch {
    // stderr was the terminal
  }
  return { ended: run.stdout.trim(), stderr, dir };
}

describe.skipIf(!hasPython)('the terminal goes away at a prompt', () => {
  it.each([
    ['init', ['init']],
    ['triage', ['triage', '--matrix', example('saas-support.yaml')]],
  ])('%s ends as a hang-up: exit 129, one line, nothing written', (_, args) => {
    const { ended, stderr, dir } = hangUpAtPrompt(args, true);
    expect(ended).toBe('exit 129');
    expect(stderr.trim()).toBe('escalate: hung up (the terminal closed)');
    expect(readdirSync(dir).sort()).toEqual(['stderr.txt']);
  });

  it('ends as a hang-up when stderr was that terminal too (nothing left to say it on)', () => {
    expect(hangUpAtPrompt(['init'], false).ended).toBe('exit 129');
  });
});
