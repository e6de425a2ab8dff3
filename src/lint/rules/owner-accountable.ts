import type { Path } from '../../diagnostics.js';
import { sideOf } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const ownerAccountable: Rule = {
  id: 'owner-accountable',
  group: 'ownership',
  level: 'error',
  rationale: 'Accountability stays inside: the matrix, each level and each triage outcome is owned by an internal role, never the client or a vendor.',
  check({ matrix, tree, locator }) {
    const out: Finding[] = [];
    const check = (role: string, path: Path, what: string) => {
      const side = sideOf(matrix, role);
      if (side === 'client' || side === 'vendor') {
        out.push(findingAt(locator, path, `${what} is "${role}", a ${side}-side role; the accountable owner must be one of your own (internal) roles`));
      }
    };
    check(matrix.owner, ['owner'], 'the matrix owner');
    matrix.severities.forEach((severity, i) => check(severity.owner, ['severities', i, 'owner'], `the owner of ${severity.id}`));
    const { ids, questions } = tree();
    for (let q = 0; q < ids.length; q++) {
      const answers = questions[q]!.answers;
      for (let a = 0; a < answers.length; a++) {
        const owner = answers[a]!.outcome?.owner;
        if (owner !== undefined) check(owner, ['triage', 'questions', ids[q]!, 'answers', a, 'outcome', 'owner'], `the owner of answer "${answers[a]!.label}" of question "${ids[q]}"`);
      }
    }
    return out;
  },
};
