import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeFewAnswers: Rule = {
  id: 'tree-few-answers',
  group: 'tree',
  level: 'warning',
  rationale: 'A question with a single answer asks nothing and slows the responder down.',
  check({ tree, locator }) {
    const { ids, questions } = tree();
    const out: Finding[] = [];
    for (let q = 0; q < ids.length; q++) {
      if (questions[q]!.answers.length >= 2) continue;
      out.push(findingAt(locator, ['triage', 'questions', ids[q]!, 'answers'], `question "${ids[q]}" has only one answer; give at least two choices or drop the question`, 'key'));
    }
    return out;
  },
};
