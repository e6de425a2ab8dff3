/**
 * Early warning for `status --warn-within`: what is not overdue now but will be within a
 * window, if nobody acts. Judging is not re-implemented: the record is judged at now and at
 * now + window (knowing only the events recorded by now) and the warnings are the
 * differences, so "about to be breached" follows the one boundary rule exactly - a target
 * due at 10:00 is overdue at 10:01, so `--warn-within 15m` warns about it from 09:46. Pure.
 */
import { evaluate, type Evaluation, type RecordCore } from './evaluate.js';
import type { TargetKindName } from './schema.js';

export type Warning =
  | { what: 'target'; kind: TargetKindName; label: string; due: Date }
  | { what: 'update'; label: string; due: Date }
  | { what: 'step'; label: string; step: number; layer?: string; due: Date; roles: Evaluation['steps'][number]['notify'] };

/** Whether something in `e` is overdue now, item by item, in the order status shows them. */
function overdueItems(e: Evaluation): Map<string, Warning> {
  const items = new Map<string, Warning>();
  for (const t of e.targets) if (t.state === 'overdue') items.set(`target:${t.kind}`, { what: 'target', kind: t.kind, label: t.label, due: t.due });
  if (e.cadence.next?.overdue) items.set('update', { what: 'update', label: 'Next status update', due: e.cadence.next.due });
  for (const s of e.steps) {
    if (s.state === 'due' && s.lateMinutes !== undefined) {
      items.set(`step:${s.index}`, { what: 'step', label: `Escalation step ${s.index}${s.layer ? ` (${s.layer})` : ''}`, step: s.index, ...(s.layer ? { layer: s.layer } : {}), due: s.at, roles: s.notify });
    }
  }
  return items;
}

/**
 * What falls overdue after `asOf` and no later than `asOf` + `windowMinutes` (real time), if
 * nothing more is recorded: targets, the next status update, escalation steps. Earliest first.
 */
export function warningsWithin(record: RecordCore, asOf: Date, windowMinutes: number, now: Evaluation = evaluate(record, asOf)): Warning[] {
  const known = { ...record, events: (record.events ?? []).filter((e) => new Date(e.at).getTime() <= asOf.getTime()) };
  const later = evaluate(known, new Date(asOf.getTime() + windowMinutes * 60_000));
  const already = overdueItems(now);
  const found = [...overdueItems(later)].filter(([key]) => !already.has(key)).map(([, w]) => w);
  return found.sort((a, b) => a.due.getTime() - b.due.getTime());
}
