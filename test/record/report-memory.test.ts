/**
 * The review holds figures, never records: each judgement is read once, in turn, and only
 * numbers and shared strings are kept of it, so memory does not grow with what a record
 * holds (events, steps, plans, contacts), and a report's incidents make the same review again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation, type RecordCore } from '../../src/record/evaluate.js';
import { readRecordLean } from '../../src/record/read.js';
import { buildReport, ReportAccumulator, stats, type Judged } from '../../src/record/report.js';
import { reportCsv, reportJson, reportJsonText, reportMarkdown } from '../../src/record/report-format.js';
import type { RecordEvent } from '../../src/record/schema.js';
import { example } from '../helpers/cli.js';
import { makeRecord } from './make-record.js';

const folder = example('records');
const examples = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const read = readRecordLean(readFileSync(`${folder}/${f}`, 'utf8'));
    if (!read.ok) throw new Error(read.reason);
    return { file: f, record: read.record };
  });
// A severity change and a missed update, so the plan and cadence paths are in the review too.
const changed = makeRecord({ severity: 'sev3', start: '2026-11-02T09:00:00+01:00' }, []) as unknown as RecordCore;
const all = [...examples, { file: 'changed.json', record: changed }];

/** Every object reachable from `root` (Dates and functions are leaves). */
function reachable(root: unknown, seen = new Set<object>()): Set<object> {
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Date) continue;
    for (const child of Object.values(v)) stack.push(child);
  }
  return seen;
}

const formats = (r: ReturnType<typeof buildReport>) => [JSON.stringify(reportJson(r, 'Europe/Berlin')), reportCsv(r), reportMarkdown(r, 'Europe/Berlin')];

describe('the review keeps figures, not records', () => {
  it.each(['2026-11-27T12:10:00Z', '2026-11-03T12:00:00Z', '2026-10-01T00:00:00Z'])('holds no object of a judgement but its instants, as of %s', (at) => {
    const asOf = new Date(at);
    const judged: Judged[] = all.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) }));
    const report = buildReport(judged, { asOf });
    const kept = reachable(report);
    for (const j of judged) {
      for (const o of reachable(j.evaluation)) if (!(o instanceof Date)) expect(kept.has(o)).toBe(false);
    }
  });

  it.each(['2026-11-27T12:10:00Z', '2026-11-03T12:00:00Z'])('makes the same review, in every format, from its own incidents (as of %s)', (at) => {
    const asOf = new Date(at);
    const first = buildReport(
      all.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) })),
      { asOf },
    );
    expect(formats(buildReport(first.incidents, { asOf }))).toEqual(formats(first));
  });

  it('reads its input one judgement at a time, dropping each before the next is made', () => {
    const asOf = new Date('2026-11-27T12:10:00Z');
    let made = 0;
    let alive: WeakRef<Evaluation> | undefined;
    const held: boolean[] = [];
    function* judgements(): Generator<Judged> {
      for (let i = 0; i < 30; i++) {
        const { file, record } = all[i % all.length]!;
        const evaluation = evaluate(record, asOf);
        made++;
        alive = new WeakRef(evaluation);
        yield { file: `${i}-${file}`, evaluation };
      }
    }
    const acc = new ReportAccumulator(asOf);
    for (const j of judgements()) {
      acc.add(j);
      // The accumulator has taken what it needs: nothing of the judgement is reachable from it.
      held.push([...reachable(acc)].includes(alive!.deref() as object));
    }
    expect(made).toBe(30);
    expect(held.every((h) => !h)).toBe(true);
    expect(acc.finish().incidents).toHaveLength(30);
  });

  it('keeps as much of an incident with 400 events as of one with none (figures, not events)', () => {
    const asOf = new Date('2026-11-27T12:10:00Z');
    const start = Date.parse('2026-11-02T08:00:00Z');
    const quiet = makeRecord({ severity: 'sev3', start: '2026-11-02T09:00:00+01:00' }, []);
    const busy = {
      ...quiet,
      events: Array.from({ length: 400 }, (_, i): RecordEvent => {
        const t = new Date(start + (i + 1) * 60_000).toISOString();
        return { type: 'note', at: t, by: 'x', recorded_at: t, note: `note ${i}` };
      }),
    };
    const size = (record: RecordCore) => reachable(buildReport([{ file: 'a.json', evaluation: evaluate(record, asOf) }], { asOf }).incidents[0]).size;
    expect(size(busy as RecordCore)).toBe(size(quiet as RecordCore));
  });
});

