/**
 * The package as users get it: `npm pack`, installed into an empty folder without network,
 * then run from there. Slow (two npm runs), so it runs once per suite.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, example } from './helpers/cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let files: string[] = [];
let app = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-pack-'));
  // --ignore-scripts: the bundle in dist/ is already built by the test command.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  files = packed[0].files.map((f: { path: string }) => f.path);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed[0].filename)], { cwd: app, stdio: 'ignore' });
});

const installed = (args: string[]) =>
  spawnSync(process.execPath, [join(app, 'node_modules/escalation-matrix/bin/escalate.js'), ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed tarball', () => {
  it('holds only what users need', () => {
    expect(files).toContain('bin/escalate.js');
    expect(files).toContain('dist/cli.cjs');
    expect(files).toContain('schemas/escalation-matrix.schema.json');
    expect(files).toContain('examples/saas-support.yaml');
    expect(files).toContain('dist/types/index.d.ts');
    for (const path of files) {
      expect(path).not.toMatch(/^(test|src|bench|scripts|node_modules)\//);
      expect(path).not.toMatch(/\.map$/);
    }
  });

  it('installs offline with no dependencies and runs --version, lint and triage --json', () => {
    expect(installed(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const lint = installed(['lint', example('saas-support.yaml')]);
    expect(lint.status, lint.stderr).toBe(0);
    const triage = installed(['triage', '--json', '--matrix', example('saas-support.yaml'), '--at', '2026-03-27T16:30:00+01:00', '--answer', 'security=yes']);
    expect(triage.status, triage.stderr).toBe(0);
    expect(JSON.parse(triage.stdout).severity.id).toBe('sev1');
  });

  it('is the npm package escalation-matrix with the command escalate, run by npx', () => {
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules/escalation-matrix/package.json'), 'utf8')) as { name: string; bin: Record<string, string> };
    expect(pkg.name).toBe('escalation-matrix');
    expect(Object.keys(pkg.bin)).toEqual(['escalate']);
    const npx = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', 'escalate', '--version'], { cwd: app, encoding: 'utf8' });
    expect(npx.status, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('never rewrites its own files: schema --write is for a source checkout', () => {
    const write = installed(['schema', '--write']);
    expect(write.status).toBe(2);
    expect(write.stderr).toMatch(/source checkout/);
    expect(installed(['schema', '--check']).status).toBe(0);
  });

  it('is usable as a library and exports the JSON Schema', async () => {
    const lib = join(app, 'lib.mjs');
    writeFileSync(lib, "import { loadMatrix } from 'escalation-matrix';\nimport { createRequire } from 'node:module';\nconst schema = createRequire(import.meta.url)('escalation-matrix/schema.json');\nconsole.log(loadMatrix('version: 1').diagnostics.length > 0, schema.title);\n");
    const result = spawnSync(process.execPath, [lib], { cwd: app, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('true escalate matrix');
  });
});
