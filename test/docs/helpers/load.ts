import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadMatrix } from '../../../src/matrix/load.js';
import type { Matrix } from '../../../src/matrix/schema.js';
import { example, fixture } from '../../helpers/cli.js';

export const EXAMPLES = ['saas-support', 'msp', 'client-vendor'] as const;

/** A matrix file that must load cleanly: a failure here is a broken fixture, said loudly. */
export function loadFile(path: string): Matrix {
  const result = loadMatrix(readFileSync(path, 'utf8'));
  if (!result.matrix) {
    const errors = result.diagnostics.map((d) => `${basename(path)}:${d.line}:${d.column} ${d.message}`).join('\n');
    throw new Error(`fixture does not load:\n${errors}`);
  }
  return result.matrix;
}

export const loadExample = (name: string): Matrix => loadFile(example(`${name}.yaml`));
export const loadFixture = (name: string): Matrix => loadFile(fixture(`docs/${name}.yaml`));
