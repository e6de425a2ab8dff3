import { findingAt, type Finding, type Rule } from '../rule.js';

export const severityTargets: Rule = {
  id: 'severity-targets',
  group: 'timing',
  level: 'error',
  rationale: 'A level without timing is a label, not a commitment: it needs an acknowledge target and a workaround or resolution target.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    matrix.severities.forEach((severity, i) => {
      const at = ['severities', i];
      const targets = severity.targets;
      const missing: string[] = [];
      if (!targets?.acknowledge) missing.push('acknowledge');
      if (!targets?.workaround && !targets?.resolution) missing.push('workaround or resolution');
      if (missing.length > 0) {
        out.push(findingAt(locator, targets ? [...at, 'targets'] : [...at, 'id'], `${severity.id} has no ${missing.join(' and no ')} target; add it under targets`, 'key'));
      }
      if (severity.promise && !targets?.[severity.promise]) {
        out.push(findingAt(locator, [...at, 'promise'], `${severity.id} promises a ${severity.promise} but sets no targets.${severity.promise}`));
      }
    });
    return out;
  },
};
