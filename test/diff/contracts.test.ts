/**
 * Tier, client and exception overrides are judged by the time that applies to an incident
 * before and after; an exception's scope reads "all" when it has none, and narrowing it is
 * judged by what it did to the incidents it no longer covers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diagnostics.js';
import { describeChange } from '../../src/diff/describe.js';
import { diffMatrices } from '../../src/diff/diff.js';
import { failReason } from '../../src/diff/fail-on.js';
import type { MatrixDiff } from '../../src/diff/types.js';
import { loadMatrix } from '../../src/matrix/load.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { ROOT } from '../helpers/cli.js';
import { matrixWith } from './trees.js';

const lines = (diff: MatrixDiff) => diff.changes.map((c) => `${formatPath(c.path)} ${c.direction}`);
const texts = (diff: MatrixDiff) => diff.changes.map((c) => describeChange(c));

/** s1 acknowledges in 30m; tier gold in 10m; client acme (gold) has no override; client beta is on basic. */
function matrix(edit: (m: Record<string, any>) => void = () => {}): Matrix {
  const data: Record<string, any> = {
    severities: [
      { id: 's1', name: 'S1', definition: 'Level s1', owner: 'lead', targets: { acknowledge: '30m' } },
      { id: 's2', name: 'S2', definition: 'Level s2', owner: 'lead', targets: { acknowledge: '1h' } },
      { id: 's3', name: 'S3', definition: 'Level s3', owner: 'lead', targets: { acknowledge: '4h' } },
    ],
    tiers: { gold: { targets: { s1: { acknowledge: '10m' } } }, basic: {} },
    clients: { acme: { name: 'Acme', tier: 'gold' }, beta: { name: 'Beta', tier: 'basic' } },
    exceptions: [
      {
        id: 'launch',
        reason: 'Launch',
        from: '2027-01-01T00:00',
        until: '2027-01-03T00:00',
        approved_by: 'lead',
        targets: { s1: { acknowledge: '5m' }, s2: { acknowledge: '15m' } },
      },
      {
        id: 'leave',
        reason: 'Staff on leave',
        from: '2027-01-01T00:00',
        until: '2027-01-10T00:00',
        approved_by: 'lead',
        targets: { s2: { acknowledge: '2h' }, s3: { acknowledge: '8h' } },
      },
    ],
  };
  edit(data);
  return matrixWith(undefined, data);
}
const diff = (edit: (m: Record<string, any>) => void) => diffMatrices(matrix(), matrix(edit));

describe('overrides are judged by the target that actually applies', () => {
  it("a client override added above its tier's target is looser (the reviewer repro on the MSP example)", () => {
    const old = loadMatrix(readFileSync(`${ROOT}examples/msp.yaml`, 'utf8')).matrix!;
    const next = structuredClone(old);
    next.clients!.contoso!.targets!.p3 = { acknowledge: '45m' };
    const result = diffMatrices(old, next);
    // contoso is on premium, whose p3 acknowledge is 30m: 30m → 45m.
    expect(lines(result)).toEqual(['clients.contoso.targets.p3.acknowledge looser']);
    expect(failReason(result, 'looser')).toBe('1 change makes the matrix looser');
  });

  it("a client override added below the severity's but above its tier's is looser", () => {
    expect(lines(diff((m) => (m.clients.acme.targets = { s1: { acknowledge: '20m' } })))).toEqual(['clients.acme.targets.s1.acknowledge looser']);
  });

  it("a client override dropped goes back to its tier's target, not the severity's", () => {
    const withOverride = matrix((m) => (m.clients.acme.targets = { s1: { acknowledge: '20m' } }));
    // 20m → the tier's 10m: stricter (the severity's 30m would have said looser).
    expect(lines(diffMatrices(withOverride, matrix()))).toEqual(['clients.acme.targets.s1.acknowledge stricter']);
  });

  it("an exception override for one client is judged against that client's contract", () => {
    const result = diff((m) => (m.exceptions[0] = { ...m.exceptions[0], clients: ['acme'], targets: { s1: { acknowledge: '12m' } } }));
    const override = result.changes.find((c) => formatPath(c.path) === 'exceptions.launch.targets.s1.acknowledge');
    // Before, launch covered everyone with 5m; now acme (tier gold, 10m) gets 12m: looser.
    expect(override).toMatchObject({ old: '5m', new: '12m', direction: 'looser' });
  });

  it("an exception override added for a client is judged against the tier's target, not the severity's", () => {
    const scoped = (targets: Record<string, unknown>) => (m: Record<string, any>) => (m.exceptions = [{ ...m.exceptions[0], clients: ['acme'], targets }]);
    const result = diffMatrices(matrix(scoped({ s2: { acknowledge: '15m' } })), matrix(scoped({ s1: { acknowledge: '12m' }, s2: { acknowledge: '15m' } })));
    // acme's s1 acknowledge is the tier's 10m; 12m is looser though it is shorter than the severity's 30m.
    expect(lines(result)).toEqual(['exceptions.launch.targets.s1.acknowledge looser']);
  });

  it('an exception override loosened for everyone is looser, even where one tier keeps a tighter target', () => {
    expect(lines(diff((m) => (m.exceptions[0].targets.s1.acknowledge = '20m')))).toEqual(['exceptions.launch.targets.s1.acknowledge looser']);
  });
});

describe('lists that mean "all" when left out', () => {
  it('an exception narrowed from all severities reads "all → s1" and is looser when it tightened the others', () => {
    const result = diff((m) => (m.exceptions[0].severities = ['s1']));
    expect(texts(result)).toEqual(['exception launch severities: all → s1']);
    // launch tightened s2 to 15m; s2 incidents go back to 1h.
    expect(lines(result)).toEqual(['exceptions.launch.severities looser']);
    expect(result.changes[0]).toMatchObject({ old: 'all', new: ['s1'] });
  });

  it('narrowing an exception that loosened targets is stricter; widening it back is looser', () => {
    expect(lines(diff((m) => (m.exceptions[1].severities = ['s1'])))).toEqual(['exceptions.leave.severities stricter']);
    expect(lines(diffMatrices(matrix((m) => (m.exceptions[1].severities = ['s1'])), matrix()))).toEqual(['exceptions.leave.severities looser']);
  });

  it('narrowing which clients an exception covers is judged the same way', () => {
    const result = diff((m) => (m.exceptions[0].clients = ['acme']));
    expect(texts(result)).toEqual(['exception launch clients: all → acme']);
    expect(lines(result)).toEqual(['exceptions.launch.clients looser']);
    expect(lines(diff((m) => (m.exceptions[1].clients = ['beta'])))).toEqual(['exceptions.leave.clients stricter']);
  });

  it('narrowing an exception to the only severities it overrides changes no time', () => {
    expect(lines(diff((m) => (m.exceptions[1].severities = ['s2', 's3'])))).toEqual(['exceptions.leave.severities neutral']);
  });

  it('templates and authority read "all" too', () => {
    const before = matrix((m) => {
      m.templates = [{ kind: 'update', body: 'Update.' }];
      m.authority = [{ role: 'lead', may: 'Issue a credit', severities: ['s3'] }];
    });
    const after = matrix((m) => {
      m.templates = [{ kind: 'update', severities: ['s1'], body: 'Update.' }];
      m.authority = [{ role: 'lead', may: 'Issue a credit' }];
    });
    expect(texts(diffMatrices(before, after))).toEqual(['update template (client, s1) severities: all → s1', 'lead may Issue a credit severities: s3 → all']);
  });
});
