/** Imported history: the JSON Lines format (header and ticket lines), its reader and writer, hostile lines, bounded memory by counting. */
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeLinesAtomic, writePiecesAtomic, STREAM_CHUNK_BYTES, type StreamStats } from '../../src/cli/files.js';
import { safeText } from '../../src/cli/io.js';
import { eachHistoryRecord, fileLines, READ_CHUNK_BYTES, type ReadStats } from '../../src/cli/history.js';
import { evaluate } from '../../src/record/evaluate.js';
import { HISTORY_LINE_MAX_BYTES, historyHeader, readHistoryHeader, readTicketLine, ticketOf, type HistoryPlan } from '../../src/record/history.js';
import { importTickets, PRESETS } from '../../src/record/import.js';
import { loadExample } from '../triage/load-example.js';

const msp = loadExample('msp.yaml');
const base = { priorities: {}, organisations: {}, zone: 'America/New_York', by: 'import (t.csv)', source: 't.csv', sha256: 'a'.repeat(64) };
const csv = readFileSync(new URL('../../examples/tickets-freshdesk.csv', import.meta.url), 'utf8');

/** The sample export as import writes it: header and lines. */
function history() {
  const result = importTickets(msp, csv, { ...base, columns: PRESETS.freshdesk! });
  if ('error' in result) throw new Error(result.error);
  const measured = result.records[0]!.record.imported!.measured;
  const plans: Record<string, HistoryPlan> = {};
  const lines = result.records.map(({ name, record }) => {
    const t = ticketOf(record, name.replace(/\.json$/, ''), measured);
    plans[t.key] = t.plan;
    return t.line;
  });
  const header = historyHeader({ source: { file: 't.csv', sha256: 'b'.repeat(64) }, by: base.by, matrix: { name: msp.name, timezone: msp.timezone }, timezone: msp.timezone, measured, tickets: lines.length, plans });
  return { records: result.records, header, lines };
}

describe('history lines', () => {
  it('a ticket line reads back as a record judged exactly like the record import made', () => {
    const { records, header, lines } = history();
    const read = readHistoryHeader(JSON.stringify(header));
    if (!read.ok) throw new Error(read.reason);
    const asOf = new Date('2026-12-01T00:00:00Z');
    lines.forEach((line, i) => {
      const text = JSON.stringify(line);
      expect(text.length).toBeLessThan(200); // compact: about 150 bytes a ticket, not 10 KB
      const back = readTicketLine(read.value, text);
      if (!back.ok) throw new Error(back.reason);
      const a = evaluate(records[i]!.record, asOf);
      const b = evaluate(back.value.record, asOf);
      // The plan of a history line holds what judging reads: its severity, clock and measured targets.
      // Times are compared as instants (a line's are written in UTC, the record's with their offset).
      const instant = <T extends { at: string }>(x: T) => ({ ...x, at: Date.parse(x.at), ...('recorded_at' in x ? { recorded_at: Date.parse(String(x.recorded_at)) } : {}) });
      const cut = (e: typeof a) => ({
        ...e,
        events: e.events.map(instant),
        plan: { severity: e.plan.severity, clock: e.plan.clock.id, deadlines: e.plan.deadlines.filter((d) => header.measured.includes(d.kind)).map(instant) },
      });
      expect(cut(b)).toEqual(cut(a));
    });
  });

  it('refuses a header of a newer format, one that is not a header, and one with a broken plan', () => {
    const { header } = history();
    expect(readHistoryHeader(JSON.stringify({ ...header, version: 2 }))).toMatchObject({ ok: false, newer: true, reason: expect.stringContaining('history format 2 by a newer escalate') });
    expect(readHistoryHeader('{"id":"1"}')).toMatchObject({ ok: false, col: 1, reason: expect.stringContaining('header format: not "escalate-imported-history"') });
    const text = JSON.stringify({ ...header, plans: { p1: { severity: { id: 'p1' } } } });
    expect(readHistoryHeader(text)).toMatchObject({ ok: false, col: text.indexOf('"plans"') + 1, reason: 'header plans: "p1": severity: expected {"id", "name", "rank"}' });
  });

  it.each([
    ['a JSON array', '["4101"]', 1, 'not a ticket (expected a JSON object, found an array)'],
    ['invalid JSON', '{"id":"4101",}', 14, 'not JSON ('],
    ['a raw control character in a string', '{"id":"41\u000701"}', 10, 'not JSON ('],
    ['an unknown key', '{"id":"1","row":2,"start":"2026-10-30T22:40:00-04:00","severity":"p1","client":"northwind","due":[600,14400,28800],"note":"x"}', '"note"', 'note: not a field of a ticket line'],
    ['an impossible start', '{"id":"1","row":2,"start":"2026-02-30T22:40:00-04:00","severity":"p1","client":"northwind","due":[600,14400,28800]}', 19, 'start: 2026-02-30T22:40:00-04:00 is not a real time'],
    ['a plan the header lacks', '{"id":"1","row":2,"start":"2026-10-30T22:40:00-04:00","severity":"p9","due":[]}', '"severity"', 'severity: no plan "p9" in the header'],
    ['negative seconds', '{"id":"1","row":2,"start":"2026-10-30T22:40:00-04:00","severity":"p1","client":"northwind","ack":-5,"due":[600,14400,28800]}', '"ack"', 'ack: expected whole seconds from start'],
    ['the wrong number of deadlines', '{"id":"1","row":2,"start":"2026-10-30T22:40:00-04:00","severity":"p1","client":"northwind","due":[600]}', '"due"', 'due: expected 3 whole numbers of seconds from start (acknowledge, workaround, resolution)'],
  ])('a ticket line that is %s is refused at its column', (_, text, col, reason) => {
    const read = readHistoryHeader(JSON.stringify(history().header));
    if (!read.ok) throw new Error(read.reason);
    const result = readTicketLine(read.value, text);
    // A problem with a field points at its key.
    expect(result).toMatchObject({ ok: false, col: typeof col === 'number' ? col : text.indexOf(col) + 1, reason: expect.stringContaining(reason) });
  });
});

