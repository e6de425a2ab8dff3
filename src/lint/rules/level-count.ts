import { findingAt, type Rule } from '../rule.js';

export const levelCount: Rule = {
  id: 'level-count',
  group: 'ownership',
  level: 'warning',
  rationale: 'Three to five levels are what people can tell apart under pressure; fewer blur, more get argued about.',
  check({ matrix, locator }) {
    const n = matrix.severities.length;
    if (n >= 3 && n <= 5) return [];
    return [findingAt(locator, ['severities'], `the matrix has ${n} severity level${n === 1 ? '' : 's'}; use between 3 and 5`, 'key')];
  },
};
