import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeUnsureAnswers: Rule = {
  id: 'tree-unsure-answers',
  group: 'tree',
  level: 'warning',
  rationale: '"Not sure" must lead to one answer (the more severe case); with two, only the first is ever taken.',
  check({ tree, locator }) {
    const { ids, questions } = tree();
    const out: Finding[] = [];
    for (let q = 0; q < ids.length; q++) {
      const answers = questions[q]!.answers;
      let first = -1;
      for (let a = 0; a < answers.length; a++) {
        if (!answers[a]!.unsure) continue;
        if (first < 0) {
          first = a;
          continue;
        }
        out.push(
          findingAt(
            locator,
            ['triage', 'questions', ids[q]!, 'answers', a, 'unsure'],
            `question "${ids[q]}" marks more than one answer as the one to take when unsure; "Not sure" takes answer ${first + 1} ("${answers[first]!.label}")`,
          ),
        );
      }
    }
    return out;
  },
};
