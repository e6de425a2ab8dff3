import type { TargetKind } from '../../matrix/schema.js';
import { contracts, under, type TargetValue } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

/** The order things must happen in within one severity. */
const ORDER: readonly TargetKind[] = ['acknowledge', 'assign_owner', 'escalate_after', 'workaround', 'resolution'];

export const timingOrder: Rule = {
  id: 'timing-order',
  group: 'timing',
  level: 'error',
  rationale: 'Within a level, acknowledge ≤ assign owner ≤ escalate ≤ workaround ≤ resolution; anything else cannot be met in order.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    for (const contract of contracts(matrix)) {
      matrix.severities.forEach((severity, i) => {
        let latest: { kind: TargetKind; value: TargetValue } | undefined;
        for (const kind of ORDER) {
          const value = contract.value(i, kind);
          if (!value) continue;
          // Under a contract, only pairs it changed are new; the severity's own pairs are reported once.
          const fresh = contract.name === '' || value.overridden || latest?.value.overridden;
          if (latest && value.minutes < latest.value.minutes && fresh) {
            const which = !value.overridden && latest.value.overridden ? latest : { kind, value };
            out.push(
              findingAt(
                locator,
                which.value.path,
                `${under(severity.id, contract.name)}: ${kind} (${value.text}) falls before ${latest.kind} (${latest.value.text}); a level runs acknowledge ≤ assign_owner ≤ escalate_after ≤ workaround ≤ resolution`,
              ),
            );
          }
          if (!latest || value.minutes >= latest.value.minutes) latest = { kind, value };
        }
      });
    }
    return out;
  },
};
