import { describe, expect, it } from 'vitest';
import { diffMatrices } from '../../src/diff/diff.js';
import { diffFixtures, loadFixture } from './helpers.js';

describe('paging targets in a diff', () => {
  it('targets added for two roles are two role changes', () => {
    const { changes } = diffFixtures('base.yaml', 'paging.yaml');
    expect(changes.map((c) => [c.area, c.kind, c.path.join('.'), c.new])).toEqual([
      ['roles', 'added', 'paging.lead', 'alertmanager lead-pager, pagerduty user PLEAD01'],
      ['roles', 'added', 'paging.eng', 'alertmanager eng-pager, pagerduty schedule PENG001'],
    ]);
  });

  it('a target moved from a schedule to a user, and a receiver renamed', () => {
    const before = loadFixture('paging.yaml');
    const after = structuredClone(before);
    after.paging!.eng = { alertmanager: 'eng-primary', pagerduty: { user: 'PENG002' } };
    delete after.paging!.lead;
    const diff = diffMatrices(before, after);
    expect(diff.changes.map((c) => [c.kind, c.path.join('.'), c.old, c.new])).toEqual([
      ['removed', 'paging.lead', 'alertmanager lead-pager, pagerduty user PLEAD01', undefined],
      ['changed', 'paging.eng.alertmanager', 'eng-pager', 'eng-primary'],
      ['changed', 'paging.eng.pagerduty', 'schedule PENG001', 'user PENG002'],
    ]);
    expect(diffMatrices(before, structuredClone(before)).changes).toEqual([]);
  });
});
