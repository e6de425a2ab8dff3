import { findingAt, type Finding, type Rule } from '../rule.js';

export const treeUnreachable: Rule = {
  id: 'tree-unreachable',
  group: 'tree',
  level: 'error',
  rationale: 'A question no answer leads to is never asked: its outcomes are dead policy.',
  check({ tree, locator }) {
    const index = tree();
    if (index.start < 0) return [];
    const reachable = index.reachable();
    const out: Finding[] = [];
    for (let q = 0; q < index.ids.length; q++) {
      if (reachable[q]) continue;
      const id = index.ids[q]!;
      out.push(findingAt(locator, ['triage', 'questions', id], `question "${id}" cannot be reached from the start question "${index.ids[index.start]}"; no answer leads to it`, 'key'));
    }
    return out;
  },
};
