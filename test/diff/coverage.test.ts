/**
 * Every part of the format is compared: each key of the schema must change in some fixture
 * pair and show up in the diff. A key added to the format fails here until the differ knows it.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { matrixSchema, role, severity, TARGET_KINDS } from '../../src/matrix/schema.js';
import { diffMatrices } from '../../src/diff/diff.js';
import { diffFixture, diffFixtures } from './helpers.js';
import { matrixWith } from './trees.js';

/** Keys that carry no meaning to compare: the editor hint, the format version, and ids (identity, not content). */
const NOT_COMPARED = new Set(['$schema', 'version', 'id']);

const pairs = readdirSync(diffFixture('.'))
  .filter((f) => f.endsWith('.yaml') && !['base.yaml', 'invalid.yaml'].includes(f) && !f.startsWith('saas-'))
  .map((f) => diffFixtures('base.yaml', f));
const paths = pairs.flatMap((d) => d.changes.map((c) => c.path));

describe('every key of the format is compared', () => {
  it.each(Object.keys(matrixSchema.shape).filter((k) => !NOT_COMPARED.has(k)))('top-level %s', (key) => {
    expect(paths.some((p) => p[0] === key)).toBe(true);
  });

  it.each(Object.keys(severity.shape).filter((k) => !NOT_COMPARED.has(k)))('severity %s', (key) => {
    expect(paths.some((p) => p[0] === 'severities' && (p[2] === key || (key === 'name' && p.length === 2)))).toBe(true);
  });

  it.each(Object.keys(role.shape))('role %s', (key) => {
    expect(paths.some((p) => p[0] === 'roles' && p[2] === key)).toBe(true);
  });

  it.each([...TARGET_KINDS])('target %s, longer is looser and shorter is stricter', (kind) => {
    const withTarget = (value: string) => matrixWith(undefined, { severities: [{ id: 's1', name: 'S1', definition: 'd', owner: 'lead', targets: { [kind]: value } }] });
    const [longer] = diffMatrices(withTarget('1h'), withTarget('2h')).changes;
    const [shorter] = diffMatrices(withTarget('2h'), withTarget('1h')).changes;
    expect(longer).toMatchObject({ area: 'targets', path: ['severities', 's1', 'targets', kind], direction: 'looser' });
    expect(shorter).toMatchObject({ area: 'targets', direction: 'stricter' });
  });
});
