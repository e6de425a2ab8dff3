/**
 * End to end: `escalate simulate` on the examples. The Done-means question ("who is paged,
 * and when is acknowledgement due, for each severity at 2026-12-25T03:00 in each example")
 * is one command whose answers are checked here; the JSON validates against the committed
 * schema, agrees with `escalate triage --json` at the same start and is the same bytes under
 * several host time zones; the card fits 80 columns; every refusal is one line and exit 2.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { example, ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';

const HOSTS = ['UTC', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Chatham'];
const EXAMPLES = ['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml'];
const CHRISTMAS = '2026-12-25T03:00';
const NOW = { ESCALATE_NOW: '2026-12-06T10:00:00+01:00' };

const schema = JSON.parse(readFileSync(`${ROOT}schemas/simulate-result.schema.json`, 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function json(args: string[], env: NodeJS.ProcessEnv = {}): SimulateResult {
  const run = runCli(['simulate', ...args, '--json'], { env: { ...NOW, ...env } });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as SimulateResult;
  expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  return result;
}

const at = (sim: SimulateResult['instants'][number]['severities'][number], kind: string) => sim.deadlines.find((d) => d.kind === kind)?.at;

describe('who is paged, and when acknowledgement is due, at 3 a.m. on Christmas', () => {
  it('saas-support: round-the-clock severities page at once; office-hours ones wait for Monday past the holidays', () => {
    const result = json(['-m', example('saas-support.yaml'), '--at', CHRISTMAS]);
    const [sev1, , sev3] = result.instants[0]!.severities;
    expect(result.instants[0]!.at).toBe('2026-12-25T03:00:00+01:00');
    expect(result.instants[0]!.severities.map((s) => s.severity.id)).toEqual(['sev1', 'sev2', 'sev3', 'sev4']);
    expect(sev1!.first_paged!.roles.map((r) => r.role)).toEqual(['frontline', 'support-lead', 'eng-oncall']);
    expect(sev1!.first_paged!.roles[2]!.alertmanager).toBe('eng-primary-pager');
    expect(sev1!.first_paged!.roles[2]!.pagerduty).toBe('schedule PENGPR1');
    expect(at(sev1!, 'acknowledge')).toBe('2026-12-25T03:15:00+01:00');
    expect(sev1!.calendar.state).toBe('round-the-clock');
    expect(sev3!.calendar).toMatchObject({ id: 'office', state: 'holiday', holiday: '2026-12-25', opens_at: '2026-12-28T09:00:00+01:00' });
    expect(at(sev3!, 'acknowledge')).toBe('2026-12-28T13:00:00+01:00');
    expect(sev3!.calendar.holidays_skipped).toContain('2026-12-25');
  });

  it('client-vendor: the peak-season exception shortens targets and pulls in the client operations role', () => {
    const result = json(['-m', example('client-vendor.yaml'), '--at', CHRISTMAS]);
    const sev2 = result.instants[0]!.severities.find((s) => s.severity.id === 'sev2')!;
    expect(sev2.exceptions.map((e) => e.id)).toEqual(['peak-season']);
    expect(sev2.changes).toContainEqual(expect.objectContaining({ kind: 'notify_client', to: '1h', source: 'exception peak-season' }));
    expect(sev2.first_paged!.roles).toContainEqual(expect.objectContaining({ role: 'client-ops', source: 'exception peak-season' }));
  });

  it('msp with client northwind during its migration: the exception and the tier both apply', () => {
    const result = json(['-m', example('msp.yaml'), '--at', '2027-01-16T03:00', '--client', 'northwind', '-s', 'p1']);
    const p1 = result.instants[0]!.severities[0]!;
    expect(result.contract).toEqual({ client: 'northwind' });
    expect(at(p1, 'acknowledge')).toBe('2027-01-16T03:05:00-05:00');
    expect(p1.calendar).toMatchObject({ id: '24x7', source: 'tier premium' });
    expect(p1.first_paged!.roles.map((r) => r.source)).toContain('exception northwind-migration');
  });

  for (const name of EXAMPLES) {
    it(`${name}: the card answers for every severity within 80 columns`, () => {
      const run = runCli(['simulate', '-m', example(name), '--at', CHRISTMAS], { env: NOW });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^What if an incident starts Fri 25 Dec 2026 03:00/);
      for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(78);
      const severities = json(['-m', example(name), '--at', CHRISTMAS]).instants[0]!.severities;
      for (const s of severities) {
        expect(run.stdout).toContain(`${s.severity.id.toUpperCase()} · ${s.severity.name}`);
        if (at(s, 'acknowledge')) expect(run.stdout).toMatch(/Acknowledge \(/);
      }
    });
  }
});

describe('the simulation agrees with triage', () => {
  // Around the European and American daylight-saving changes (as instants: a skipped or repeated local time is refused by both commands).
  const starts = ['2026-12-25T03:00', '2027-03-28T01:00:00Z', '2027-03-14T07:30:00Z', '2027-10-31T00:30:00Z', '2027-11-07T05:30:00Z', '2026-12-24T17:30', '2027-01-01T00:00'];
  for (const name of EXAMPLES) {
    it(`${name}: every deadline and page of every severity equals triage --json at the same start`, () => {
      for (const start of starts) {
        const sim = json(['-m', example(name), '--at', start]);
        for (const s of sim.instants[0]!.severities) {
          const run = runCli(['triage', '-m', example(name), '--severity', s.severity.id, '--at', start, '--json', '--no-input', '--answer', 'contract=none'], { env: NOW });
          const triage = run.code === 0 ? JSON.parse(run.stdout) : JSON.parse(runCli(['triage', '-m', example(name), '--severity', s.severity.id, '--at', start, '--json', '--no-input'], { env: NOW }).stdout);
          expect(triage.error, `${name} ${start} ${s.severity.id}`).toBeUndefined();
          const triageDeadlines = triage.deadlines.filter((d: { kind: string }) => d.kind !== 'next_update').map((d: { kind: string; at: string }) => [d.kind, d.at]);
          expect(s.deadlines.filter((d) => d.kind !== 'next_update').map((d) => [d.kind, d.at])).toEqual(triageDeadlines);
          expect(s.paged.map((p) => [p.at, p.roles.map((r) => r.role)])).toEqual(triage.escalation.map((e: { at: string; notify: { role: string }[] }) => [e.at, e.notify.map((r) => r.role)]));
          expect(s.owner.role).toBe(triage.owner.role);
        }
      }
    });
  }
});

describe('the same answer on every host', () => {
  it('a sweep over a daylight-saving change prints the same bytes under every TZ', () => {
    const args = ['simulate', '-m', example('msp.yaml'), '--from', '2027-03-13T20:00', '--to', '2027-03-15T10:00', '--every', '30m', '-s', 'p1', '-s', 'p3', '--json'];
    const outputs = HOSTS.map((TZ) => runCli(args, { env: { ...NOW, TZ } }));
    for (const out of outputs) {
      expect(out.code).toBe(0);
      expect(out.stdout).toBe(outputs[0]!.stdout);
    }
    const result = JSON.parse(outputs[0]!.stdout) as SimulateResult;
    // Steps are elapsed time: 37 real hours (the clocks skip one) of half-hours, none lost, none a time the clocks skipped.
    expect(result.instants).toHaveLength(75);
    expect(result.instants.map((i) => i.at)).toContain('2027-03-14T01:30:00-05:00');
    expect(result.instants.map((i) => i.at)).toContain('2027-03-14T03:00:00-04:00');
    expect(result.instants.filter((i) => i.at.startsWith('2027-03-14T02:'))).toEqual([]);
  });
});

describe('the coverage picture and the parity findings on every host', () => {
  it('are the same bytes under every TZ for a week with a holiday and one with a clock change', () => {
    for (const args of [
      ['simulate', '-m', example('client-vendor.yaml'), '--week', '2026-12-21', '--svg'],
      ['simulate', '-m', example('saas-support.yaml'), '--week', '2027-03-28', '--parity', 'pagerduty', '--json', '-s', 'sev3'],
    ]) {
      const outputs = HOSTS.map((TZ) => runCli(args, { env: { ...NOW, TZ } }));
      for (const out of outputs) {
        expect(out.code).toBe(0);
        expect(out.stdout).toBe(outputs[0]!.stdout);
      }
    }
  });
});

describe('a sweep', () => {
  it('runs of starts that come out the same collapse into one line each, in card and markdown', () => {
    const args = ['simulate', '-m', example('saas-support.yaml'), '--from', '2026-12-23T00:00', '--to', '2026-12-29T23:00', '-s', 'sev3'];
    const card = runCli(args, { env: NOW });
    expect(card.code).toBe(0);
    expect(card.stdout).toContain('168 starts');
    expect(card.stdout).toContain('Thu 24 Dec 00:00 – Thu 24 Dec 23:00');
    expect(card.stdout).toMatch(/ack by Mon 28 Dec 13:00 · office closed: holiday\s+2026-12-25/);
    expect(card.stdout).toMatch(/Sat 26 Dec 00:00 – Sun 27 Dec 23:00\n\s+first frontline · ack by Mon 28 Dec 13:00 · office closed: not a working\s+day/);
    const md = runCli([...args, '--markdown'], { env: NOW });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| sev3 | Fri 25 Dec 00:00 | Fri 25 Dec 23:00 | first frontline · ack by Mon 28 Dec 13:00 · office closed: holiday 2026-12-25 |');
  });

  it('every --at form works for --from and --to (relative to the pinned now)', () => {
    const result = json(['-m', example('saas-support.yaml'), '--from', '3h ago', '--to', 'now', '-s', 'sev1']);
    expect(result.instants.map((i) => i.at)).toEqual(['2026-12-06T07:00:00+01:00', '2026-12-06T08:00:00+01:00', '2026-12-06T09:00:00+01:00', '2026-12-06T10:00:00+01:00']);
    const clock = json(['-m', example('saas-support.yaml'), '--at', '03:10', '-s', 'sev1']);
    expect(clock.instants[0]!.at).toBe('2026-12-06T03:10:00+01:00');
  });

  it('answers choose the severity the tree reaches', () => {
    const result = json(['-m', example('saas-support.yaml'), '--at', CHRISTMAS, '-a', 'security=yes']);
    expect(result.decided_by).toBe('tree');
    expect(result.instants[0]!.severities).toHaveLength(1);
  });
});

describe('refusals: one line, exit 2, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['a time that is not one', ['--at', 'teatime'], /--at "teatime" is not a start time/],
    ['a skipped local time', ['--at', '2027-03-28T02:30'], /--at .*does not exist in Europe\/Berlin/],
    ['--from without --to', ['--from', '2026-12-25T00:00'], /needs both --from and --to \(--to is missing\)/],
    ['--at with a sweep', ['--at', 'now', '--from', 'now', '--to', 'now'], /pass one or the other/],
    ['--every without a sweep', ['--every', '1h'], /--every is the step of a sweep/],
    ['a bad step', ['--from', '2026-12-25T00:00', '--to', '2026-12-26T00:00', '--every', 'often'], /--every "often" is not a duration/],
    ['a range backwards', ['--from', '2026-12-26T00:00', '--to', '2026-12-25T00:00'], /--to .* is before --from/],
    ['too many starts', ['--from', '2026-01-01T00:00', '--to', '2027-12-31T00:00', '--every', '1h'], /makes 17497 starts; at most 10000/],
    ['an unknown severity', ['--severity', 'sev9'], /--severity "sev9" is not defined; severities: sev1, sev2, sev3, sev4/],
    ['an unknown client', ['--client', 'nobody'], /unknown client "nobody"/],
    ['a bad zone', ['--tz', 'Mars/Olympus'], /--tz "Mars\/Olympus" is not a time zone/],
    ['answers that stop short', ['-a', 'security=no'], /the answers stop at "[a-z-]+"/],
    ['severity and answers', ['-s', 'sev1', '-a', 'security=yes'], /either --severity or --answer/],
    ['a year far off', ['--at', '2199-01-01T00:00'], /more than 100 years from now/],
    // Two different answers to one question, or two clients or tiers: the last never silently wins.
    ['one question answered twice', ['-a', 'security=no', '-a', 'security=yes'], /^escalate: --answer "security=no" and --answer "security=yes" are two different answers to one question; pass one\n$/],
    ['two clients', ['-m', example('msp.yaml'), '--client', 'northwind', '--client', 'contoso'], /^escalate: --client "northwind" and --client "contoso" disagree; pass --client once\n$/],
    ['two tiers', ['-m', example('msp.yaml'), '--tier', 'standard', '--tier', 'premium'], /^escalate: --tier "standard" and --tier "premium" disagree; pass --tier once\n$/],
    // User text with a line feed stays on the message's one line.
    ['a line feed in --at', ['--at', 'garbage\nescalate: ok'], /^escalate: --at "garbage\\nescalate: ok" is not a start time/],
    ['a line feed in --from', ['--from', 'x\ny', '--to', 'now'], /^escalate: --from "x\\ny" is not a start time/],
    ['a line feed in --severity', ['--severity', 'sev\n1'], /^escalate: --severity "sev\\n1" is not defined/],
    ['a line feed in --tz', ['--tz', 'Europe/X\nY'], /^escalate: --tz "Europe\/X\\nY" is not a time zone/],
    ['a line feed in --client', ['--client', 'a\nb'], /^escalate: unknown client "a\\nb"/],
    ['a line feed in --every', ['--from', 'now', '--to', 'now', '--every', '1\nh'], /^escalate: --every "1\\nh" is not a duration/],
    ['a line feed in --week', ['--week', '2026-12-21\n'], /^escalate: --week "2026-12-21\\n" is not a date/],
    ['a line feed in an answer', ['-a', 'secu\nrity=no'], /^escalate: no question "secu\\nrity" in the triage tree/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const matrix = args[0] === '-m' ? [] : ['-m', example('saas-support.yaml')];
      const run = runCli(['simulate', ...matrix, ...args], { env: NOW });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n').filter((l) => !l.startsWith('(run'))).toHaveLength(1);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    });
  }

  it('under --json the refusal is also a JSON error on stdout', () => {
    const run = runCli(['simulate', '-m', example('saas-support.yaml'), '--severity', 'sev9', '--json'], { env: NOW });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'unknown_severity', message: expect.stringContaining('sev9') } });
  });

  it('a matrix with errors exits 1 naming file:line:col', () => {
    const run = runCli(['simulate', '-m', 'test/fixtures/broken/missing-severity-owner.yaml'], { env: NOW });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/missing-severity-owner\.yaml:\d+:\d+: /);
  });

  it('the same answer, client or tier twice is that one', () => {
    expect(json(['-m', example('msp.yaml'), '--severity', 'p1', '--client', 'northwind', '--client', 'northwind', '--at', CHRISTMAS]).contract).toEqual({ client: 'northwind' });
    expect(json(['-m', example('saas-support.yaml'), ...['security=no', 'security=NO', 'confirmed=yes', 'scope=many', 'core=yes'].flatMap((a) => ['-a', a]), '--at', CHRISTMAS]).instants[0]!.severities[0]!.severity.id).toBe('sev1');
  });
});

describe('a local mean time offset (Monrovia, UTC-00:44:30 in 1960)', () => {
  it('the card and the markdown print its times and offset, not NaN', () => {
    const args = ['simulate', '-m', 'test/fixtures/triage/local-mean-time.yaml', '--severity', 'sev1', '--at', '1960-01-04T10:00'];
    const card = runCli(args, { env: NOW });
    expect(card.code).toBe(0);
    expect(card.stdout).not.toMatch(/NaN|undefined/);
    expect(card.stdout).toMatch(/^What if an incident starts Mon 4 Jan 1960 10:00 · Monrovia desk\ntimes in Africa\/Monrovia, UTC-00:44:30$/m);
    expect(card.stdout).toMatch(/^ {2}Paged +Mon 4 Jan 10:00 +\+0m +Support lead$/m);
    expect(card.stdout).toMatch(/Mon 4 Jan 10:15 +Acknowledge \(15m\)/);
    const markdown = runCli([...args, '--markdown'], { env: NOW });
    expect(markdown.stdout).not.toMatch(/NaN|undefined/);
    expect(markdown.stdout).toContain('Times in Africa/Monrovia (UTC-00:44:30)');
    const sweep = runCli(['simulate', '-m', 'test/fixtures/triage/local-mean-time.yaml', '--severity', 'sev1', '--from', '1960-01-04T08:00', '--to', '1960-01-04T18:00', '--every', '2h'], { env: NOW });
    expect(sweep.code).toBe(0);
    expect(sweep.stdout).not.toMatch(/NaN|undefined/);
  });
});
