/** Fixture pairs for the diff tests: `base.yaml` is the old side, each other file one kind of change. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatPath } from '../../src/diagnostics.js';
import { diffMatrices } from '../../src/diff/diff.js';
import type { ImpactOptions } from '../../src/diff/impact.js';
import type { Change, MatrixDiff } from '../../src/diff/types.js';
import { loadMatrix } from '../../src/matrix/load.js';
import type { Matrix } from '../../src/matrix/schema.js';

export const diffFixture = (name: string) => fileURLToPath(new URL(`../fixtures/diff/${name}`, import.meta.url));

export function loadFixture(name: string): Matrix {
  const result = loadMatrix(readFileSync(diffFixture(name), 'utf8'));
  if (!result.matrix) throw new Error(`${name} is not a valid matrix: ${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  return result.matrix;
}

export function diffFixtures(before: string, after: string, options?: ImpactOptions): MatrixDiff {
  return diffMatrices(loadFixture(before), loadFixture(after), options);
}

/** A change as a short code: `targets changed severities.sev1.targets.acknowledge stricter`. */
export const code = (c: Change) => `${c.area} ${c.kind} ${formatPath(c.path)} ${c.direction}`;
export const codes = (diff: MatrixDiff) => diff.changes.map(code);
