import { findingAt, type Finding, type Rule } from '../rule.js';

export const severityUnreachable: Rule = {
  id: 'severity-unreachable',
  group: 'tree',
  level: 'warning',
  rationale: 'A severity no triage path leads to is only ever chosen by hand, so the tree and the levels have drifted apart.',
  check({ matrix, tree, locator }) {
    if (!matrix.triage) return [];
    const { questions } = tree();
    const reachable = tree().reachable();
    const reached = new Set<string>();
    for (let q = 0; q < questions.length; q++) {
      if (!reachable[q]) continue;
      for (const answer of questions[q]!.answers) if (answer.outcome) reached.add(answer.outcome.severity);
    }
    const out: Finding[] = [];
    matrix.severities.forEach((severity, i) => {
      if (reached.has(severity.id)) return;
      out.push(findingAt(locator, ['severities', i, 'id'], `no triage path leads to severity "${severity.id}" (${severity.name}); add an outcome for it or remove the level`));
    });
    return out;
  },
};
