import type { TargetKind } from '../../matrix/schema.js';
import { contractFindings, contracts, origin, type TargetValue } from '../facts.js';
import type { Rule } from '../rule.js';

/** The order things must happen in within one severity. */
const ORDER: readonly TargetKind[] = ['acknowledge', 'assign_owner', 'escalate_after', 'workaround', 'resolution'];

export const timingOrder: Rule = {
  id: 'timing-order',
  group: 'timing',
  level: 'error',
  rationale: 'Within a level, acknowledge ≤ assign owner ≤ escalate ≤ workaround ≤ resolution; anything else cannot be met in order.',
  check({ matrix, locator }) {
    const found = contractFindings(locator);
    for (const contract of contracts(matrix)) {
      const inside = (value: TargetValue) => [value.text, origin(value, contract)].filter(Boolean).join(', ');
      matrix.severities.forEach((severity, i) => {
        let latest: { kind: TargetKind; value: TargetValue } | undefined;
        for (const kind of ORDER) {
          const value = contract.value(i, kind);
          if (!value) continue;
          // Under a contract, only pairs it changed are new; the severity's own pairs are reported once.
          const fresh = contract.name === '' || value.overridden || latest?.value.overridden;
          if (latest && value.minutes < latest.value.minutes && fresh) {
            const which = !value.overridden && latest.value.overridden ? latest : { kind, value };
            found.add(
              contract,
              severity.id,
              which.value.path,
              `${kind} (${inside(value)}) falls before ${latest.kind} (${inside(latest.value)}); a level runs acknowledge ≤ assign_owner ≤ escalate_after ≤ workaround ≤ resolution`,
            );
          }
          if (!latest || value.minutes >= latest.value.minutes) latest = { kind, value };
        }
      });
    }
    return found.list();
  },
};
