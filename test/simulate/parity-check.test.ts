/** End to end: `export pagerduty --check FILE --parity DATE` fails on the parity gaps of the configuration in use. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';

function exported(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-parity-'));
  const file = join(dir, 'pagerduty.tf.json');
  const run = runCli(['export', 'pagerduty', '-m', example(name), '-o', file]);
  expect(run.code).toBe(0);
  return file;
}

describe('export pagerduty --check --parity', () => {
  it('a fresh export has no drift, but fails parity over the Christmas week: holidays PagerDuty cannot know, low urgency at night', () => {
    const file = exported('saas-support.yaml');
    expect(runCli(['export', 'pagerduty', '-m', example('saas-support.yaml'), '--check', file]).code).toBe(0);
    const run = runCli(['export', 'pagerduty', '-m', example('saas-support.yaml'), '--check', file, '--parity', '2026-12-21', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = (JSON.parse(run.stdout) as { files: { diagnostics: { code: string; message: string; line: number }[] }[] }).files[0]!;
    const ids = new Set(report.diagnostics.map((m) => m.code));
    expect(ids).toEqual(new Set(['parity-holiday', 'parity-low-urgency', 'parity-later', 'parity-earlier', 'parity-acknowledged']));
    const holiday = report.diagnostics.find((m) => m.code === 'parity-holiday' && /sev3/.test(m.message))!;
    expect(holiday.message).toMatch(/PagerDuty cannot know holiday 2026-12-24/);
    expect(readFileSync(file, 'utf8').split('\n')[holiday.line - 1]).toContain('"sev3"');
  });

  it('a week without holidays and a round-the-clock-only matrix part: only what PagerDuty cannot do differently is left', () => {
    const file = exported('saas-support.yaml');
    const run = runCli(['export', 'pagerduty', '-m', example('saas-support.yaml'), '--check', file, '--parity', '2027-02-10']);
    expect(run.stdout).not.toMatch(/parity-holiday/);
    expect(run.stdout).toMatch(/parity-low-urgency/);
  });

  it.each([
    ['--parity without --check', ['export', 'pagerduty', '--parity', '2026-12-21'], /--parity simulates a week on the configuration in use/],
    ['--parity without --check, for another tool', ['export', 'ics', '--parity', '2026-12-21'], /it goes with `export ics --check FILE`/],
    ['a date that is not one', ['export', 'pagerduty', '--check', '@FILE', '--parity', 'xmas'], /--parity "xmas" is not a date/],
  ])('refuses %s: one line, exit 2', (_what, args, message) => {
    const file = exported('saas-support.yaml');
    const run = runCli([...args.map((a) => (a === '@FILE' ? file : a)), '-m', example('saas-support.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('a configuration with hostile shapes is read for what it holds, never crashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-parity-'));
    const file = join(dir, 'odd.tf.json');
    writeFileSync(file, JSON.stringify({ resource: { pagerduty_escalation_policy: { sev1: { rule: [{ escalation_delay_in_minutes: 'soon', target: 7 }, null] } }, pagerduty_service: { sev3: { support_hours: [{ time_zone: 'Mars/Base', days_of_week: [1], start_time: '09:00:00', end_time: '17:00:00' }] } } } }));
    const run = runCli(['export', 'pagerduty', '-m', example('saas-support.yaml'), '--check', file, '--parity', '2026-12-21']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/parity-not-paged/);
    expect(run.stderr + run.stdout).not.toMatch(STACK_TRACE);
  });
});
