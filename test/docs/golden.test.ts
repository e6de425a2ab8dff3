/**
 * The drift test CI relies on: each shipped example has its generated sheet beside it,
 * and that sheet is exactly what the matrix gives today. Regenerate with
 *   node bin/escalate.js docs --matrix examples/NAME.yaml --out examples/NAME.md
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderSheet } from '../../src/docs/sheet.js';
import { example, runCli } from '../helpers/cli.js';
import { EXAMPLES, loadExample } from './helpers/load.js';

test.each(EXAMPLES)('examples/%s.md is shipped and current', (name) => {
  const path = example(`${name}.md`);
  expect(existsSync(path), `examples/${name}.md is missing`).toBe(true);
  const expected = renderSheet(loadExample(name), { source: `${name}.yaml` });
  expect(readFileSync(path, 'utf8'), `examples/${name}.md is stale; regenerate it`).toBe(expected);
});

test.each(EXAMPLES)('escalate docs --check agrees that examples/%s.md is current', (name) => {
  const result = runCli(['docs', '--matrix', `examples/${name}.yaml`, '--out', `examples/${name}.md`, '--check']);
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(`✓ examples/${name}.md is current\n`);
  expect(result.code).toBe(0);
});
