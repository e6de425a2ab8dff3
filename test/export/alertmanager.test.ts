/**
 * The Alertmanager export: unit checks of the route tree, then the real amtool: every example
 * passes `amtool check-config`, and every generated routing test passes `amtool config routes
 * test`. A tampered configuration makes the routing tests fail, so they can.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, expectedReceivers, exportAlertmanager, immediateRoles, routingTests } from '../../src/export/alertmanager.js';
import { alertmanagerDrift } from '../../src/export/drift.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix, variant } from './helpers.js';

describe('route tree', () => {
  it('routes each severity by its label to the receivers of the roles paged at once, in path order', () => {
    const { config } = exportAlertmanager(exampleMatrix('saas-support'));
    const sev1 = config.route.routes![0]!;
    expect(sev1.matchers).toEqual(['severity="sev1"']);
    expect(sev1.routes!.map((r) => r.receiver)).toEqual(['support-queue', 'support-lead-pager', 'eng-primary-pager']);
    expect(sev1.routes!.every((r) => r.continue === true)).toBe(true);
    expect(config.route.receiver).toBe('support-lead-pager'); // the matrix owner
  });

  it('puts business-hours severities on the calendar, in its time zone, with holidays muted', () => {
    const { config } = exportAlertmanager(exampleMatrix('client-vendor'));
    const sev3 = config.route.routes!.find((r) => r.matchers?.[0] === 'severity="sev3"')!;
    const plain = sev3.routes!.find((r) => r.matchers === undefined)!;
    expect(plain.active_time_intervals).toEqual(['operations']);
    expect(plain.mute_time_intervals).toEqual(['operations-holidays']);
    const intervals = Object.fromEntries(config.time_intervals!.map((t) => [t.name, t.time_intervals]));
    expect(intervals.operations).toEqual([
      { weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'], times: [{ start_time: '08:00', end_time: '20:00' }], location: 'Europe/London' },
    ]);
    expect(intervals['operations-holidays']![0]).toEqual({ days_of_month: ['25'], months: ['december'], years: ['2026'], location: 'Europe/London' });
  });

  it('mutes a holiday listed twice with one interval', () => {
    const once = exportAlertmanager(exampleMatrix('client-vendor')).config;
    const twice = exportAlertmanager(variant('client-vendor', (x) => x.calendars!.operations!.holidays!.push(...x.calendars!.operations!.holidays!))).config;
    const holidays = (c: typeof once) => c.time_intervals!.find((t) => t.name === 'operations-holidays')!.time_intervals;
    expect(holidays(once).length).toBeGreaterThan(0);
    expect(holidays(twice)).toEqual(holidays(once));
  });

  it("uses the calendar's own time zone over the matrix time zone", () => {
    const m = variant('client-vendor', (x) => (x.calendars!.operations!.timezone = 'Asia/Kolkata'));
    const { config } = exportAlertmanager(m);
    expect(config.time_intervals!.every((t) => t.time_intervals.every((i) => i.location === 'Asia/Kolkata'))).toBe(true);
  });

  it('gives a tier on a round-the-clock calendar its own branch without time intervals', () => {
    const { config } = exportAlertmanager(exampleMatrix('msp'));
    const p3 = config.route.routes!.find((r) => r.matchers?.[0] === 'severity="p3"')!;
    const premium = p3.routes![0]!;
    expect(premium.matchers).toEqual(['tier="premium"']);
    expect(premium.routes!.map((r) => r.receiver)).toEqual(['servicedesk', 'accounts-channel']);
    expect(premium.routes!.some((r) => r.active_time_intervals)).toBe(false);
  });

  it('lists what Alertmanager cannot express instead of dropping it', () => {
    const { warnings } = exportAlertmanager(exampleMatrix('msp'));
    const codes = new Set(warnings.map((w) => w.code));
    expect(codes).toEqual(new Set(['timed-step', 'client-layer', 'exception', 'outcome-roles', 'outcome-label']));
    expect(warnings.find((w) => w.code === 'timed-step')!.message).toContain('after 30m (account-manager)');
  });

  it('warns about a paged role with no receiver and leaves it out', () => {
    const m = variant('saas-support', (x) => delete x.paging!['eng-oncall']);
    const { config, warnings } = exportAlertmanager(m);
    expect(config.route.routes![0]!.routes!.map((r) => r.receiver)).toEqual(['support-queue', 'support-lead-pager']);
    expect(warnings.some((w) => w.code === 'no-target' && w.message.includes('eng-oncall'))).toBe(true);
  });

  it('sends a severity whose roles have no receiver to the root receiver, and says so', () => {
    const m = variant('saas-support', (x) => delete x.paging!.frontline);
    const sev4 = m.severities[3]!;
    expect(immediateRoles(sev4)).toEqual(['frontline']);
    expect(expectedReceivers(m, sev4)).toEqual(['support-lead-pager']);
    expect(exportAlertmanager(m).warnings.some((w) => w.message.startsWith('sev4: no role it pages at once has a receiver'))).toBe(true);
  });

  it('makes one routing test per label set: the cases, every severity, every client', () => {
    const m = exampleMatrix('msp');
    const tests = routingTests(m, [{ name: 'case', client: 'northwind', expect: { severity: 'p1' } }]);
    expect(tests[0]).toEqual({ name: 'case', labels: { severity: 'p1', tier: 'premium', client: 'northwind' }, receivers: ['servicedesk', 'l2-oncall-pager', 'accounts-channel'] });
    // The case, every severity, every client and severity (the case's one already made), the VIP outcome.
    expect(tests).toHaveLength(1 + 4 + 3 * 4 - 1 + 1);
  });
});

const amtool = spawnSync('amtool', ['--version'], { encoding: 'utf8' });
const hasAmtool = amtool.status === 0;
// CI installs amtool (.ci/run); only a developer machine without it may skip, and says why.
if (!hasAmtool && process.env.CI) throw new Error('amtool is missing in CI: .ci/run must install prometheus-alertmanager');
if (!hasAmtool) console.warn('SKIP the amtool tests: amtool is not on PATH (apt-get install prometheus-alertmanager, or unpack it with apt-get download + dpkg -x)');

describe.skipIf(!hasAmtool)('the real amtool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-am-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sh = (args: string[]) => spawnSync('sh', args, { encoding: 'utf8', cwd: dir, timeout: 120_000 });

  describe.each(EXAMPLES)('examples/%s.yaml', (name) => {
    const config = join(dir, `${name}.yml`);
    const script = join(dir, `${name}.sh`);
    it('exports, passes amtool check-config and every generated routing test', () => {
      const run = runCli(['export', 'alertmanager', '-m', example(`${name}.yaml`), '--out', config, '--tests', script]);
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      const count = Number(/\((\d+) routing tests\)/.exec(run.stdout)![1]);
      expect(count).toBeGreaterThan(3);
      const check = spawnSync('amtool', ['check-config', config], { encoding: 'utf8' });
      expect(check.stdout + check.stderr).toContain('SUCCESS');
      expect(check.status).toBe(0);
      const tests = sh([script, config]);
      expect(tests.stdout).toContain(`0 of ${count} routing tests failed`);
      expect(tests.stdout.match(/^ok /gm)).toHaveLength(count);
      expect(tests.status).toBe(0);
    });

    it('routing tests fail when a receiver in the configuration is changed by hand', () => {
      const tampered = join(dir, `${name}.tampered.yml`);
      const data = parse(readFileSync(config, 'utf8')) as { route: { routes: { routes: { receiver?: string }[] }[] }; receivers: { name: string }[] };
      data.route.routes.find((r) => r.routes)!.routes[0]!.receiver = 'someone-else';
      data.receivers.push({ name: 'someone-else' });
      writeFileSync(tampered, JSON.stringify(data));
      expect(spawnSync('amtool', ['check-config', tampered]).status).toBe(0);
      const tests = sh([script, tampered]);
      expect(tests.stdout).toMatch(/^FAIL /m);
      expect(tests.status).toBe(1);
    });
  });
});

describe.skipIf(!hasAmtool)('receiver names holding control characters and shell-special text, exactly', () => {
  // Lint refuses control characters in a matrix, but export still runs on one: what it
  // writes must then name the same receivers to Alertmanager and to the routing tests.
  const dir = mkdtempSync(join(tmpdir(), 'escalate-am-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const names = { 'team-lead': 'contoso\u001bfloor', 'ops-manager': 'ops\u202epager', 'it-support': "it '50%' \\n $HOME `x`" };

  it('the YAML reads back as the names, --check is clean, and every routing test passes in amtool', () => {
    let text = readFileSync(example('client-vendor.yaml'), 'utf8');
    text = text.replace('alertmanager: contoso-floor,', `alertmanager: ${JSON.stringify(names['team-lead'])},`);
    text = text.replace('alertmanager: brightline-ops-pager,', `alertmanager: ${JSON.stringify(names['ops-manager'])},`);
    text = text.replace('alertmanager: brightline-it-pager,', `alertmanager: ${JSON.stringify(names['it-support'])},`);
    const matrix = join(dir, 'm.yaml');
    writeFileSync(matrix, text);
    writeFileSync(join(dir, 'm.cases.yaml'), readFileSync(example('client-vendor.cases.yaml')));
    const config = join(dir, 'am.yml');
    const script = join(dir, 'tests.sh');
    const run = runCli(['export', 'alertmanager', '-m', matrix, '--out', config, '--tests', script]);
    expect(run.code, run.stderr).toBe(0);
    // No raw control character reaches either file (the output edge), yet the names survive.
    for (const file of [config, script]) expect(readFileSync(file, 'utf8')).not.toMatch(/[\u001b\u202e]/);
    const receivers = (parse(readFileSync(config, 'utf8')) as { receivers: { name: string }[] }).receivers.map((r) => r.name);
    for (const name of Object.values(names)) expect(receivers).toContain(name);
    expect(runCli(['export', 'alertmanager', '-m', matrix, '--check', config]).code).toBe(0);
    expect(spawnSync('amtool', ['check-config', config], { encoding: 'utf8' }).status).toBe(0);
    const tests = spawnSync('sh', [script, config], { encoding: 'utf8', timeout: 120_000 });
    const count = Number(/\((\d+) routing tests\)/.exec(run.stdout)![1]);
    expect(tests.stdout).toContain(`0 of ${count} routing tests failed`);
    expect(tests.status).toBe(0);
  });
});

describe.skipIf(!hasAmtool)('hand-kept matchers: --check agrees with amtool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-am-matchers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const m = exampleMatrix('msp');
  const { config, warnings } = exportAlertmanager(m);
  const base = alertmanagerYaml(config, m.name, warnings);
  const p1 = routingTests(m, []).find((t) => t.name === 'every p1 alert')!;
  const withMatcher = (matcher: string) => base.replace('        - severity="p1"\n', `        - ${JSON.stringify(matcher)}\n`);

  it.each([
    'instance=~"(.*\\\\.example\\\\.com)?", severity="p1"',
    'severity=~"(?i)P1"',
    'severity=~"p[[:digit:]]", severity!~"p[2-4]"',
    '{severity=~"\\\\Ap1\\\\z"}',
    'severity=~"p[1]|\\\\Qp1.\\\\E"',
    'severity = p1 ,',
  ])('%s: no drift here, and amtool routes severity=p1 to the same receivers', (matcher) => {
    const text = withMatcher(matcher);
    expect(alertmanagerDrift(m, text)).toEqual({ ok: true, diagnostics: [] });
    const file = join(dir, 'am.yml');
    writeFileSync(file, text);
    const run = spawnSync('amtool', ['config', 'routes', 'test', `--config.file=${file}`, `--verify.receivers=${p1.receivers.join(',')}`, 'severity=p1'], { encoding: 'utf8' });
    expect(run.stdout.trim().split('\n')[0]).toBe(p1.receivers.join(','));
    expect(run.status).toBe(0);
  });

  it.each(['severity=~"p(?i)1"', 'severity=~"(?U)p1"', 'severity=~"p[[:^alpha:]]"', 'severity=~"\\\\pLp1"'])('%s: Alertmanager accepts it; --check says it cannot judge it', (matcher) => {
    const text = withMatcher(matcher);
    const file = join(dir, 'am.yml');
    writeFileSync(file, text);
    expect(spawnSync('amtool', ['check-config', file], { encoding: 'utf8' }).status).toBe(0);
    const result = alertmanagerDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => d.code)).toEqual(['drift-uncheckable']);
  });
});
