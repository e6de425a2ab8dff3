/**
 * The README's lint section is generated where it can drift: the rule tables come from the
 * registry and the workflow from docs/github-actions.yml. Regenerate with
 * `UPDATE_README=1 npx vitest run test/lint/readme.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatChecksTable, rulesTable } from '../../src/lint/rules-table.js';
import { RULES } from '../../src/lint/registry.js';
import { FORMAT_CHECKS } from '../../src/lint/format-checks.js';
import { ROOT } from '../helpers/cli.js';

const README = `${ROOT}README.md`;
const workflow = () => readFileSync(`${ROOT}docs/github-actions.yml`, 'utf8');

const BLOCKS: [string, () => string][] = [
  ['lint-rules', rulesTable],
  ['lint-format-checks', formatChecksTable],
  ['lint-workflow', () => `\`\`\`yaml\n${workflow()}\`\`\``],
];

function block(text: string, name: string): string | undefined {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n?<!-- ${name}:end -->`).exec(text);
  return match?.[1];
}

describe('README, escalate lint section', () => {
  if (process.env.UPDATE_README === '1') {
    let text = readFileSync(README, 'utf8');
    for (const [name, make] of BLOCKS) {
      text = text.replace(new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`), (_m, start: string, end: string) => `${start}${make()}\n${end}`);
    }
    writeFileSync(README, text);
  }
  const text = readFileSync(README, 'utf8');

  it.each(BLOCKS)('%s is current', (name, make) => {
    expect(block(text, name), `regenerate: UPDATE_README=1 npx vitest run test/lint/readme.test.ts`).toBe(make());
  });

  it('lists every rule with its default level and every format check', () => {
    for (const rule of RULES) expect(text).toContain(`| \`${rule.id}\` | ${rule.level} |`);
    for (const check of FORMAT_CHECKS) expect(text).toContain(`| \`${check.id}\` |`);
  });
});
