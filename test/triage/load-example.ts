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

/** The matrices as loaded, each once: the suites ask for the same few files hundreds of times. */
const loaded = new Map<string, Matrix>();

/** A copy of its own for each caller, as a fresh load gives (a loaded matrix is plain data). */
function loadFrom(url: URL): Matrix {
  let matrix = loaded.get(url.href);
  if (!matrix) {
    const result = loadMatrix(readFileSync(url, 'utf8'));
    if (!result.matrix) throw new Error(`${url.pathname} does not load: ${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
    loaded.set(url.href, (matrix = result.matrix));
  }
  return structuredClone(matrix);
}
