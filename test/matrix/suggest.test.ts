/** Did-you-mean suggestions: right for real typos, and bounded work for hostile numbers and lengths of ids, proved by counting. */
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { closest, MAX_WORD, SUGGESTION_WORK, suggestionBudget } from '../../src/matrix/suggest.js';
import { checkReferences } from '../../src/matrix/references.js';
import { createLocator } from '../../src/matrix/locate.js';
import { TextPositions } from '../../src/matrix/positions.js';
import { countWork } from '../../src/work.js';

/** An unbanded optimal string alignment distance, the definition the banded one must agree with. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('closest', () => {
  it('suggests what it did before for typos, swaps and stems', () => {
    expect(closest('on-cal', ['on-call', 'manager'])).toBe('on-call');
    expect(closest('manegar', ['on-call', 'manager'])).toBe('manager');
    expect(closest('mnaager', ['on-call', 'manager'])).toBe('manager');
    expect(closest('manager', ['management', 'on-call'])).toBe('management');
    expect(closest('xyz', ['manager'])).toBeUndefined();
  });

  it('agrees with the unbanded distance on which candidate is closest', () => {
    const words = ['incident-lead', 'incident-manager', 'support-l1', 'support-l2', 'vendor-oncall', 'account-manager', 'sre', 'db-oncall'];
    const alphabet = 'abcdeilmnorst-12';
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 400; k++) {
      const base = words[rnd(words.length)]!;
      let w = base;
      for (let e = rnd(4); e > 0; e--) {
        const at = rnd(w.length + 1);
        w = rnd(2) ? w.slice(0, at) + alphabet[rnd(alphabet.length)] + w.slice(at + 1) : w.slice(0, at) + w.slice(at + 1);
      }
      const limit = Math.max(2, Math.floor(w.length / 3));
      const best = Math.min(...words.filter((c) => Math.abs(c.length - w.length) <= limit).map((c) => osa(w, c)));
      const got = closest(w, words);
      if (best <= limit) expect(osa(w, got!), `${w} → ${got}`).toBe(best);
    }
  });

  it('does no distance work for a word longer than MAX_WORD', () => {
    const work = countWork();
    expect(closest('a'.repeat(MAX_WORD + 1), ['a'.repeat(MAX_WORD)], suggestionBudget(work))).toBeUndefined();
    expect(work.totals.comparison).toBe(0);
  });
});

describe('suggestions for unknown references grow no further than the budget', () => {
  /** `roles` ids and `unknown` references to roles that do not exist, each id `length` characters. */
  function work(roles: number, unknown: number, length: number): number {
    const id = (prefix: string, i: number) => `${prefix}${i}`.padEnd(length, 'x');
    const text = [
      'roles:',
      ...Array.from({ length: roles }, (_, i) => `  ${id('r', i)}: {}`),
      'paging:',
      ...Array.from({ length: unknown }, (_, i) => `  ${id('u', i)}: {}`),
      '',
    ].join('\n');
    const doc = parseDocument(text);
    const counter = countWork();
    const found = checkReferences(doc.toJS(), createLocator(doc, new TextPositions(text)), counter);
    expect(found.filter((d) => d.code === 'unknown-role')).toHaveLength(unknown);
    return counter.totals.comparison;
  }

  it('small inputs are judged in full; 10× the roles and 10× the unknowns cost at most the budget', () => {
    const small = work(100, 100, 40);
    const large = work(1000, 1000, 40);
    expect(small).toBeGreaterThan(0);
    // Without the budget this is 100× the small figure (roles × unknowns).
    expect(large / small).toBeLessThan(40);
  });

  it('long ids cost no distance work at all', () => {
    expect(work(200, 200, 2000)).toBe(0);
  });
});
