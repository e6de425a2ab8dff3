import { findingAt, type Rule } from '../rule.js';

/** The more severe half of the levels (at least the first) counts as "most severe". */
export const mostSevere = (levels: number) => Math.max(1, Math.ceil(levels / 2));

export const updateCadence: Rule = {
  id: 'update-cadence',
  group: 'timing',
  level: 'warning',
  rationale: 'In a serious incident, silence is read as inaction: the most severe levels promise updates at a set cadence.',
  check({ matrix, locator }) {
    return matrix.severities.slice(0, mostSevere(matrix.severities.length)).flatMap((severity, i) =>
      severity.targets?.update_every
        ? []
        : [
            findingAt(
              locator,
              severity.targets ? ['severities', i, 'targets'] : ['severities', i, 'id'],
              `${severity.id} is one of the most severe levels but has no update cadence; add targets.update_every`,
              'key',
            ),
          ],
    );
  },
};