describe('history lines, property', () => {
  // Tickets near the hard edges (the DST days of America/New_York, midnight, the business-hours
  // clock of p3/p4, holidays): a line judges exactly like the record import makes of the row.
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (ms: number) => {
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const days = ['2026-03-07', '2026-03-08', '2026-10-31', '2026-11-01', '2026-11-25', '2026-11-26', '2026-12-31'].map((d) => Date.parse(`${d}T00:00:00Z`));
  const row = fc.record({
    day: fc.constantFrom(...days),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    ack: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    resolved: fc.option(fc.integer({ min: 0, max: 20000 }), { nil: undefined }),
    priority: fc.constantFrom('Urgent', 'High', 'Medium', 'Low'),
    company: fc.constantFrom('', 'Northwind Logistics', 'Harbor Dental Group', 'Contoso Legal'),
  });
  it('judges like the record, at any moment', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 40 * 24 * 60 }), (rows, asOfMinutes) => {
        // Local times in the matrix zone, written with their offset so no row names a skipped hour.
        const lines = rows.map((r, i) => {
          const start = r.day + r.minute * 60_000;
          const at = (m: number | undefined) => (m === undefined ? '' : `${local(start + m * 60_000)}Z`);
          return `${i + 1},${local(start)}Z,${at(r.ack)},${at(r.resolved)},${r.priority},${r.company}`;
        });
        const text = `Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n${lines.join('\n')}\n`;
        const result = importTickets(msp, text, { ...base, columns: PRESETS.freshdesk! });
        if ('error' in result) throw new Error(result.error);
        expect(result.problems.filter((p) => !/before the ticket was created/.test(p))).toEqual([]);
        if (result.records.length === 0) return;
        const measured = result.records[0]!.record.imported!.measured;
        const plans: Record<string, HistoryPlan> = {};
        const made = result.records.map(({ name, record }) => {
          const t = ticketOf(record, name.replace(/\.json$/, ''), measured);
          plans[t.key] = t.plan;
          return { record, text: JSON.stringify(t.line) };
        });
        const header = readHistoryHeader(JSON.stringify(historyHeader({ source: { file: 't.csv', sha256: 'c' }, by: base.by, matrix: { name: msp.name, timezone: msp.timezone }, timezone: msp.timezone, measured, tickets: made.length, plans })));
        if (!header.ok) throw new Error(header.reason);
        const asOf = new Date(days[0]! + asOfMinutes * 60_000);
        for (const { record, text } of made) {
          const back = readTicketLine(header.value, text);
          if (!back.ok) throw new Error(back.reason);
          const a = evaluate(record, asOf);
          const b = evaluate(back.value.record, asOf);
          const figures = (e: typeof a) => ({
            open: e.open,
            severity: e.severity,
            client: e.client,
            tier: e.tier,
            ack: e.acknowledgeMinutes,
            resolve: e.resolveMinutes,
            overdue: e.overdue,
            targets: e.targets.map((t) => [t.kind, t.state, t.due.getTime(), t.lateMinutes, t.clock]),
          });
          expect(figures(b)).toEqual(figures(a));
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });
});

