/** docs/diff.md's sample pull-request comment and terminal output are what the tool prints. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plain } from '../../src/cli/colors.js';
import { failReason } from '../../src/diff/fail-on.js';
import { renderMarkdown } from '../../src/diff/render/markdown.js';
import { renderTerminal } from '../../src/diff/render/terminal.js';
import { ROOT } from '../helpers/cli.js';
import { diffFixtures } from './helpers.js';

const section = readFileSync(`${ROOT}docs/diff.md`, 'utf8');
const labels = { old: 'main:escalation-matrix.yaml', new: 'escalation-matrix.yaml' };
const diff = diffFixtures('saas-old.yaml', 'saas-readme.yaml');

describe('docs/diff.md samples of escalate diff', () => {
  it('the pull-request comment is the markdown report', () => {
    const reason = failReason(diff, 'looser');
    const comment = renderMarkdown(diff, labels, { mode: 'looser', failed: reason !== undefined, ...(reason ? { reason } : {}) });
    expect(section).toContain(`\`\`\`markdown\n${comment}\`\`\``);
  });

  it('the terminal sample is the terminal report', () => {
    expect(section).toContain(`\`\`\`console\n$ npx escalate diff main\n${renderTerminal(diff, labels, plain)}\`\`\``);
  });
});
