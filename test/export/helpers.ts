import type { Matrix } from '../../src/matrix/schema.js';
import { loadExample } from '../triage/load-example.js';

export const EXAMPLES = ['saas-support', 'msp', 'client-vendor'] as const;

/** An example as loaded (once per worker): a copy of its own for each caller. */
export const exampleMatrix = (name: string): Matrix => loadExample(`${name}.yaml`);

/** A matrix from an example with some of its parts replaced. */
export function variant(name: string, change: (m: Matrix) => void): Matrix {
  const m = exampleMatrix(name);
  change(m);
  return m;
}
