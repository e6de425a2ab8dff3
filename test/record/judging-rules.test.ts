/**
 * The judging rules docs/records.md settles, each on a hand-computed case: a resolution is
 * not an escalation, one boundary rule for targets, steps and updates, a severity change
 * re-plans the cadence and the steps, steps due at 0 minutes are taken by the card, a record
 * judged before it started.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { buildReport } from '../../src/record/report.js';
import { snapshotOf } from '../../src/record/snapshot.js';
import type { RecordEvent } from '../../src/record/schema.js';
import { makeRecord } from './make-record.js';

const byKind = (e: ReturnType<typeof evaluate>) => Object.fromEntries(e.targets.map((t) => [t.kind, t]));
const START = '2026-03-27T16:30:00+01:00'; // sev1: acknowledge 15m, escalate if unresolved 30m, updates every 30m, steps 0m/30m/2h

/** A severity change at `at` to `to`, re-planned from that moment as `escalate event` does. */
function change(to: string, at: string): RecordEvent {
  const replanned = makeRecord({ severity: to, start: at });
  return { type: 'severity_changed', at, by: 'lead', recorded_at: at, to, matrix_sha256: 'f'.repeat(64), plan: snapshotOf(replanned) };
}

describe('a resolution is not an escalation', () => {
  it('resolved before "escalate if unresolved" fell due: not needed, and not escalated', () => {
    const record = makeRecord({ severity: 'sev1', start: START }, [{ type: 'resolved', at: '2026-03-27T16:50:00+01:00' }]);
    const e = evaluate(record, new Date('2026-03-28T00:00:00Z'));
    expect(byKind(e).escalate_after!.state).toBe('not_needed');
    expect(e.escalated).toBe(false);
  });

  it('resolved after it fell due, never escalated: missed, by the minutes past the deadline', () => {
    const record = makeRecord({ severity: 'sev1', start: START }, [{ type: 'resolved', at: '2026-03-27T17:10:00+01:00' }]);
    const e = evaluate(record, new Date('2026-03-28T00:00:00Z'));
    expect(byKind(e).escalate_after).toMatchObject({ state: 'missed', lateMinutes: 10 });
    const report = buildReport([{ file: 'a.json', evaluation: e }], { asOf: new Date('2026-03-28T00:00:00Z') });
    expect(report.groups[0]!.compliance.targets.escalate_after).toMatchObject({ on_time: 0, missed: 1 });
    expect(report.groups[0]!.escalation_rate).toBe(0);
  });
});

describe('one boundary rule for targets, steps and status updates', () => {
  // Step 2 (30m) and "escalate if unresolved" are due at 17:00; the first status update too.
  const record = makeRecord({ severity: 'sev1', start: START }, [
    { type: 'acknowledged', at: '2026-03-27T16:40:00+01:00' },
    { type: 'owner_assigned', at: '2026-03-27T16:40:00+01:00' },
    { type: 'client_notified', at: '2026-03-27T16:40:00+01:00' },
  ]);

  it('at the instant things fall due nothing is overdue yet, nor within the minute after', () => {
    for (const at of ['2026-03-27T16:00:00Z', '2026-03-27T16:00:59Z']) {
      const e = evaluate(record, new Date(at));
      expect(e.steps[1]!.state).toBe('due');
      expect(e.steps[1]!.lateMinutes).toBeUndefined();
      expect(byKind(e).escalate_after!.state).toBe('due');
      expect(e.cadence.next!.overdue).toBe(false);
      expect(e.overdue).toBe(false);
    }
  });

  it('a whole minute later all three are overdue by 1 min', () => {
    const e = evaluate(record, new Date('2026-03-27T16:01:00Z'));
    expect(e.steps[1]).toMatchObject({ state: 'due', lateMinutes: 1 });
    expect(byKind(e).escalate_after).toMatchObject({ state: 'overdue', lateMinutes: 1 });
    expect(e.cadence.next).toMatchObject({ overdue: true, lateMinutes: 1 });
    expect(e.overdue).toBe(true);
  });

  it('done at the instant it falls due is on time', () => {
    const done = { ...record, events: [...record.events!, ...(['escalated', 'update_sent'] as const).map((type) => ({ type, at: '2026-03-27T17:00:00+01:00', by: 'x', recorded_at: '2026-03-27T17:00:00+01:00' }) as RecordEvent)] };
    const e = evaluate(done, new Date('2026-03-27T16:10:00Z'));
    expect(byKind(e).escalate_after!.state).toBe('on_time');
    expect(e.steps[1]).toMatchObject({ state: 'done' });
    expect(e.steps[1]!.lateMinutes).toBeUndefined();
    expect(e.cadence).toMatchObject({ kept: 1, missed: 0 });
  });

  it('a fresh incident is not overdue: steps due at 0 minutes were pulled in by the triage card', () => {
    const fresh = makeRecord({ severity: 'sev1', start: START });
    for (const at of ['2026-03-27T15:30:00Z', '2026-03-27T15:45:00Z']) {
      const e = evaluate(fresh, new Date(at));
      expect(e.steps[0]).toMatchObject({ state: 'done', doneAt: new Date(START) });
      expect(e.overdue).toBe(false);
      expect(e.escalated).toBe(false);
    }
  });
});

