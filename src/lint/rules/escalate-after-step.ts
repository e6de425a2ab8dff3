import type { EscalationStep } from '../../matrix/schema.js';
import { contractFindings, contracts, minutes } from '../facts.js';
import type { Rule } from '../rule.js';

/** The step escalate_after should name: the first one after the path's first responders. */
function expectedStep(steps: readonly EscalationStep[]): { j: number; after: string } | undefined {
  const times = steps.map((s) => minutes(s.after) ?? Infinity);
  const first = Math.min(...times);
  let best = -1;
  times.forEach((m, j) => {
    if (m > first && m !== Infinity && (best < 0 || m < times[best]!)) best = j;
  });
  return best < 0 ? undefined : { j: best, after: steps[best]!.after };
}

export const escalateAfterStep: Rule = {
  id: 'escalate-after-step',
  group: 'timing',
  level: 'warning',
  rationale: 'The triage card shows `escalate_after` as the time to escalate; when no step of the path happens then, the card and the path disagree.',
  check({ matrix, locator }) {
    // An exception is checked under each client or tier it covers; its escalate_after is the same under each, reported once.
    const found = contractFindings(locator);
    for (const contract of contracts(matrix)) {
      matrix.severities.forEach((severity, i) => {
        const steps = severity.escalation ?? [];
        const value = contract.value(i, 'escalate_after');
        // Under a contract, only a value it changed is new.
        if (steps.length === 0 || !value || (contract.name !== '' && !value.overridden)) return;
        if (steps.some((s) => minutes(s.after) === value.minutes)) return;
        const expected = expectedStep(steps);
        const times = steps.map((s) => s.after).join(', ');
        const line = expected ? locator.value(['severities', i, 'escalation', expected.j, 'after']).line : undefined;
        const hint = expected
          ? `expected step ${expected.j + 1} (after ${expected.after}, line ${line}), the first escalation after the first responders; set escalate_after: ${expected.after} or add a step at ${value.text}`
          : `the path has no step after its first to escalate to; add a step at ${value.text}`;
        found.add(contract, severity.id, value.path, `escalate_after ${value.text} matches no step of the escalation path (steps after ${times}); ${hint}`);
      });
    }
    return found.list();
  },
};
