/** End-to-end: `diff OLD NEW --records DIR` replays the example records under an edited example matrix (hand-checked, drift-tested). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';

const AS_OF = '2026-11-27T12:10:00Z';
const OLD = 'examples/msp.yaml';
const NEW = 'examples/records/msp-tightened.yaml';
const args = (...extra: string[]) => ['diff', OLD, NEW, '--records', 'examples/records', '--as-of', AS_OF, ...extra];

describe('diff --records (replay)', () => {
  it('the markdown replay of the example records is the one committed (drift test)', () => {
    const result = runCli(args('--format', 'markdown'));
    expect(result.code, result.stderr).toBe(0);
    const regenerate = `escalate ${args('--format', 'markdown').join(' ')} > examples/records/replay.md`;
    expect(result.stdout, `examples/records/replay.md is stale; run: ${regenerate}`).toBe(readFileSync(join(ROOT, 'examples/records/replay.md'), 'utf8'));
  });

  it('tightening P2/P3 acknowledgement and premium P2 owner assignment to 15m: three incidents would have breached (hand-checked)', () => {
    const json = JSON.parse(runCli(args('--format', 'json')).stdout).replay;
    expect(json.summary).toMatchObject({
      incidents: 5,
      cannot_replay: 0,
      breaches: { old: 11, new: 14 },
      newly_breached: 3,
      no_longer_breached: 0,
      outside_hours: { newly_breached: 1, no_longer_breached: 0, calendar: 'business' },
      by: {
        target: { acknowledge: { newly_breached: 2 }, assign_owner: { newly_breached: 1 } },
        client: { 'harbor-dental': { newly_breached: 2 }, northwind: { newly_breached: 1 } },
        tier: { standard: { newly_breached: 2 }, premium: { newly_breached: 1 } },
      },
    });
    // Harbor VPN: a P3 then, acknowledged 20 min after 09:15 (due 09:30 at 15m). Harbor printer: from 17:30 on Wed 25 Nov,
    // 15 working minutes end 17:45; acknowledged Fri 07:05 (Thursday is Thanksgiving). Northwind wifi: a premium P2 from
    // 01:00, owner assigned 01:20 (due 01:15, at night).
    expect(json.incidents.map((i: { file: string; flips: { kind: string; due: string; outside_hours: boolean }[] }) => [i.file.split('/').pop(), i.flips.map((f) => [f.kind, f.due, f.outside_hours])])).toEqual([
      ['2026-11-05-harbor-vpn.json', [['acknowledge', '2026-11-05T09:30:00-05:00', false]]],
      ['2026-11-25-harbor-printer.json', [['acknowledge', '2026-11-25T17:45:00-05:00', false]]],
      ['2026-11-27-northwind-wifi.json', [['assign_owner', '2026-11-27T01:15:00-05:00', true]]],
    ]);
    expect(json.summary.newly_breached_by_hour.flatMap((n: number, h: number) => (n ? [[h, n]] : []))).toEqual([[1, 1], [9, 1], [17, 1]]);
  });

  it('--fail-on more-breaches exits 1 with the reason; the reverse change exits 0; it needs --records', () => {
    const fail = runCli(args('--fail-on', 'more-breaches'));
    expect(fail.code).toBe(1);
    expect(fail.stderr).toBe('escalate: replayed on 5 incidents, the new matrix gives 14 breaches where the old gave 11 (--fail-on more-breaches)\n');
    expect(runCli(['diff', NEW, OLD, '--records', 'examples/records', '--as-of', AS_OF, '--fail-on', 'more-breaches']).code).toBe(0);
    const none = runCli(['diff', OLD, NEW, '--fail-on', 'more-breaches']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--fail-on more-breaches needs --records DIR/);
    expect(runCli(['diff', OLD, NEW, '--as-of', AS_OF]).code).toBe(2);
  });

  it('the example matrix against itself: nothing flips, nothing to fail on', () => {
    const result = runCli(['diff', OLD, OLD, '--records', 'examples/records', '--as-of', AS_OF, '--fail-on', 'more-breaches', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).replay).toMatchObject({ summary: { incidents: 5, newly_breached: 0, no_longer_breached: 0, breaches: { old: 11, new: 11 } }, incidents: [], cannot_replay: [] });
  });

  it('takes a git revision as a side, like diff does', () => {
    const result = runCli(['diff', `HEAD:${OLD}`, NEW, '--records', 'examples/records', '--as-of', AS_OF, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).replay.summary.newly_breached).toBeGreaterThanOrEqual(1);
  });

  it('lists records that do not fit the new matrix as "cannot replay: why", and never counts them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-replay-'));
    const gone = join(dir, 'no-northwind.yaml');
    const text = readFileSync(join(ROOT, OLD), 'utf8');
    const without = text.replace(/ {2}northwind:\n(?: {4}.*\n)+/, '').replace('    clients: [northwind]\n', '    clients: [contoso]\n');
    expect(without).not.toMatch(/^ {2}northwind:/m);
    writeFileSync(gone, without);
    const result = runCli(['diff', OLD, gone, '--records', 'examples/records', '--as-of', AS_OF, '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/- \[examples\/records\/2026-10-30-northwind-scanners\.json\]\(examples\/records\/2026-10-30-northwind-scanners\.json\) \(new matrix\): cannot replay: client "northwind" is gone/);
    expect(result.stdout).toMatch(/^3 incidents replayed under both matrices/m);
    const terminal = runCli(['diff', OLD, gone, '--records', 'examples/records', '--as-of', AS_OF]);
    expect(terminal.stdout).toMatch(/cannot replay examples\/records\/2026-11-27-northwind-wifi\.json \(new matrix\): client "northwind" is gone/);
  });

  it('a folder with a broken record replays nothing and says which (exit 2, one line each, no stack trace)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-replay-bad-'));
    writeFileSync(join(dir, 'broken.json'), '{');
    const result = runCli(['diff', OLD, NEW, '--records', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/1 record could not be read, so nothing was replayed:\n.*broken\.json: not JSON/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(runCli(['diff', OLD, NEW, '--records', join(dir, 'nope')]).code).toBe(2);
  });
});
