import type { Path } from '../../diagnostics.js';
import { canonicalZone } from '../../time/zone.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const timezoneCanonical: Rule = {
  id: 'timezone-canonical',
  group: 'timing',
  level: 'warning',
  rationale: 'Zone names are matched without regard to case here, but Alertmanager, PagerDuty and calendar clients look them up exactly: `america/new_york` must be written `America/New_York`.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    const check = (zone: string | undefined, path: Path, what: string) => {
      if (zone === undefined) return;
      const fixed = canonicalZone(zone);
      if (fixed === zone) return;
      out.push(findingAt(locator, path, `${what}time zone "${zone}" is not spelt the way the time-zone database spells it; write "${fixed}" (exports write "${fixed}", other tools may not find "${zone}")`));
    };
    check(matrix.timezone, ['timezone'], 'the matrix ');
    for (const [id, calendar] of Object.entries(matrix.calendars ?? {})) check(calendar.timezone, ['calendars', id, 'timezone'], `calendar "${id}": `);
    return out;
  },
};
