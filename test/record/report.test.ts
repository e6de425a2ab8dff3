/** The review over many records: figures on fixed cases, and properties over generated ones. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { buildReport, stats, type Breach, type Judged, type Report } from '../../src/record/report.js';
import type { IncidentRecord, RecordEvent } from '../../src/record/schema.js';
import { makeRecord, type EventInput } from './make-record.js';

const AS_OF = new Date('2026-05-01T00:00:00Z');
const judge = (records: { file: string; record: IncidentRecord }[], asOf = AS_OF): Report =>
  buildReport(
    records.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) })),
    { asOf },
  );

describe('stats', () => {
  it('median of an even count is the mean of the middle two; p90 is the nearest rank', () => {
    expect(stats([4, 1, 3, 2], 1)).toEqual({ count: 4, pending: 1, median: 2.5, p90: 4, mean: 2.5 });
    expect(stats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0)).toMatchObject({ median: 5.5, p90: 9, mean: 5.5 });
    expect(stats([], 3)).toEqual({ count: 0, pending: 3 });
  });
});

describe('buildReport', () => {
  const late = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
    { type: 'acknowledged', at: '2026-03-27T16:52:00+01:00' },
    { type: 'escalated', at: '2026-03-27T17:05:00+01:00', layer: 'management' },
    { type: 'resolved', at: '2026-03-27T19:00:00+01:00' },
  ]);
  const open = makeRecord({ severity: 'sev3', start: '2026-04-28T10:00:00+02:00' }, []);
  const report = judge([
    { file: 'late.json', record: late },
    { file: 'open.json', record: open },
  ]);

  it('counts the unacknowledged and unresolved beside the measured, and marks the late acknowledgement', () => {
    const all = report.groups[0]!;
    expect(all).toMatchObject({ by: 'all', incidents: 2, open: 1, escalated: 1, escalation_rate: 0.5 });
    expect(all.time_to_acknowledge).toEqual({ count: 1, pending: 1, median: 22, p90: 22, mean: 22 });
    expect(all.time_to_resolve).toMatchObject({ count: 1, pending: 1, median: 150 });
    expect(all.compliance.targets.acknowledge).toMatchObject({ on_time: 0, late: 1, overdue: 1 });
    expect(all.time_to_escalate).toEqual({ management: { count: 1, pending: 0, median: 35, p90: 35, mean: 35 } });
    expect(report.groups.map((g) => `${g.by}:${g.key}`)).toEqual(['all:all', 'severity:sev1', 'severity:sev3']);
    expect(report.breaches.find((b) => b.file === 'late.json' && b.kind === 'acknowledge')).toMatchObject({ state: 'late', late_minutes: 7 });
    // sev3 runs on office hours: Tue 28 Apr 10:00 + 4 working hours = 14:00; overdue at as-of Fri 1 May 02:00 by the working time since.
    expect(report.breaches.find((b) => b.file === 'open.json' && b.kind === 'acknowledge')).toMatchObject({ state: 'overdue', clock: 'office', late_minutes: 4 * 60 + 9 * 60 * 2 });
  });

  it('leaves out incidents that started outside the range', () => {
    const ranged = buildReport(report.incidents, { asOf: AS_OF, from: new Date('2026-04-01T00:00:00Z') });
    expect(ranged.incidents.map((i) => i.file)).toEqual(['open.json']);
  });
});

// ---- properties -------------------------------------------------------------------------

const SEVERITIES = ['sev1', 'sev2', 'sev3'] as const;
const TYPES = ['acknowledged', 'owner_assigned', 'client_notified', 'update_sent', 'escalated', 'workaround', 'resolved', 'rca_delivered'] as const;
const BASE = Date.parse('2026-03-20T08:00:00Z'); // the spring DST change (29 Mar) and Easter fall inside

const eventArb = fc.record({ type: fc.constantFrom(...TYPES), offset: fc.integer({ min: 0, max: 6 * 24 * 60 }) });
const recordArb = (severities: readonly string[]) =>
  fc.record({
    severity: fc.constantFrom(...severities),
    start: fc.integer({ min: 0, max: 25 * 24 * 60 }),
    events: fc.array(eventArb, { maxLength: 6 }),
  });

const cache = new Map<string, IncidentRecord>();
function build(spec: { severity: string; start: number; events: { type: (typeof TYPES)[number]; offset: number }[] }): IncidentRecord {
  const start = new Date(BASE + spec.start * 60_000);
  const key = `${spec.severity}@${start.toISOString()}`;
  if (!cache.has(key)) cache.set(key, makeRecord({ severity: spec.severity, start: start.toISOString() }));
  const base = cache.get(key)!;
  const events = spec.events
    .map((e) => ({ type: e.type, at: new Date(start.getTime() + e.offset * 60_000).toISOString() }) as EventInput)
    .map((e) => ({ ...e, by: 'gen', recorded_at: e.at }) as RecordEvent);
  return { ...base, events };
}

/** Every field of a breach, as plain data (the review's breaches are views of its columns). */
const plainBreach = (b: Breach) => ({ file: b.file, severity: b.severity, tier: b.tier, client: b.client, kind: b.kind, label: b.label, due: b.due, state: b.state, at: b.at, late_minutes: b.late_minutes, clock: b.clock });

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const MEETS: Record<string, RecordEvent['type']> = { acknowledge: 'acknowledged', assign_owner: 'owner_assigned', notify_client: 'client_notified', resolution: 'resolved', rca: 'rca_delivered', workaround: 'workaround' };

