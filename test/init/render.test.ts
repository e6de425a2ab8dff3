/** The starter matrices of `escalate init`: generic, filled with the team's answers, lint-clean with full coverage. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEMPLATE_NAMES as REGISTERED } from '../../src/cli/commands/init.js';
import { starterCases } from '../../src/init/cases.js';
import { defaultOwner, ownerChoices, renderMatrix, scalar, TEMPLATE_NAMES, TEMPLATES, textProblem, type InitAnswers } from '../../src/init/render.js';
import { lintTarget } from '../../src/lint/lint-target.js';
import { loadMatrix } from '../../src/matrix/load.js';

const answers = (over: Partial<InitAnswers> = {}): InitAnswers => ({
  template: 'support',
  team: 'Payments support',
  timezone: 'Asia/Kolkata',
  owner: 'support-lead',
  reviewed: '2026-11-27',
  schema: '../node_modules/escalation-matrix/schemas/escalation-matrix.schema.json',
  ...over,
});

async function lintWithCases(text: string) {
  const matrix = loadMatrix(text).matrix!;
  expect(matrix).toBeDefined();
  const cases = starterCases(matrix, 'm.yaml');
  const reports = await lintTarget({ matrix: { file: 'm.yaml', text }, cases: { file: 'm.cases.yaml', text: cases.text } }, { today: '2026-11-27', coverage: true });
  return { matrix, cases, reports, findings: reports.flatMap((r) => r.diagnostics.map((d) => `${r.file}:${d.line} ${d.code} ${d.message}`)) };
}

describe('init templates', () => {
  it('the register file names the same templates as the renderer (it must not load them)', () => {
    expect([...REGISTERED]).toEqual(TEMPLATE_NAMES);
  });

  it.each(TEMPLATE_NAMES)('%s renders the answers and lints clean with every outcome covered', async (template) => {
    const owner = defaultOwner(template);
    const text = renderMatrix(answers({ template, owner }));
    const { matrix, cases, reports, findings } = await lintWithCases(text);
    expect(findings).toEqual([]);
    expect(matrix).toMatchObject({ name: 'Payments support', owner, reviewed: '2026-11-27', timezone: 'Asia/Kolkata' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/escalation-matrix/schemas/escalation-matrix.schema.json');
    const outcomes = Object.values(matrix.triage!.questions).flatMap((q) => q.answers.filter((a) => a.outcome)).length;
    expect(cases.count).toBe(outcomes);
    expect(reports[1]!.cases).toEqual({ passed: outcomes, failed: 0 });
  });

  it.each(TEMPLATE_NAMES)('%s copies no company, client or product name and no fixed date', (template) => {
    const text = renderMatrix(answers({ template, owner: defaultOwner(template) }));
    expect(text).not.toMatch(/acme|northpoint|northwind|harbor|contoso|brightline|\.example\b|jira/i);
    // The only date is the review date; holidays and exception windows are the team's to add.
    expect(text.match(/\b20\d\d-\d\d-\d\d\b/g)).toEqual(['2026-11-27']);
    expect(parse(text)).not.toHaveProperty('clients');
    expect(parse(text)).not.toHaveProperty('exceptions');
  });

  it('offers only internal roles as the matrix owner', () => {
    const ids = ownerChoices('support').map((r) => r.id);
    expect(ids).toContain('support-lead');
    expect(ids).toContain('head-of-support');
    expect(ids).not.toContain('vendor');
    expect(ids).not.toContain('client-admin');
    expect(ownerChoices('client-vendor').map((r) => r.id)).not.toContain('client-ops');
    expect(ownerChoices('msp').find((r) => r.id === 'service-manager')?.title).toBe('Service delivery manager');
    for (const template of TEMPLATE_NAMES) expect(ownerChoices(template).map((r) => r.id)).toContain(defaultOwner(template));
  });

  it('adds a new owner role with its title and contact', async () => {
    const text = renderMatrix(answers({ owner: { id: 'ops-manager', title: 'Operations manager: EMEA', contact: '#ops # managers' } }));
    const { matrix, findings } = await lintWithCases(text);
    expect(findings).toEqual([]);
    expect(matrix.owner).toBe('ops-manager');
    expect(matrix.roles['ops-manager']).toMatchObject({ title: 'Operations manager: EMEA', contact: '#ops # managers' });
  });

  it('quotes a team name that YAML would read differently', async () => {
    for (const team of ['Ops: "night" shift', 'yes', '2024 team', '#support', 'Équipe support', 'a - b', '[core]']) {
      const { matrix } = await lintWithCases(renderMatrix(answers({ team })));
      expect(matrix.name, team).toBe(team);
      expect(matrix.description).toContain(team);
    }
    expect(scalar('Customer support')).toBe('Customer support');
    expect(scalar('2026-11-27')).toBe('2026-11-27');
    expect(scalar('no')).toBe('"no"');
  });

  it('refuses control characters, empty and overlong names', () => {
    expect(textProblem('Support', 'the team name')).toBeUndefined();
    expect(textProblem('  ', 'the team name')).toMatch(/must not be empty/);
    expect(textProblem('Sup\u001b[31mport', 'the team name')).toMatch(/control characters/);
    expect(textProblem('Sup\u202eport', 'the team name')).toMatch(/control characters/);
    expect(textProblem('x'.repeat(101), 'the team name')).toMatch(/longer than 100/);
  });

  it('every template has a summary and a default team name', () => {
    for (const template of TEMPLATE_NAMES) {
      expect(TEMPLATES[template].summary.length).toBeGreaterThan(20);
      expect(textProblem(TEMPLATES[template].team, 'team')).toBeUndefined();
    }
  });
});

describe('starter cases', () => {
  it('names each case by its answers and expects severity, owner and route (null when none)', async () => {
    const { cases } = await lintWithCases(renderMatrix(answers()));
    const data = parse(cases.text) as { cases: { name: string; answers: Record<string, string>; expect: Record<string, unknown> }[] };
    expect(data.cases[0]).toEqual({ name: 'security=yes → sev1, security', answers: { security: 'yes' }, expect: { severity: 'sev1', owner: 'security', route: 'security' } });
    expect(data.cases.find((c) => c.name === 'security=no, confirmed=no → sev4, frontline')?.expect).toEqual({ severity: 'sev4', owner: 'frontline', route: null });
    expect(new Set(data.cases.map((c) => c.name)).size).toBe(data.cases.length);
  });

  it('is an empty list for a matrix without a triage tree', () => {
    const matrix = loadMatrix(renderMatrix(answers())).matrix!;
    const { text, count } = starterCases({ ...matrix, triage: undefined }, 'm.yaml');
    expect(count).toBe(0);
    expect(parse(text)).toEqual({ cases: [] });
  });

  it('names the matrix file in its header comment on one line, whatever the name holds (a library caller may pass any)', () => {
    const matrix = loadMatrix(renderMatrix(answers())).matrix!;
    const { text } = starterCases(matrix, 'a\nb:\u001b\u2028.yaml');
    expect(text.split('\n')[0]).toBe('# Matrix tests for a\\u000ab:\\u001b\\u2028.yaml: each case walks the triage tree with its answers and');
    expect((parse(text) as { cases: unknown[] }).cases.length).toBeGreaterThan(0);
  });
});
