import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeNoUnsure: Rule = {
  id: 'tree-no-unsure',
  group: 'tree',
  level: 'warning',
  rationale: 'A question with no answer marked `unsure: true` never offers "Not sure", so a responder in doubt has to guess.',
  check({ tree, locator }) {
    const { ids, questions } = tree();
    const out: Finding[] = [];
    for (let q = 0; q < ids.length; q++) {
      const answers = questions[q]!.answers;
      // A single answer is its own finding (tree-few-answers); "Not sure" would change nothing.
      if (answers.length < 2 || answers.some((a) => a.unsure === true)) continue;
      out.push(
        findingAt(
          locator,
          ['triage', 'questions', ids[q]!],
          `question "${ids[q]}" marks no answer unsure: true, so the responder is never offered "Not sure"; mark the answer to take when in doubt (the more severe case)`,
          'key',
        ),
      );
    }
    return out;
  },
};