describe('report properties', () => {
  it('an on-time event never lowers compliance', () => {
    fc.assert(
      fc.property(fc.array(recordArb(SEVERITIES), { minLength: 1, maxLength: 5 }), fc.nat(), fc.constantFrom(...Object.keys(MEETS)), fc.double({ min: 0, max: 1, noNaN: true }), (specs, pick, kind, where) => {
        const records = specs.map((s, i) => ({ file: `r${i}.json`, record: build(s) }));
        const target = records[pick % records.length]!;
        const mark = evaluate(target.record, AS_OF).targets.find((t) => t.kind === kind);
        if (!mark) return;
        const start = new Date(target.record.started_at).getTime();
        const at = new Date(start + Math.floor(((Math.min(mark.due.getTime(), AS_OF.getTime()) - start) * where) / 60_000) * 60_000);
        const before = judge(records).groups[0]!;
        const added = { ...target.record, events: [...(target.record.events ?? []), { type: MEETS[kind]!, at: at.toISOString(), by: 'p', recorded_at: at.toISOString() } as RecordEvent] };
        const after = judge(records.map((r) => (r === target ? { ...r, record: added } : r))).groups[0]!;
        expect(after.compliance.overall ?? 1).toBeGreaterThanOrEqual(before.compliance.overall ?? 0);
        expect(after.compliance.targets[mark.kind]?.compliance ?? 1).toBeGreaterThanOrEqual(before.compliance.targets[mark.kind]?.compliance ?? 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('adding an unrelated record never changes another record\u2019s figures', () => {
    fc.assert(
      fc.property(fc.array(recordArb(['sev1', 'sev2']), { minLength: 1, maxLength: 5 }), recordArb(['sev3', 'sev4']), (specs, extra) => {
        const records = specs.map((s, i) => ({ file: `r${i}.json`, record: build(s) }));
        const before = judge(records);
        const after = judge([...records, { file: 'extra.json', record: build(extra) }]);
        for (const group of before.groups.filter((g) => g.by === 'severity')) expect(after.groups.find((g) => g.by === group.by && g.key === group.key)).toEqual(group);
        expect(after.breaches.filter((b) => b.file !== 'extra.json').map(plainBreach)).toEqual(before.breaches.map(plainBreach));
      }),
      { numRuns: RUNS },
    );
  });

  it('tallies each group\u2019s targets as its incidents\u2019 judgements count them, with no tally for a kind none of them has', () => {
    fc.assert(
      fc.property(fc.array(recordArb(SEVERITIES), { minLength: 1, maxLength: 6 }), (specs) => {
        const records = specs.map((s, i) => ({ file: `r${i}.json`, record: build(s) }));
        const report = judge(records);
        const judged = new Map(records.map((r) => [r.file, evaluate(r.record, AS_OF)]));
        for (const group of report.groups) {
          const members = report.incidents.filter((i) => group.by === 'all' || (group.by === 'severity' && i.evaluation.severity === group.key));
          if (group.by !== 'all' && group.by !== 'severity') continue;
          const expected: Record<string, Record<string, number>> = {};
          for (const { file } of members) {
            for (const t of judged.get(file)!.targets) {
              const tally = (expected[t.kind] ??= { on_time: 0, late: 0, missed: 0, overdue: 0, due: 0, not_needed: 0 });
              tally[t.state]!++;
            }
          }
          const got = Object.fromEntries(Object.entries(group.compliance.targets).map(([kind, t]) => [kind, { on_time: t.on_time, late: t.late, missed: t.missed, overdue: t.overdue, due: t.due, not_needed: t.not_needed }]));
          expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: RUNS },
    );
    // A kind no incident has gets no tally: an incident judged before its first target is due has targets all due.
    const early = judge([{ file: 'a.json', record: build({ severity: 'sev1', start: 0, events: [] }) }], new Date(BASE + 60_000));
    for (const [kind, tally] of Object.entries(early.groups[0]!.compliance.targets)) expect(tally.on_time + tally.late + tally.missed + tally.overdue + tally.due + tally.not_needed, kind).toBeGreaterThan(0);
  });

  it('agrees with a second, independently written computation (round-the-clock severities)', () => {
    fc.assert(
      fc.property(fc.array(recordArb(['sev1', 'sev2']), { minLength: 1, maxLength: 8 }), (specs) => {
        const records = specs.map((s, i) => ({ file: `r${i}.json`, record: build(s) }));
        const all = judge(records).groups[0]!;
        const expected = reference(records.map((r) => r.record));
        expect(all.time_to_acknowledge).toEqual(expected.ack);
        expect(all.time_to_resolve).toEqual(expected.resolve);
        expect({ on_time: all.compliance.targets.acknowledge?.on_time ?? 0, late: all.compliance.targets.acknowledge?.late ?? 0 }).toEqual(expected.ackTally);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Time to acknowledge and resolve and the acknowledge tally, straight from the raw JSON, for 24x7 records. */
function reference(records: IncidentRecord[]) {
  const ack: number[] = [];
  const res: number[] = [];
  let onTime = 0;
  let late = 0;
  for (const r of records) {
    const start = Date.parse(r.started_at);
    const inRange = (r.events ?? []).filter((e) => Date.parse(e.at) <= AS_OF.getTime());
    const earliest = (type: string) => Math.min(...inRange.filter((e) => e.type === type).map((e) => Date.parse(e.at)));
    const a = earliest('acknowledged');
    const z = earliest('resolved');
    if (Number.isFinite(a)) {
      ack.push(Math.floor((a - start) / 60_000));
      const due = Date.parse(r.deadlines.find((d) => d.kind === 'acknowledge')!.at);
      if (a - due >= 60_000) late++;
      else onTime++;
    }
    if (Number.isFinite(z)) res.push(Math.floor((z - start) / 60_000));
  }
  const summary = (xs: number[]) => {
    if (xs.length === 0) return { count: 0, pending: records.length };
    const s = xs.slice().sort((x, y) => x - y);
    const mid = s.length / 2;
    const median = Number.isInteger(mid) ? (s[mid - 1]! + s[mid]!) / 2 : s[Math.floor(mid)]!;
    let rank = 0;
    while ((rank + 1) / s.length < 0.9) rank++;
    const total = s.reduce((x, y) => x + y, 0);
    return { count: s.length, pending: records.length - s.length, median: Math.round(median * 10) / 10, p90: s[rank]!, mean: Math.round((total / s.length) * 10) / 10 };
  };
  return { ack: summary(ack), resolve: summary(res), ackTally: { on_time: onTime, late } };
}
