import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeDeadEnd: Rule = {
  id: 'tree-dead-end',
  group: 'tree',
  level: 'error',
  rationale: 'An answer that can never end in a severity leaves the responder without a decision.',
  check({ matrix, tree, locator }) {
    const index = tree();
    const reachable = index.reachable();
    const leads = index.leadsToOutcome();
    const out: Finding[] = [];
    index.out.forEach((edges, q) => {
      if (index.start >= 0 && !reachable[q]) return; // reported as unreachable already
      const id = index.ids[q]!;
      for (const { answer, to } of edges) {
        if (leads[to]) continue;
        const label = matrix.triage!.questions[id]!.answers[answer]!.label;
        out.push(
          findingAt(
            locator,
            ['triage', 'questions', id, 'answers', answer, 'next'],
            `answer "${label}" of question "${id}" leads nowhere: no outcome can be reached from question "${index.ids[to]}"`,
          ),
        );
      }
    });
    return out;
  },
};
