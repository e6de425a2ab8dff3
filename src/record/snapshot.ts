/** A triage result's plan as the lean snapshot events are judged against, and the clock it runs on. Pure. */
import type { Calendar } from '../matrix/schema.js';
import { elapsedClock, type TargetClock } from '../time/clock.js';
import { sharedWorkingCalendar } from '../time/working-time.js';
import type { TriageResult } from '../triage/result-schema.js';
import { TARGET_KINDS, type PlanSnapshot, type TargetKindName } from './schema.js';

/** The parts of a triage result a snapshot is made from (a record read leanly has no more). */
export type PlannedResult = Pick<TriageResult, 'severity' | 'clock' | 'deadlines' | 'escalation' | 'updates'>;

export function snapshotOf(result: PlannedResult): PlanSnapshot {
  const { severity, clock } = result;
  return {
    severity: { id: severity.id, name: severity.name, rank: severity.rank, ...(severity.promise ? { promise: severity.promise } : {}) },
    clock: {
      id: clock.id,
      ...(clock.timezone ? { timezone: clock.timezone } : {}),
      ...(clock.days ? { days: clock.days } : {}),
      ...(clock.hours ? { hours: clock.hours } : {}),
      ...(clock.holidays ? { holidays: clock.holidays } : {}),
    },
    deadlines: result.deadlines
      .filter((d): d is typeof d & { kind: TargetKindName } => (TARGET_KINDS as readonly string[]).includes(d.kind))
      .map((d) => ({ kind: d.kind, target: d.target, at: d.at })),
    escalation: result.escalation.map((s) => ({
      after: s.after,
      at: s.at,
      ...(s.layer ? { layer: s.layer } : {}),
      notify: s.notify.map((r) => ({ role: r.role, title: r.title, contact: r.contact })),
      notify_client: s.notify_client,
    })),
    ...(result.updates.every ? { update_every: result.updates.every } : {}),
  };
}

/** Per clock object read from a record, so judging one record builds its clock once. */
const seen = new WeakMap<PlanSnapshot['clock'], { zone: string; clock: TargetClock }>();

/** The clock of a snapshot: a business-hours calendar when it names days and hours, else round the clock. */
export function clockOf(clock: PlanSnapshot['clock'], zone: string): TargetClock {
  if (!clock.days || !clock.hours) return elapsedClock;
  const known = seen.get(clock);
  if (known?.zone === zone) return known.clock;
  const calendar = { days: clock.days, hours: clock.hours, holidays: clock.holidays ?? [], ...(clock.timezone ? { timezone: clock.timezone } : {}) } as Calendar;
  const found: TargetClock = { kind: 'working', id: clock.id, calendar: sharedWorkingCalendar(calendar, zone) };
  seen.set(clock, { zone, clock: found });
  return found;
}
