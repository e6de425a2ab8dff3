import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeUnsureAnswers: Rule = {
  id: 'tree-unsure-answers',
  group: 'tree',
  level: 'warning',
  rationale: '"Not sure" must lead to one answer (the more severe case); with two, only the first is ever taken.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    for (const [id, question] of Object.entries(matrix.triage?.questions ?? {})) {
      const unsure = question.answers.flatMap((answer, a) => (answer.unsure ? [a] : []));
      for (const a of unsure.slice(1)) {
        out.push(
          findingAt(
            locator,
            ['triage', 'questions', id, 'answers', a, 'unsure'],
            `question "${id}" marks more than one answer as the one to take when unsure; "Not sure" takes answer ${unsure[0]! + 1} ("${question.answers[unsure[0]!]!.label}")`,
          ),
        );
      }
    }
    return out;
  },
};
