/** Loads a shipped example matrix (or a triage fixture) for unit tests; fails loudly when it does not load. */
import { readFileSync } from 'node:fs';
import { loadMatrix } from '../../src/matrix/load.js';
import type { Matrix } from '../../src/matrix/schema.js';

export function loadExample(name: string): Matrix {
  return loadFrom(new URL(`../../examples/${name}`, import.meta.url));
}

export function loadTriageFixture(name: string): Matrix {
  return loadFrom(new URL(`../fixtures/triage/${name}`, import.meta.url));
}

function loadFrom(url: URL): Matrix {
  const result = loadMatrix(readFileSync(url, 'utf8'));
  if (!result.matrix) throw new Error(`${url.pathname} does not load: ${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  return result.matrix;
}
