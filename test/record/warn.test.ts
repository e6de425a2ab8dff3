/** `status --warn-within`: what falls overdue within a window, at the exact boundary of the one rule. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { warningsWithin } from '../../src/record/warn.js';
import { makeRecord } from './make-record.js';

const at = (iso: string) => new Date(iso);
const labels = (w: ReturnType<typeof warningsWithin>) => w.map((x) => (x.what === 'target' ? x.kind : x.what === 'step' ? `step ${x.step}` : 'update'));

describe('warningsWithin', () => {
  // sev1 round the clock from 16:30: acknowledge and owner due 16:45; client, escalate-if-unresolved, update and step 2 due 17:00.
  const open = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' });

  it('warns from the moment the breach (a whole minute past due) falls inside the window, not a millisecond earlier', () => {
    // Acknowledge due 16:45 is overdue from 16:46:00, so 15m warns from 16:31:00.
    expect(warningsWithin(open, at('2026-03-27T16:30:59.999+01:00'), 15)).toEqual([]);
    expect(labels(warningsWithin(open, at('2026-03-27T16:31:00+01:00'), 15))).toEqual(['acknowledge', 'assign_owner']);
    // And 16m from 16:30:00 reaches 16:46:00 exactly.
    expect(labels(warningsWithin(open, at('2026-03-27T16:30:00+01:00'), 16))).toEqual(['acknowledge', 'assign_owner']);
  });

  it('names targets, the next status update and an untaken escalation step, earliest first', () => {
    const w = warningsWithin(open, at('2026-03-27T16:50:00+01:00'), 15);
    // Acknowledge and owner are already overdue at 16:50: those are status's exit 1, not a warning.
    expect(evaluate(open, at('2026-03-27T16:50:00+01:00')).overdue).toBe(true);
    expect(labels(w)).toEqual(['notify_client', 'escalate_after', 'update', 'step 2']);
    expect(w.find((x) => x.what === 'step')).toMatchObject({ layer: 'management', due: at('2026-03-27T17:00:00+01:00') });
  });

  it('does not warn about what is already met, and knows only the events recorded by then', () => {
    const acknowledged = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
      { type: 'acknowledged', at: '2026-03-27T16:35:00+01:00' },
      { type: 'owner_assigned', at: '2026-03-27T16:44:00+01:00' },
    ]);
    expect(labels(warningsWithin(acknowledged, at('2026-03-27T16:40:00+01:00'), 15))).toEqual(['assign_owner']); // the 16:44 event is not known at 16:40
    expect(warningsWithin(acknowledged, at('2026-03-27T16:44:00+01:00'), 15)).toEqual([]);
  });

  it('counts the window in real time against business hours: a target due at closing breaches a minute into the next opening', () => {
    // sev3 on the office calendar (Mon-Fri 09:00-18:00 Europe/Berlin): 4h to acknowledge from Fri 14:00 falls due Fri 18:00,
    // and is overdue at Mon 09:01 (CEST after the weekend's change).
    const office = makeRecord({ severity: 'sev3', start: '2026-03-27T14:00:00+01:00' });
    const ack = (asOf: string, minutes: number) => labels(warningsWithin(office, at(asOf), minutes)).includes('acknowledge');
    expect(ack('2026-03-27T17:50:00+01:00', 15)).toBe(false); // 18:05 Friday: no working time has passed since 18:00
    expect(ack('2026-03-30T08:45:59+02:00', 15)).toBe(false);
    expect(ack('2026-03-30T08:46:00+02:00', 15)).toBe(true);
    expect(ack('2026-03-27T17:50:00+01:00', 3 * 24 * 60)).toBe(true); // a three-day window reaches Monday
  });

  it('warns about nothing on a resolved incident but its root-cause analysis', () => {
    const resolved = makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
      { type: 'acknowledged', at: '2026-03-27T16:35:00+01:00' },
      { type: 'resolved', at: '2026-03-27T17:30:00+01:00' },
    ]);
    // rca 2 days after the start: due Sun 29 Mar 17:30 (CEST); overdue from 17:31.
    expect(labels(warningsWithin(resolved, at('2026-03-29T17:16:00+02:00'), 15))).toEqual(['rca']);
    expect(warningsWithin(resolved, at('2026-03-29T17:15:00+02:00'), 15)).toEqual([]);
  });

  it('before the incident starts, warns about what will breach soon after it', () => {
    expect(labels(warningsWithin(open, at('2026-03-27T16:00:00+01:00'), 46))).toEqual(['acknowledge', 'assign_owner']);
    expect(warningsWithin(open, at('2026-03-27T16:00:00+01:00'), 45)).toEqual([]);
  });
});