describe('the review written in pieces', () => {
  it.each(['2026-11-27T12:10:00Z', '2026-11-03T12:00:00Z', '2026-10-01T00:00:00Z'])('is JSON.stringify of the whole, byte for byte (as of %s)', (at) => {
    const asOf = new Date(at);
    const report = buildReport(
      all.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) })),
      { asOf },
    );
    const extra = { governance: { triggers: [{ id: 'x', hits: [{ incidents: [{ file: 'a\u2028"b', n: 1.5 }] }] }], free_text: [] } };
    for (const zone of ['Europe/Berlin', 'Pacific/Chatham']) {
      expect([...reportJsonText(report, zone)].join('')).toBe(JSON.stringify(reportJson(report, zone), null, 2));
      expect([...reportJsonText(report, zone, extra)].join('')).toBe(JSON.stringify({ ...(reportJson(report, zone) as object), ...extra }, null, 2));
    }
    const none = buildReport([], { asOf });
    expect([...reportJsonText(none, 'UTC')].join('')).toBe(JSON.stringify(reportJson(none, 'UTC'), null, 2));
  });
});

describe('the review walked, not listed', () => {
  it('writes its JSON without making the list of every incident and breach, and the lists, when read, hold what was written', () => {
    const asOf = new Date('2026-11-27T12:10:00Z');
    const many: Judged[] = Array.from({ length: 120 }, (_, i) => {
      const { file, record } = all[i % all.length]!;
      return { file: `${String(i).padStart(3, '0')}-${file}`, evaluation: evaluate(record, asOf) };
    });
    const report = buildReport(many, { asOf });
    let made = 0;
    for (const key of ['incidents', 'breaches'] as const) {
      const own = Object.getOwnPropertyDescriptor(report, key)!;
      expect(own.get).toBeTypeOf('function');
      Object.defineProperty(report, key, { ...own, get: () => (made++, own.get!.call(report)) });
    }
    const text = [...reportJsonText(report, 'Europe/Berlin')].join('');
    expect(made).toBe(0);
    // A plain object of the Report shape (its lists made) writes the same text.
    const plain = { ...report };
    expect(made).toBe(2);
    expect(Object.keys(plain)).toEqual(['asOf', 'incidents', 'groups', 'breaches']);
    expect(plain.incidents).toHaveLength(many.length);
    expect(plain.breaches.length).toBeGreaterThan(many.length);
    expect([...reportJsonText(plain, 'Europe/Berlin')].join('')).toBe(text);
    // Made once, then kept: the same list each time it is read.
    expect(report.incidents).toBe(report.incidents);
  });

  it('behaves as a plain report when its lists are assigned, frozen or inspected', () => {
    const asOf = new Date('2026-11-27T12:10:00Z');
    const judged = all.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) }));
    const report = buildReport(judged, { asOf });
    const plain = { ...report };
    // Assigned lists are what the writer writes (the walk no longer speaks for them).
    report.incidents = plain.incidents.slice(0, 1);
    report.breaches = [];
    const written = JSON.parse([...reportJsonText(report, 'UTC')].join('')) as { incidents: number; records: unknown[]; breaches: unknown[] };
    expect(written.incidents).toBe(1);
    expect(written.records).toHaveLength(1);
    expect(written.breaches).toEqual([]);
    expect(report.incidents).toHaveLength(1);
    // Frozen, it refuses an assignment as a plain frozen object does in strict code.
    const frozen = buildReport(judged, { asOf });
    Object.freeze(frozen);
    expect(() => {
      frozen.incidents = [];
    }).toThrow(TypeError);
    expect(frozen.incidents).toHaveLength(judged.filter((j) => j.evaluation.started).length);
    // Inspected, it shows its lists, not accessors.
    const shown = inspect(buildReport(judged, { asOf }), { depth: 0 });
    expect(shown).not.toMatch(/Getter|Setter/);
    expect(shown).toMatch(/incidents: \[Array\]/);
  });
});

