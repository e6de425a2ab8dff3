import { readFileSync } from 'node:fs';
import { loadMatrix } from '../../src/matrix/load.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { example } from '../helpers/cli.js';

export const EXAMPLES = ['saas-support', 'msp', 'client-vendor'] as const;

/** The examples as loaded, each once: the export suites ask for them hundreds of times. */
const loaded = new Map<string, Matrix>();

/** An example as loaded: a copy of its own for each caller, as a fresh load gives (a loaded matrix is plain data). */
export function exampleMatrix(name: string): Matrix {
  let matrix = loaded.get(name);
  if (!matrix) {
    const load = loadMatrix(readFileSync(example(`${name}.yaml`), 'utf8'));
    if (!load.matrix) throw new Error(`examples/${name}.yaml does not load`);
    loaded.set(name, (matrix = load.matrix));
  }
  return structuredClone(matrix);
}

/** A matrix from an example with some of its parts replaced. */
export function variant(name: string, change: (m: Matrix) => void): Matrix {
  const m = exampleMatrix(name);
  change(m);
  return m;
}
