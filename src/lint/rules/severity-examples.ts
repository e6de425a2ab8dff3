import { findingAt, type Rule } from '../rule.js';

export const severityExamples: Rule = {
  id: 'severity-examples',
  group: 'ownership',
  level: 'error',
  rationale: 'Concrete examples are how frontline matches an issue to a level; a definition alone is argued about mid-incident.',
  check({ matrix, locator }) {
    return matrix.severities.flatMap((severity, i) =>
      severity.examples && severity.examples.length > 0
        ? []
        : [
            findingAt(
              locator,
              severity.examples ? ['severities', i, 'examples'] : ['severities', i, 'id'],
              `${severity.id} (${severity.name}) has no examples; list concrete cases that belong at this level`,
              'key',
            ),
          ],
    );
  },
};
