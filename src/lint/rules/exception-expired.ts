import { findingAt, type Finding, type Rule } from '../rule.js';

export const exceptionExpired: Rule = {
  id: 'exception-expired',
  group: 'upkeep',
  level: 'warning',
  rationale: 'Exceptions are time-bound; one past its end is dead weight that readers may still follow.',
  check({ matrix, locator, today }) {
    const out: Finding[] = [];
    (matrix.exceptions ?? []).forEach((exception, i) => {
      const ended = exception.until.slice(0, 10);
      if (ended < today) {
        out.push(findingAt(locator, ['exceptions', i, 'until'], `exception "${exception.id}" ended on ${ended}; remove it or renew it with a new window`));
      }
    });
    return out;
  },
};
