/** Day-one import: CSV reading, column mapping, priorities and organisations, and the CLI edge. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/record/csv.js';
import { evaluate } from '../../src/record/evaluate.js';
import { importTickets, PRESETS } from '../../src/record/import.js';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';
import { loadExample } from '../triage/load-example.js';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",\n')).toEqual({ ok: true, rows: [['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', '']] });
  });
  it('says where a quote is never closed or stray', () => {
    expect(parseCsv('a\n"open')).toEqual({ ok: false, reason: 'line 2: a quoted field is never closed' });
    expect(parseCsv('a\nx"y')).toMatchObject({ ok: false, reason: expect.stringMatching(/^line 2: a quote inside an unquoted field/) });
  });
});

const msp = loadExample('msp.yaml');
const base = { priorities: {}, organisations: {}, zone: 'America/New_York', by: 'import', source: 't.csv', sha256: 'a'.repeat(64) };

describe('importTickets', () => {
  it('maps a Zendesk export: first reply minutes, Solved at, priority words, organisation names', () => {
    const csv = 'Id,Created at,First reply time in minutes,Solved at,Priority,Organization\n77,2026-10-30 22:40:00,25,2026-10-31 01:05:00,Urgent,Northwind Logistics\n';
    const result = importTickets(msp, csv, { ...base, columns: PRESETS.zendesk! });
    if ('error' in result) throw new Error(result.error);
    const [{ name, record }] = result.records as [{ name: string; record: (typeof result.records)[number]['record'] }];
    expect(name).toBe('77.json');
    expect(record.severity.id).toBe('p1');
    expect(record.contract.client?.id).toBe('northwind');
    expect(record.events!.map((e) => [e.type, e.at])).toEqual([
      ['acknowledged', '2026-10-30T23:05:00-04:00'],
      ['resolved', '2026-10-31T01:05:00-04:00'],
    ]);
    const e = evaluate(record, new Date('2026-12-01T00:00:00Z'));
    expect(e.targets.map((t) => t.kind)).toEqual(['acknowledge', 'workaround', 'resolution']); // only what the export can tell
    expect(e.targets[0]).toMatchObject({ state: 'late', lateMinutes: 15 }); // northwind is premium: 10 min to acknowledge a P1
  });

  it('lists rows it cannot read, by line and ticket id', () => {
    const csv = 'Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n1,yesterday,,,High,\n2,2026-11-02 10:00,,,Whenever,\n3,2026-11-02 10:00,2026-11-01 10:00,,Low,\n';
    const result = importTickets(msp, csv, { ...base, columns: PRESETS.freshdesk! });
    if ('error' in result) throw new Error(result.error);
    expect(result.problems).toEqual([
      'line 2 (1): Created time "yesterday" is not a date and time; ISO 8601 like 2026-03-27 16:30 or 2026-03-27T16:30:00+01:00',
      'line 3 (2): priority "Whenever" maps to no severity; map it with --priority "Whenever=SEVERITY"',
      'line 4 (3): the first response is before the ticket was created',
    ]);
  });

  it('names the preset whose columns the header has, when the columns in use do not fit', () => {
    const zendesk = 'Id,Subject,Created at,Priority,Organization,Solved at\n1,x,2026-01-01 10:00,High,,\n';
    expect(importTickets(msp, zendesk, { ...base, columns: PRESETS.generic! })).toEqual({
      error: 'the header is that of a Zendesk export: add --preset zendesk (no "created" column for created; the header has: Id, Subject, Created at, Priority, Organization, Solved at)',
    });
    // Two columns alike are not enough to name a preset.
    expect(importTickets(msp, 'Created at,Priority\n', { ...base, columns: PRESETS.generic! })).toEqual({
      error: 'no "created" column for created; the header has: Created at, Priority; map it with --column created=NAME',
    });
  });

  it('names the missing column and the header it has', () => {
    expect(importTickets(msp, 'when,prio\n', { ...base, columns: PRESETS.freshdesk! })).toEqual({
      error: 'no "Created time" column for created; the header has: when, prio; map it with --column created=NAME',
    });
  });
});

describe('escalate import', () => {
  it('imports the sample Freshdesk export; reports on it; a second run keeps what exists', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const args = ['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out];
    const first = runCli(args);
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ code: 0, stdout: `wrote 7 records to ${out}\n` });
    expect(readdirSync(out).sort()).toEqual(['4101.json', '4102.json', '4103.json', '4104.json', '4105.json', '4106.json', '4107.json']);
    expect(runCli(args).stdout).toMatch(/wrote 0 records .* kept 7 that already existed/);
    const report = runCli(['report', out, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout);
    expect(json.incidents).toBe(7);
    expect(json.groups[0].time_to_acknowledge).toMatchObject({ count: 7, pending: 0 });
    expect(json.groups[0].time_to_resolve).toMatchObject({ count: 6, pending: 1 });
  });

  it.each([
    [['--preset', 'freshdesk', '--column', 'when=x'], /--column when: not a field/],
    [['--preset', 'freshdesk', '--priority', 'Urgent=p9'], /--priority "Urgent=p9": unknown severity; known: p1, p2, p3, p4/],
    [['--preset', 'freshdesk', '--org', 'Acme=northwind'], /say client:ID or tier:ID/],
    [['--preset', 'freshdesk', '--org', 'Acme=tier:gold'], /the matrix has no tier "gold"/],
    [['--preset', 'zendesk'], /no "Created at" column for created/],
  ])('refuses %j with exit 2', (extra, message) => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const result = runCli(['import', example('tickets-freshdesk.csv'), '--matrix', example('msp.yaml'), '--out-dir', out, ...(extra as string[])]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(out)).toEqual([]);
  });

  it('without --preset, a Freshdesk export is refused in one line that names the preset', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const result = runCli(['import', example('tickets-freshdesk.csv'), '--matrix', example('msp.yaml'), '--out-dir', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^escalate: \S+tickets-freshdesk\.csv: the header is that of a Freshdesk export: add --preset freshdesk \(no "created" column/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a missing output folder and a CSV it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const missing = runCli(['import', example('tickets-freshdesk.csv'), '--matrix', example('msp.yaml'), '--out-dir', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--out-dir .*nope is not a folder; create it first/);
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'created,priority\n"2026-01-01,Low\n');
    const bad = runCli(['import', csv, '--matrix', example('msp.yaml'), '--out-dir', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.csv: line 2: a quoted field is never closed/);
  });

  it('writes nothing when a row is invalid, unless --skip-invalid (then exit 1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const csv = join(dir, 't.csv');
    writeFileSync(csv, `${readFileSync(example('tickets-freshdesk.csv'), 'utf8')}9999,bad,Open,Urgent,Phone,Incident,,,not a date,,,,,,\n`);
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-out-'));
    const refused = runCli(['import', csv, '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1 row cannot be imported, so nothing was written[\s\S]*line 9 \(9999\): Created time "not a date"/);
    expect(readdirSync(out)).toEqual([]);
    const skipped = runCli(['import', csv, '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out, '--skip-invalid']);
    expect(skipped.code).toBe(1);
    expect(readdirSync(out)).toHaveLength(7);
  });
});