describe('the review kept in columns', () => {
  const asOf = new Date('2026-11-27T12:10:00Z');
  // Past the first size of every column (64 rows), so each has grown several times over.
  const many: Judged[] = Array.from({ length: 400 }, (_, i) => {
    const { file, record } = all[i % all.length]!;
    return { file: `${String(i).padStart(3, '0')}-${file}`, evaluation: evaluate(record, asOf) };
  });

  it('reads every incident and breach back as it was judged, however many', () => {
    const whole = reportJson(buildReport(many, { asOf }), 'Europe/Berlin') as { records: unknown[]; breaches: unknown[] };
    const records: unknown[] = [];
    const breaches: unknown[] = [];
    for (const j of many) {
      const alone = reportJson(buildReport([j], { asOf }), 'Europe/Berlin') as { records: unknown[]; breaches: unknown[] };
      records.push(...alone.records);
      breaches.push(...alone.breaches);
    }
    const key = (r: unknown) => JSON.stringify(r);
    expect(whole.records.map(key).sort()).toEqual(records.map(key).sort());
    expect(whole.breaches.map(key).sort()).toEqual(breaches.map(key).sort());
    expect(whole.records).toHaveLength(many.length);
    // Escalations, counted straight from the judgements.
    const layers = new Map<string, number[]>();
    for (const j of many) for (const x of (j.evaluation as Evaluation).escalations) layers.set(x.layer, [...(layers.get(x.layer) ?? []), x.minutes]);
    const expected = Object.fromEntries([...layers].map(([layer, values]) => [layer, stats(values, 0)]));
    expect(layers.size).toBeGreaterThan(0);
    expect(buildReport(many, { asOf }).groups[0]!.time_to_escalate).toEqual(expected);
  });

  it('moves its rows into another accumulator (as a worker thread hands them over) with the same review', () => {
    const one = new ReportAccumulator(asOf);
    for (const j of many) one.add(j);
    const parts = [new ReportAccumulator(asOf), new ReportAccumulator(asOf), new ReportAccumulator(asOf)];
    many.forEach((j, i) => parts[i % 3]!.add(j));
    const merged = new ReportAccumulator(asOf);
    // Rows cross a thread as structured clones: plain arrays and typed arrays, no prototypes.
    for (const p of parts) merged.addRows(structuredClone(p.rows()));
    expect(merged.size).toBe(one.size);
    expect(formats(merged.finish())).toEqual(formats(one.finish()));
    const from = new Date('2026-10-01T00:00:00Z');
    expect(formats(merged.finish({ from }))).toEqual(formats(one.finish({ from })));
  });

  // Past several blocks of the store (4,096 incidents): blocks filled and kept, rows handed over
  // without a copy (takeRows) and kept as they came (addRows), in any mix and order.
  const lots: Judged[] = Array.from({ length: 8_500 }, (_, i) => {
    const { file, record } = all[(i * 7) % all.length]!;
    return { file: `${String(i).padStart(5, '0')}-${file}`, evaluation: evaluate(record, asOf) };
  });
  /** A small deterministic generator (the same mix each run; the seeds below cover several). */
  const random = (seed: number) => () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  /** The review as JSON: every figure, incident and breach (the other formats are made from the same). */
  const review = (r: ReturnType<typeof buildReport>) => JSON.stringify(reportJson(r, 'Europe/Berlin'));
  let whole: string | undefined;
  const expectedReview = () => {
    if (whole !== undefined) return whole;
    const one = new ReportAccumulator(asOf);
    for (const j of lots) one.add(j);
    expect(one.size).toBe(lots.length);
    return (whole = review(one.finish()));
  };

  it.each([1, 2])('keeps blocks and handed-over rows in any mix with the same review as one accumulator (mix %i)', (seed) => {
    const next = random(seed);
    const expected = expectedReview();

    const merged = new ReportAccumulator(asOf);
    const worker = new ReportAccumulator(asOf);
    const other = new ReportAccumulator(asOf);
    for (const j of lots) {
      const r = next();
      // Some judged here, some by a "worker" that hands its rows over as it goes (its room
      // reused), some by an accumulator whose copied rows come over at the end.
      if (r < 0.4) merged.add(j);
      else if (r < 0.8) worker.add(j);
      else other.add(j);
      if (worker.size >= 1 + Math.floor(next() * 3_000)) merged.addRows(structuredClone(worker.takeRows()));
    }
    expect(worker.size).toBeLessThan(3_000);
    merged.addRows(structuredClone(worker.takeRows()));
    expect(worker.size).toBe(0);
    // A merged accumulator's rows (its own blocks and rows kept with their own text tables) copy into one block.
    const again = new ReportAccumulator(asOf);
    again.addRows(merged.rows());
    again.addRows(other.rows());
    merged.addRows(other.rows());
    expect(merged.size).toBe(lots.length);
    expect(again.size).toBe(lots.length);
    expect(review(merged.finish())).toBe(expected);
    expect(review(again.finish())).toBe(expected);
    // The rows handed over stay as they were: added to two accumulators, each reads them alike.
    const rows = other.rows();
    const first = new ReportAccumulator(asOf);
    const second = new ReportAccumulator(asOf);
    second.add(lots[0]!);
    first.addRows(rows);
    second.addRows(rows);
    expect(first.size).toBe(other.size);
    expect(review(first.finish())).toBe(review(other.finish()));
    // The other formats alike (they are made from the same groups and lists as the JSON).
    expect(formats(first.finish())).toEqual(formats(other.finish()));
    expect(formats(second.finish()).slice(1)).not.toEqual(formats(first.finish()).slice(1));
  });

  it('takes more incidents after finish, and a later finish has them all once', () => {
    const acc = new ReportAccumulator(asOf);
    const half = Math.floor(lots.length / 2);
    for (const j of lots.slice(0, half)) acc.add(j);
    const early = acc.finish();
    expect(early.incidents).toHaveLength(half);
    for (const j of lots.slice(half)) acc.add(j);
    expect(review(acc.finish())).toBe(expectedReview());
    // The first review is as it was.
    expect(early.incidents).toHaveLength(half);
  });
});
