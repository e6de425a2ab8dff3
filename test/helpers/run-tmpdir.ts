/**
 * One temporary folder for the whole run: every test's `mkdtemp` under `os.tmpdir()`, and
 * every process a test starts (the CLI, npm, pre-commit, chromium), writes inside it, and it
 * is removed when the run ends. Tests make thousands of folders and not each removes its own;
 * without this, every run left ~160 `escalate-*` folders in the machine's /tmp. A vitest
 * globalSetup (vitest.config.ts): it runs before the test processes start, which inherit
 * TMPDIR, and its teardown runs after the last file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const run = mkdtempSync(join(tmpdir(), 'escalate-test-run-'));
  process.env.TMPDIR = run;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(run, { recursive: true, force: true });
  };
}
