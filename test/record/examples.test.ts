/** examples/records: realistic incidents that are valid records, and the report they produce (drift-tested). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecord } from '../../src/record/read.js';
import { ROOT, runCli } from '../helpers/cli.js';

const folder = join(ROOT, 'examples/records');
const AS_OF = '2026-11-27T12:10:00Z';
/** The markdown review also evaluates the msp matrix's governance triggers (CSV has no place for them). */
const extra = (format: string) => (format === 'markdown' ? ['--matrix', 'examples/msp.yaml'] : []);
const regenerate = (format: string, file: string) => `escalate report examples/records --as-of ${AS_OF} --format ${format} ${extra(format).join(' ')} > examples/records/${file}`;

describe('examples/records', () => {
  it('every record is valid against the record schema and names its matrix digest', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const result = readRecord(readFileSync(join(folder, file), 'utf8'));
      expect(result.ok, `${file}: ${result.ok ? '' : result.reason}`).toBe(true);
      if (result.ok) expect(result.record.matrix.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each([
    ['markdown', 'report.md'],
    ['csv', 'report.csv'],
  ])('the %s report is the one committed (drift test)', (format, file) => {
    const result = runCli(['report', 'examples/records', '--as-of', AS_OF, '--format', format, ...extra(format)]);
    expect(result.code).toBe(0);
    expect(result.stdout, `examples/records/${file} is stale; run: ${regenerate(format, file)}`).toBe(readFileSync(join(folder, file), 'utf8'));
  });

  it('status over the folder exits 1: the open Northwind incident has an overdue status update', () => {
    const result = runCli(['status', 'examples/records', '--as-of', AS_OF]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/2026-11-27-northwind-wifi\.json {2}OVERDUE/);
    expect(result.stdout).toMatch(/OVERDUE\s+Next status update\s+by 5 h 10 min\s+due 02:00/);
    expect(result.stdout).toMatch(/Pull in now: L3 senior engineer/);
    // Over Thanksgiving (a holiday of the business calendar) the printer ticket is still on track.
    expect(result.stdout).toMatch(/2026-11-25-harbor-printer\.json {2}on track/);
  });
});
