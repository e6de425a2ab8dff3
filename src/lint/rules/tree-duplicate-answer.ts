import { answerId } from '../../triage/engine.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export const treeDuplicateAnswer: Rule = {
  id: 'tree-duplicate-answer',
  group: 'tree',
  level: 'error',
  rationale: 'Two answers that read or script the same cannot be told apart; the second is never taken.',
  check({ tree, locator }) {
    const { ids, questions } = tree();
    const out: Finding[] = [];
    for (let q = 0; q < ids.length; q++) {
      const answers = questions[q]!.answers;
      // Labels and ids share one namespace: `--answer q=X` matches either. Questions have a
      // handful of answers, so comparing each with the ones before it stays linear overall.
      const names: string[] = [];
      for (let a = 0; a < answers.length; a++) {
        const answer = answers[a]!;
        const label = norm(answer.label);
        const key = norm(answerId(answer));
        const byLabel = names.indexOf(label);
        const byId = byLabel >= 0 ? -1 : names.indexOf(key);
        names.push(label, key);
        if (byLabel < 0 && byId < 0) continue;
        const at = ['triage', 'questions', ids[q]!, 'answers', a];
        const [name, other, path] =
          byLabel >= 0 ? [answer.label, byLabel >> 1, [...at, 'label']] : [answerId(answer), byId >> 1, answer.id !== undefined ? [...at, 'id'] : [...at, 'label']];
        out.push(findingAt(locator, path, `answer ${a + 1} of question "${ids[q]}" repeats "${name}" of answer ${other + 1}; a responder or a script cannot tell them apart`));
      }
    }
    return out;
  },
};
