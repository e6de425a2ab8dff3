import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedSchemas } from '../../src/matrix/json-schema.js';
import { formatReference } from '../../src/matrix/reference.js';
import { ROOT } from '../helpers/cli.js';

describe('docs/format.md format reference', () => {
  const schema = JSON.parse(generatedSchemas()[0]!.text);
  const reference = formatReference(schema);

  it('is current (run npm run readme after a format change)', () => {
    const readme = readFileSync(join(ROOT, 'docs/format.md'), 'utf8');
    const section = /<!-- format-reference:start -->\n([\s\S]*)<!-- format-reference:end -->/.exec(readme)?.[1];
    expect(section).toBe(reference);
  });

  it('documents every top-level key with its type and description', () => {
    for (const key of Object.keys(schema.properties)) expect(reference).toContain(`| \`${key}\` |`);
    expect(reference).toContain('| `review_every` | duration | yes |');
    expect(reference).toContain('### `severities[].targets`');
  });

  it('has well-formed tables: every row has four cells', () => {
    for (const line of reference.split('\n').filter((l) => l.startsWith('|'))) {
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      expect(cells, line).toBe(4);
    }
  });
});
