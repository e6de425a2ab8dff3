/** End-to-end: --as-of read in the matrix's zone, judging before the start, steps after a severity change, the review's zone. */
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';

let dir: string;
const ok = (args: string[]) => {
  const result = runCli(args);
  expect(result.code, result.stderr).toBe(0);
  return result;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'escalate-judging-'));
  mkdirSync(join(dir, 'berlin'));
  mkdirSync(join(dir, 'mixed'));
  // Triaged against the Berlin matrix but shown in New York time.
  ok(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-03-27T16:30+01:00', '--tz', 'America/New_York', '--record', join(dir, 'berlin/live.json')]);
  ok(['event', join(dir, 'berlin/live.json'), 'acknowledged', '--at', '2026-03-27T16:35+01:00', '--by', 'dana']);
  ok(['event', join(dir, 'berlin/live.json'), 'owner-assigned', '--at', '2026-03-27T16:35+01:00', '--by', 'dana']);
  ok(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-03-27T16:30+01:00', '--record', join(dir, 'mixed/berlin.json')]);
  ok(['triage', '--matrix', example('msp.yaml'), '--severity', 'p1', '--at', '2026-03-27T11:30-04:00', '--record', join(dir, 'mixed/new-york.json')]);
}, 120_000);

describe('--as-of and the review zone', () => {
  it('status reads --as-of without an offset in the matrix zone (Europe/Berlin), like triage --at', () => {
    const result = runCli(['status', join(dir, 'berlin/live.json'), '--as-of', '2026-03-27T16:50', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).as_of).toBe('2026-03-27T15:50:00+00:00');
  });

  it('status judged before the incident started: "not started yet", exit 0, no internal error', () => {
    const result = runCli(['status', join(dir, 'berlin/live.json'), '--as-of', '2026-03-27T16:00+01:00']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/not started yet/);
    const json = JSON.parse(runCli(['status', join(dir, 'berlin/live.json'), '--as-of', '2026-03-27T16:00+01:00', '--json']).stdout);
    expect(json.records[0]).toMatchObject({ started: false, overdue: false, targets: [], escalation: [] });
  });

  it('report judged before the incident started leaves it out of the review', () => {
    const result = runCli(['report', join(dir, 'berlin'), '--as-of', '2026-03-27T16:00', '--format', 'json']);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).incidents).toBe(0);
  });

  it('report reads its range and --as-of in the matrix zone and shows times there, not in the zone a record was shown in', () => {
    const json = JSON.parse(ok(['report', join(dir, 'berlin'), '--as-of', '2026-03-27T18:00', '--from', '2026-03-27T16:30', '--format', 'json']).stdout);
    expect(json.timezone).toBe('Europe/Berlin');
    expect(json.as_of).toBe('2026-03-27T18:00:00+01:00');
    expect(json.incidents).toBe(1); // started 16:30 Berlin: inside a range from 16:30 Berlin (it would be outside from 16:30 New York)
  });

  it('records of matrices in different zones: report asks for --timezone; with it, reads the range there', () => {
    const refused = runCli(['report', join(dir, 'mixed'), '--as-of', '2026-03-28T00:00Z']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/different time zones \(America\/New_York, Europe\/Berlin\); say which to review in with --timezone ZONE/);
    const json = JSON.parse(ok(['report', join(dir, 'mixed'), '--as-of', '2026-03-28T00:00Z', '--timezone', 'UTC', '--format', 'json']).stdout);
    expect(json).toMatchObject({ timezone: 'UTC', incidents: 2 });
    const status = runCli(['status', join(dir, 'mixed'), '--as-of', '2026-03-27T18:00']);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/--as-of "2026-03-27T18:00" has no offset, and the records were triaged against matrices in different time zones/);
  });
});

describe('a severity change re-plans the escalation steps', () => {
  it('escalated --step 3 after sev3 was raised to sev1 is recorded against sev1\'s plan', () => {
    const file = join(dir, 'raised.json');
    ok(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev3', '--at', '2026-03-30T09:30+02:00', '--record', file]);
    ok(['event', file, 'severity-changed', '--to', 'sev1', '--at', '2026-03-30T10:00', '--by', 'lead', '--matrix', example('saas-support.yaml')]);
    ok(['event', file, 'escalated', '--step', '3', '--at', '2026-03-30T12:00', '--by', 'lead']);
    const json = JSON.parse(runCli(['status', file, '--as-of', '2026-03-30T12:05', '--json']).stdout);
    expect(json.records[0].updates.every).toBe('30m');
    expect(json.records[0].escalation.map((s: { state: string }) => s.state)).toEqual(['done', 'due', 'done']);
    const refused = runCli(['event', file, 'escalated', '--step', '4', '--at', '2026-03-30T12:01', '--by', 'lead']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/it has 3 steps \(1-3\) under the plan in force then \(sev1\)/);
  });
});
