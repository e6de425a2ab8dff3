/** Day-one import: CSV reading, column mapping, priorities and organisations, and the CLI edge. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

const NOW = { ESCALATE_NOW: '2026-12-06T12:00:00Z' };
const run = (args: string[]) => runCli(args, { env: { ...process.env, ...NOW } });
const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('escalate import', () => {
  it('imports the sample Freshdesk export into one history file; reports on it; the same export again writes nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const args = ['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out];
    const first = run(args);
    const file = join(out, 'imports', 'tickets-freshdesk-2026-12-06.jsonl');
    expect(first).toMatchObject({ code: 0, stderr: '', stdout: `wrote 7 tickets to ${file} (${statSync(file).size} bytes)\n` });
    expect(readdirSync(out)).toEqual(['imports']);
    const text = lines(file);
    expect(text).toHaveLength(8); // the header and one line per ticket
    expect(JSON.parse(text[0]!)).toMatchObject({ format: 'escalate-imported-history', version: 1, source: { file: 'tickets-freshdesk.csv' }, matrix: { name: 'Northpoint IT managed services' }, tickets: 7 });
    expect(JSON.parse(text[1]!)).toEqual({ id: '4101', row: 2, start: '2026-10-30T22:40:00-04:00', severity: 'p1', client: 'northwind', ack: 240, resolved: 8700, due: [600, 14400, 28800] });
    const again = run(args);
    expect(again).toMatchObject({ code: 0, stderr: '', stdout: `${file} already holds this export (sha256 ${JSON.parse(text[0]!).source.sha256.slice(0, 12)}…): nothing written (--force imports it again)\n` });
    expect(readdirSync(join(out, 'imports'))).toHaveLength(1);
    expect(run([...args, '--force'])).toMatchObject({ code: 0, stdout: `wrote 7 tickets to ${file} (${statSync(file).size} bytes)\n` });
    expect(readdirSync(join(out, 'imports'))).toHaveLength(1);
    const report = runCli(['report', out, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']);
    expect(report).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse(report.stdout);
    expect(json.incidents).toBe(7);
    expect(json.groups[0].time_to_acknowledge).toMatchObject({ count: 7, pending: 0 });
    expect(json.groups[0].time_to_resolve).toMatchObject({ count: 6, pending: 1 });
    expect(json.breaches.length).toBeGreaterThan(0);
    for (const b of json.breaches as { file: string }[]) expect(b.file.slice(file.length)).toMatch(/^:\d \(41\d\d\)$/); // file:line (ticket id)
    // The file named alone is read the same way.
    expect(JSON.parse(runCli(['report', file, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']).stdout).incidents).toBe(7);
  });

  it('status lists the open imported ticket by file:line and id', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    run(['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    const status = runCli(['status', out, '--json', '--as-of', '2026-12-01T00:00:00Z']);
    expect(status.stderr).toBe('');
    const json = JSON.parse(status.stdout);
    expect(json.records.map((r: { file: string }) => r.file)).toEqual([join(out, 'imports', 'tickets-freshdesk-2026-12-06.jsonl:8 (4107)')]); // the one unresolved
    expect(status.code).toBe(json.overdue > 0 ? 1 : 0);
  });

  it('report refuses a history with a broken line, naming file:line:col, and writes no report', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    run(['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    const file = join(out, 'imports', 'tickets-freshdesk-2026-12-06.jsonl');
    const text = lines(file);
    text[2] = '["4102"]';
    text[3] = text[3]!.replace('"ack":', '"ack":-');
    writeFileSync(file, `${text.join('\r\n')}\r\n`);
    const report = runCli(['report', out, '--as-of', '2026-12-01T00:00:00Z']);
    expect(report.code).toBe(2);
    expect(report.stdout).toBe('');
    expect(report.stderr).toBe(
      `escalate: 2 records could not be read, so no report was made (its figures would leave them out):\n${file}:3:1: not a ticket (expected a JSON object, found an array)\n${file}:4:${text[3]!.indexOf('"ack"') + 1}: ack: expected whole seconds from start, at least 0 and at most 100 years\n`,
    );
  });

  it('a ticket id with control characters is shown escaped, never as terminal codes', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const csv = join(mkdtempSync(join(tmpdir(), 'escalate-csv-')), 'tickets.csv');
    writeFileSync(csv, 'Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n"\u001b]8;;https://x.example\u0007T1",2026-11-02 10:00,,,High,\n');
    expect(run(['import', csv, '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]).code).toBe(0);
    const status = runCli(['status', out, '--as-of', '2026-11-02T12:00:00-05:00']);
    expect(status.stdout).toContain('(\\u001b]8;;https://x.example\\u0007T1)');
    expect(status.stdout).not.toContain('\u001b');
    expect(status.stdout).not.toContain('\u0007');
  });

  it('a history file that is a named pipe is named as one, never waited on', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    const fifo = join(out, 'pipe.jsonl');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    const report = runCli(['report', fifo]);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain(`cannot read ${fifo}: it is not a regular file but a named pipe (FIFO)`);
  });

  it('event refuses an imported history in one line', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    run(['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    const file = join(out, 'imports', 'tickets-freshdesk-2026-12-06.jsonl');
    const before = readFileSync(file, 'utf8');
    const result = runCli(['event', file, 'note', '--at', '2026-11-01T10:00:00Z', '--note', 'x', '--by', 'sam']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^escalate: record \S+\.jsonl: an imported history \(one ticket a line\) is read by status and report; events are added to a record file\n$/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('reads record files of an older import beside the history, and a new import of their tickets replaces them', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    // An older escalate wrote one record file per ticket, as importTickets still makes them.
    const older = importTickets(msp, readFileSync(example('tickets-freshdesk.csv'), 'utf8'), { ...base, by: 'import (tickets-freshdesk.csv)', source: 'tickets-freshdesk.csv', columns: PRESETS.freshdesk! });
    if ('error' in older) throw new Error(older.error);
    for (const { name, record } of older.records) writeFileSync(join(out, name), `${JSON.stringify(record, null, 2)}\n`);
    const before = runCli(['report', out, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']);
    expect(before.code).toBe(0);
    const csv = join(mkdtempSync(join(tmpdir(), 'escalate-csv-')), 'newer.csv');
    writeFileSync(csv, 'Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n5001,2026-11-02 10:00,2026-11-02 10:20,,High,\n');
    run(['import', csv, '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    const both = JSON.parse(runCli(['report', out, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']).stdout);
    expect(both.incidents).toBe(8); // seven record files and one history line
    const result = run(['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    expect(result.stdout).toBe(`wrote 7 tickets to ${join(out, 'imports', 'tickets-freshdesk-2026-12-06.jsonl')} (${statSync(join(out, 'imports', 'tickets-freshdesk-2026-12-06.jsonl')).size} bytes), replacing 7 record files of an earlier import (removed)\n`);
    expect(readdirSync(out)).toEqual(['imports']);
    const after = JSON.parse(runCli(['report', out, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']).stdout);
    expect(after.incidents).toBe(8);
    // The same figures from the history as from the record files it replaced.
    const figures = (j: { groups: unknown[] }) => j.groups;
    const onlySample = JSON.parse(before.stdout);
    expect(figures(after).length).toBeGreaterThan(0);
    expect(after.breaches.filter((b: { file: string }) => b.file.includes('tickets-freshdesk')).map((b: { kind: string; state: string; late_minutes: number }) => [b.kind, b.state, b.late_minutes])).toEqual(
      onlySample.breaches.map((b: { kind: string; state: string; late_minutes: number }) => [b.kind, b.state, b.late_minutes]),
    );
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

  it('refuses an out-dir whose imports is a file, in one line, writing nothing', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    writeFileSync(join(out, 'imports'), 'mine\n');
    const result = run(['import', example('tickets-freshdesk.csv'), '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`escalate: cannot create the folder ${join(out, 'imports')}: a file by that name is in the way (imported history goes in a folder of that name)\n`);
    expect(readdirSync(out)).toEqual(['imports']);
    expect(readFileSync(join(out, 'imports'), 'utf8')).toBe('mine\n');
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
    expect(skipped.stdout).toMatch(/^wrote 7 tickets to .*, skipped 1 invalid row\n$/);
    expect(readdirSync(out)).toEqual(['imports']);
    expect(lines(join(out, 'imports', readdirSync(join(out, 'imports'))[0]!))).toHaveLength(8);
  });
});

describe('import: idempotent and bounded', () => {
  const header = 'Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n';
  const run = (csv: string, out = mkdtempSync(join(tmpdir(), 'escalate-import-')), extra: string[] = []) => {
    const file = join(mkdtempSync(join(tmpdir(), 'escalate-csv-')), 'tickets.csv');
    writeFileSync(file, csv);
    return { out, result: runCli(['import', file, '--preset', 'freshdesk', '--matrix', example('msp.yaml'), '--out-dir', out, ...extra], { env: { ...process.env, ...NOW } }) };
  };

  it('a ticket id seen twice is one incident, in its last row; a newer export replaces it in the earlier history', () => {
    const { out, result } = run(`${header}9,2026-11-02 10:00,,,High,\n9,2026-11-02 10:00,2026-11-02 10:20,,High,\n7,2026-11-02 11:00,,,Low,\n`);
    const first = join(out, 'imports', 'tickets-2026-12-06.jsonl');
    expect(result).toMatchObject({ code: 0, stdout: `wrote 2 tickets to ${first} (${statSync(first).size} bytes)\n` });
    expect(lines(first).slice(1).map((l) => JSON.parse(l))).toMatchObject([{ id: '9', row: 3, ack: 1200 }, { id: '7' }]);
    const again = run(`${header}9,2026-11-02 10:00,2026-11-02 10:20,2026-11-02 12:00,High,\n`, out);
    const second = join(out, 'imports', 'tickets-2026-12-06-2.jsonl');
    expect(again.result.stdout).toBe(`wrote 1 ticket to ${second} (${statSync(second).size} bytes), replacing 1 of an earlier import\n`);
    // The earlier file keeps its other ticket, and its header says so.
    expect(lines(first).map((l) => JSON.parse(l))).toMatchObject([{ tickets: 1 }, { id: '7' }]);
    const report = JSON.parse(runCli(['report', out, '--format', 'json', '--as-of', '2026-12-01T00:00:00Z']).stdout);
    expect(report.incidents).toBe(2);
    // Once every ticket of an earlier file is imported again, the file goes.
    run(`${header}7,2026-11-02 11:00,2026-11-02 11:05,,Low,\n`, out);
    expect(readdirSync(join(out, 'imports'))).toEqual(['tickets-2026-12-06-2.jsonl', 'tickets-2026-12-06-3.jsonl']);
  });

  it('a record not written by an import is kept (its ticket left out) unless --force', () => {
    const out = mkdtempSync(join(tmpdir(), 'escalate-import-'));
    writeFileSync(join(out, '9.json'), '{"by":"hand"}\n');
    const { result } = run(`${header}9,2026-11-02 10:00,,,High,\n`, out);
    const file = join(out, 'imports', 'tickets-2026-12-06.jsonl');
    expect(result.stdout).toBe(`wrote 0 tickets to ${file} (${statSync(file).size} bytes), kept 1 record that already existed and were not imported (--force replaces them)\n`);
    expect(readFileSync(join(out, '9.json'), 'utf8')).toBe('{"by":"hand"}\n');
    const forced = run(`${header}9,2026-11-02 10:00,,,High,\n`, out, ['--force']);
    expect(forced.result.stdout).toMatch(/^wrote 1 ticket to .*tickets-2026-12-06\.jsonl \(\d+ bytes\), replacing 1 record file of an earlier import \(removed\)\n$/);
    expect(readdirSync(out)).toEqual(['imports']);
  });

  it('a ticket id over 200 characters names its row and column and writes nothing', () => {
    const { out, result } = run(`${header}1,2026-11-02 10:00,,,High,\n${'x'.repeat(201)},2026-11-02 10:00,,,High,\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tickets.csv: line 3, column Ticket ID: the ticket id is 201 characters; at most 200');
    expect(readdirSync(out)).toEqual([]);
  });

  it('a local time the clocks skip is reported for its row, never moved', () => {
    // America/New_York (the msp matrix) skips 02:00-03:00 on 8 March 2026.
    const { out, result } = run(`${header}1,2026-03-08 02:30,,,High,\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 2 (1): Created time: 2026-03-08 02:30 does not exist in America/New_York: the clocks jump from 02:00 to 03:00 (daylight saving)');
    expect(readdirSync(out)).toEqual([]);
  });

  it('a 200,000-column header is named briefly, never echoed whole', () => {
    const { result } = run(`${Array.from({ length: 200_000 }, (_, i) => `c${i}`).join(',')}\n1\n`);
    expect(result.code).toBe(2);
    expect(result.stderr.length).toBeLessThan(600);
    expect(result.stderr).toMatch(/the header has: c0, c1, .*… \(200000 columns\); map it with --column created=NAME/);
  });

  it('import --help lists exit 1', () => {
    expect(runCli(['import', '--help']).stdout.replace(/\s+/g, ' ')).toContain('they are listed on stderr, and the exit code is 1');
  });
});