const dir = () => mkdtempSync(join(tmpdir(), 'escalate-history-'));

describe('fileLines', () => {
  it('drops a BOM and CR line ends, skips empty lines, and numbers lines as an editor does', () => {
    const file = join(dir(), 'h.jsonl');
    writeFileSync(file, '\uFEFF{"a":1}\r\n\r\n{"b":2}\n{"c":3}');
    expect([...fileLines(file)]).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, text: '{"c":3}' },
    ]);
  });

  it('reports a line over the limit by its length and never holds it; the next line is read', () => {
    const file = join(dir(), 'h.jsonl');
    writeFileSync(file, `{"a":1}\n"${'x'.repeat(300_000)}"\n{"b":2}\n`);
    const stats: ReadStats = { maxHeld: 0, lines: 0 };
    expect([...fileLines(file, { maxLine: 1000, chunk: 4096, stats })]).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, tooLong: 300_002 },
      { line: 3, text: '{"b":2}' },
    ]);
    expect(stats.maxHeld).toBeLessThanOrEqual(1000 + 4096);
  });

  it('refuses a file over the limit by its size, before reading a byte (a sparse 300 MB file)', () => {
    const file = join(dir(), 'h.jsonl');
    writeFileSync(file, '');
    truncateSync(file, 300 * 1024 * 1024);
    expect(() => [...fileLines(file)]).toThrow('it is 300.0 MB, over the limit of 256.0 MB for an imported history');
    expect([...eachHistoryRecord(file, 'h.jsonl')]).toEqual([{ problem: 'cannot read h.jsonl: it is 300.0 MB, over the limit of 256.0 MB for an imported history' }]);
  });

  it('says a line is not UTF-8', () => {
    const file = join(dir(), 'h.jsonl');
    writeFileSync(file, Buffer.from([0x7b, 0xff, 0x7d, 0x0a]));
    expect([...fileLines(file)]).toEqual([{ line: 1, notUtf8: true }]);
  });

  it('holds one chunk and one line at a time, whatever the number of lines (counted)', () => {
    const held = (n: number) => {
      const file = join(dir(), 'h.jsonl');
      writeFileSync(file, `${'{"id":"123456","row":2,"start":"2026-10-30T22:40:00-04:00"}\n'.repeat(n)}`);
      const stats: ReadStats = { maxHeld: 0, lines: 0 };
      let count = 0;
      for (const _ of fileLines(file, { stats })) count++;
      expect(count).toBe(n);
      return stats.maxHeld;
    };
    // 60 KB and 3 MB of lines alike: one chunk, and at most the part of one line it cut.
    for (const bytes of [held(1_000), held(50_000)]) {
      expect(bytes).toBeGreaterThanOrEqual(READ_CHUNK_BYTES);
      expect(bytes).toBeLessThanOrEqual(READ_CHUNK_BYTES + 100);
    }
  });
});

describe('writeLinesAtomic', () => {
  it('writes a chunk at a time (counted), through a temporary file, and leaves nothing when the lines fail midway', () => {
    const folder = dir();
    const target = join(folder, 'h.jsonl');
    const stats: StreamStats = { maxBuffered: 0, bytes: 0 };
    const line = 'x'.repeat(140);
    function* lines(n: number) {
      for (let i = 0; i < n; i++) yield line;
    }
    writeLinesAtomic(target, lines(100_000), { overwrite: false, stats });
    expect(stats.bytes).toBe(141 * 100_000);
    expect(stats.maxBuffered).toBeLessThanOrEqual(STREAM_CHUNK_BYTES + 141);
    function* failing() {
      yield line;
      throw new Error('row 2 broke');
    }
    expect(() => writeLinesAtomic(target, failing(), { overwrite: true })).toThrow(/cannot write .*row 2 broke/);
    expect(readFileSync(target, 'utf8').length).toBe(141 * 100_000); // the old file stands
    expect(() => writeLinesAtomic(join(folder, 'big.jsonl'), lines(1000), { overwrite: false, limit: 10_000 })).toThrow(/over the limit/);
    expect(() => readFileSync(join(folder, 'big.jsonl'))).toThrow();
  });
});