describe('a severity change re-plans everything from its moment', () => {
  // sev3 (office calendar, updates every 1d, steps 0m/1d) raised to sev1 at 10:00 on Monday 30 March.
  const raised = () =>
    makeRecord({ severity: 'sev3', start: '2026-03-30T09:30:00+02:00' }, [{ type: 'acknowledged', at: '2026-03-30T09:40:00+02:00' }]);

  it('the update cadence becomes every 30m from the change', () => {
    const record = raised();
    record.events!.push(change('sev1', '2026-03-30T10:00:00+02:00'));
    const e = evaluate(record, new Date('2026-03-30T10:31:00+02:00'));
    expect(e.cadence.every).toBe('30m');
    expect(e.cadence.next).toMatchObject({ due: new Date('2026-03-30T10:30:00+02:00'), overdue: true, lateMinutes: 1 });
    expect(e.overdue).toBe(true);
  });

  it('escalation steps are the new plan\'s: step 3 of sev1 can be recorded and is done', () => {
    const record = raised();
    record.events!.push(change('sev1', '2026-03-30T10:00:00+02:00'), { type: 'escalated', at: '2026-03-30T12:00:00+02:00', by: 'x', recorded_at: '2026-03-30T12:00:00+02:00', step: 3 });
    const e = evaluate(record, new Date('2026-03-30T12:05:00+02:00'));
    expect(e.steps.map((s) => s.state)).toEqual(['done', 'due', 'done']);
    expect(e.steps[0]!.doneAt).toEqual(new Date('2026-03-30T10:00:00+02:00')); // sev1's 0m step: pulled in by the re-plan
    expect(e.steps[2]!.at).toEqual(new Date('2026-03-30T12:00:00+02:00'));
    expect(e.escalated).toBe(true);
    expect(e.escalations).toEqual([{ layer: 'executive', at: new Date('2026-03-30T12:00:00+02:00'), minutes: 150 }]);
  });

  it('an update after the change is kept against the new cadence, which counts from the change', () => {
    const record = raised();
    record.events!.push(change('sev1', '2026-03-30T10:00:00+02:00'), { type: 'update_sent', at: '2026-03-30T10:25:00+02:00', by: 'x', recorded_at: '2026-03-30T10:25:00+02:00' });
    const e = evaluate(record, new Date('2026-03-30T10:50:00+02:00'));
    expect(e.cadence).toMatchObject({ every: '30m', kept: 1, missed: 0, next: { due: new Date('2026-03-30T10:55:00+02:00'), overdue: false } });
  });
});

describe('a downgrade drops the targets the new severity does not have', () => {
  it('sev2 lowered to sev4 before its client notice fell due: no client notice, no escalate-if-unresolved; a breach before the change stays', () => {
    // sev2 from 10:00 Monday: acknowledge 30m (10:30), notify client 1h (11:00), escalate if unresolved 2h (12:00).
    const record = makeRecord({ severity: 'sev2', start: '2026-03-30T10:00:00+02:00' });
    const lowered = change('sev4', '2026-03-30T10:45:00+02:00') as Extract<RecordEvent, { type: 'severity_changed' }>;
    record.events = [lowered];
    const t = byKind(evaluate(record, new Date('2026-03-30T15:00:00+02:00')));
    expect(t.notify_client).toBeUndefined();
    expect(t.escalate_after).toBeUndefined();
    expect(t.acknowledge).toMatchObject({ state: 'overdue', due: new Date('2026-03-30T10:30:00+02:00') }); // missed under sev2, before the change
    expect(t.resolution!.due).toEqual(new Date(lowered.plan.deadlines.find((d) => d.kind === 'resolution')!.at));
  });
});

describe('the worked examples of docs/records.md', () => {
  it('updates every 30m from 10:00, sent 10:25, 11:10, 11:40, judged 12:41: 2 kept, 3 missed, next overdue by 31 min', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-26T10:00:00+01:00' }, ['10:25', '11:10', '11:40'].map((t) => ({ type: 'update_sent' as const, at: `2026-03-26T${t}:00+01:00` })));
    expect(evaluate(record, new Date('2026-03-26T12:41:00+01:00')).cadence).toEqual({
      every: '30m',
      kept: 2,
      missed: 3,
      next: { due: new Date('2026-03-26T12:10:00+01:00'), overdue: true, lateMinutes: 31 },
    });
  });
});

describe('handoff completeness', () => {
  it('a severity that requires no handoff fields is neither complete nor incomplete, and left out of the rate', () => {
    const asOf = new Date('2026-04-10T00:00:00Z');
    const none = makeRecord({ severity: 'sev4', start: '2026-03-30T10:00:00+02:00' });
    expect(evaluate(none, asOf).handoff).toEqual({ required: 0, filled: 0 });
    const alone = buildReport([{ file: 'a.json', evaluation: evaluate(none, asOf) }], { asOf });
    expect(alone.groups[0]!.handoff).toEqual({ required: 0, filled: 0, complete: 0 });
    const filled = makeRecord({ severity: 'sev3', start: '2026-03-30T10:00:00+02:00', handoff: { 'impact-summary': 'x', reproduction: 'y' } });
    const both = buildReport(
      [
        { file: 'a.json', evaluation: evaluate(none, asOf) },
        { file: 'b.json', evaluation: evaluate(filled, asOf) },
      ],
      { asOf },
    );
    expect(both.groups[0]!.handoff).toEqual({ required: 2, filled: 2, complete: 1, rate: 1 });
  });
});

describe('judged before the incident started', () => {
  it('is "not started yet": nothing due, nothing overdue, no internal error', () => {
    const record = makeRecord({ severity: 'sev1', start: START }, [{ type: 'acknowledged', at: '2026-03-27T16:40:00+01:00' }]);
    const e = evaluate(record, new Date('2026-03-27T15:00:00Z'));
    expect(e).toMatchObject({ started: false, open: true, overdue: false, targets: [], steps: [], events: [] });
    const report = buildReport([{ file: 'a.json', evaluation: e }], { asOf: new Date('2026-03-27T15:00:00Z') });
    expect(report.incidents).toEqual([]);
  });
});
