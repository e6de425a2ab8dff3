import { remembered } from '../../memo.js';
import { answerId, UNSURE_WORDS } from '../../triage/engine.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

/** A name as compared: case and runs of spaces do not tell answers apart. Labels repeat, so each is read once. */
const norms = new Map<string, string>();
const norm = (text: string) => remembered(norms, text, 4096, () => text.trim().replace(/\s+/g, ' ').toLowerCase());

export const treeDuplicateAnswer: Rule = {
  id: 'tree-duplicate-answer',
  group: 'tree',
  level: 'error',
  rationale: 'Two answers that read or script the same cannot be told apart; triage takes the name they share only as an id written exactly, and refuses it otherwise.',
  check({ tree, locator, work }) {
    const { ids, questions } = tree();
    const out: Finding[] = [];
    // Labels and ids share one namespace: `--answer q=X` matches either. Each name seen maps
    // to the first answer that has it, so every answer is one lookup per name, however many
    // answers a question has.
    const first = new Map<string, number>();
    for (let q = 0; q < ids.length; q++) {
      const answers = questions[q]!.answers;
      first.clear();
      // "unsure", "not sure" and "?" take the question's unsure answer, unless another answer
      // is named so: then that one is taken, and "not sure" no longer means the severe case.
      const unsure = answers.findIndex((a) => a.unsure === true);
      if (unsure >= 0) {
        for (let a = 0; a < answers.length; a++) {
          if (a === unsure) continue;
          const answer = answers[a]!;
          const named = [answer.label, answerId(answer)].map(norm).find((n) => UNSURE_WORDS.has(n));
          if (named === undefined) continue;
          const at = ['triage', 'questions', ids[q]!, 'answers', a];
          out.push(
            findingAt(locator, answer.id !== undefined && UNSURE_WORDS.has(norm(answer.id)) ? [...at, 'id'] : [...at, 'label'], `answer ${a + 1} of question "${ids[q]}" is named "${named}", the word for "not sure" (which takes the unsure answer, "${answers[unsure]!.label}"); typed, it would take this answer instead: rename it`),
          );
        }
      }
      for (let a = 0; a < answers.length; a++) {
        const answer = answers[a]!;
        const id = answerId(answer);
        const label = norm(answer.label);
        const key = norm(id);
        work?.add('comparison', 2);
        const byLabel = first.get(label);
        const byId = byLabel === undefined ? first.get(key) : undefined;
        if (!first.has(label)) first.set(label, a);
        if (!first.has(key)) first.set(key, a);
        if (byLabel === undefined && byId === undefined) continue;
        const at = ['triage', 'questions', ids[q]!, 'answers', a];
        const [name, other, path] =
          byLabel !== undefined ? [answer.label, byLabel, [...at, 'label']] : [id, byId!, answer.id !== undefined ? [...at, 'id'] : [...at, 'label']];
        out.push(findingAt(locator, path, `answer ${a + 1} of question "${ids[q]}" repeats "${name}" of answer ${other + 1}; a responder or a script cannot tell them apart`));
      }
    }
    return out;
  },
};
