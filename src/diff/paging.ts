/** Paging targets: who each tool pages for a role is part of the matrix like a contact is. */
import type { PagingTarget } from '../matrix/schema.js';
import { byKey, field, type Sides, type Sink } from './compare.js';

const pagerduty = (t: PagingTarget) => {
  const p = t.pagerduty;
  if (!p) return undefined;
  return p.user !== undefined ? `user ${p.user}` : p.schedule !== undefined ? `schedule ${p.schedule}` : `escalation policy ${p.escalation_policy}`;
};
const brief = (t: PagingTarget) => [t.alertmanager !== undefined ? `alertmanager ${t.alertmanager}` : '', pagerduty(t) !== undefined ? `pagerduty ${pagerduty(t)}` : ''].filter(Boolean).join(', ');

export function diffPaging(sides: Sides, out: Sink): void {
  byKey(sides.old.paging, sides.new.paging, {
    removed: (id, t) => out.push({ area: 'roles', kind: 'removed', path: ['paging', id], subject: `paging ${id}`, old: brief(t), direction: 'neutral' }),
    added: (id, t) => out.push({ area: 'roles', kind: 'added', path: ['paging', id], subject: `paging ${id}`, new: brief(t), direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `paging ${id}`;
      field(out, 'roles', ['paging', id, 'alertmanager'], subject, 'alertmanager', a.alertmanager, b.alertmanager);
      field(out, 'roles', ['paging', id, 'pagerduty'], subject, 'pagerduty', pagerduty(a), pagerduty(b));
    },
  });
}
