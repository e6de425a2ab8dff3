/**
 * Ids should be unique and the loader rejects repeats, but the differ works on plain data
 * and must not drop an item whose id repeats: the n-th item with an id pairs with the n-th.
 */
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diagnostics.js';
import { indexById } from '../../src/diff/compare.js';
import { diffMatrices } from '../../src/diff/diff.js';
import type { MatrixDiff } from '../../src/diff/types.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { matrixWith } from './trees.js';

const lines = (diff: MatrixDiff) => diff.changes.map((c) => `${c.kind} ${formatPath(c.path)} ${c.direction}`);

const exception = (id: string, acknowledge: string, reason = 'Window') => ({
  id,
  reason,
  from: '2027-01-01T00:00',
  until: '2027-01-02T00:00',
  approved_by: 'lead',
  targets: { s1: { acknowledge } },
});
function matrix(data: Record<string, unknown>): Matrix {
  return matrixWith(undefined, {
    severities: [{ id: 's1', name: 'S1', definition: 'Level s1', owner: 'lead', targets: { acknowledge: '30m' } }],
    ...data,
  });
}

describe('items whose id repeats', () => {
  it('keeps every item, keyed by id and occurrence', () => {
    const items = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'a', n: 3 },
      { id: 'a', n: 4 },
    ];
    expect(indexById(items)).toEqual({ a: items[0], b: items[1], 'a#2': items[2], 'a#3': items[3] });
  });

  it('compares the second exception with a repeated id instead of dropping it', () => {
    const before = matrix({ exceptions: [exception('peak', '10m'), exception('peak', '20m')] });
    const after = matrix({ exceptions: [exception('peak', '10m'), exception('peak', '25m')] });
    expect(lines(diffMatrices(before, after))).toEqual(['changed exceptions.peak#2.targets.s1.acknowledge looser']);
  });

  it('reports a repeated exception added or removed', () => {
    const one = matrix({ exceptions: [exception('peak', '10m')] });
    const two = matrix({ exceptions: [exception('peak', '10m'), exception('peak', '20m', 'Second window')] });
    expect(lines(diffMatrices(one, two))).toEqual(['added exceptions.peak#2 neutral']);
    expect(lines(diffMatrices(two, one))).toEqual(['removed exceptions.peak#2 neutral']);
  });

  it('compares repeated triggers and handoff fields', () => {
    const before = matrix({
      triggers: [
        { id: 'outage', when: 'Outage', kind: 'outage' },
        { id: 'outage', when: 'Partial outage', kind: 'outage' },
      ],
      handoff: [
        { id: 'logs', label: 'Logs' },
        { id: 'logs', label: 'Screenshots' },
      ],
    });
    const after = matrix({
      triggers: [
        { id: 'outage', when: 'Outage', kind: 'outage' },
        { id: 'outage', when: 'Partial outage', kind: 'outage', review_as: 's1' },
      ],
      handoff: [
        { id: 'logs', label: 'Logs' },
        { id: 'logs', label: 'Screen recordings' },
      ],
    });
    expect(lines(diffMatrices(before, after))).toEqual(['added triggers.outage#2.review_as neutral', 'changed handoff.logs#2.label neutral']);
  });
});
