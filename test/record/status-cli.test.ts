/** End-to-end: `escalate status` on a record and a folder, its card, JSON and exit-code contract. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';

let dir: string;
const triage = (file: string, at: string, severity = 'sev1') =>
  expect(runCli(['triage', '--matrix', example('saas-support.yaml'), '--severity', severity, '--at', at, '--record', join(dir, file)]).code).toBe(0);
const event = (file: string, ...args: string[]) => expect(runCli(['event', join(dir, file), ...args, '--by', 'dana']).code).toBe(0);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'escalate-status-'));
  // Triaged, acknowledged late, escalated and resolved.
  triage('done.json', '2026-03-27T16:30');
  event('done.json', 'acknowledged', '--at', '2026-03-27T16:52');
  event('done.json', 'owner-assigned', '--at', '2026-03-27T16:40');
  event('done.json', 'client-notified', '--at', '2026-03-27T16:58');
  event('done.json', 'escalated', '--step', '1', '--at', '2026-03-27T16:31');
  event('done.json', 'escalated', '--layer', 'management', '--at', '2026-03-27T17:05');
  event('done.json', 'update-sent', '--at', '2026-03-27T16:59');
  event('done.json', 'update-sent', '--at', '2026-03-27T17:25');
  event('done.json', 'resolved', '--at', '2026-03-27T17:50');
  // Open, acknowledged on time, and its status update falls due at 17:00.
  mkdirSync(join(dir, 'open'));
  triage('open/live.json', '2026-03-27T16:30');
  event('open/live.json', 'acknowledged', '--at', '2026-03-27T16:35');
  event('open/live.json', 'owner-assigned', '--at', '2026-03-27T16:35');
  event('open/live.json', 'escalated', '--step', '1', '--at', '2026-03-27T16:36');
}, 120_000);

describe('escalate status', () => {
  it('shows the on-time and late marks of a record triaged, acknowledged late, escalated and resolved; exit 0 when nothing is overdue', () => {
    const result = runCli(['status', join(dir, 'done.json'), '--as-of', '2026-03-27T18:00+01:00']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/late\s+Acknowledge\s+late by 7 min\s+due 16:45, at 16:52 by dana/);
    expect(result.stdout).toMatch(/done\s+Owner assigned\s+on time/);
    expect(result.stdout).toMatch(/late\s+Escalate if unresolved\s+late by 5 min/);
    expect(result.stdout).toMatch(/done\s+Resolution\s+on time/);
    expect(result.stdout).toMatch(/due\s+Root-cause analysis/);
    expect(result.stdout).toMatch(/Status updates\s+2 kept, 0 missed/);
  });

  it('report gives the same record its on-time and late marks, and lists the late acknowledgement as a breach', () => {
    const result = runCli(['report', join(dir, 'done.json'), '--format', 'json', '--as-of', '2026-03-27T18:00+01:00']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.records[0].targets).toMatchObject({ acknowledge: 'late', assign_owner: 'on_time', notify_client: 'on_time', escalate_after: 'late', resolution: 'on_time', rca: 'due' });
    expect(json.breaches.map((b: { kind: string; late_minutes: number }) => [b.kind, b.late_minutes])).toEqual([
      ['acknowledge', 7],
      ['escalate_after', 5],
    ]);
    expect(json.groups[0].time_to_escalate.management).toMatchObject({ count: 1, median: 35 });
    const markdown = runCli(['report', join(dir, 'done.json'), '--as-of', '2026-03-27T18:00+01:00']).stdout;
    expect(markdown).toMatch(/\| .*done\.json \| sev1 \| Acknowledge \| 2026-03-27 16:45 \+01:00 \| 2026-03-27 16:52 \+01:00 \| 7 min \|/);
  });

  it('exits 1 when the next status update is overdue, and names it', () => {
    const before = runCli(['status', join(dir, 'open/live.json'), '--as-of', '2026-03-27T16:50+01:00']);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/due\s+Next status update\s+in 10 min/);
    const after = runCli(['status', join(dir, 'open/live.json'), '--as-of', '2026-03-27T17:05+01:00']);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/OVERDUE\s+Next status update\s+by 5 min\s+due 17:00/);
    expect(after.stdout).toMatch(/Pull in now: Head of support .* step 2 management, due 17:00/);
    expect(after.stdout).toMatch(/Pull in next: VP Customer Operations .* step 3 executive at Fri 27 Mar 18:30/);
  });

  it('--json for a folder: open or overdue incidents only, unless --all', () => {
    const result = runCli(['status', dir, '--json', '--as-of', '2026-03-27T18:05+01:00']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.records.map((r: { file: string }) => r.file)).toEqual([join(dir, 'open/live.json')]);
    expect(json.records[0].updates.next).toEqual({ due: '2026-03-27T17:00:00+01:00', overdue: true, late_minutes: 65 });
    expect(json.records[0].pull_in_now).toMatchObject([{ step: 2, layer: 'management' }]);
    expect(json.records[0].pull_in_next).toMatchObject({ step: 3, layer: 'executive', at: '2026-03-27T18:30:00+01:00' });
    const all = JSON.parse(runCli(['status', dir, '--json', '--all', '--as-of', '2026-03-27T18:05+01:00']).stdout);
    expect(all.records).toHaveLength(2);
    const done = all.records.find((r: { file: string }) => r.file.endsWith('done.json'));
    expect(done.targets.find((t: { kind: string }) => t.kind === 'acknowledge')).toMatchObject({ state: 'late', late_minutes: 7, by: 'dana' });
  });

  it('exits 2 when a record cannot be read, still showing the others', () => {
    const bad = mkdtempSync(join(tmpdir(), 'escalate-status-bad-'));
    writeFileSync(join(bad, 'broken.json'), '{');
    writeFileSync(join(bad, 'newer.json'), '{"version": 3}');
    const result = runCli(['status', bad, join(dir, 'open/live.json'), '--as-of', '2026-03-27T16:50+01:00']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/SEV1 · Critical/);
    expect(result.stderr).toMatch(/broken\.json: not JSON/);
    expect(result.stderr).toMatch(/newer\.json: written in record format 3/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(runCli(['status', join(dir, 'nope.json')]).code).toBe(2);
    expect(runCli(['status', dir, '--as-of', 'soonish']).stderr).toMatch(/--as-of "soonish" is not a time/);
  });

  it('--warn-within: exit 3 when something falls overdue within the window and nothing is overdue yet; 1 wins over 3', () => {
    const live = join(dir, 'open/live.json');
    // At 16:45 the 17:00 deadlines are overdue from 17:01: 15m reaches 17:00, not yet.
    const quiet = runCli(['status', live, '--as-of', '2026-03-27T16:45+01:00', '--warn-within', '15m']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toMatch(/Overdue within/);
    const edge = runCli(['status', live, '--as-of', '2026-03-27T16:46+01:00', '--warn-within', '15m']);
    expect(edge.code, edge.stderr).toBe(3);
    expect(edge.stdout).toMatch(/Overdue within 15m: Client notified · due Fri 27 Mar 17:00 \(in 14 min\)/);
    expect(edge.stdout).toMatch(/Overdue within 15m: Escalation step 2 \(management\): Head of support \(pager:head-of-support\)/);
    const json = JSON.parse(runCli(['status', join(dir, 'open'), '--json', '--as-of', '2026-03-27T16:50+01:00', '--warn-within', '15m']).stdout);
    expect(json).toMatchObject({ overdue: 0, warn_within: '15m', warned: 1 });
    expect(json.records[0].warnings.map((w: { label: string }) => w.label)).toEqual(['Client notified', 'Escalate if unresolved', 'Next status update', 'Escalation step 2 (management)']);
    expect(json.records[0].warnings[0]).toEqual({ what: 'target', kind: 'notify_client', label: 'Client notified', due: '2026-03-27T17:00:00+01:00', minutes_from_now: 10 });
    // Once something is overdue, exit 1: act now beats act soon.
    expect(runCli(['status', live, '--as-of', '2026-03-27T17:05+01:00', '--warn-within', '1h']).code).toBe(1);
    // Without the option, the JSON is as before.
    expect(JSON.parse(runCli(['status', live, '--json', '--as-of', '2026-03-27T16:50+01:00']).stdout).records[0].warnings).toBeUndefined();
  });

  it('--warn-within refuses a window that is not a duration or is zero, in one line, exit 2', () => {
    for (const [value, message] of [
      ['soon', /^escalate: --warn-within "soon" is not a duration; write it like 15m/],
      ['0m', /^escalate: --warn-within "0m" is no time at all; give a window of at least 1m/],
      ['-5m', /^escalate: --warn-within "-5m" is negative/],
    ] as const) {
      const result = runCli(['status', join(dir, 'open/live.json'), `--warn-within=${value}`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
