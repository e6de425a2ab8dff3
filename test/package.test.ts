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

  it('brings self-contained declarations: every import in them is relative or a Node built-in', () => {
    const declarations = files.filter((f) => f.endsWith('.d.ts'));
    expect(declarations).toContain('dist/types/vendor/zod/mini/index.d.ts');
    for (const file of declarations) {
      const text = readFileSync(join(app, 'node_modules/escalation-matrix', file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g)) expect(specifier, file).toMatch(/^(\.|node:)/);
    }
  });

  it('types a strict TypeScript consumer (skipLibCheck false, nodenext) and catches a misuse of Matrix', () => {
    // Every value the library exports, by name, read from src/index.ts as a user would import them.
    const index = readFileSync(join(ROOT, 'src/index.ts'), 'utf8');
    const values = [...index.matchAll(/^export \{([^}]*)\} from /gm)]
      .flatMap(([, names]) => names!.split(','))
      .map((name) => name.trim())
      .filter((name) => name && !name.startsWith('type '))
      .map((name) => name.replace(/.* as /, ''));
    expect(values).toEqual(expect.arrayContaining(['loadMatrix', 'lintMatrix', 'planIncident', 'matrixSchema', 'diffMatrices']));
    const consumer = [
      `import { ${values.join(', ')} } from 'escalation-matrix';`,
      "import type { Matrix, LoadResult, Diagnostic, Severity, MatrixLint, IncidentPlan } from 'escalation-matrix';",
      `export const api = [${values.join(', ')}] as const;`,
      'export function load(text: string): Matrix | undefined {',
      '  const result: LoadResult = loadMatrix(text);',
      '  const problems: Diagnostic[] = result.diagnostics;',
      '  for (const d of problems) console.log(d.line, d.column, d.message);',
      '  return result.matrix;',
      '}',
      "const matrix = load('version: 1');",
      'if (matrix) {',
      '  const name: string = matrix.name;',
      '  const first: Severity | undefined = matrix.severities[0];',
      "  const lint: MatrixLint = lintMatrix('version: 1', { today: '2026-11-27' });",
      '  console.log(name, first?.id, lint, formatDuration(parseDuration(\'1h\').ok ? 60 : 0));',
      '  const plan: IncidentPlan | undefined = undefined;',
      '  console.log(plan);',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [] }, files: ['consumer.ts'] }));
    const tsc = (source: string) => {
      writeFileSync(join(app, 'consumer.ts'), source);
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, encoding: 'utf8' });
      return { code: r.status, out: `${r.stdout}${r.stderr}` };
    };
    const clean = tsc(consumer);
    expect(clean.out).toBe('');
    expect(clean.code).toBe(0);
    const line = consumer.split('\n').length;
    const misuse = tsc(`${consumer}if (matrix) { const wrong: number = matrix.name; console.log(wrong); }\n`);
    expect(misuse.code).not.toBe(0);
    expect(misuse.out).toMatch(new RegExp(`^consumer\\.ts\\(${line},\\d+\\): error TS2322: `, 'm'));
    expect(misuse.out.trim().split('\n')).toHaveLength(1);
  });

  it("compiles the Library API example (docs/library.md) against the installed package", () => {
    const section = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toContain("from 'escalation-matrix'");
    writeFileSync(join(app, 'readme-example.ts'), example!);
    const options = { strict: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] };
    writeFileSync(join(app, 'tsconfig.readme.json'), JSON.stringify({ compilerOptions: options, files: ['readme-example.ts'] }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'tsconfig.readme.json')], { cwd: app, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
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
