import { ROUND_THE_CLOCK } from '../../matrix/references.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

/** The calendar a severity or tier names, with round the clock written one way. */
const same = (calendar: string | undefined) => calendar ?? ROUND_THE_CLOCK;

export const calendarNoChange: Rule = {
  id: 'calendar-no-change',
  group: 'timing',
  level: 'warning',
  rationale: 'A tier calendar that every severity already runs on changes nothing; it usually means the tier was meant to differ (or its description promises a difference the targets do not make).',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
      if (tier.calendar === undefined || matrix.severities.length === 0) continue;
      const wanted = same(tier.calendar);
      if (!matrix.severities.every((s) => same(s.calendar) === wanted)) continue;
      const what = wanted === ROUND_THE_CLOCK ? 'round the clock' : `calendar "${wanted}"`;
      out.push(
        findingAt(
          locator,
          ['tiers', id, 'calendar'],
          `tier "${id}" sets calendar ${tier.calendar}, but every severity already runs ${wanted === ROUND_THE_CLOCK ? what : `on ${what}`}: the override changes nothing; remove it, or give the tier the calendar it was meant to have`,
        ),
      );
    }
    return out;
  },
};
