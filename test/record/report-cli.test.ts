/** End-to-end: `escalate report` formats, range, --out, and its refusals. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';

const AS_OF = '2026-11-27T12:10:00Z';
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-report-'));
  cpSync(join(ROOT, 'examples/records'), join(dir, 'records'), { recursive: true });
  return join(dir, 'records');
};

describe('escalate report', () => {
  it('keeps to the date range and writes --out atomically, refusing to replace without --force', () => {
    const dir = copy();
    const ranged = JSON.parse(runCli(['report', dir, '--format', 'json', '--as-of', AS_OF, '--from', '2026-11-01', '--to', '2026-11-26']).stdout);
    expect(ranged.records.map((r: { file: string }) => r.file.split('/').pop())).toEqual(['2026-11-01-contoso-fileserver.json', '2026-11-05-harbor-vpn.json', '2026-11-25-harbor-printer.json']);
    const out = join(dir, '..', 'review.csv');
    expect(runCli(['report', dir, '--format', 'csv', '--as-of', AS_OF, '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^group,key,incidents,open,compliance,/);
    const again = runCli(['report', dir, '--format', 'csv', '--as-of', AS_OF, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    expect(runCli(['report', dir, '--format', 'csv', '--as-of', AS_OF, '--out', out, '--force']).code).toBe(0);
  });

  it('never writes over a record it reads or the --matrix file, even with --force, by its name or a link', () => {
    const dir = copy();
    const parent = join(dir, '..');
    cpSync(join(ROOT, 'examples/msp.yaml'), join(parent, 'msp.yaml'));
    symlinkSync(join(dir, '2026-11-05-harbor-vpn.json'), join(parent, 'latest.json'));
    const before = Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    const refused = (out: string, message: RegExp, ...extra: string[]) => {
      const result = runCli(['report', dir, '--as-of', AS_OF, '--force', '--out', out, ...extra]);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    };
    refused(join(dir, '2026-11-05-harbor-vpn.json'), /--out .*2026-11-05-harbor-vpn\.json is a record this report reads; write the report to another file\n$/);
    refused(join(parent, 'latest.json'), /--out .*latest\.json is a record this report reads/);
    refused(join(parent, 'msp.yaml'), /--out .*msp\.yaml is the --matrix file; write the report to another file\n$/, '--matrix', join(parent, 'msp.yaml'));
    expect(Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]))).toEqual(before);
    expect(readFileSync(join(parent, 'msp.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'examples/msp.yaml'), 'utf8'));
    // A file beside the records that is none of them is written as asked.
    expect(runCli(['report', dir, '--as-of', AS_OF, '--force', '--out', join(dir, 'review.md')]).code).toBe(0);
  });

  it('makes no report when a record cannot be read, naming it', () => {
    const dir = copy();
    writeFileSync(join(dir, 'broken.json'), '{"version": 1, "matrix": {}}');
    const result = runCli(['report', dir, '--as-of', AS_OF]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/1 record could not be read, so no report was made[\s\S]*broken\.json: matrix\.name/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it.each([
    [['--from', '2026-12-01', '--to', '2026-11-01'], /--from must be before --to/],
    [['--from', 'last tuesday'], /--from "last tuesday" is not a time/],
    [['--tz', 'Mars/Base'], /--tz "Mars\/Base" is not a time zone/],
    [['--format', 'pdf'], /argument 'pdf' is invalid/],
  ])('refuses %j with exit 2', (args, message) => {
    const result = runCli(['report', 'examples/records', '--as-of', AS_OF, ...(args as string[])]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('an empty folder is a report of no incidents', () => {
    const result = runCli(['report', mkdtempSync(join(tmpdir(), 'escalate-report-empty-')), '--as-of', AS_OF]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Incident review\n\n0 incidents, judged as of 2026-11-27T12:10:00\+00:00/);
  });
});
