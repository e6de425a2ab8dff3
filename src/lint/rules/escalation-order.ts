import { minutes } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const escalationOrder: Rule = {
  id: 'escalation-order',
  group: 'timing',
  level: 'error',
  rationale: 'Escalation steps are read top to bottom as a timeline; a step earlier than the one above it is a typo or a wrong order.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    matrix.severities.forEach((severity, i) => {
      let previous: { after: string; minutes: number; step: number } | undefined;
      (severity.escalation ?? []).forEach((step, j) => {
        const m = minutes(step.after);
        if (m === undefined) return;
        if (previous && m < previous.minutes) {
          out.push(
            findingAt(
              locator,
              ['severities', i, 'escalation', j, 'after'],
              `${severity.id}: escalation step ${j + 1} (after ${step.after}) comes before step ${previous.step + 1} (after ${previous.after}); steps must move forward in time`,
            ),
          );
        }
        if (!previous || m >= previous.minutes) previous = { after: step.after, minutes: m, step: j };
      });
    });
    return out;
  },
};
