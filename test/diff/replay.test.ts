/** Replay: records re-planned under a matrix and judged; a matrix against itself changes nothing; looser never adds a breach, tighter never removes one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayAll, replayRecord } from '../../src/diff/replay.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { evaluate } from '../../src/record/evaluate.js';
import type { IncidentRecord } from '../../src/record/schema.js';
import { loadExample } from '../triage/load-example.js';
import { makeRecord, type EventInput } from '../record/make-record.js';

const saas = loadExample('saas-support.yaml');
const AS_OF = new Date('2026-06-01T00:00:00Z');
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'];
const TYPES = ['acknowledged', 'owner_assigned', 'client_notified', 'update_sent', 'workaround', 'resolved', 'rca_delivered'] as const;

/** Random incidents of the example matrix: a severity, a start in spring 2026 (over the DST change), events at random minutes after it. */
const records = fc.array(
  fc.record({
    severity: fc.constantFrom(...SEVERITIES),
    start: fc.integer({ min: Date.parse('2026-03-20T00:00:00Z'), max: Date.parse('2026-04-10T00:00:00Z') }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString()),
    events: fc.array(fc.record({ type: fc.constantFrom(...TYPES), after: fc.integer({ min: 0, max: 6 * 24 * 60 }) }), { maxLength: 8 }),
  }),
  { minLength: 1, maxLength: 6 },
);
const build = (specs: { severity: string; start: string; events: { type: (typeof TYPES)[number]; after: number }[] }[]) =>
  specs.map((s, i) => ({
    file: `r${i}.json`,
    record: makeRecord({ severity: s.severity, start: s.start }, s.events.map((e) => ({ type: e.type, at: new Date(Date.parse(s.start) + e.after * 60_000).toISOString() }) as EventInput)) as IncidentRecord,
  }));

/**
 * The matrix with every target of `kind` longer by `extra` minutes on its own clock (a day on a
 * business calendar is a working day, so minutes are added, never units converted).
 */
function looser(matrix: Matrix, kind: 'acknowledge' | 'resolution' | 'notify_client', extra: number): Matrix {
  const longer = (d: string) => {
    const m = /^(.*?)(?:(\d+)m)?$/.exec(d)!;
    return `${m[1]}${Number(m[2] ?? 0) + extra}m`;
  };
  return { ...matrix, severities: matrix.severities.map((s) => (s.targets?.[kind] ? { ...s, targets: { ...s.targets, [kind]: longer(s.targets[kind]!) } } : s)) };
}

