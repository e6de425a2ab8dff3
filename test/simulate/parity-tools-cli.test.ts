/**
 * End to end: `simulate --parity alertmanager|ics` on what escalate exports, and
 * `export alertmanager|ics --check FILE --parity DATE` on files kept by hand, which exit 1
 * on a parity gap and 0 when only what the tool cannot do differently is left.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportAlertmanager } from '../../src/export/alertmanager.js';
import { alertmanagerParity } from '../../src/simulate/parity-alertmanager.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';
import { exampleMatrix } from '../export/helpers.js';
import { example, ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';

const NOW = { ESCALATE_NOW: '2026-12-06T10:00:00Z' };
const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(`${ROOT}schemas/simulate-result.schema.json`, 'utf8')));
const MSP = example('msp.yaml');

function exported(tool: 'alertmanager' | 'ics', name = 'msp.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-parity-tools-'));
  const file = join(dir, tool === 'ics' ? 'calendars.ics' : 'alertmanager.yml');
  expect(runCli(['export', tool, '-m', example(name), '-o', file], { env: NOW }).code).toBe(0);
  return file;
}

interface Report {
  files: { diagnostics: { code: string; level: string; message: string; line: number }[] }[];
}
const diagnostics = (stdout: string) => (JSON.parse(stdout) as Report).files[0]!.diagnostics;

describe('simulate --parity alertmanager | ics', () => {
  it('Christmas 03:00 on msp: p1 and p2 page as the matrix does; p3 and p4 are held until the business calendar opens', () => {
    const run = runCli(['simulate', '-m', MSP, '--at', '2026-12-25T03:00', '--parity', 'alertmanager', '--json'], { env: NOW });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SimulateResult;
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.parity!.tool).toBe('alertmanager');
    expect(result.parity!.findings.map((f) => `${f.severity} ${f.kind} ${f.role} ${f.tool_at}`)).toEqual(['p3 held l1 2026-12-28T08:00:30-05:00', 'p4 held l1 2026-12-28T08:00:30-05:00']);
    expect(result.parity!.notes.join('\n')).toMatch(/p1: Alertmanager routes an alert once; the matrix's later steps \(\+30m: account-manager; \+1h: l3; \+2h: service-manager\)/);
  });

  it('a client contract sends the client labels: northwind routes as the matrix pulls its roles in', () => {
    const run = runCli(['simulate', '-m', MSP, '--at', '2026-12-23T10:00', '--client', 'northwind', '--parity', 'alertmanager', '--json'], { env: NOW });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as SimulateResult).parity!.findings).toEqual([]);
  });

  it('triage answers send the outcome label the export routes: the VIP reset reaches l2 and the account manager as the matrix pages them', () => {
    const answers = ['--answer', 'outage=no', '--answer', 'password=yes', '--answer', 'reset-risk=vip'];
    const run = runCli(['simulate', '-m', MSP, '--at', '2026-12-23T10:00', ...answers, '--parity', 'alertmanager', '--json'], { env: NOW });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SimulateResult;
    expect(result.instants[0]!.severities[0]!.first_paged!.roles.map((r) => r.role)).toEqual(['l1', 'l2', 'account-manager']);
    expect(result.parity!.findings).toEqual([]);
    // Without the label (an alert that carries no triage answer) both are gaps.
    const config = exportAlertmanager(exampleMatrix('msp')).config;
    const bare = alertmanagerParity(result, config, {});
    expect('findings' in bare && bare.findings.map((f) => `${f.kind} ${f.role}`)).toEqual(['not-paged l2', 'not-paged account-manager']);
  });

  it('a sweep compared with the calendar file, as markdown and on the card', () => {
    const md = runCli(['simulate', '-m', MSP, '--week', '2026-12-21', '--parity', 'ics', '--markdown'], { env: NOW });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('#### Parity with the calendar file: it shows the matrix calendar at every start');
    const card = runCli(['simulate', '-m', MSP, '--week', '2026-12-21', '--parity', 'alertmanager'], { env: NOW });
    expect(card.stdout).toMatch(/Parity with Alertmanager: \d+ differences/);
    const table = runCli(['simulate', '-m', MSP, '--week', '2026-12-21', '--parity', 'alertmanager', '--markdown'], { env: NOW });
    expect(table.stdout).toMatch(/\| Thu 24 Dec 18:00 \| Sun 27 Dec 23:00 \| held \| p3: Alertmanager notifies servicedesk \(l1\) at Mon 28 Dec 08:00/);
  });

  it('--parity all: each tool in turn, in JSON under parities and on the card', () => {
    const run = runCli(['simulate', '-m', MSP, '--at', '2026-12-25T03:00', '--parity', 'all', '--json'], { env: NOW });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SimulateResult;
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.parity).toBeUndefined();
    expect(result.parities!.map((p) => p.tool)).toEqual(['pagerduty', 'alertmanager', 'ics']);
    const alone = JSON.parse(runCli(['simulate', '-m', MSP, '--at', '2026-12-25T03:00', '--parity', 'alertmanager', '--json'], { env: NOW }).stdout) as SimulateResult;
    expect(result.parities![1]).toEqual(alone.parity);
    const card = runCli(['simulate', '-m', MSP, '--at', '2026-12-25T03:00', '--parity', 'all'], { env: NOW }).stdout;
    expect(card.match(/^Parity with .*$/gm)).toEqual([
      expect.stringMatching(/^Parity with PagerDuty: \d+ differences$/),
      'Parity with Alertmanager: 2 differences',
      'Parity with the calendar file: it shows the matrix calendar at every start',
    ]);
  });

  it('ics on a matrix without calendars says so; --svg with --parity is refused', () => {
    const run = runCli(['simulate', '-m', example('saas-support.yaml'), '--at', '2026-12-25T03:00', '-s', 'sev1', '--parity', 'ics', '--json'], { env: NOW });
    expect((JSON.parse(run.stdout) as SimulateResult).parity!.notes).toEqual(['every simulated severity runs round the clock: no calendar to compare']);
    const svg = runCli(['simulate', '-m', MSP, '--week', '2026-12-21', '--parity', 'alertmanager', '--svg'], { env: NOW });
    expect(svg.code).toBe(2);
    expect(svg.stderr).toMatch(/--parity lists differences/);
  });
});

describe('export alertmanager | ics --check FILE --parity DATE', () => {
  it('the unedited Alertmanager export: no drift, no parity error, the held hours and what Alertmanager cannot do as warnings', () => {
    const file = exported('alertmanager');
    const run = runCli(['export', 'alertmanager', '-m', MSP, '--check', file, '--parity', '2026-12-21', '--format', 'json'], { env: NOW });
    expect(run.code, run.stdout).toBe(0);
    const found = diagnostics(run.stdout);
    expect(new Set(found.map((d) => `${d.code} ${d.level}`))).toEqual(new Set(['parity-held warning', 'parity-limits warning']));
    // Located at p3's own route, not at the outcome route that also matches severity="p3".
    const lines = readFileSync(file, 'utf8').split('\n');
    const p3 = found.find((d) => d.code === 'parity-held' && d.message.startsWith('p3:'))!;
    expect([lines[p3.line - 2]!.trim(), lines[p3.line - 1]!.trim(), lines[p3.line]!.trim()]).toEqual(['- matchers:', '- severity="p3"', 'routes:']);
  });

  it('a mute over Christmas on p1 passes drift but fails parity, at the p1 route, for the 24 hours of Christmas Day', () => {
    const file = exported('alertmanager');
    const config = parse(readFileSync(file, 'utf8')) as { route: { routes: { matchers?: string[]; routes?: { mute_time_intervals?: string[] }[] }[] }; time_intervals: unknown[] };
    config.time_intervals.push({ name: 'christmas', time_intervals: [{ months: ['december'], days_of_month: ['25'], location: 'America/New_York' }] });
    for (const leaf of config.route.routes.find((r) => r.matchers?.join() === 'severity="p1"')!.routes!) leaf.mute_time_intervals = ['christmas'];
    writeFileSync(file, stringify(config));
    expect(runCli(['export', 'alertmanager', '-m', MSP, '--check', file], { env: NOW }).code).toBe(0);
    const run = runCli(['export', 'alertmanager', '-m', MSP, '--check', file, '--parity', '2026-12-21', '--format', 'json'], { env: NOW });
    expect(run.code).toBe(1);
    const later = diagnostics(run.stdout).filter((d) => d.code === 'parity-later');
    expect(later.map((d) => d.message)).toEqual([
      'p1: Alertmanager notifies servicedesk (l1) at Sat 26 Dec 00:00, later than the matrix pages it (Fri 25 Dec 00:00): its route is muted or inactive until then (24 of 168 hourly starts in the week from 2026-12-21; first 2026-12-25T00:00:00-05:00)',
      'p1: Alertmanager notifies l2-oncall-pager (l2) at Sat 26 Dec 00:00, later than the matrix pages it (Fri 25 Dec 00:00): its route is muted or inactive until then (24 of 168 hourly starts in the week from 2026-12-21; first 2026-12-25T00:00:00-05:00)',
    ]);
    expect(readFileSync(file, 'utf8').split('\n')[later[0]!.line - 1]).toContain('severity="p1"');
    // A week without Christmas: no gap.
    expect(runCli(['export', 'alertmanager', '-m', MSP, '--check', file, '--parity', '2027-01-11'], { env: NOW }).code).toBe(0);
  });

  it('the calendar file without its Christmas holiday fails parity on that day; the unedited file passes', () => {
    const file = exported('ics');
    expect(runCli(['export', 'ics', '-m', MSP, '--check', file, '--parity', '2026-12-21'], { env: NOW }).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.split('BEGIN:VEVENT').filter((b) => !b.includes('holiday-2026-12-25')).join('BEGIN:VEVENT'));
    const run = runCli(['export', 'ics', '-m', MSP, '--check', file, '--parity', '2026-12-21', '--format', 'json'], { env: NOW });
    expect(run.code).toBe(1);
    const gap = diagnostics(run.stdout).find((d) => d.code === 'parity-missing-holiday')!;
    expect(gap.message).toMatch(/^p3, p4 on calendar business: 2026-12-25 is a matrix holiday; .* \(24 of 168 hourly starts/);
    expect(readFileSync(file, 'utf8').split(/\r?\n/)[gap.line - 1]).toContain('business-hours@escalate');
  });

  it.each([
    ['--parity without --check', ['export', 'ics', '--parity', '2026-12-21'], /--parity simulates a week on the configuration in use: it goes with `export ics --check FILE`/],
    ['a date that is not one', ['export', 'alertmanager', '--check', '@AM', '--parity', 'xmas'], /--parity "xmas" is not a date/],
    ['an interval Alertmanager refuses', ['export', 'alertmanager', '--check', '@BAD', '--parity', '2026-12-21'], /--parity time interval "business": start time cannot be equal or greater than end time/],
    ['a VTIMEZONE rule recurring every second (ical.js would run out of memory)', ['export', 'ics', '--check', '@FAST', '--parity', '2026-12-21'], /fast\.ics:12:1: a VTIMEZONE rule recurs secondly/],
    ['a calendar file that is not one', ['export', 'ics', '--check', '@TXT', '--parity', '2026-12-21'], /notes\.ics:1:1: not an iCalendar file/],
  ])('refuses %s: one line, exit 2', (_what, args, message) => {
    const am = exported('alertmanager');
    const bad = am.replace(/alertmanager\.yml$/, 'bad.yml');
    writeFileSync(bad, readFileSync(am, 'utf8').replace('end_time: 18:00', 'end_time: 08:00'));
    const txt = am.replace(/alertmanager\.yml$/, 'notes.ics');
    writeFileSync(txt, 'hello\n');
    const fast = am.replace(/alertmanager\.yml$/, 'fast.ics');
    const ics = readFileSync(exported('ics'), 'utf8');
    writeFileSync(fast, ics.replace(/RRULE:FREQ=YEARLY[^\r]*/, 'RRULE:FREQ=SECONDLY'));
    const file = (a: string) => ({ '@AM': am, '@BAD': bad, '@TXT': txt, '@FAST': fast })[a] ?? a;
    const run = runCli([...args.map(file), '-m', MSP], { env: NOW });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });
});
