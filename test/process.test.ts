/** Process behaviour at the edge: unexpected errors, closed pipes, interrupts. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './helpers/io.js';
import { main } from '../src/cli/main.js';
import { BIN, example, STACK_TRACE } from './helpers/cli.js';
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
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.stdout.split('\n')).toHaveLength(2); // one line and the final newline
    expect(result.stderr).toBe('exit=0\n');
  });
});
