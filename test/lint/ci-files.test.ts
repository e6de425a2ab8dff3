/** The CI integration files are real: valid YAML, and they call lint the way the README says. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

describe('pre-commit hook', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; files: string }[];

  it('declares escalate-lint, run with Node through the package bin', () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook).toMatchObject({ id: 'escalate-lint', language: 'node', entry: 'escalate lint' });
    const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain('escalate');
  });

  it('is pinned in docs/lint.md to the tag of this version (CONTRIBUTING.md, "Releasing")', () => {
    const readme = read('docs/lint.md');
    const snippet = readme.slice(readme.indexOf('# .pre-commit-config.yaml'));
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(/^ +rev: (\S+)$/m.exec(snippet)?.[1]).toBe(`v${version}`);
    expect(read('CONTRIBUTING.md')).toContain(`git tag -a v${version}`);
  });

  it('installs: npm pack, which pre-commit runs, prints only the tarball name on stdout', () => {
    // npm ≥ 10.5 runs pack's scripts in the foreground, echoing them on stdout, where
    // pre-commit reads the tarball name; the project's .npmrc turns that off, and the build
    // itself writes nothing there. test/precommit.test.ts runs it for real.
    expect(read('.npmrc')).toMatch(/^foreground-scripts=false$/m);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toMatch(/1>&2$/);
  });

  it('runs on matrices and their cases files, not on other YAML', () => {
    const files = new RegExp(hooks[0]!.files);
    for (const path of ['escalation-matrix.yaml', 'ops/escalation-matrix.yml', 'ops/escalation-matrix.cases.yaml']) expect(path).toMatch(files);
    for (const path of ['docker-compose.yaml', 'ops/my-escalation-matrix.yaml.bak', '.github/workflows/ci.yml']) expect(path).not.toMatch(files);
  });
});

describe('GitHub Actions workflow', () => {
  type Step = { run?: string; uses?: string; with?: Record<string, unknown>; if?: string };
  const workflow = parse(read('docs/github-actions.yml')) as { on: unknown; permissions: unknown; jobs: Record<string, { steps: Step[]; permissions: Record<string, string> }> };
  const job = Object.values(workflow.jobs)[0]!;
  const runs = job.steps.flatMap((s) => (s.run ? [s.run] : []));

  it('annotates with --format github and gates on errors and warnings', () => {
    expect(runs.some((r) => /escalate lint .*--format github/.test(r) && /--max-warnings 0/.test(r))).toBe(true);
  });

  it('uploads SARIF to code scanning only when the repository opts in, with the permission it needs', () => {
    expect(runs.some((r) => /escalate lint .*--format sarif > escalate\.sarif/.test(r))).toBe(true);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with).toMatchObject({ sarif_file: 'escalate.sarif' });
    expect(job.permissions['security-events']).toBe('write');
    // A private repository without code scanning: the upload would fail the job, so it is skipped unless asked for.
    const sarif = job.steps.filter((s) => s.uses?.includes('upload-sarif') || s.run?.includes('--format sarif'));
    expect(sarif).toHaveLength(2);
    for (const step of sarif) expect(step.if).toBe("${{ !cancelled() && vars.ESCALATE_CODE_SCANNING == 'true' }}");
    expect(job.steps.filter((s) => s.uses?.startsWith('github/codeql-action/'))).toEqual([upload]);
    expect(read('docs/github-actions.yml').replace(/\n# /g, ' ')).toContain('set the repository variable ESCALATE_CODE_SCANNING to true');
  });

  it('checks that the reference sheet is current, as docs --check, even when lint failed', () => {
    const step = job.steps.find((s) => s.run?.includes('escalate docs'));
    expect(step?.run).toBe('npx escalate docs --matrix escalation-matrix.yaml --out escalation-matrix.md --check');
    expect(step?.if).toBe('${{ !cancelled() }}');
    const on = workflow.on as { pull_request: { paths: string[] } };
    expect(on.pull_request.paths).toContain('escalation-matrix.md');
    const help = runCli(['docs', '--help']).stdout;
    for (const option of step!.run!.match(/--[a-z-]+/g)!) expect(help).toMatch(new RegExp(`${option}\\b`));
  });

  it('uses only options lint has', () => {
    const help = runCli(['lint', '--help']).stdout;
    const options = runs.filter((r) => r.includes('escalate lint')).join(' ').match(/--[a-z-]+/g) ?? [];
    expect(options.length).toBeGreaterThan(0);
    for (const option of options) expect(help).toMatch(new RegExp(`${option}\\b`));
  });
});
