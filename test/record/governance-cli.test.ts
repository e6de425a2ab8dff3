/** End-to-end: `report --matrix` evaluates the matrix's governance triggers; lint checks their references. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';

const AS_OF = '2026-11-27T12:10:00Z';
const msp = join(ROOT, 'examples/msp.yaml');

describe('report --matrix: governance review', () => {
  it('JSON lists each structured trigger, whether it triggered, and the incidents behind it (hand-checked on the examples)', () => {
    const result = runCli(['report', 'examples/records', '--as-of', AS_OF, '--format', 'json', '--matrix', msp]);
    expect(result.code, result.stderr).toBe(0);
    const g = JSON.parse(result.stdout).governance;
    expect(g.triggers.map((t: { id: string; triggered: boolean }) => [t.id, t.triggered])).toEqual([
      ['p1-resolution-breach', false], // both P1s were resolved within 4h
      ['p1-repeat', false], // one P1 each for northwind and contoso
      ['urgent-ack-breach', true],
      ['client-repeat', true],
    ]);
    // The two P1s acknowledged 5 and 17 minutes late.
    expect(g.triggers[2].hits[0].incidents.map((i: { file: string }) => i.file.split('/').pop())).toEqual(['2026-10-30-northwind-scanners.json', '2026-11-01-contoso-fileserver.json']);
    // Northwind: a P1 on 30 Oct 22:40 EDT and a P2 on 27 Nov 01:00 EST, 27 days apart; Harbor Dental's are P3s.
    expect(g.triggers[3].hits).toEqual([
      {
        key: 'northwind',
        incidents: [
          { file: 'examples/records/2026-10-30-northwind-scanners.json', severity: 'p1', client: 'northwind', tier: 'premium', started_at: '2026-10-30T22:40:00-04:00' },
          { file: 'examples/records/2026-11-27-northwind-wifi.json', severity: 'p2', client: 'northwind', tier: 'premium', started_at: '2026-11-27T01:00:00-05:00' },
        ],
      },
    ]);
    expect(g.free_text).toEqual(['A client escalates to their account executive']);
    // A range that leaves out the October P1: only the late contoso acknowledgement remains, and northwind has one incident.
    const november = JSON.parse(runCli(['report', 'examples/records', '--as-of', AS_OF, '--from', '2026-11-01', '--format', 'json', '--matrix', msp]).stdout).governance;
    expect(november.triggers.map((t: { triggered: boolean }) => t.triggered)).toEqual([false, false, true, false]);
  });

  it('without --matrix the report is as before; --matrix with CSV, a missing or broken matrix: one line, no stack trace', () => {
    expect(runCli(['report', 'examples/records', '--as-of', AS_OF, '--format', 'json']).stdout).not.toMatch(/governance/);
    const csv = runCli(['report', 'examples/records', '--as-of', AS_OF, '--format', 'csv', '--matrix', msp]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/^escalate: --matrix adds the governance review to markdown and JSON; the CSV report has no place for it\n$/);
    const missing = runCli(['report', 'examples/records', '--as-of', AS_OF, '--matrix', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read matrix nope\.yaml/);
    const dir = mkdtempSync(join(tmpdir(), 'escalate-governance-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(msp, 'utf8').replace('severities: [p1, p2]\n    breaches: acknowledge', 'severities: [p1, p9]\n    breaches: acknowledge'));
    const bad = runCli(['report', 'examples/records', '--as-of', AS_OF, '--matrix', broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/broken\.yaml:\d+:\d+: unknown severity "p9"/);
    expect(bad.stderr).not.toMatch(STACK_TRACE);
    const twice = join(dir, 'twice.yaml');
    writeFileSync(twice, readFileSync(msp, 'utf8').replace('  - id: client-repeat\n', '  - id: p1-repeat\n'));
    const duplicate = runCli(['lint', twice]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stdout).toMatch(/governance trigger "p1-repeat" is defined twice/);
    const lint = runCli(['lint', broken]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/unknown severity "p9"/);
  });
});
