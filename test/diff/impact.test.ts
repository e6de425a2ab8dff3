/** Triage impact: which answer combinations end differently, on trees built for each case. */
import { describe, expect, it } from 'vitest';
import { answerText, triageImpact } from '../../src/diff/impact.js';
import { describePath } from '../../src/diff/describe.js';
import { failReason } from '../../src/diff/fail-on.js';
import type { TriageImpact } from '../../src/diff/types.js';
import { chain, ladder, matrixWith, q } from './trees.js';
import { diffFixtures } from './helpers.js';

type Tree = Parameters<typeof matrixWith>[0];
const impact = (a: Tree, b: Tree, options = {}) => triageImpact({ old: matrixWith(a), new: matrixWith(b) }, options);
const lines = (result: TriageImpact) => result.paths.map((p) => describePath(p).text);

describe('triage impact', () => {
  it('lists a combination whose severity changed, with its direction', () => {
    const result = impact({ start: 'a', questions: { a: q({ x: 's2', y: 's3' }) } }, { start: 'a', questions: { a: q({ x: 's1', y: 's3' }) } });
    expect(lines(result)).toEqual(['a=x: s2 → s1']);
    expect(result.paths[0]).toMatchObject({ status: 'changed', fields: ['severity'], direction: 'stricter' });
    expect(result).toMatchObject({ checked: 2, affected: 1, lowered: 0, omitted: 0, truncated: false });
  });

  it('counts a lower severity as lowered', () => {
    const result = impact({ start: 'a', questions: { a: q({ x: 's1' }) } }, { start: 'a', questions: { a: q({ x: 's3' }) } });
    expect(result).toMatchObject({ lowered: 1 });
    expect(result.paths[0]!.direction).toBe('looser');
  });

  it('splits a combination when a question is inserted in the middle', () => {
    const result = impact(
      { start: 'a', questions: { a: q({ x: 's2', y: 's3' }) } },
      { start: 'a', questions: { a: q({ x: 'q:b', y: 's3' }), b: q({ yes: 's1', no: 's2' }) } },
    );
    expect(lines(result)).toEqual(['a=x, b=yes: s2 → s1']);
    expect(result.checked).toBe(3);
  });

  it('compares every pairing when the same answer leads to different new questions', () => {
    const result = impact(
      { start: 'a', questions: { a: q({ x: 'q:b' }), b: q({ y: 's1', z: 's2' }) } },
      { start: 'a', questions: { a: q({ x: 'q:c' }), c: q({ p: 's3' }) } },
    );
    expect(lines(result)).toEqual(['a=x, b=y, c=p: s1 → s3', 'a=x, b=z, c=p: s2 → s3']);
    expect(result.lowered).toBe(2);
  });

  it('shows paths that exist only in the new or only in the old tree', () => {
    const result = impact({ start: 'a', questions: { a: q({ x: 's1', gone: 's2' }) } }, { start: 'a', questions: { a: q({ x: 's1', fresh: 's3' }) } });
    expect(result.paths.map((p) => [answerText(p.answers), p.status])).toEqual([
      ['a=gone', 'removed'],
      ['a=fresh', 'added'],
    ]);
    expect(lines(result)).toEqual(['a=gone: path removed (was s2 (owner lead))', 'a=fresh: new path → s3 (owner lead)']);
  });

  it('finds an answer only the new tree has, where the new tree asks it later', () => {
    const result = impact(
      { start: 'q', questions: { q: q({ x: 's1', y: 's2' }) } },
      { start: 'r', questions: { r: q({ w: 'q:q' }), q: q({ x: 's1', y: 's2', z: 's3' }) } },
    );
    expect(lines(result)).toEqual(['q=z, r=w: new path → s3 (owner lead)']);
  });

  it('does not invent combinations from an answer no tree took', () => {
    const result = impact(
      { start: 'q', questions: { q: q({ x: 's1', y: 's2' }) } },
      { start: 'r', questions: { r: q({ w: 's1', v: 'q:q' }), q: q({ x: 's1', y: 's2', z: 's3' }) } },
    );
    // q=z with r=w: the old tree has no z and the new tree never asks q, so no one took it.
    expect(lines(result)).toEqual(['q=y, r=w: s2 → s1', 'q=z, r=v: new path → s3 (owner lead)']);
  });

  it('reports owner and route changes, including a route that now hands over to another role', () => {
    const routes = (to: string) => ({ routes: { billing: { to, when: ['Billing'] } } });
    const tree = (owner?: string): Tree => ({
      start: 'a',
      questions: { a: { ask: 'A?', answers: [{ id: 'x', label: 'x', outcome: { severity: 's2', route: 'billing', ...(owner ? { owner } : {}) } }] } },
    });
    const result = triageImpact({ old: matrixWith(tree(), routes('finance')), new: matrixWith(tree('eng'), routes('eng')) });
    expect(result.paths[0]).toMatchObject({ fields: ['owner', 'route'], old: { owner: 'lead', routeTo: 'finance' }, new: { owner: 'eng', routeTo: 'eng' } });
    expect(lines(result)).toEqual(['a=x: owner lead → owner eng; route billing to finance → route billing to eng']);
  });

  it('follows a severity owner change to every path that takes the default owner', () => {
    expect(lines(diffFixtures('base.yaml', 'owners.yaml').impact)).toEqual(['scope=many, core=no: owner specialist → owner lead']);
  });

  it('lists every path of a tree that was added or removed', () => {
    expect(diffFixtures('base.yaml', 'no-tree.yaml').impact).toMatchObject({ checked: 4, affected: 4 });
    expect(diffFixtures('no-tree.yaml', 'base.yaml').impact.paths.every((p) => p.status === 'added')).toBe(true);
  });

  it('has nothing to compare when neither side has a tree', () => {
    expect(impact(undefined, undefined)).toEqual({ checked: 0, affected: 0, lowered: 0, paths: [], omitted: 0, truncated: false });
  });

  it('survives a tree that loops, treating the loop as no outcome', () => {
    const looping: Tree = { start: 'a', questions: { a: q({ x: 'q:b', y: 's1' }), b: q({ back: 'q:a', out: 's2' }) } };
    const fixed: Tree = { start: 'a', questions: { a: q({ x: 'q:b', y: 's1' }), b: q({ back: 's3', out: 's2' }) } };
    expect(lines(impact(looping, fixed))).toEqual(['a=x, b=back: new path → s3 (owner lead)']);
  });

  it('lists at most the limit and counts the rest as omitted', () => {
    const result = impact(ladder(8), ladder(8, 's3'), { limit: 5 });
    expect(result).toMatchObject({ checked: 256, affected: 128, lowered: 128, omitted: 123, truncated: false });
    expect(result.paths).toHaveLength(5);
  });

  it('stops at the budget and says the comparison is incomplete', () => {
    const result = impact(ladder(12), ladder(12, 's3'), { budget: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.checked).toBe(1000);
  });

  // `checked` counts the combinations compared: the work, on any machine. The time is a budget of `npm run bench`.
  it('stays linear on a 5,000-question chain', () => {
    const result = impact(chain(5000), chain(5000, 2500));
    expect(result).toMatchObject({ checked: 5001, affected: 1, lowered: 1 });
    expect(result.paths[0]!.answers).toHaveLength(2501);
  });

  it('compares 65,536 combinations of a wide tree', () => {
    const result = impact(ladder(16), ladder(16, 's3'));
    expect(result).toMatchObject({ checked: 65_536, affected: 32_768, truncated: false });
  });
});

describe('the "not sure" answer', () => {
  /** Question a: x → s1, y → s2, with `unsure` on the answer given. */
  const unsureOn = (answer: 'x' | 'y' | undefined): Tree => ({
    start: 'a',
    questions: {
      a: {
        ask: 'A?',
        answers: [
          { id: 'x', label: 'x', ...(answer === 'x' ? { unsure: true } : {}), outcome: { severity: 's1' } },
          { id: 'y', label: 'y', ...(answer === 'y' ? { unsure: true } : {}), outcome: { severity: 's2' } },
        ],
      },
    },
  });

  it('moved to a less severe answer: a=unsure now ends lower, and --fail-on looser fails', () => {
    const result = impact(unsureOn('x'), unsureOn('y'));
    expect(lines(result)).toEqual(['a=unsure: s1 → s2']);
    expect(result).toMatchObject({ checked: 3, affected: 1, lowered: 1 });
    expect(result.paths[0]).toMatchObject({ answers: [{ question: 'a', answer: 'unsure' }], direction: 'looser' });
  });

  it('moved to a more severe answer is stricter', () => {
    expect(impact(unsureOn('y'), unsureOn('x')).paths[0]).toMatchObject({ direction: 'stricter' });
  });

  it('left where it was adds no path: the answer it takes already says where it ends', () => {
    expect(impact(unsureOn('x'), unsureOn('x'))).toMatchObject({ checked: 2, affected: 0 });
  });

  it('added or removed: a=unsure is a new or a removed path', () => {
    expect(lines(impact(unsureOn(undefined), unsureOn('x')))).toEqual(['a=unsure: new path → s1 (owner lead)']);
    expect(lines(impact(unsureOn('x'), unsureOn(undefined)))).toEqual(['a=unsure: path removed (was s1 (owner lead))']);
  });

  it('the reviewer repro: moving unsure from core "Yes" to "No" in the SaaS example lowers core=unsure', () => {
    const diff = diffFixtures('saas-old.yaml', 'saas-unsure.yaml');
    expect(lines(diff.impact)).toEqual(['security=no, confirmed=yes, scope=many, core=unsure: sev1 → sev2; owner support-lead → owner specialist']);
    expect(failReason(diff, 'looser')).toBe('1 answer path now ends at a lower severity');
  });
});
