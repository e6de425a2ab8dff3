/**
 * End-to-end: `escalate event` appends to a triage record, atomically, and refuses what it cannot take.
 * Waiting for another run's lock, then giving up, is in lock-wait.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, cliEnv, example, runCli, STACK_TRACE } from '../helpers/cli.js';

let dir: string;
let record: string;
const read = () => JSON.parse(readFileSync(record, 'utf8'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'escalate-event-'));
  record = join(dir, 'inc.json');
  const triage = runCli(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-03-27T16:30', '--record', record]);
  expect(triage.code).toBe(0);
});

const event = (...args: string[]) => runCli(['event', record, ...args]);

describe('escalate event', () => {
  it('appends events in order, with who and when, and says whether a target was met on time', () => {
    const ack = event('acknowledged', '--at', '2026-03-27T16:52', '--by', 'dana');
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(/acknowledge late by 7 min \(due Fri 27 Mar 16:45\)/);
    const owner = event('owner-assigned', '--at', '2026-03-27T16:40', '--by', 'dana', '--role', 'support-lead');
    expect(owner.stdout).toMatch(/owner assigned on time/);
    const events = read().events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['acknowledged', 'owner_assigned']);
    expect(events[0]).toMatchObject({ at: '2026-03-27T16:52:00+01:00', by: 'dana' });
    expect(events[1]).toMatchObject({ role: 'support-lead' });
  });

  it('takes --by from ESCALATE_BY and --at as "N min ago"', () => {
    const result = runCli(['event', record, 'note', '--note', 'customer called', '--at', '10 min ago', '--json'], { env: { ESCALATE_BY: 'sam' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ type: 'note', by: 'sam', note: 'customer called' });
  });

  it('re-plans a severity change from its moment with the matrix', () => {
    const result = event('severity-changed', '--to', 'sev3', '--at', '2026-03-27T17:00', '--by', 'lead');
    expect(result.code).toBe(0);
    const change = read().events[0];
    expect(change.plan.severity.id).toBe('sev3');
    expect(change.plan.clock.id).toBe('office');
    expect(change.matrix_sha256).toBe(read().matrix.sha256);
  });

  it.each([
    [['frobbed', '--by', 'x'], /unknown event type "frobbed"/],
    [['acknowledged'], /say who: pass --by/],
    [['acknowledged', '--by', 'x', '--at', '2026-03-27T10:00'], /before the incident started/],
    [['acknowledged', '--by', 'x', '--at', '2099-01-01T10:00'], /in the future/],
    [['acknowledged', '--by', 'x', '--at', 'yesterday-ish'], /is not a time/],
    [['acknowledged', '--by', 'x', '--at', '2026-03-29T02:30'], /does not exist in Europe\/Berlin/],
    [['escalated', '--by', 'x', '--step', '9'], /--step "9" is not a step of this incident; it has 3 steps/],
    [['acknowledged', '--by', 'x', '--step', '1'], /--step goes with escalated events/],
    [['severity-changed', '--by', 'x'], /needs the new severity/],
    [['severity-changed', '--by', 'x', '--to', 'sev1'], /already sev1/],
    [['severity-changed', '--by', 'x', '--to', 'sev9'], /unknown severity "sev9"/],
    [['note', '--by', 'x'], /a note event needs its text/],
  ])('refuses %j with exit 2 and leaves the record as it was', (args, message) => {
    const before = readFileSync(record, 'utf8');
    const result = event(...(args as string[]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(readFileSync(record, 'utf8')).toBe(before);
  });

  it('refuses a record of a newer format untouched, and a file that is not a record', () => {
    const newer = readFileSync(record, 'utf8').replace('"version": 1', '"version": 2');
    writeFileSync(record, newer);
    const result = event('acknowledged', '--by', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/record format 2 by a newer escalate; this one reads format 1/);
    expect(readFileSync(record, 'utf8')).toBe(newer);
    writeFileSync(record, '{"version":1}');
    expect(event('acknowledged', '--by', 'x').stderr).toMatch(/record .*inc\.json: matrix: /);
    writeFileSync(record, 'not json');
    expect(event('acknowledged', '--by', 'x').stderr).toMatch(/not JSON/);
    expect(runCli(['event', join(dir, 'missing.json'), 'note', '--by', 'x', '--note', 'n']).stderr).toMatch(/cannot read record .*missing\.json: no such file/);
  });

  it('never loses an event when several appends run at once', async () => {
    const runs = Array.from({ length: 6 }, (_, i) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [BIN, 'event', record, 'note', '--note', `n${i}`, '--by', `p${i}`], { stdio: 'ignore', env: cliEnv(undefined) });
        child.on('exit', (code) => done(code));
      }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(read().events.map((e: { note: string }) => e.note).sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(readdirSync(dir).filter((f) => f !== 'inc.json')).toEqual([]);
    expect(existsSync(`${record}.lock`)).toBe(false);
  });
});
