/**
 * The build skips a build whose inputs have not changed (scripts/build.mjs, dist/.inputs), so
 * the suite never runs a stale bundle: an unchanged tree builds nothing, a change to a source
 * or to the build options builds again, `--force` always does. Run on a copy of the tree
 * (without the code-cache runs, which a change of options would also cover).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

describe('the build', () => {
  it('skips when nothing changed, builds again when a source, an option or --force says so', () => {
    const copy = mkdtempSync(join(tmpdir(), 'escalate-build-'));
    for (const path of ['src', 'scripts', 'examples', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(ROOT, path), join(copy, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const build = (args: string[] = [], env: NodeJS.ProcessEnv = {}) => {
      const run = spawnSync(process.execPath, ['scripts/build.mjs', '--no-cache', ...args], { cwd: copy, encoding: 'utf8', env: { ...process.env, NO_MINIFY: undefined, ...env } });
      expect(run.status, run.stderr).toBe(0);
      return { built: statSync(join(copy, 'dist/cli.cjs')).mtimeMs, stamp: readFileSync(join(copy, 'dist/.inputs'), 'utf8') };
    };
    const first = build();
    expect(first.stamp).toMatch(/^[0-9a-f]{64}$/);
    expect(build()).toEqual(first);

    appendFileSync(join(copy, 'src/cli/entry.ts'), '\nexport const changed = 1;\n');
    const changed = build();
    expect(changed.stamp).not.toBe(first.stamp);
    expect(changed.built).toBeGreaterThan(first.built);
    expect(readFileSync(join(copy, 'dist/cli.cjs'), 'utf8')).toMatch(/changed/);

    const readable = build([], { NO_MINIFY: '1' });
    expect(readable.stamp).not.toBe(changed.stamp);
    expect(readable.built).toBeGreaterThan(changed.built);

    expect(build(['--force'], { NO_MINIFY: '1' }).built).toBeGreaterThan(readable.built);
  }, 300_000);
});
