/** Process behaviour at the edge: unexpected errors, closed pipes, interrupts. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './helpers/io.js';
import { main } from '../src/cli/main.js';
import { BIN, cliEnv, example, STACK_TRACE } from './helpers/cli.js';
import { generateMatrix } from '../bench/generate-matrix.mjs';

describe('unexpected internal errors', () => {
  const broken = () => {
    const { io, stderr } = memoryIo();
    io.stdout.write = () => {
      throw new TypeError('cannot write: the sky fell');
    };
    return { io, stderr };
  };

  it('print one line and a hint, exit 2, no stack trace', async () => {
    const { io, stderr } = broken();
    const code = await main({ argv: ['lint', example('msp.yaml')], io });
    expect(code).toBe(2);
    expect(stderr()).toBe('escalate: internal error: cannot write: the sky fell\nrun with --debug for details\n');
  });

  it('print the stack with --debug', async () => {
    const { io, stderr } = broken();
    const code = await main({ argv: ['--debug', 'lint', example('msp.yaml')], io });
    expect(code).toBe(2);
    expect(stderr()).toMatch(STACK_TRACE);
  });
});

describe('a closed pipe', () => {
  it('ends quietly: escalate docs | head -1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-pipe-'));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, generateMatrix({ questions: 400, severities: 5, roles: 40 })); // a sheet far larger than a pipe buffer
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" docs --matrix "${big}" 2>"${dir}/err" | head -1; echo "exit=\${PIPESTATUS[0]}" >&2; cat "${dir}/err" >&2`], {
      encoding: 'utf8',
      env: cliEnv(undefined),
    });
    expect(result.stdout.split('\n')).toHaveLength(2); // one line and the final newline
    expect(result.stderr).toBe('exit=0\n');
  });
});

describe('standard output that fails', () => {
  it('a reader that stops early keeps the exit code the command decided: lint with errors | head -1 exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-pipe-'));
    const big = join(dir, 'big.yaml');
    // Thousands of findings, far more than a pipe buffer, so the pipe closes while lint still writes.
    writeFileSync(big, `${generateMatrix({ questions: 400, severities: 5, roles: 40 })}${Array.from({ length: 3000 }, (_, i) => `typo${i}: 1`).join('\n')}\n`);
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint "${big}" 2>"${dir}/err" | head -1; echo "exit=\${PIPESTATUS[0]}" >&2; cat "${dir}/err" >&2`], {
      encoding: 'utf8',
      env: cliEnv(undefined),
    });
    expect(result.stdout.split('\n')).toHaveLength(2);
    expect(result.stderr).toBe('exit=1\n');
  });

  it('a full disk (/dev/full) is one line on stderr and exit 2, never a stack trace or exit 0', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" docs --matrix "${example('msp.yaml')}" >/dev/full`], { encoding: 'utf8', env: cliEnv(undefined) });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('escalate: cannot write to standard output: no space left on the device; the output is incomplete\n');
  });

  it('a full disk for the output after the change is made (event, import, triage --record) says the change is kept and exits as the command does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-full-after-'));
    const record = join(dir, 'inc.json');
    const sh = (args: string) => spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} >/dev/full`], { encoding: 'utf8', env: cliEnv(undefined) });
    const triage = sh(`triage --matrix "${example('saas-support.yaml')}" --severity sev2 --at 2026-03-27T16:30+01:00 --record "${record}"`);
    expect(triage.status, triage.stderr).toBe(0);
    expect(triage.stderr).toContain(`; the output is incomplete, but the record was written to ${record}; it is kept\n`);
    const before = (JSON.parse(readFileSync(record, 'utf8')) as { events?: unknown[] }).events?.length ?? 0;
    const event = sh(`event "${record}" note --note x --by a --at 2026-03-27T16:40+01:00`);
    expect(event.status, event.stderr).toBe(0);
    expect(event.stderr).toBe(`escalate: cannot write to standard output: no space left on the device; the output is incomplete, but the note event was written to ${record}; it is kept\n`);
    expect((JSON.parse(readFileSync(record, 'utf8')) as { events: unknown[] }).events).toHaveLength(before + 1);
    mkdirSync(join(dir, 'imports'));
    const imported = sh(`import "${example('tickets-freshdesk.csv')}" --preset freshdesk --matrix "${example('msp.yaml')}" --out-dir "${join(dir, 'imports')}"`);
    expect([0, 1]).toContain(imported.status);
    expect(imported.stderr).toMatch(/; the output is incomplete, but the history was written to .*imports.*; it is kept\n$/);
  });

  it('redirected to a file or /dev/null (written without a Node stream), output and exit codes are those of a pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-redirect-'));
    const [out, err] = [join(dir, 'out'), join(dir, 'err')];
    const run = (redirect: string, args: string) =>
      spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} ${redirect}; echo "exit=$?" >&2`], { encoding: 'utf8', env: cliEnv(undefined) });
    const piped = spawnSync(process.execPath, [BIN, 'docs', '--matrix', example('msp.yaml')], { encoding: 'utf8', env: cliEnv(undefined) });
    expect(run(`>"${out}" 2>"${err}"`, `docs --matrix "${example('msp.yaml')}"`).stderr).toBe('exit=0\n');
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    expect(readFileSync(err, 'utf8')).toBe('');
    // Appended, as the shell opened it.
    expect(run(`>>"${out}"`, '--version').stderr).toBe('exit=0\n');
    expect(readFileSync(out, 'utf8')).toBe(`${piped.stdout}${spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).stdout}`);
    // Errors to a file, output to /dev/null: the one line, and lint's verdict.
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nnmae: x\n');
    expect(run(`>/dev/null 2>"${err}"`, `lint "${bad}"`).stderr).toBe('exit=1\n');
    expect(run(`2>"${err}"`, 'lint no-such-file.yaml').stderr).toBe('exit=2\n');
    expect(readFileSync(err, 'utf8')).toMatch(/^escalate: cannot read matrix no-such-file\.yaml: no such file/);
  });

  it('a file that takes no writes (opened for reading) is one line on stderr and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-readonly-'));
    const file = join(dir, 'readonly');
    writeFileSync(file, '');
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" docs --matrix "${example('msp.yaml')}" 1<"${file}"`], { encoding: 'utf8', env: cliEnv(undefined) });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^escalate: cannot write to standard output: EBADF[^\n]*; the output is incomplete\n$/);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('signals during a prompt', () => {
  /** Runs triage on a pseudo-terminal (script(1)), waits for the first question, then sends the signal. */
  async function signalled(signal: 'SIGTERM' | 'SIGHUP') {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-signal-'));
    const pidFile = join(dir, 'pid');
    const command = `echo $$ > '${pidFile}'; exec '${process.execPath}' '${BIN}' triage --matrix '${example('saas-support.yaml')}'`;
    const child = spawn('script', ['-qefc', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    for (let i = 0; i < 400 && !output.includes('?'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(output, 'the first question was shown').toContain('?');
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), signal);
    return { code: await exited, output };
  }

  it.each([
    ['SIGTERM', 143, 'terminated (SIGTERM)'],
    ['SIGHUP', 129, 'hung up (SIGHUP)'],
  ] as const)('%s exits %i with a word', async (signal, code, word) => {
    const result = await signalled(signal);
    expect(result.code).toBe(code);
    expect(result.output).toContain(`escalate: ${word}`);
    expect(result.output).not.toMatch(STACK_TRACE);
  }, 30_000);
});
