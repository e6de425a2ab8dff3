import { ROUND_THE_CLOCK } from '../../matrix/references.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const businessHoursCritical: Rule = {
  id: 'business-hours-critical',
  group: 'timing',
  level: 'warning',
  rationale: 'The most severe level on business hours lets a Friday-night outage wait until Monday.',
  check({ matrix, locator }) {
    const first = matrix.severities[0]!;
    const out: Finding[] = [];
    if (first.calendar !== undefined && first.calendar !== ROUND_THE_CLOCK) {
      out.push(
        findingAt(
          locator,
          ['severities', 0, 'calendar'],
          `${first.id}, the most severe level, runs on the business-hours calendar "${first.calendar}": its targets stop at night and at weekends; use 24x7 unless that is intended`,
        ),
      );
    }
    // A tier's calendar applies to every level of its clients, the most severe included.
    for (const [tid, tier] of Object.entries(matrix.tiers ?? {})) {
      if (tier.calendar === undefined || tier.calendar === ROUND_THE_CLOCK) continue;
      out.push(
        findingAt(
          locator,
          ['tiers', tid, 'calendar'],
          `tier "${tid}" puts every level, ${first.id} included, on the business-hours calendar "${tier.calendar}"; give ${first.id} round-the-clock targets unless that is intended`,
        ),
      );
    }
    return out;
  },
};