describe('writePiecesAtomic (report --out)', () => {
  it('writes pieces as the terminal gets them, a chunk of whole lines at a time (counted), and leaves nothing when they fail midway', () => {
    const folder = dir();
    const target = join(folder, 'report.json');
    const stats: StreamStats = { maxBuffered: 0, bytes: 0 };
    // 5 MB in pieces that are not lines; a control character and a CI command at a line start on the way.
    const piece = (i: number) => (i % 7 === 0 ? `\n::warning::${i}\u001b[31m` : `{"n": ${i}, "pad": "${'y'.repeat(40)}"}, `);
    function* pieces(n: number) {
      for (let i = 0; i < n; i++) yield piece(i);
    }
    const bytes = writePiecesAtomic(target, pieces(100_000), { overwrite: false, stats });
    const expected = safeText(Array.from({ length: 100_000 }, (_, i) => piece(i)).join(''));
    expect(readFileSync(target, 'utf8')).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(bytes).toBeGreaterThan(4_000_000);
    // One chunk of ~64 KB of lines (the terminal's) at a time, plus what was gathered before it.
    expect(stats.maxBuffered).toBeLessThanOrEqual(3 * STREAM_CHUNK_BYTES);
    function* failing() {
      yield* pieces(50_000);
      throw new Error('piece 50,001 broke');
    }
    expect(() => writePiecesAtomic(target, failing(), { overwrite: true })).toThrow(/cannot write .*piece 50,001 broke/);
    expect(readFileSync(target, 'utf8')).toBe(expected); // the old file stands
    expect(readdirSync(folder)).toEqual(['report.json']); // no temporary file left
  });
});

describe('eachHistoryRecord', () => {
  const write = (lines: string[]) => {
    const file = join(dir(), 'h.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const header = () => JSON.stringify(history().header);
  const good = () => history().lines.map((l) => JSON.stringify(l));

  it('names each ticket by file:line and its id', () => {
    const items = [...eachHistoryRecord(write([header(), ...good()]), 'h.jsonl')];
    expect(items.map((i) => ('file' in i ? i.file : i.problem))).toEqual(['h.jsonl:2 (4101)', 'h.jsonl:3 (4102)', 'h.jsonl:4 (4103)', 'h.jsonl:5 (4104)', 'h.jsonl:6 (4105)', 'h.jsonl:7 (4106)', 'h.jsonl:8 (4107)']);
  });

  it('locates problems at file:line:col, shows five, counts the rest, and tells a file cut short', () => {
    const lines = good();
    const file = write([header(), lines[0]!, '["x"]', ...Array.from({ length: 6 }, () => '{"id":'), lines[1]!]);
    const problems = [...eachHistoryRecord(file, 'h.jsonl')].filter((i) => 'problem' in i).map((i) => (i as { problem: string }).problem);
    expect(problems[0]).toBe('h.jsonl:3:1: not a ticket (expected a JSON object, found an array)');
    expect(problems[1]).toMatch(/^h\.jsonl:4:7: not JSON \(/);
    expect(problems).toHaveLength(7);
    expect(problems[5]).toBe('h.jsonl: … and 2 more lines that cannot be read');
    expect(problems[6]).toBe('h.jsonl:10:1: the header says 7 tickets and the file holds 9 lines after it: it was cut short or added to; import the export again');
  });

  it('a line over 4 MiB is a problem at its line, and the file is still read', () => {
    const lines = good();
    const file = write([header(), lines[0]!, `"${'x'.repeat(HISTORY_LINE_MAX_BYTES)}"`, ...lines.slice(1)]);
    const items = [...eachHistoryRecord(file, 'h.jsonl')];
    expect(items.filter((i) => 'problem' in i)).toEqual([
      { problem: `h.jsonl:3:1: the line is ${HISTORY_LINE_MAX_BYTES + 2} bytes, over the limit of ${HISTORY_LINE_MAX_BYTES} bytes (4 MiB) a line may hold` },
      { problem: 'h.jsonl:9:1: the header says 7 tickets and the file holds 8 lines after it: it was cut short or added to; import the export again' },
    ]);
    expect(items.filter((i) => 'file' in i)).toHaveLength(7);
  });

  it('a first line that is not a header stops the file with one problem; an empty file says so', () => {
    expect([...eachHistoryRecord(write([good()[0]!]), 'h.jsonl')]).toEqual([{ problem: 'h.jsonl:1:1: header format: not "escalate-imported-history": this is not the first line of an imported history' }]);
    const empty = join(dir(), 'e.jsonl');
    writeFileSync(empty, '');
    expect([...eachHistoryRecord(empty, 'e.jsonl')]).toEqual([{ problem: 'e.jsonl:1:1: empty: an imported history starts with its header line' }]);
  });
});
