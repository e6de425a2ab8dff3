import { answerId } from '../../triage/engine.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

const norm = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

export const treeDuplicateAnswer: Rule = {
  id: 'tree-duplicate-answer',
  group: 'tree',
  level: 'error',
  rationale: 'Two answers that read or script the same cannot be told apart; the second is never taken.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    for (const [id, question] of Object.entries(matrix.triage?.questions ?? {})) {
      // Labels and ids share one namespace: `--answer q=X` matches either.
      const names = new Map<string, number>();
      question.answers.forEach((answer, a) => {
        const at = ['triage', 'questions', id, 'answers', a];
        const label = norm(answer.label);
        const key = norm(answerId(answer));
        const byLabel = names.get(label);
        const byId = names.get(key);
        if (byLabel !== undefined || byId !== undefined) {
          const [name, other, path] =
            byLabel !== undefined ? [answer.label, byLabel, [...at, 'label']] : [answerId(answer), byId!, answer.id !== undefined ? [...at, 'id'] : [...at, 'label']];
          out.push(findingAt(locator, path, `answer ${a + 1} of question "${id}" repeats "${name}" of answer ${other + 1}; a responder or a script cannot tell them apart`));
          return;
        }
        names.set(label, a);
        names.set(key, a);
      });
    }
    return out;
  },
};
