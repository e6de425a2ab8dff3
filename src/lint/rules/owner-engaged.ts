import { minutes, sideOf } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const ownerEngaged: Rule = {
  id: 'owner-engaged',
  group: 'ownership',
  level: 'warning',
  rationale: 'The accountable owner of a level is pulled in by the first escalation step, or ownership exists only on paper.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    matrix.severities.forEach((severity, i) => {
      const steps = severity.escalation ?? [];
      // A client- or vendor-side owner is owner-accountable's finding: pulling that role into
      // the first step is not the fix, an internal owner is.
      if (steps.length === 0 || sideOf(matrix, severity.owner) !== 'internal') return;
      const first = Math.min(...steps.map((s) => minutes(s.after) ?? Infinity));
      const engaged = steps.some((s) => (minutes(s.after) ?? Infinity) === first && s.notify.includes(severity.owner));
      if (!engaged) {
        const j = steps.findIndex((s) => (minutes(s.after) ?? Infinity) === first);
        out.push(
          findingAt(
            locator,
            ['severities', i, 'escalation', Math.max(j, 0), 'notify'],
            `${severity.id} is owned by "${severity.owner}", but the first escalation step does not notify that role; add it to notify`,
          ),
        );
      }
    });
    return out;
  },
};
