/**
 * The lint pages are generated where they can drift: the rule tables in docs/rules.md come
 * from the registry, and the workflow in docs/lint.md from docs/github-actions.yml.
 * Regenerate with `UPDATE_README=1 npx vitest run test/lint/readme.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatChecksTable, rulesTable } from '../../src/lint/rules-table.js';
import { RULES } from '../../src/lint/registry.js';
import { FORMAT_CHECKS } from '../../src/lint/format-checks.js';
import { ROOT } from '../helpers/cli.js';

const workflow = () => readFileSync(`${ROOT}docs/github-actions.yml`, 'utf8');

/** [page, marker name, generator] */
const BLOCKS: [string, string, () => string][] = [
  ['docs/rules.md', 'lint-rules', rulesTable],
  ['docs/rules.md', 'lint-format-checks', formatChecksTable],
  ['docs/lint.md', 'lint-workflow', () => `\`\`\`yaml\n${workflow()}\`\`\``],
];

function block(text: string, name: string): string | undefined {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n?<!-- ${name}:end -->`).exec(text);
  return match?.[1];
}

describe('docs pages of escalate lint, generated parts', () => {
  if (process.env.UPDATE_README === '1') {
    for (const [page, name, make] of BLOCKS) {
      const text = readFileSync(`${ROOT}${page}`, 'utf8');
      writeFileSync(`${ROOT}${page}`, text.replace(new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`), (_m, start: string, end: string) => `${start}${make()}\n${end}`));
    }
  }

  it.each(BLOCKS)('%s %s is current', (page, name, make) => {
    const text = readFileSync(`${ROOT}${page}`, 'utf8');
    expect(block(text, name), `regenerate: UPDATE_README=1 npx vitest run test/lint/readme.test.ts`).toBe(make());
  });

  it('lists every rule with its default level and every format check', () => {
    const text = readFileSync(`${ROOT}docs/rules.md`, 'utf8');
    for (const rule of RULES) expect(text).toContain(`| \`${rule.id}\` | ${rule.level} |`);
    for (const check of FORMAT_CHECKS) expect(text).toContain(`| \`${check.id}\` |`);
  });
});
