/** --record when the file appears between the up-front check and the write: in-process, with the clock as the hook. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/io.js';

function run(argv: string[], onNow: () => void) {
  const { io, stdout, stderr } = memoryIo({
    // The command reads the clock after checking the record path and before writing it.
    now: () => {
      onNow();
      return new Date('2026-03-27T15:42:00Z');
    },
  });
  return main({ argv: ['triage', '--matrix', 'examples/saas-support.yaml', '--at', '2026-03-27T16:30', '--severity', 'sev1', ...argv], io }).then((code) => ({ code, stdout: stdout(), stderr: stderr() }));
}

describe('a record that appears while triaging', () => {
  it('is not overwritten; the result is still printed and the message names no --force', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'escalate-race-')), 'r.json');
    const r = await run(['--record', file, '--json'], () => writeFileSync(file, 'someone else'));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).severity.id).toBe('sev1');
    expect(r.stderr).toBe(`escalate: ${file} appeared while triaging; a record is never overwritten, so the result above was printed but not recorded\n`);
    expect(readFileSync(file, 'utf8')).toBe('someone else');
  });
});
