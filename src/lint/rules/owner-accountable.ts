import type { Path } from '../../diagnostics.js';
import { sideOf } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const ownerAccountable: Rule = {
  id: 'owner-accountable',
  group: 'ownership',
  level: 'error',
  rationale: 'Accountability stays inside: the matrix, each level and each triage outcome is owned by an internal role, never the client or a vendor.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    const check = (role: string, path: Path, what: string) => {
      const side = sideOf(matrix, role);
      if (side === 'client' || side === 'vendor') {
        out.push(findingAt(locator, path, `${what} is "${role}", a ${side}-side role; the accountable owner must be one of your own (internal) roles`));
      }
    };
    check(matrix.owner, ['owner'], 'the matrix owner');
    matrix.severities.forEach((severity, i) => check(severity.owner, ['severities', i, 'owner'], `the owner of ${severity.id}`));
    for (const [id, question] of Object.entries(matrix.triage?.questions ?? {})) {
      question.answers.forEach((answer, a) => {
        const owner = answer.outcome?.owner;
        if (owner !== undefined) check(owner, ['triage', 'questions', id, 'answers', a, 'outcome', 'owner'], `the owner of answer "${answer.label}" of question "${id}"`);
      });
    }
    return out;
  },
};
