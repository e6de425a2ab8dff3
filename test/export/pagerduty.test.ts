/**
 * The PagerDuty export: Terraform JSON checked against the provider's attribute schema (the
 * jsii metadata of @cdktf/provider-pagerduty, offline), delays from the path, targets from
 * `paging`, support hours from calendars, and every limit listed rather than dropped.
 */
import { describe, expect, it } from 'vitest';
import { exportPagerduty, pagerdutyJson } from '../../src/export/pagerduty.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';
import { validate, validateTerraform } from './provider-schema.js';

describe('the provider schema check itself', () => {
  it('accepts a minimal policy and rejects a misspelt attribute, a wrong type and a missing required one', () => {
    const ok = { name: 'x', rule: [{ escalation_delay_in_minutes: 10, target: [{ type: 'user_reference', id: 'P1' }] }] };
    expect(validate(ok, '@cdktf/provider-pagerduty.escalationPolicy.EscalationPolicyConfig')).toEqual([]);
    expect(validateTerraform({ resource: { pagerduty_escalation_policy: { a: { ...ok, num_loop: 1 } } } })).toEqual([
      'pagerduty_escalation_policy.a.num_loop: not an attribute of EscalationPolicyConfig',
    ]);
    const wrong = { name: 'x', rule: [{ escalation_delay_in_minutes: '10', target: [{ id: 'P1' }] }] };
    expect(validateTerraform({ resource: { pagerduty_escalation_policy: { a: wrong } } })).toEqual([
      'pagerduty_escalation_policy.a.rule[0].escalation_delay_in_minutes: expected number, got "10"',
    ]);
    expect(validateTerraform({ resource: { pagerduty_escalation_policy: { a: { rule: ok.rule } } } })).toEqual(['pagerduty_escalation_policy.a.name: required']);
  });
});

describe.each(EXAMPLES)('examples/%s.yaml', (name) => {
  it('exports Terraform JSON that matches the provider schema', () => {
    const { config } = exportPagerduty(exampleMatrix(name));
    const doc = JSON.parse(pagerdutyJson(config)) as Parameters<typeof validateTerraform>[0];
    expect(Object.keys(doc.resource!.pagerduty_escalation_policy!)).toHaveLength(exampleMatrix(name).severities.length);
    expect(validateTerraform(doc)).toEqual([]);
  });
});

describe('policies', () => {
  it('one rule per point in time of the path; each delay runs to the next point, the last is escalate_after', () => {
    const { config } = exportPagerduty(exampleMatrix('saas-support'));
    const sev1 = config.resource.pagerduty_escalation_policy.sev1!;
    expect(sev1.rule.map((r) => r.escalation_delay_in_minutes)).toEqual([30, 90, 30]);
    expect(sev1.rule[0]!.target).toEqual([
      { type: 'schedule_reference', id: 'PFRONT1' },
      { type: 'schedule_reference', id: 'PSUPLD1' },
      { type: 'schedule_reference', id: 'PENGPR1' },
    ]);
    expect(sev1.rule[2]!.target).toEqual([{ type: 'user_reference', id: 'PEXEC01' }]);
    expect(sev1.num_loops).toBe(0);
  });

  it('a severity on a business calendar gets a service with support hours in the calendar zone', () => {
    const { config, warnings } = exportPagerduty(exampleMatrix('client-vendor'));
    const sev3 = config.resource.pagerduty_service!.sev3!;
    expect(sev3.escalation_policy).toBe('${pagerduty_escalation_policy.sev3.id}');
    expect(sev3.support_hours).toEqual([{ type: 'fixed_time_per_day', time_zone: 'Europe/London', days_of_week: [1, 2, 3, 4, 5, 6], start_time: '08:00:00', end_time: '20:00:00' }]);
    expect(config.resource.pagerduty_service!.sev1).toBeUndefined();
    expect(warnings.filter((w) => w.code === 'holidays').map((w) => w.path)).toEqual([
      ['calendars', 'operations', 'holidays'],
      ['calendars', 'operations', 'holidays'],
    ]);
  });

  it('lists client layers, business-hours targets, holidays and client-side roles, in the file and as warnings', () => {
    const { config, warnings } = exportPagerduty(exampleMatrix('msp'));
    const codes = new Set(warnings.map((w) => w.code));
    for (const code of ['client-layer', 'business-hours', 'holidays', 'exception', 'approval']) expect(codes).toContain(code);
    for (const w of warnings) expect(config['//']).toContain(w.message);
  });

  it('a role mapped to an escalation policy cannot be a rule target: said, not dropped', () => {
    const m = variant('saas-support', (x) => (x.paging!.executive = { pagerduty: { escalation_policy: 'PEXECEP' } }));
    const { config, warnings } = exportPagerduty(m);
    expect(config.resource.pagerduty_escalation_policy.sev1!.rule).toHaveLength(2);
    expect(config.resource.pagerduty_escalation_policy.sev1!.rule[1]!.escalation_delay_in_minutes).toBe(30);
    expect(warnings.find((w) => w.code === 'policy-target')!.message).toContain('PEXECEP');
  });

  it('a path that starts late is said, and a path with no target writes no policy', () => {
    const late = variant('saas-support', (x) => (x.severities[3]!.escalation![0]!.after = '15m'));
    expect(exportPagerduty(late).warnings.some((w) => w.code === 'first-step-delayed')).toBe(true);
    const none = variant('saas-support', (x) => delete x.paging!.frontline!.pagerduty);
    const { config, warnings } = exportPagerduty(none);
    expect(config.resource.pagerduty_escalation_policy.sev4).toBeUndefined();
    expect(warnings.some((w) => w.code === 'no-target' && w.path.join('.') === 'severities.3')).toBe(true);
  });
});

describe('escalate export pagerduty (CLI)', () => {
  it('--json carries the configuration and every warning', () => {
    const run = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { tool: string; warnings: { code: string; message: string }[]; config: { resource: object } };
    expect(out.tool).toBe('pagerduty');
    expect(out.warnings.length).toBe(exportPagerduty(exampleMatrix('msp')).warnings.length);
    expect(validateTerraform(out.config as Parameters<typeof validateTerraform>[0])).toEqual([]);
    expect(run.stderr).toBe('');
  });

  it('prints the limits on stderr beside the file on stdout', () => {
    const run = runCli(['export', 'pagerduty', '-m', example('msp.yaml')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('resource');
    expect(run.stderr).toMatch(/^escalate export pagerduty: not expressible: tier "premium"/m);
  });
});
