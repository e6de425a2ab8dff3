/**
 * Escalation paths. Steps have no ids, so they are paired the way a reader would: the
 * same time, else the same roles (a step moved in time), else the same layer.
 */
import type { EscalationStep } from '../matrix/schema.js';
import { sameTime, timeDirection, type TargetClock } from './clocks.js';
import { field, setField, type Sink } from './compare.js';
import { pairBy } from './pair.js';

/** The clock of the severity on each side: a step's `after` is working time on a calendar. */
export interface Clocks {
  old: TargetClock;
  new: TargetClock;
}

export function diffEscalation(severity: string, before: readonly EscalationStep[], after: readonly EscalationStep[], clocks: Clocks, out: Sink): void {
  const { pairs, removed, added } = pairSteps(before, after, clocks);
  const at = (index: number, ...rest: string[]) => ['severities', severity, 'escalation', index, ...rest];
  for (const i of removed) {
    out.push({ area: 'escalation', kind: 'removed', path: at(i), subject: `${severity} step at ${before[i]!.after}`, old: describeStep(before[i]!), direction: 'looser' });
  }
  for (const j of added) {
    out.push({ area: 'escalation', kind: 'added', path: at(j), subject: `${severity} step at ${after[j]!.after}`, new: describeStep(after[j]!), direction: 'stricter' });
  }
  for (const [i, j] of pairs) {
    const a = before[i]!;
    const b = after[j]!;
    const subject = `${severity} step at ${b.after}`;
    if (!sameTime(a.after, b.after, clocks.old, clocks.new)) {
      const direction = timeDirection({ duration: a.after, clock: clocks.old }, { duration: b.after, clock: clocks.new });
      out.push({ area: 'escalation', kind: 'retimed', path: at(j, 'after'), subject, field: 'after', old: a.after, new: b.after, direction });
    }
    setField(out, 'escalation', at(j, 'notify'), subject, 'notify', a.notify, b.notify);
    field(out, 'escalation', at(j, 'layer'), subject, 'layer', a.layer, b.layer);
    const told = (step: EscalationStep) => step.notify_client === true;
    if (told(a) !== told(b)) {
      out.push({ area: 'escalation', kind: 'changed', path: at(j, 'notify_client'), subject, field: 'client notified', old: told(a), new: told(b), direction: told(b) ? 'stricter' : 'looser' });
    }
    field(out, 'escalation', at(j, 'approval'), subject, 'approval', a.approval, b.approval);
    field(out, 'escalation', at(j, 'note'), subject, 'note', a.note, b.note);
  }
}

/** Same time, else the same roles (moved in time), else the same layer. */
export const pairSteps = (before: readonly EscalationStep[], after: readonly EscalationStep[], clocks: Clocks) =>
  pairBy(before, after, [
    (a, b) => sameTime(a.after, b.after, clocks.old, clocks.new),
    (a, b) => roles(a) === roles(b),
    (a, b) => a.layer !== undefined && a.layer === b.layer,
  ]);

const roles = (step: EscalationStep) => [...step.notify].sort().join(',');

function describeStep(step: EscalationStep): string {
  const extras = [step.layer, step.notify_client ? 'client notified' : undefined, step.approval ? `approved by ${step.approval}` : undefined].filter(Boolean);
  return `notify ${step.notify.join(', ')}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}
