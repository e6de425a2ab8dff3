/**
 * `escalate report` over a large folder judges on several threads (src/cli/report-pool.ts):
 * whatever the number of threads, the review, the problems (in listing order) and the first
 * far-off time are the same as on one thread, byte for byte, in every format.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeShared } from '../../src/cli/report-pool.js';
import { ReportAccumulator } from '../../src/record/report.js';
import { example, runCli } from '../helpers/cli.js';

const records = example('records');
const templates = readdirSync(records).filter((f) => f.endsWith('.json'));
const AS_OF = '2026-11-27T12:10:00Z';

/** A folder of `count` records (the examples, in turn), a subfolder and an imported history. */
function folder(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-threads-'));
  for (let i = 0; i < count; i++) copyFileSync(join(records, templates[i % templates.length]!), join(dir, `r${String(i).padStart(4, '0')}.json`));
  mkdirSync(join(dir, 'sub'));
  for (let i = 0; i < 40; i++) copyFileSync(join(records, templates[i % templates.length]!), join(dir, 'sub', `s${i}.json`));
  const imported = join(dir, 'imported');
  mkdirSync(imported);
  const made = runCli(['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', imported]);
  expect(made.code, made.stderr).toBe(0);
  return dir;
}

const report = (args: string[], threads: number) => runCli(['report', ...args, '--as-of', AS_OF], { env: { ...process.env, NO_COLOR: '1', ESCALATE_REPORT_THREADS: String(threads) } });

describe('report on several threads', () => {
  const dir = folder(700);

  it.each([[], ['--format', 'json'], ['--format', 'csv'], ['--from', '2026-11-01T00:00:00Z', '--matrix', example('msp.yaml')]])('gives the one-thread review, byte for byte (%s)', (...args) => {
    const one = report([dir, ...args], 1);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1000);
    for (const threads of [2, 4]) {
      const many = report([dir, ...args], threads);
      expect({ code: many.code, stdout: many.stdout, stderr: many.stderr }).toEqual({ code: one.code, stdout: one.stdout, stderr: one.stderr });
    }
  });

  it('names the same problems, in listing order, and the same first far-off time', () => {
    const broken = folder(300);
    writeFileSync(join(broken, 'r0290.json'), '{ not json');
    writeFileSync(join(broken, 'r0050.json'), JSON.stringify({ version: 1 }));
    writeFileSync(join(broken, 'r0170.json'), '');
    const one = report([broken], 1);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/3 records could not be read/);
    for (const threads of [2, 3]) expect(report([broken], threads)).toEqual(one);

    const far = folder(300);
    const record = JSON.parse(readFileSync(join(far, 'r0100.json'), 'utf8'));
    for (const name of ['r0250.json', 'r0100.json']) writeFileSync(join(far, name), JSON.stringify({ ...record, started_at: '1901-03-27T16:30:00+01:00' }));
    const first = report([far], 1);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/r0100\.json: started_at "1901-03-27T16:30:00\+01:00" is more than 100 years/);
    for (const threads of [2, 3]) expect(report([far], threads)).toEqual(first);
  });
});

describe('the report\u2019s threads, from the sources', () => {
  it('refuses to judge on several threads without the worker bundle beside it, rather than on one in silence', async () => {
    // Run from src/, the worker's bundle (dist/commands/report-worker.cjs) is not beside report-pool.
    const io = { cwd: process.cwd(), env: {}, hostClock: false } as unknown as Parameters<typeof judgeShared>[3];
    const report = new ReportAccumulator(new Date(AS_OF));
    await expect(judgeShared({ top: `${records}/`, shown: 'records/', names: templates, start: 0 }, report, 2, io, () => undefined)).rejects.toThrow(/report worker bundle \(report-worker\.cjs\) is missing/);
    expect(report.size).toBe(0);
  });
});
