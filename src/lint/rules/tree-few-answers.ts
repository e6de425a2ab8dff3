import { findingAt, type Rule } from '../rule.js';

export const treeFewAnswers: Rule = {
  id: 'tree-few-answers',
  group: 'tree',
  level: 'warning',
  rationale: 'A question with a single answer asks nothing and slows the responder down.',
  check({ matrix, locator }) {
    return Object.entries(matrix.triage?.questions ?? {}).flatMap(([id, question]) =>
      question.answers.length >= 2
        ? []
        : [findingAt(locator, ['triage', 'questions', id, 'answers'], `question "${id}" has only one answer; give at least two choices or drop the question`, 'key')],
    );
  },
};
