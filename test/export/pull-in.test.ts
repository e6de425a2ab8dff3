/**
 * `export pagerduty --pull-in separate-services`: the roles the matrix pulls in by time stay
 * paged when someone acknowledges, through a service per later point whose service
 * orchestration suspends each alert until then. Checked against the provider schema (the
 * jsii metadata of @cdktf/provider-pagerduty), against the default export's targets, and by
 * --check, which finds every behaviour-changing edit of the pull-in resources at its line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportPagerduty, isPullInName, pagerdutyJson, resourceName, terraformLiteral } from '../../src/export/pagerduty.js';
import { pagerdutyDrift } from '../../src/export/drift.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';
import { validateTerraform } from './provider-schema.js';

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };
const pullInText = (name: string) => pagerdutyJson(exportPagerduty(exampleMatrix(name), { pullIn: 'separate-services' }).config);
const codes = (r: ReturnType<typeof pagerdutyDrift>) => (r.ok ? r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`) : [`failed: ${r.reason}`]);
const lineOf = (text: string, needle: string, from = 0) => {
  const lines = text.split('\n');
  return lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
};

describe.each(EXAMPLES)('examples/%s.yaml with --pull-in separate-services', (name) => {
  it('matches the provider schema (policies, services, service orchestrations, integrations)', () => {
    const doc = JSON.parse(pullInText(name)) as Doc;
    expect(validateTerraform(doc)).toEqual([]);
  });

  it('pulls in every later point of every path with the targets and times the default export pages only when unacknowledged', () => {
    const m = exampleMatrix(name);
    const plain = exportPagerduty(m).config.resource.pagerduty_escalation_policy;
    const pull = exportPagerduty(m, { pullIn: 'separate-services' }).config.resource;
    for (const [key, policy] of Object.entries(plain)) {
      expect(pull.pagerduty_escalation_policy[key]!.rule.map((r) => r.target)).toEqual([policy.rule[0]!.target]);
      let at = 0;
      policy.rule.forEach((rule, k) => {
        if (k > 0) {
          const pk = `${key}-pull-in-${at}m`;
          expect(pull.pagerduty_escalation_policy[pk]!.rule.map((r) => r.target)).toEqual([rule.target]);
          expect(pull.pagerduty_event_orchestration_service![pk]!.catch_all[0]!.actions[0]!.suspend).toBe(at * 60);
          expect(pull.pagerduty_service![pk]!.escalation_policy).toBe(`\${pagerduty_escalation_policy.${pk}.id}`);
          expect(pull.pagerduty_service_integration![pk]!.service).toBe(`\${pagerduty_service.${pk}.id}`);
        }
        at += rule.escalation_delay_in_minutes;
      });
      const later = Object.keys(pull.pagerduty_escalation_policy).filter((k) => k.startsWith(`${key}-pull-in-`));
      expect(later).toHaveLength(policy.rule.length - 1);
    }
  });

  it('--check of what it writes is clean, found by itself (no flag) and with the flag', () => {
    const m = exampleMatrix(name);
    expect(codes(pagerdutyDrift(m, pullInText(name)))).toEqual([]);
    expect(codes(pagerdutyDrift(m, pullInText(name), 'separate-services'))).toEqual([]);
  });
});

describe('MSP P1 (account manager at 30 min, L3 at 1 h, service manager at 2 h)', () => {
  const m = exampleMatrix('msp');
  const { config, warnings } = exportPagerduty(m, { pullIn: 'separate-services' });

  it('each pull-in is said at its step, in the file and as a warning; no step is left conditional on acknowledgement', () => {
    const p1 = warnings.filter((w) => w.message.startsWith('p1:') && (w.code === 'pull-in' || w.code === 'unacknowledged-only'));
    expect(p1.map((w) => `${w.code} ${w.message.replace(/ \(after.*/, '')}`)).toEqual(['pull-in p1: account-manager', 'pull-in p1: l3', 'pull-in p1: service-manager']);
    expect(p1.map((w) => w.path.slice(0, 3).join('.'))).toEqual(['severities.0.escalation', 'severities.0.escalation', 'severities.0.escalation']);
    for (const w of p1) expect(config['//']).toContain(w.message);
    expect(p1[0]!.message).toContain('suspends each alert 1800 seconds, acknowledged or not; only if the alerting tool sends every p1 alert to its integration too');
    expect(config['//']).toContain('It does not: receive alerts by itself');
    expect(Object.keys(config.resource.pagerduty_event_orchestration_service!).filter((k) => k.startsWith('p1-'))).toEqual(['p1-pull-in-30m', 'p1-pull-in-60m', 'p1-pull-in-120m']);
  });

  it('a severity on a business calendar says its suspension counts wall-clock time', () => {
    expect(warnings.find((w) => w.code === 'pull-in' && w.message.startsWith('p3:'))!.message).toMatch(/counts wall-clock time, not working time on calendar "business"$/);
  });

  it('the pull-in names never collide with a severity resource and the schema check can fail on them', () => {
    // Severity resource names never hold a dash (resourceName turns dashes into underscores); pull-in names end in one.
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,30}$/), (id) => !isPullInName(resourceName(id))));
    expect(isPullInName(resourceName('p1-pull-in-30m'))).toBe(false);
    const broken = JSON.parse(pagerdutyJson(config)) as Doc;
    (broken.resource.pagerduty_event_orchestration_service!['p1-pull-in-30m']!.catch_all as { actions: Record<string, unknown>[] }[])[0]!.actions[0]!.suspnd = 5;
    delete (broken.resource.pagerduty_service_integration!['p1-pull-in-30m'] as Record<string, unknown>).service;
    expect(validateTerraform(broken)).toEqual([
      'pagerduty_event_orchestration_service.p1-pull-in-30m.catch_all[0].actions[0].suspnd: not an attribute of EventOrchestrationServiceCatchAllActions',
      'pagerduty_service_integration.p1-pull-in-30m.service: required',
    ]);
  });
});

describe('--check sees every behaviour-changing edit of the pull-in resources, at its line', () => {
  const m = exampleMatrix('msp');
  const base = () => JSON.parse(pullInText('msp')) as Doc;
  const check = (doc: Doc) => {
    const text = JSON.stringify(doc, null, 2);
    const r = pagerdutyDrift(m, text);
    if (!r.ok) throw new Error(r.reason);
    return { text, found: r.diagnostics };
  };

  it('a changed suspension is drift-delay at the suspend line, saying both times', () => {
    const doc = base();
    (doc.resource.pagerduty_event_orchestration_service!['p1-pull-in-60m']!.catch_all as { actions: { suspend: number }[] }[])[0]!.actions[0]!.suspend = 600;
    const { text, found } = check(doc);
    expect(found.map((d) => d.code)).toEqual(['drift-delay']);
    const from = lineOf(text, '"p1-pull-in-60m"', lineOf(text, '"pagerduty_event_orchestration_service"'));
    expect(found[0]!.line).toBe(lineOf(text, '"suspend": 600', from - 1));
    expect(found[0]!.message).toBe('service orchestration "p1-pull-in-60m" suspends alerts 600 seconds; the matrix pulls these roles in after 3600 seconds (60 minutes)');
  });

  it('an orchestration turned off, given a rule, or removed; an integration removed; a pull-in service pointed elsewhere', () => {
    const doc = base();
    const o = doc.resource.pagerduty_event_orchestration_service!;
    o['p1-pull-in-30m']!.enable_event_orchestration_for_service = false;
    (o['p1-pull-in-60m']!.set as Record<string, unknown>[])[0]!.rule = [{ actions: [{ suppress: false }] }];
    delete o['p2-pull-in-240m'];
    delete doc.resource.pagerduty_service_integration!['p3-pull-in-240m'];
    doc.resource.pagerduty_service!['p1-pull-in-120m']!.escalation_policy = '${pagerduty_escalation_policy.p1.id}';
    const { text, found } = check(doc);
    expect(found.map((d) => `${d.code}: ${d.message}`)).toEqual([
      expect.stringMatching(/^drift-delay: service orchestration "p1-pull-in-30m" is not enabled for its service/),
      expect.stringMatching(/^drift-delay: service orchestration "p1-pull-in-60m" has 1 rule; an alert a rule matches skips the catch_all suspension/),
      expect.stringMatching(/^drift-targets: pull-in service "p1-pull-in-120m" escalates by \$\{pagerduty_escalation_policy\.p1\.id\}/),
      expect.stringMatching(/^drift-missing: service orchestration "p2-pull-in-240m" is missing; without it every alert sent to "p2-pull-in-240m" pages at once, not 240 minutes after the start/),
      expect.stringMatching(/^drift-missing: integration "p3-pull-in-240m" is missing/),
    ]);
    expect(found[0]!.line).toBe(lineOf(text, '"enable_event_orchestration_for_service": false'));
    for (const d of found) expect(d.line).toBeGreaterThan(1);
  });

  it('a default export checked with --pull-in: every pull-in is missing and each policy has too many rules', () => {
    const plain = pagerdutyJson(exportPagerduty(m).config);
    const r = pagerdutyDrift(m, plain, 'separate-services');
    const found = r.ok ? r.diagnostics : [];
    expect(found.filter((d) => d.code === 'drift-rules').map((d) => d.message)).toContain('policy "p1" has 4 rules; the matrix path has 1');
    expect(found.filter((d) => d.code === 'drift-missing' && d.message.startsWith('pull-in service "p1-'))).toHaveLength(3);
    // And without the flag, a default export is checked as one.
    expect(codes(pagerdutyDrift(m, plain))).toEqual([]);
  });
});

describe('escalate export pagerduty --pull-in (CLI)', () => {
  it('--json says the mode, carries the resources and the pull-in warnings; --out passes --check (found by itself)', () => {
    const run = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--pull-in', 'separate-services', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { pull_in: string; warnings: { code: string }[]; config: Doc };
    expect(out.pull_in).toBe('separate-services');
    expect(out.warnings.filter((w) => w.code === 'pull-in')).toHaveLength(6);
    expect(out.warnings.filter((w) => w.code === 'unacknowledged-only')).toEqual([]);
    expect(validateTerraform(out.config)).toEqual([]);
    expect(JSON.stringify(out.config)).toBe(JSON.stringify(JSON.parse(pullInText('msp'))));
  });

  it('--out then --check is clean; an edited suspension fails the check (exit 1) at its line, in the github format too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-pull-in-'));
    try {
      const file = join(dir, 'pd.tf.json');
      expect(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--pull-in', 'separate-services', '--out', file]).code).toBe(0);
      expect(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file])).toMatchObject({ code: 0, stderr: '' });
      const text = readFileSync(file, 'utf8').replace('"suspend": 7200', '"suspend": 720');
      writeFileSync(file, text);
      const line = text.split('\n').findIndex((l) => l.includes('"suspend": 720')) + 1;
      const run = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file, '--format', 'github']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`line=${line},`);
      expect(run.stdout).toMatch(/service orchestration "p1-pull-in-120m" suspends alerts 720 seconds; the matrix pulls these roles in after 7200 seconds \(120 minutes\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--parity reads the pull-in services: a pulled-in role is paged when its suspension ends, acknowledged or not; a shortened one is earlier', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-pull-in-'));
    try {
      const file = join(dir, 'pd.tf.json');
      expect(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--pull-in', 'separate-services', '--out', file]).code).toBe(0);
      const parity = () => runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file, '--parity', '2026-12-25', '--format', 'json']);
      const codes = (run: { stdout: string }) =>
        (JSON.parse(run.stdout) as { files: { diagnostics: { code: string; message: string }[] }[] }).files.flatMap((f) => f.diagnostics).map((d) => ({ ruleId: d.code, message: d.message }));
      const clean = codes(parity());
      // P1 runs round the clock: its three pull-ins page at 30 min, 1 h and 2 h, as the matrix does, so P1 has no finding at all.
      expect(clean.filter((m) => m.message.startsWith('p1:'))).toEqual([]);
      expect(clean.filter((m) => m.ruleId === 'parity-not-paged')).toEqual([]);
      expect(clean.filter((m) => m.ruleId === 'parity-acknowledged' && m.message.startsWith('p1:'))).toEqual([]);
      // P3 on business hours: the suspension counts wall-clock time, so its pull-in is earlier than the matrix's working-time step.
      expect(clean.some((m) => m.ruleId === 'parity-earlier' && m.message.startsWith("p3: PagerDuty's pull-in service pages"))).toBe(true);
      writeFileSync(file, readFileSync(file, 'utf8').replace('"suspend": 7200', '"suspend": 720'));
      const edited = codes(parity());
      expect(edited.find((m) => m.ruleId === 'parity-earlier' && m.message.startsWith('p1:'))?.message).toMatch(/^p1: PagerDuty's pull-in service pages service-manager at .*, earlier than the matrix/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stderr names each pull-in; --pull-in with another tool or an unknown mode is a usage error', () => {
    const run = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--pull-in', 'separate-services']);
    expect(run.stderr).toMatch(/^escalate export pagerduty: not expressible: p1: l3 \(after 1h\) is paged by service "p1-pull-in-60m", whose orchestration suspends each alert 3600 seconds, acknowledged or not/m);
    const other = runCli(['export', 'alertmanager', '-m', example('msp.yaml'), '--pull-in', 'separate-services']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--pull-in shapes PagerDuty services; it goes with `export pagerduty`/);
    const bad = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--pull-in', 'workflow']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are separate-services/);
  });
});

describe('no string of the matrix makes Terraform evaluate anything, pull-ins included', () => {
  it('names and step times in pull-in policies and services stay literal', () => {
    const m = variant('msp', (x) => {
      x.name = 'Acme ${file("secret.txt")} %{ if true }x%{ endif }';
      x.severities[0]!.name = 'Crit ${path.module}';
    });
    const { config } = exportPagerduty(m, { pullIn: 'separate-services' });
    const text = pagerdutyJson(config);
    const interpolations = [...text.matchAll(/(?<![$%])[$%]\{[^}]*\}/g)].map((x) => x[0]);
    expect(new Set(interpolations.filter((t) => !/^\$\{pagerduty_(escalation_policy|service)\.[a-z0-9_-]+\.id\}$/.test(t)))).toEqual(new Set());
    expect(config.resource.pagerduty_service!['p1-pull-in-30m']!.name).toBe(terraformLiteral('Acme ${file("secret.txt")} %{ if true }x%{ endif }: p1 Crit ${path.module}, pull-in after 30m'));
    expect(codes(pagerdutyDrift(m, text))).toEqual([]);
  });
});
