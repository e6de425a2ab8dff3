/** The CI files init writes: the shipped workflow pointed at the matrix, and the pre-commit hook. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { preCommitConfig, workflowFor } from '../../src/init/ci.js';
import { ROOT } from '../helpers/cli.js';

const shipped = readFileSync(`${ROOT}docs/github-actions.yml`, 'utf8');

describe('the workflow init writes', () => {
  it('is the shipped workflow, as is, for a matrix at the repository root', () => {
    expect(workflowFor(shipped, 'escalation-matrix.yaml', 'escalation-matrix.cases.yaml')).toBe(shipped);
  });

  it('names a matrix elsewhere in its path filters and its lint steps', () => {
    const text = workflowFor(shipped, 'ops/team.yaml', 'ops/team.cases.yaml');
    expect(text).not.toContain('escalation-matrix.yaml');
    expect(text).not.toContain('escalation-matrix.cases.yaml');
    expect(text).not.toContain('escalation-matrix.md');
    const workflow = parse(text) as { on: { pull_request: { paths: string[] } }; jobs: Record<string, { steps: { run?: string }[] }> };
    expect(workflow.on.pull_request.paths).toEqual(['ops/team.yaml', 'ops/team.cases.yaml', 'ops/team.md']);
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run?.includes('escalate lint') ? [s.run] : [])));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run).toContain('escalate lint ops/team.yaml');
    const docs = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run?.includes('escalate docs') ? [s.run] : [])));
    expect(docs).toEqual(['npx escalate docs --matrix ops/team.yaml --out ops/team.md --check']);
  });
});

describe('the pre-commit config init writes', () => {
  const hookOf = (text: string) => (parse(text) as { repos: { repo: string; hooks: Record<string, string>[] }[] }).repos.find((r) => r.repo === 'local')!.hooks[0]!;

  it('a new file runs the installed escalate on the matrix and its cases', () => {
    const result = preCommitConfig(undefined, 'ops/team.yaml', 'ops/team.cases.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const hook = hookOf(result.text);
    expect(hook).toMatchObject({ id: 'escalate-lint', entry: 'npx --no escalate lint', language: 'system' });
    const files = new RegExp(hook.files!);
    expect('ops/team.yaml').toMatch(files);
    expect('ops/team.cases.yaml').toMatch(files);
    expect('ops/teamXyaml').not.toMatch(files);
    expect('other/ops/team.yaml').not.toMatch(files);
  });

  it('adds the hook to an existing config, keeping its comments and hooks', () => {
    const existing = '# our hooks\nrepos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace # keep\n';
    const result = preCommitConfig(existing, 'escalation-matrix.yaml', 'escalation-matrix.cases.yaml');
    expect(result.ok && result.text).toContain('# our hooks');
    expect(result.ok && result.text).toContain('- id: trailing-whitespace # keep');
    if (result.ok) expect(hookOf(result.text).id).toBe('escalate-lint');
  });

  it('leaves a config that already has the hook unchanged', () => {
    const first = preCommitConfig(undefined, 'm.yaml', 'm.cases.yaml');
    const again = first.ok ? preCommitConfig(first.text, 'm.yaml', 'm.cases.yaml') : first;
    expect(again).toEqual({ ok: true, text: first.ok ? first.text : '', unchanged: true });
  });

  it('refuses a config it cannot extend, saying why', () => {
    expect(preCommitConfig('repos: [\n', 'm.yaml', 'm.cases.yaml')).toMatchObject({ ok: false, reason: expect.stringMatching(/^it is not valid YAML/) });
    expect(preCommitConfig('- a\n', 'm.yaml', 'm.cases.yaml')).toEqual({ ok: false, reason: 'it is not a mapping with repos:' });
    expect(preCommitConfig('default_stages: [pre-commit]\n', 'm.yaml', 'm.cases.yaml')).toEqual({ ok: false, reason: 'it has no repos: list' });
  });
});
