/**
 * The PagerDuty export: Terraform JSON checked against the provider's attribute schema (the
 * jsii metadata of @cdktf/provider-pagerduty, offline), delays from the path, targets from
 * `paging`, support hours from calendars, and every limit listed rather than dropped.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportPagerduty, pagerdutyJson, terraformLiteral } from '../../src/export/pagerduty.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';
import { withFileHolidays } from '../../src/matrix/holiday-files.js';
import type { Matrix } from '../../src/matrix/schema.js';
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

  it('a holiday listed twice, in the matrix or again in its holidays file, is named once', () => {
    const holidaysOf = (m: Matrix) => exportPagerduty(m).warnings.filter((w) => w.code === 'holidays').map((w) => w.message);
    const once = '2026-12-25, 2026-12-26, 2027-01-01, 2027-03-26, 2027-03-29';
    const twice = variant('client-vendor', (m) => m.calendars!.operations!.holidays!.push('2026-12-25', '2027-01-01'));
    for (const message of holidaysOf(twice)) expect(message).toContain(`has 5 holidays (${once});`);
    const fromFile = withFileHolidays(exampleMatrix('client-vendor'), { operations: ['2026-12-25', '2027-12-24', '2027-12-24'] });
    for (const message of holidaysOf(fromFile)) expect(message).toContain(`has 6 holidays (${once}, 2027-12-24);`);
    expect(holidaysOf(fromFile)).toHaveLength(2);
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

/**
 * How Terraform reads a string of Terraform JSON (HCL's template scanner): `$${` and `%%{` are
 * literal `${` and `%{`; any other `${` or `%{` starts an expression or directive. Returns the
 * literal text, or undefined when Terraform would evaluate something.
 */
function terraformReads(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      out += `${text[i]}{`;
      i += 3;
    } else if (text.startsWith('${', i) || text.startsWith('%{', i)) return undefined;
    else out += text[i++];
  }
  return out;
}

/** Every string in a configuration, with the key it is under. */
function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => [...strings(k, '(key)'), ...strings(v, k)]);
  return [];
}

describe('no string of the matrix makes Terraform evaluate anything', () => {
  it('the literal form reads back as the text, for any text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[$%{}a\\]{0,12}$/), (text) => {
        expect(terraformReads(terraformLiteral(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('interpolations and directives in the matrix name, severity names and definitions stay text', () => {
    const m = variant('client-vendor', (x) => {
      x.name = 'Acme ${file("secret.txt")} %{ if true }x%{ endif } $${keep}';
      x.severities[0]!.name = 'Crit ${path.module}';
      x.severities[2]!.definition = 'Slow %{for x in y}${x}%{endfor}';
    });
    const { config } = exportPagerduty(m);
    const doc = JSON.parse(pagerdutyJson(config)) as unknown;
    const all = strings(doc);
    for (const [key, text] of all) {
      if (key === 'escalation_policy') expect(text).toMatch(/^\$\{pagerduty_escalation_policy\.[a-z_0-9]+\.id\}$/);
      else expect(terraformReads(text), `${key}: ${text}`).toBeDefined();
    }
    expect(terraformReads(config.resource.pagerduty_escalation_policy.sev1!.name)).toBe('Acme ${file("secret.txt")} %{ if true }x%{ endif } $${keep}: sev1 Crit ${path.module}');
    expect(terraformReads(config.resource.pagerduty_service!.sev3!.description)).toContain('Incidents of sev3');
  });

  it('characters PagerDuty refuses in names are replaced and said', () => {
    const m = variant('saas-support', (x) => (x.severities[0]!.name = 'Down <all> & out \\ /'));
    const { config, warnings } = exportPagerduty(m);
    expect(config.resource.pagerduty_escalation_policy.sev1!.name).toBe('Acme SaaS support: sev1 Down -all- - out - -'.replace('Acme SaaS support', m.name));
    expect(warnings.find((w) => w.code === 'name-characters')).toMatchObject({ path: ['severities', 0, 'name'] });
  });
});

describe('what PagerDuty will do differently from the matrix', () => {
  it('every step after the first is named as paged only while nobody acknowledged (MSP P1: account manager 30m, L3 1h, service manager 2h)', () => {
    const { config, warnings } = exportPagerduty(exampleMatrix('msp'));
    const p1 = warnings.filter((w) => w.code === 'unacknowledged-only' && w.message.startsWith('p1:'));
    expect(p1.map((w) => w.message.replace(/ \(after.*/, ''))).toEqual(['p1: account-manager', 'p1: l3', 'p1: service-manager']);
    for (const w of p1) expect(config['//']).toContain(w.message);
    expect(p1.map((w) => w.path.slice(0, 3).join('.'))).toEqual(['severities.0.escalation', 'severities.0.escalation', 'severities.0.escalation']);
  });

  it('a single-rule policy has no conditional step', () => {
    const m = variant('saas-support', (x) => (x.severities[0]!.escalation = [x.severities[0]!.escalation![0]!]));
    expect(exportPagerduty(m).warnings.filter((w) => w.code === 'unacknowledged-only' && w.message.startsWith('sev1:'))).toEqual([]);
  });

  it('support hours raise urgency at their start (scheduled_actions), checked against the provider schema', () => {
    const { config } = exportPagerduty(exampleMatrix('msp'));
    const services = Object.values(config.resource.pagerduty_service!);
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) {
      expect(s.scheduled_actions).toEqual([{ type: 'urgency_change', to_urgency: 'high', at: [{ type: 'named_time', name: 'support_hours_start' }] }]);
      expect(s.incident_urgency_rule[0]!.outside_support_hours).toEqual([{ type: 'constant', urgency: 'low' }]);
    }
    expect(validateTerraform(JSON.parse(pagerdutyJson(config)) as Parameters<typeof validateTerraform>[0])).toEqual([]);
    const broken = JSON.parse(pagerdutyJson(config)) as { resource: { pagerduty_service: Record<string, { scheduled_actions: { to_urgncy?: string }[] }> } };
    Object.values(broken.resource.pagerduty_service)[0]!.scheduled_actions[0]!.to_urgncy = 'high';
    expect(validateTerraform(broken as Parameters<typeof validateTerraform>[0]).join()).toMatch(/to_urgncy: not an attribute/);
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
    expect(run.stderr).toMatch(/^escalate export pagerduty: not expressible: p1: l3 \(after 1h\) is paged only if nobody has acknowledged by then/m);
  });

  it('--json names the conditional steps', () => {
    const out = JSON.parse(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--json']).stdout) as { warnings: { code: string; path: unknown[] }[] };
    expect(out.warnings.filter((w) => w.code === 'unacknowledged-only').length).toBeGreaterThanOrEqual(3);
  });
});
