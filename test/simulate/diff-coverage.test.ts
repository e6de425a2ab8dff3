/** End to end: `escalate diff --coverage FOLDER` writes the before/after coverage pictures and shows them in its output. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';

const NOW = { ESCALATE_NOW: '2026-12-06T10:00:00+01:00' };

function longerHours(): { dir: string; after: string } {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-diff-coverage-'));
  const after = join(dir, 'after.yaml');
  writeFileSync(after, readFileSync(example('saas-support.yaml'), 'utf8').replace('hours: "09:00-18:00"', 'hours: "08:00-20:00"'));
  return { dir, after };
}

describe('diff --coverage', () => {
  it('writes coverage-before.svg and coverage-after.svg and puts them side by side in the markdown', () => {
    const { dir, after } = longerHours();
    const run = runCli(['diff', example('saas-support.yaml'), after, '--coverage', dir, '--coverage-week', '2026-12-21', '--format', 'markdown'], { env: NOW });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`| ![coverage before](${join(dir, 'coverage-before.svg')}) | ![coverage after](${join(dir, 'coverage-after.svg')}) |`);
    const before = readFileSync(join(dir, 'coverage-before.svg'), 'utf8');
    const later = readFileSync(join(dir, 'coverage-after.svg'), 'utf8');
    expect(before).toMatch(/^<svg /);
    // Office hours from 08:00: a Sev3 at Monday 08:00 is now acknowledged within 4 h, before only from 09:00.
    expect(before).toMatch(/<title>Mon 21 Dec 08:00 sev3: first Frontline support; acknowledge by Mon 21 Dec 13:00<\/title>/);
    expect(later).toMatch(/<title>Mon 21 Dec 08:00 sev3: first Frontline support; acknowledge by Mon 21 Dec 12:00<\/title>/);
  });

  it('names them on the terminal (and on stderr with --format json, keeping stdout JSON)', () => {
    const { dir, after } = longerHours();
    const terminal = runCli(['diff', example('saas-support.yaml'), after, '--coverage', dir], { env: NOW });
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).toContain(`coverage pictures: ${join(dir, 'coverage-before.svg')} (before), ${join(dir, 'coverage-after.svg')} (after)`);
    const json = runCli(['diff', example('saas-support.yaml'), after, '--coverage', dir, '--format', 'json'], { env: NOW });
    expect(json.code).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toContain('coverage pictures: ');
  });

  it.each([
    ['a folder that does not exist', ['--coverage', '/nonexistent/pictures'], /--coverage \/nonexistent\/pictures: .*name an existing folder/],
    ['a week without --coverage', ['--coverage-week', '2026-12-21'], /--coverage-week chooses the week of --coverage FOLDER/],
    ['a week that is not a date', ['--coverage', '.', '--coverage-week', 'soon'], /--coverage-week: "soon" is not a date/],
  ])('refuses %s: one line, exit 2, nothing written', (_what, args, message) => {
    const { after } = longerHours();
    const run = runCli(['diff', example('saas-support.yaml'), after, ...args], { env: NOW });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
