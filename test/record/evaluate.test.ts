/** Judging one record: on time, late, overdue, missed, re-planning, business hours across DST and holidays. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { snapshotOf } from '../../src/record/snapshot.js';
import { makeRecord } from './make-record.js';

const byKind = (e: ReturnType<typeof evaluate>) => Object.fromEntries(e.targets.map((t) => [t.kind, t]));

describe('evaluate', () => {
  it('marks an acknowledgement 7 min late, an escalation on time, a resolution on time (sev1, round the clock)', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
      { type: 'acknowledged', at: '2026-03-27T16:52:00+01:00' },
      { type: 'owner_assigned', at: '2026-03-27T16:40:00+01:00' },
      { type: 'client_notified', at: '2026-03-27T16:58:00+01:00' },
      { type: 'escalated', at: '2026-03-27T16:59:00+01:00', layer: 'management' },
      { type: 'resolved', at: '2026-03-27T19:00:00+01:00' },
    ]);
    const e = evaluate(record, new Date('2026-03-28T12:00:00Z'));
    const t = byKind(e);
    expect(t.acknowledge).toMatchObject({ state: 'late', lateMinutes: 7 });
    expect(t.assign_owner!.state).toBe('on_time');
    expect(t.notify_client!.state).toBe('on_time');
    expect(t.escalate_after!.state).toBe('on_time');
    expect(t.workaround!.state).toBe('on_time'); // the resolution came before the workaround deadline
    expect(t.resolution!.state).toBe('on_time');
    expect(t.rca!.state).toBe('due');
    expect(e.open).toBe(false);
    expect(e.acknowledgeMinutes).toBe(22);
    expect(e.resolveMinutes).toBe(150);
    expect(e.escalations).toEqual([{ layer: 'management', at: new Date('2026-03-27T15:59:00Z'), minutes: 29 }]);
    expect(e.steps.map((s) => s.state)).toEqual(['done', 'done', 'not_needed']); // step 1 (0m): pulled in by the triage card at the start
  });

  it('is overdue while open: a target, the next status update, and a step nobody took', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [{ type: 'acknowledged', at: '2026-03-27T16:35:00+01:00' }]);
    const early = evaluate(record, new Date('2026-03-27T15:40:00Z'));
    expect(early.overdue).toBe(false); // step 1 (0m) was pulled in by the triage card
    expect(early.steps[0]).toMatchObject({ state: 'done', doneAt: new Date('2026-03-27T15:30:00Z') });
    const untaken = evaluate(record, new Date('2026-03-27T16:01:00Z')); // step 2 (30m) due 17:00, nobody recorded it
    expect(untaken.steps[1]).toMatchObject({ state: 'due', lateMinutes: 1 });
    expect(untaken.overdue).toBe(true);
    const stepped = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
      { type: 'acknowledged', at: '2026-03-27T16:35:00+01:00' },
      { type: 'owner_assigned', at: '2026-03-27T16:35:00+01:00' },
      { type: 'escalated', at: '2026-03-27T16:36:00+01:00', step: 1 },
    ]);
    expect(evaluate(stepped, new Date('2026-03-27T15:40:00Z')).overdue).toBe(false);
    const late = evaluate(stepped, new Date('2026-03-27T16:10:00Z'));
    expect(late.cadence.next).toMatchObject({ overdue: true, lateMinutes: 10 });
    expect(late.cadence.missed).toBe(1);
    expect(late.overdue).toBe(true);
  });

  it('keeps the status-update cadence from each update sent', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
      { type: 'update_sent', at: '2026-03-27T16:55:00+01:00' },
      { type: 'update_sent', at: '2026-03-27T17:20:00+01:00' },
      { type: 'update_sent', at: '2026-03-27T18:31:00+01:00' }, // 71 min after the last: 17:50 and 18:20 missed
      { type: 'resolved', at: '2026-03-27T18:40:00+01:00' },
    ]);
    expect(evaluate(record, new Date('2026-03-28T00:00:00Z')).cadence).toEqual({ every: '30m', kept: 2, missed: 2 });
  });

  it('a severity change re-plans targets not yet due, and never erases one already missed', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, []);
    const downgraded = makeRecord({ severity: 'sev3', start: '2026-03-27T17:30:00+01:00' });
    const change = { type: 'severity_changed' as const, at: '2026-03-27T17:30:00+01:00', to: 'sev3', matrix_sha256: 'f'.repeat(64), plan: snapshot(downgraded) };
    const e = evaluate({ ...record, events: [{ ...change, by: 'lead', recorded_at: change.at }] }, new Date('2026-03-27T17:00:00Z'));
    const t = byKind(e);
    expect(e.severity).toBe('sev3');
    expect(t.acknowledge).toMatchObject({ state: 'overdue', due: new Date('2026-03-27T15:45:00Z') }); // sev1's 15m, missed before the change
    expect(t.resolution!.due).toEqual(new Date(downgraded.deadlines.find((d) => d.kind === 'resolution')!.at)); // sev3's 10 working days from the change
  });

  it('counts only working time on a business calendar: an acknowledgement over the weekend and Christmas', () => {
    // sev3 runs on the office calendar (Mon-Fri 09:00-18:00 Europe/Berlin, 24-26 Dec holidays): 4h to acknowledge.
    const record = makeRecord({ severity: 'sev3', start: '2026-12-23T16:00:00+01:00' }, [{ type: 'acknowledged', at: '2026-12-28T10:30:00+01:00' }]);
    const t = byKind(evaluate(record, new Date('2027-01-10T00:00:00Z')));
    expect(t.acknowledge!.due).toEqual(new Date('2026-12-28T11:00:00+01:00')); // 2 h on the 23rd, then Mon 28th 09:00 + 2 h
    expect(t.acknowledge!.state).toBe('on_time');
    const late = makeRecord({ severity: 'sev3', start: '2026-12-23T16:00:00+01:00' }, [{ type: 'acknowledged', at: '2026-12-28T12:15:00+01:00' }]);
    expect(byKind(evaluate(late, new Date('2027-01-10T00:00:00Z'))).acknowledge).toMatchObject({ state: 'late', lateMinutes: 75, clock: 'office' });
  });

  it('measures across the spring daylight-saving change in working time and in elapsed time', () => {
    // Fri 27 Mar 2026 17:00 CET; the clocks go forward on Sun 29 Mar. 4 working hours: 1 h Friday, 3 h Monday (CEST).
    const record = makeRecord({ severity: 'sev3', start: '2026-03-27T17:00:00+01:00' }, [{ type: 'acknowledged', at: '2026-03-30T12:30:00+02:00' }]);
    const e = evaluate(record, new Date('2026-04-10T00:00:00Z'));
    expect(byKind(e).acknowledge).toMatchObject({ due: new Date('2026-03-30T12:00:00+02:00'), state: 'late', lateMinutes: 30 });
    expect(e.acknowledgeMinutes).toBe(270);
    const sev1 = makeRecord({ severity: 'sev1', start: '2026-03-29T01:30:00+01:00' }, [{ type: 'acknowledged', at: '2026-03-29T03:40:00+02:00' }]);
    expect(evaluate(sev1, new Date('2026-04-10T00:00:00Z')).acknowledgeMinutes).toBe(70); // 01:30 CET to 03:40 CEST is 70 elapsed minutes
  });

  it('a resolution before a target fell due makes it not needed; after, missed', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [{ type: 'resolved', at: '2026-03-27T16:40:00+01:00' }]);
    const t = byKind(evaluate(record, new Date('2026-03-28T00:00:00Z')));
    expect(t.acknowledge!.state).toBe('not_needed');
    const slow = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [{ type: 'resolved', at: '2026-03-27T17:10:00+01:00' }]);
    expect(byKind(evaluate(slow, new Date('2026-03-28T00:00:00Z'))).acknowledge).toMatchObject({ state: 'missed', lateMinutes: 25 });
  });

  it('ignores events after the moment it judges at', () => {
    const record = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [{ type: 'acknowledged', at: '2026-03-27T16:52:00+01:00' }]);
    expect(byKind(evaluate(record, new Date('2026-03-27T15:50:00Z'))).acknowledge).toMatchObject({ state: 'overdue', lateMinutes: 5 });
  });
});

const snapshot = (r: ReturnType<typeof makeRecord>) => snapshotOf(r);
