import { readFileSync } from 'node:fs';
import { loadMatrix } from '../../src/matrix/load.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { example } from '../helpers/cli.js';

export const EXAMPLES = ['saas-support', 'msp', 'client-vendor'] as const;

export function exampleMatrix(name: string): Matrix {
  const loaded = loadMatrix(readFileSync(example(`${name}.yaml`), 'utf8'));
  if (!loaded.matrix) throw new Error(`examples/${name}.yaml does not load`);
  return loaded.matrix;
}

/** A matrix from an example with some of its parts replaced. */
export function variant(name: string, change: (m: Matrix) => void): Matrix {
  const m = structuredClone(exampleMatrix(name));
  change(m);
  return m;
}
