import { findingAt, type Rule } from '../rule.js';

export const treeCycle: Rule = {
  id: 'tree-cycle',
  group: 'tree',
  level: 'error',
  rationale: 'A loop in the triage tree can send a responder round in circles mid-incident.',
  check({ tree, locator }) {
    const index = tree();
    return index.cycles().map(({ entry, path, length }) => {
      const shown = [...path.map((q) => (q < 0 ? '…' : index.ids[q]!)), index.ids[entry]!].join(' → ');
      const size = length === 1 ? 'its own answer leads back to it' : `a loop of ${length} questions`;
      return findingAt(locator, ['triage', 'questions', index.ids[entry]!], `the triage tree loops back to question "${index.ids[entry]}" (${size}): ${shown}`, 'key');
    });
  },
};
