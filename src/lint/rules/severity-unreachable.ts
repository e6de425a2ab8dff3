import { findingAt, type Rule } from '../rule.js';

export const severityUnreachable: Rule = {
  id: 'severity-unreachable',
  group: 'tree',
  level: 'warning',
  rationale: 'A severity no triage path leads to is only ever chosen by hand, so the tree and the levels have drifted apart.',
  check({ matrix, tree, locator }) {
    const triage = matrix.triage;
    if (!triage) return [];
    const index = tree();
    const reachable = index.reachable();
    const reached = new Set<string>();
    index.ids.forEach((id, q) => {
      if (!reachable[q]) return;
      for (const answer of triage.questions[id]!.answers) if (answer.outcome) reached.add(answer.outcome.severity);
    });
    return matrix.severities.flatMap((severity, i) =>
      reached.has(severity.id)
        ? []
        : [findingAt(locator, ['severities', i, 'id'], `no triage path leads to severity "${severity.id}" (${severity.name}); add an outcome for it or remove the level`)],
    );
  },
};