describe('replay', () => {
  it('replaying a record under the matrix it was planned with judges it exactly as the record itself', () => {
    fc.assert(
      fc.property(records, (specs) => {
        for (const { record } of build(specs)) {
          const replayed = replayRecord(record, saas);
          expect(replayed.ok).toBe(true);
          if (replayed.ok) expect(evaluate(replayed.record, AS_OF)).toEqual(evaluate(record, AS_OF));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a matrix against itself changes nothing', () => {
    fc.assert(
      fc.property(records, (specs) => {
        const result = replayAll(build(specs), saas, saas, AS_OF);
        expect(result.cannot).toEqual([]);
        for (const r of result.replayed) expect(r).toMatchObject({ flips: [], pages: { added: [], removed: [] }, pull_ins: { added: [], removed: [] } });
        for (const r of result.replayed) expect(r.breaches.new).toBe(r.breaches.old);
      }),
      { numRuns: 40 },
    );
  });

  it.each(['acknowledge', 'resolution', 'notify_client'] as const)('loosening %s never adds a breach; tightening never removes one', (kind) => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 3 * 24 * 60 }), (specs, extra) => {
        const recs = build(specs);
        const loose = looser(saas, kind, extra);
        for (const r of replayAll(recs, saas, loose, AS_OF).replayed) {
          expect(r.flips.filter((f) => f.to === 'breached')).toEqual([]);
          expect(r.breaches.new).toBeLessThanOrEqual(r.breaches.old);
        }
        // Tightening is the same change the other way: from the looser matrix back to the example.
        for (const r of replayAll(recs, loose, saas, AS_OF).replayed) {
          expect(r.flips.filter((f) => f.from === 'breached')).toEqual([]);
          expect(r.breaches.new).toBeGreaterThanOrEqual(r.breaches.old);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the properties are not vacuous: an acknowledgement 10 min late is met under a target 15 min looser, and late again back', () => {
    const late = [{ file: 'late.json', record: makeRecord({ severity: 'sev1', start: '2026-03-27T10:00:00Z' }, [{ type: 'acknowledged', at: '2026-03-27T10:25:00Z' }]) as IncidentRecord }];
    const loose = looser(saas, 'acknowledge', 15);
    expect(replayAll(late, saas, loose, AS_OF).replayed[0]!.flips).toMatchObject([{ kind: 'acknowledge', from: 'breached', to: 'met' }]);
    expect(replayAll(late, loose, saas, AS_OF).replayed[0]!.flips).toMatchObject([{ kind: 'acknowledge', from: 'met', to: 'breached', due: new Date('2026-03-27T10:15:00Z') }]);
  });

  it('re-walks the tree with the record\'s answers: a changed outcome re-judges the incident at the new severity', () => {
    const record = { ...(makeRecord({ severity: 'sev4', start: '2026-03-27T10:00:00Z' }, [{ type: 'acknowledged', at: '2026-03-27T11:30:00Z' }]) as IncidentRecord), decided_by: 'tree' as const, answers: { security: 'no', confirmed: 'no' } };
    expect(replayRecord(record, saas)).toMatchObject({ ok: true, record: { severity: { id: 'sev4' } } });
    // The tree now sends "a single unconfirmed report" to sev2: acknowledged after 90 min, it breaches sev2's 30m.
    const triage = saas.triage!;
    const confirmed = triage.questions.confirmed!;
    const bumped: Matrix = {
      ...saas,
      triage: {
        ...triage,
        questions: { ...triage.questions, confirmed: { ...confirmed, answers: confirmed.answers.map((a) => (a.id === 'no' ? { ...a, outcome: { severity: 'sev2' } } : a)) } },
      },
    };
    const [r] = replayAll([{ file: 'r.json', record }], saas, bumped, AS_OF).replayed;
    expect(r!.severity).toEqual({ old: 'sev4', new: 'sev2' });
    expect(r!.flips).toContainEqual(expect.objectContaining({ kind: 'acknowledge', from: 'met', to: 'breached' }));
  });

  it('pages and pull-ins: roles added to a step the incident reached, or to the step at the start', () => {
    const sev1 = saas.severities[0]!;
    const steps = sev1.escalation!;
    const paged: Matrix = {
      ...saas,
      severities: [
        { ...sev1, escalation: [{ ...steps[0]!, notify: [...steps[0]!.notify, 'security'] }, { ...steps[1]!, notify: [...steps[1]!.notify, 'finance'] }, ...steps.slice(2)] },
        ...saas.severities.slice(1),
      ],
    };
    // Resolved after 45 min: step 2 (30m) was reached, step 3 (2h) not.
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T10:00:00Z' }, [{ type: 'resolved', at: '2026-03-27T10:45:00Z' }]) as IncidentRecord;
    const [r] = replayAll([{ file: 'r.json', record }], saas, paged, AS_OF).replayed;
    expect(r).toMatchObject({ pages: { added: ['finance'], removed: [] }, pull_ins: { added: ['security'], removed: [] } });
    const [back] = replayAll([{ file: 'r.json', record }], paged, saas, AS_OF).replayed;
    expect(back).toMatchObject({ pages: { added: [], removed: ['finance'] }, pull_ins: { added: [], removed: ['security'] } });
    // Resolved after 20 min: step 2 was never reached, so nobody more is paged.
    const quick = makeRecord({ severity: 'sev1', start: '2026-03-27T10:00:00Z' }, [{ type: 'resolved', at: '2026-03-27T10:20:00Z' }]) as IncidentRecord;
    expect(replayAll([{ file: 'q.json', record: quick }], saas, paged, AS_OF).replayed[0]!.pages.added).toEqual([]);
  });

  it('cannot replay, with the reason, a record whose severity, client or answer path is gone; never guesses', () => {
    const record = makeRecord({ severity: 'sev2', start: '2026-03-27T10:00:00Z' }) as IncidentRecord;
    const gone = { ...saas, severities: saas.severities.filter((s) => s.id !== 'sev2') };
    expect(replayRecord(record, gone)).toEqual({ ok: false, why: 'severity "sev2" is gone' });
    const msp = loadExample('msp.yaml');
    const forClient = makeRecord({ matrix: 'msp.yaml', severity: 'p2', start: '2026-11-02T15:00:00Z', client: 'northwind' }) as IncidentRecord;
    const { northwind: _, ...rest } = msp.clients!;
    expect(replayRecord(forClient, { ...msp, clients: rest })).toEqual({ ok: false, why: 'client "northwind" is gone' });
    const tree = { ...record, decided_by: 'tree' as const, answers: { nonsense: 'yes' } };
    const replay = replayRecord(tree, saas);
    expect(replay.ok).toBe(false);
    if (!replay.ok) expect(replay.why).toMatch(/^its answer path no longer ends: question "[a-z-]+" has no answer in the record$/);
    // A record read leanly keeps how it was triaged unchecked: replay checks it before walking the tree.
    for (const answers of [{ security: 5 }, ['yes'], null]) {
      expect(replayRecord({ ...tree, answers } as unknown as IncidentRecord, saas)).toEqual({ ok: false, why: 'the record does not say how it was triaged (decided_by and answers)' });
    }
    expect(replayRecord({ ...record, decided_by: 'guess' } as unknown as IncidentRecord, saas).ok).toBe(false);
    const owner = makeRecord({ severity: 'sev2', start: '2026-03-27T10:00:00Z' }, [{ type: 'owner_assigned', at: '2026-03-27T10:05:00Z', role: 'retired-team' }]) as IncidentRecord;
    expect(replayRecord(owner, saas)).toMatchObject({ ok: false, why: expect.stringMatching(/^role "retired-team" \(owner assigned .*\) is gone$/) });
  });
});
