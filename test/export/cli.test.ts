/** `escalate export` as its users meet it: help, output places, --json, and every error path. */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';

describe('escalate export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is listed by --help, and its own help names the tools', () => {
    expect(runCli(['--help']).stdout).toMatch(/\n {2}export /);
    const help = runCli(['export', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/alertmanager.*pagerduty.*ics/s);
  });

  it('alertmanager --json gives the configuration, the warnings and the routing tests written', () => {
    const tests = join(dir, 'routes.sh');
    const run = runCli(['export', 'alertmanager', '-m', example('client-vendor.yaml'), '--tests', tests, '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { tool: string; tests: { file: string; count: number }; warnings: { code: string }[]; config: { route: unknown } };
    expect(out.tool).toBe('alertmanager');
    expect(out.tests.count).toBe((readFileSync(tests, 'utf8').match(/^run /gm) ?? []).length);
    expect(out.warnings.map((w) => w.code)).toContain('timed-step');
    expect(out.config.route).toBeDefined();
  });

  it('the same matrix gives the same bytes, for every tool', () => {
    for (const tool of ['alertmanager', 'pagerduty', 'ics']) {
      const a = runCli(['export', tool, '-m', example('msp.yaml')]);
      const b = runCli(['export', tool, '-m', example('msp.yaml')], { env: { TZ: 'Pacific/Chatham' } });
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it('an unwritable --out is exit 2 with one line and no stack trace', () => {
    writeFileSync(join(dir, 'file'), '');
    const run = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--out', join(dir, 'file', 'x.tf.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--out onto the matrix itself is refused', () => {
    const run = runCli(['export', 'ics', '-m', example('msp.yaml'), '--out', example('msp.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is the matrix itself/);
  });

  it('never writes over a file it reads, nor the same file twice, and writes nothing when one target is refused', () => {
    const matrix = join(dir, 'm.yaml');
    const cases = join(dir, 'm.cases.yaml');
    copyFileSync(example('client-vendor.yaml'), matrix);
    copyFileSync(example('client-vendor.cases.yaml'), cases);
    symlinkSync(matrix, join(dir, 'link.yaml'));
    const before = { matrix: readFileSync(matrix, 'utf8'), cases: readFileSync(cases, 'utf8') };
    const refused: [string[], RegExp][] = [
      [['alertmanager', '--out', join(dir, 'am.yml'), '--tests', matrix], /--tests .*m\.yaml is the matrix itself; write the routing tests to another file/],
      [['ics', '--out', join(dir, 'link.yaml')], /--out .*link\.yaml is the matrix itself; write the export to another file/],
      [['alertmanager', '--out', join(dir, 'am.yml'), '--tests', cases], /--tests .*m\.cases\.yaml is the matrix tests file this export reads/],
      [['alertmanager', '--out', join(dir, 'x.yml'), '--tests', join(dir, 'x.yml')], /--out and --tests name the same file/],
      [['alertmanager', '--out', join(dir, 'y.yml'), '--tests', join(dir, 'nodir', 't.sh')], /the folder .*nodir does not exist/],
    ];
    for (const [args, message] of refused) {
      const [tool, ...rest] = args;
      const run = runCli(['export', tool!, '-m', matrix, ...rest]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect({ matrix: readFileSync(matrix, 'utf8'), cases: readFileSync(cases, 'utf8') }).toEqual(before);
    for (const name of ['am.yml', 'x.yml', 'y.yml']) expect(existsSync(join(dir, name)), name).toBe(false);
    // Told apart, both are written.
    const ok = runCli(['export', 'alertmanager', '-m', matrix, '--out', join(dir, 'am.yml'), '--tests', join(dir, 't.sh')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(dir, 'am.yml')) && existsSync(join(dir, 't.sh'))).toBe(true);
  });

  it('a broken cases file for --tests is exit 2 at its line', () => {
    const cases = join(dir, 'bad.cases.yaml');
    writeFileSync(cases, 'cases:\n  - name: x\n    answers: {}\n    expekt: {}\n');
    const run = runCli(['export', 'alertmanager', '-m', example('msp.yaml'), '--tests', join(dir, 't.sh'), '--cases', cases]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.cases\.yaml:\d+:\d+: /);
  });
});
