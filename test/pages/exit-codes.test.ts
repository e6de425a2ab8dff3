/**
 * Each command's page says the exit codes its --help lists: the table between the
 * `exit-codes` markers is generated from src/cli/exit-codes.ts. Regenerate with
 * `UPDATE_DOCS=1 npx vitest run test/pages/exit-codes.test.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_EXIT_CODES, exitCodesMarkdown } from '../../src/cli/exit-codes.js';
import { ROOT } from '../helpers/cli.js';

const START = '<!-- exit-codes:start -->';
const END = '<!-- exit-codes:end -->';
const COMMANDS = Object.keys(COMMAND_EXIT_CODES);
const page = (command: string) => `${ROOT}docs/${command}.md`;

describe('exit codes on each command page', () => {
  if (process.env.UPDATE_DOCS === '1') {
    for (const command of COMMANDS) {
      const text = readFileSync(page(command), 'utf8');
      if (text.includes(START)) writeFileSync(page(command), text.replace(new RegExp(`${START}\\n[\\s\\S]*?${END}`), `${START}\n${exitCodesMarkdown(command)}\n${END}`));
    }
  }

  it.each(COMMANDS)('docs/%s.md exists and its exit-codes table, where it has one, is current', (command) => {
    expect(existsSync(page(command)), `docs/${command}.md`).toBe(true);
    const text = readFileSync(page(command), 'utf8');
    if (!text.includes(START)) return;
    const block = new RegExp(`${START}\\n([\\s\\S]*?)\\n${END}`).exec(text)?.[1];
    expect(block, 'regenerate: UPDATE_DOCS=1 npx vitest run test/pages/exit-codes.test.ts').toBe(exitCodesMarkdown(command));
  });

  it('the pages of event, report, import, init, schema and triage carry the table', () => {
    for (const command of ['event', 'report', 'import', 'init', 'schema', 'triage']) expect(readFileSync(page(command), 'utf8')).toContain(START);
  });
});
