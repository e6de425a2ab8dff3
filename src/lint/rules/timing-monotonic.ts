import { TARGET_KINDS } from '../../matrix/kinds.js';
import { contractFindings, contracts, origin, type TargetValue } from '../facts.js';
import type { Rule } from '../rule.js';

export const timingMonotonic: Rule = {
  id: 'timing-monotonic',
  group: 'timing',
  level: 'error',
  rationale: 'A more severe level never gets a looser target than a less severe one, or severity stops meaning urgency.',
  check({ matrix, locator }) {
    const found = contractFindings(locator);
    const severities = matrix.severities;
    for (const contract of contracts(matrix)) {
      const after = (value: TargetValue) => (origin(value, contract) ? `${value.text} (${origin(value, contract)})` : value.text);
      for (const kind of TARGET_KINDS) {
        // Walk from the least severe level up, keeping the tightest value seen below.
        let tightest: { value: TargetValue; index: number } | undefined;
        for (let i = severities.length - 1; i >= 0; i--) {
          const value = contract.value(i, kind);
          if (!value) continue;
          const fresh = contract.name === '' || value.overridden || tightest?.value.overridden;
          if (tightest && value.minutes > tightest.value.minutes && fresh) {
            const lower = severities[tightest.index]!;
            const at = !value.overridden && tightest.value.overridden ? tightest.value.path : value.path;
            found.add(
              contract,
              severities[i]!.id,
              at,
              `${kind} ${after(value)} is looser than ${kind} ${after(tightest.value)} of the less severe ${lower.id}; a more severe level needs the same or a tighter target`,
            );
          }
          if (!tightest || value.minutes <= tightest.value.minutes) tightest = { value, index: i };
        }
      }
    }
    return found.list();
  },
};
