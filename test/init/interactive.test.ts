// Must come first: it replaces @inquirer/prompts with versions driven by `screen`.
import { screen } from '@inquirer/testing/vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/** `escalate init` on a terminal, in-process, in an empty repository; the clock is pinned. */
function terminal(argv: string[], before?: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-init-tty-'));
  mkdirSync(join(dir, '.git'));
  before?.(dir);
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: dir,
    env: { NO_COLOR: '1' },
    stdout: { write: (t) => void (stdout += t), isTTY: true },
    stderr: { write: (t) => void (stderr += t), isTTY: true },
    stdinIsTTY: true,
    now: () => new Date(2026, 10, 27, 9, 30),
  };
  const code = main({ argv: ['init', ...argv], io });
  return { dir, code, out: () => stdout, err: () => stderr };
}

const shows = (text: string) => expect(screen.getScreen()).toContain(text);
const answer = async (text: string) => {
  screen.type(text);
  screen.keypress('enter');
  await screen.next();
};
const erase = (n: number) => {
  for (let i = 0; i < n; i++) screen.keypress('backspace');
};

describe('escalate init on a terminal', () => {
  it('asks for the template, team, time zone, owner, CI and hook, and writes the answers', async () => {
    const run = terminal([]);
    await screen.next();
    shows('Which template fits your team best?');
    shows('a support team: four levels');
    screen.keypress('down'); // support → msp
    shows('a managed service provider');
    screen.keypress('enter');
    await screen.next();
    shows('Team name (the matrix name)?');
    shows('IT managed services');
    await answer('Night desk');
    shows('Time zone of the team (IANA name)?');
    await answer('Mars/Base');
    shows('not an IANA time zone name');
    erase('Mars/Base'.length);
    await answer('Asia/Kolkata');
    shows('Which role keeps the matrix current and reviews it?');
    shows('❯ Service delivery manager (service-manager)');
    for (let i = 0; i < 3; i++) screen.keypress('down');
    shows('❯ Another role…');
    screen.keypress('enter');
    await screen.next();
    shows('Id of the new role');
    await answer('service-manager');
    shows('"service-manager" is already a role of the template');
    erase('service-manager'.length);
    await answer('desk-lead');
    shows('Title of the role desk-lead?');
    await answer('');
    shows('How to reach Desk lead');
    await answer('TBD');
    shows('says nobody yet');
    erase(3);
    await answer('#desk-leads');
    shows('Add a GitHub Actions workflow');
    await answer('y');
    shows('Add a pre-commit hook');
    screen.keypress('enter'); // default: no

    expect(await run.code).toBe(0);
    expect(run.err()).toBe('');
    expect(readdirSync(run.dir).sort()).toEqual(['.git', '.github', 'escalation-matrix.cases.yaml', 'escalation-matrix.md', 'escalation-matrix.yaml']);
    const matrix = parse(readFileSync(join(run.dir, 'escalation-matrix.yaml'), 'utf8')) as Record<string, unknown> & { roles: Record<string, unknown> };
    expect(matrix).toMatchObject({ name: 'Night desk', timezone: 'Asia/Kolkata', owner: 'desk-lead', reviewed: '2026-11-27' });
    expect(matrix.roles['desk-lead']).toMatchObject({ title: 'Desk lead', contact: '#desk-leads' });
    expect(run.out()).toMatch(/^wrote \.github\/workflows\/escalation-matrix\.yml/m);
  });

  it('asks only for what the options leave open', async () => {
    const run = terminal(['--template', 'client-vendor', '--team', 'Care', '--owner', 'ops-manager', '--ci', 'github']);
    await screen.next();
    shows('Time zone of the team (IANA name)?');
    await answer('Europe/Dublin');
    shows('Add a pre-commit hook');
    screen.type('y');
    screen.keypress('enter'); // the last question
    expect(await run.code).toBe(0);
    expect(readdirSync(run.dir).sort()).toEqual(['.git', '.github', '.pre-commit-config.yaml', 'escalation-matrix.cases.yaml', 'escalation-matrix.md', 'escalation-matrix.yaml']);
    expect(parse(readFileSync(join(run.dir, 'escalation-matrix.yaml'), 'utf8'))).toMatchObject({ name: 'Care', timezone: 'Europe/Dublin', owner: 'ops-manager' });
  });

  it('--yes asks nothing, even on a terminal', async () => {
    const run = terminal(['--yes', '--timezone', 'UTC']);
    expect(await run.code).toBe(0);
    expect(parse(readFileSync(join(run.dir, 'escalation-matrix.yaml'), 'utf8'))).toMatchObject({ name: 'Customer support', owner: 'support-lead' });
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const run = terminal(['--template', 'support']);
    await screen.next();
    shows('Team name');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run.code).toBe(130);
    expect(run.err()).toBe('escalate: interrupted\n');
    expect(readdirSync(run.dir)).toEqual(['.git']);
  });

  it('refuses an existing matrix before asking anything', async () => {
    const run = terminal([], (dir) => writeFileSync(join(dir, 'escalation-matrix.yaml'), 'mine\n'));
    expect(await run.code).toBe(2);
    expect(run.err()).toBe('escalate: escalation-matrix.yaml already exists; pass --force to replace it\n');
    expect(readFileSync(join(run.dir, 'escalation-matrix.yaml'), 'utf8')).toBe('mine\n');
  });
});
