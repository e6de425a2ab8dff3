/** `--fail-on looser` and `--fail-on any`, decided on the diff alone. */
import { describe, expect, it } from 'vitest';
import { failReason } from '../../src/diff/fail-on.js';
import { diffFixtures } from './helpers.js';

const looser = (name: string) => failReason(diffFixtures('base.yaml', `${name}.yaml`), 'looser');

describe('--fail-on looser', () => {
  it.each([
    ['targets', '2 changes make the matrix looser'],
    ['severity-removed', '1 change makes the matrix looser'],
    ['severity-lowered', '1 change makes the matrix looser and 1 answer path now ends at a lower severity'],
    ['escalation', '2 changes make the matrix looser'],
    ['client-rule', '1 change makes the matrix looser'],
    ['triggers-routes', '1 change makes the matrix looser'],
    ['tiers', '1 change makes the matrix looser'],
    ['exceptions', '1 change makes the matrix looser'],
    ['calendars', '1 change makes the matrix looser'],
    ['upkeep', '1 change makes the matrix looser'],
  ])('fails on %s', (name, reason) => {
    expect(looser(name)).toBe(reason);
  });

  it.each(['severity-added', 'severity-renamed', 'severity-definition', 'severity-reordered', 'owners', 'roles', 'clients', 'templates', 'handoff', 'authority-governance', 'tree', 'no-tree', 'no-change'])(
    'passes on %s',
    (name) => {
      expect(looser(name)).toBeUndefined();
    },
  );

  it('fails when an answer path ends lower even though no single change is marked looser', () => {
    const diff = diffFixtures('base.yaml', 'tree-lowered-via-question.yaml');
    expect(diff.summary).toMatchObject({ looser: 0, loweredPaths: 1 });
    expect(failReason(diff, 'looser')).toBe('1 answer path now ends at a lower severity');
  });

  it('passes when everything got stricter', () => {
    expect(failReason(diffFixtures('targets.yaml', 'targets.yaml'), 'looser')).toBeUndefined();
    expect(failReason(diffFixtures('severity-lowered.yaml', 'base.yaml'), 'looser')).toBeUndefined();
  });
});

describe('--fail-on any', () => {
  it('fails on any semantic change, neutral ones included', () => {
    expect(failReason(diffFixtures('base.yaml', 'roles.yaml'), 'any')).toBe('the matrix changed (7 changes, 0 answer paths affected)');
    expect(failReason(diffFixtures('base.yaml', 'owners.yaml'), 'any')).toBe('the matrix changed (1 change, 1 answer path affected)');
  });

  it('passes when only the writing changed', () => {
    expect(failReason(diffFixtures('base.yaml', 'no-change.yaml'), 'any')).toBeUndefined();
  });
});
