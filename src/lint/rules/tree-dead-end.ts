import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeDeadEnd: Rule = {
  id: 'tree-dead-end',
  group: 'tree',
  level: 'error',
  rationale: 'An answer that can never end in a severity leaves the responder without a decision.',
  check({ tree, locator }) {
    const index = tree();
    if (index.start < 0) return [];
    const reachable = index.reachable();
    const leads = index.leadsToOutcome();
    // Reported where the tree first goes wrong: the start, or an answer that leaves a question
    // which can still reach an outcome for one that cannot. Inside a dead part, every answer
    // is just as dead; the first one is enough to find it (and tree-cycle shows its loop).
    if (!leads[index.start]) {
      return [findingAt(locator, ['triage', 'start'], `no outcome can be reached from the start question "${index.ids[index.start]}": every path loops without ending in a severity`)];
    }
    const out: Finding[] = [];
    for (let q = 0; q < index.out.length; q++) {
      if (!reachable[q] || !leads[q]) continue;
      for (const { answer, to } of index.out[q]!) {
        if (leads[to]) continue;
        const id = index.ids[q]!;
        const label = index.questions[q]!.answers[answer]!.label;
        out.push(
          findingAt(
            locator,
            ['triage', 'questions', id, 'answers', answer, 'next'],
            `answer "${label}" of question "${id}" leads nowhere: no outcome can be reached from question "${index.ids[to]}"`,
          ),
        );
      }
    }
    return out;
  },
};
