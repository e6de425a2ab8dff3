import type { Answer } from '../../matrix/schema.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeUnsureSeverity: Rule = {
  id: 'tree-unsure-severity',
  group: 'tree',
  level: 'error',
  rationale: 'When unsure, take the more severe branch: "Not sure" on an answer that can only reach a milder level than another answer under-escalates.',
  check({ matrix, tree, locator }) {
    const index = tree();
    const worst = index.worst();
    const rank = new Map(matrix.severities.map((s, i) => [s.id, i]));
    /** The most severe level an answer can lead to, as an index; Infinity for none. */
    const reach = (answer: Answer): number => {
      if (answer.outcome) return rank.get(answer.outcome.severity) ?? Infinity;
      const to = answer.next === undefined ? undefined : index.index.get(answer.next);
      const level = to === undefined ? -1 : worst[to]!;
      return level < 0 ? Infinity : level;
    };
    const out: Finding[] = [];
    for (let q = 0; q < index.ids.length; q++) {
      const answers = index.questions[q]!.answers;
      const unsure = answers.findIndex((a) => a.unsure === true);
      if (unsure < 0) continue;
      const taken = reach(answers[unsure]!);
      let best = -1;
      answers.forEach((answer, a) => {
        if (a !== unsure && reach(answer) < (best < 0 ? taken : reach(answers[best]!))) best = a;
      });
      if (best < 0) continue;
      const id = index.ids[q]!;
      const at = ['triage', 'questions', id, 'answers'];
      const other = answers[best]!;
      const line = locator.value([...at, best]).line;
      const takenText = taken === Infinity ? 'no severity' : `at worst ${matrix.severities[taken]!.id}`;
      out.push(
        findingAt(
          locator,
          [...at, unsure, 'unsure'],
          `question "${id}": "Not sure" takes "${answers[unsure]!.label}" (${takenText}), but "${other.label}" (line ${line}) can reach ${matrix.severities[reach(other)]!.id}; when unsure, take the more severe branch: mark "${other.label}" unsure instead`,
        ),
      );
    }
    return out;
  },
};
