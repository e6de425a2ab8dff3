// Must come first: it replaces @inquirer/prompts with versions driven by `screen`.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A terminal session in-process: stdin and stdout are TTYs, the clock is pinned. */
function terminal(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: ROOT,
    env: { NO_COLOR: '1' },
    stdout: { write: (t) => void (stdout += t), isTTY: true },
    stderr: { write: (t) => void (stderr += t), isTTY: true },
    stdinIsTTY: true,
    now: () => new Date('2026-03-27T15:42:00Z'),
  };
  const matrix = argv[0] === '--matrix' ? [] : ['--matrix', 'examples/saas-support.yaml'];
  const code = main({ argv: ['triage', ...matrix, '--at', '2026-03-27T16:30', ...argv], io });
  return { code, out: () => stdout, err: () => stderr };
}

/** The command loads the matrix before its first prompt: wait for it to show. */
async function started<T>(run: T): Promise<T> {
  await screen.next();
  return run;
}

/** Picks the choice `moves` rows down on the question showing `text`; waits for the next question unless it was the last. */
const choose = async (text: string, moves: number, last = false) => {
  expect(screen.getScreen()).toContain(text);
  for (let i = 0; i < moves; i++) screen.keypress('down');
  screen.keypress('enter');
  if (!last) await screen.next();
};

describe('interactive triage on a terminal', () => {
  it('walks the tree by arrow keys to the same outcome as the flags', async () => {
    const run = await started(terminal(['--json']));
    await choose('Could customer data be exposed', 1); // No
    await choose('Can you reproduce it', 0); // Yes, confirmed
    await choose('How many customers are affected?', 0); // Many
    expect(screen.getScreen()).toContain('So far: security → No · confirmed → Yes, confirmed · scope → Many accounts or everyone');
    screen.keypress('enter'); // core: Yes
    expect(await run.code).toBe(0);
    const json = JSON.parse(run.out().slice(run.out().indexOf('{')));
    expect(json.severity.id).toBe('sev1');
    expect(json.owner.role).toBe('support-lead');
    expect(json.answers).toEqual({ security: 'no', confirmed: 'yes', scope: 'many', core: 'yes' });
  });

  it('goes back one question', async () => {
    const run = await started(terminal(['--json']));
    await choose('Could customer data be exposed', 1); // No
    await choose('Can you reproduce it', 0); // Yes, confirmed
    await choose('How many customers are affected?', 3); // ← Back (Many, One, Not sure, Back)
    await choose('Can you reproduce it', 1, true); // No, a single unconfirmed report
    expect(await run.code).toBe(0);
    const json = JSON.parse(run.out().slice(run.out().indexOf('{')));
    expect(json.severity.id).toBe('sev4');
    expect(json.path.map((p: { question: string }) => p.question)).toEqual(['security', 'confirmed']);
  });

  it('"Not sure" takes the more severe answer', async () => {
    const run = await started(terminal(['--json']));
    await choose('Could customer data be exposed', 2, true); // Not sure
    expect(await run.code).toBe(0);
    const json = JSON.parse(run.out().slice(run.out().indexOf('{')));
    expect(json.severity.id).toBe('sev1');
    expect(json.owner.role).toBe('security');
    expect(json.path[0]).toMatchObject({ question: 'security', answer: 'yes', unsure: true });
  });

  it('prints the card after the last answer', async () => {
    const run = await started(terminal(['--answer', 'security=no', '--answer', 'confirmed=yes', '--answer', 'scope=many']));
    expect(screen.getScreen()).toContain('Is a core workflow blocked');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect(run.out()).toContain('SEV1 · Critical');
    expect(run.out()).toContain('Acknowledge');
  });

  it('Ctrl-C exits 130 with one short line, no stack trace', async () => {
    const run = await started(terminal([]));
    expect(screen.getScreen()).toContain('Could customer data be exposed');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run.code).toBe(130);
    expect(run.err()).toBe('escalate: interrupted\n');
  });

  it('--handoff collects the packet fields the severity requires; an empty answer stays missing', async () => {
    const run = await started(terminal(['--severity', 'sev3', '--handoff', '--json', '--field', 'reproduction=Open the report, filter by region']));
    expect(screen.getScreen()).toContain('Impact summary (Who is affected and how badly, in one sentence.)');
    screen.type('Filters ignore one field for one tenant');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    const json = JSON.parse(run.out());
    expect(json.handoff.fields).toEqual([
      { id: 'impact-summary', label: 'Impact summary', help: 'Who is affected and how badly, in one sentence.', value: 'Filters ignore one field for one tenant' },
      { id: 'reproduction', label: 'Reproduction steps', value: 'Open the report, filter by region' },
    ]);
    expect(json.handoff.missing).toEqual([]);
  });

  it('--handoff lists what is left empty as missing', async () => {
    const run = await started(terminal(['--severity', 'sev3', '--handoff', '--json']));
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('Reproduction steps');
    screen.type('Step 1');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect(JSON.parse(run.out()).handoff.missing).toEqual(['impact-summary']);
  });

  it('--no-input never prompts, even on a terminal', async () => {
    const run = terminal(['--no-input']);
    expect(await run.code).toBe(2);
    expect(run.err()).toMatch(/^escalate: missing answer to "security"/);
  });

  it('draws hostile matrix text escaped in the prompt itself (the prompt library writes past Io)', async () => {
    const run = await started(terminal(['--matrix', 'test/fixtures/hostile-output/saas-support.yaml', '--json']));
    const shown = screen.getScreen();
    expect(shown).toContain('\\u001b[2J');
    expect(shown).toContain('\\u202e');
    expect(shown).not.toMatch(/[\u001b\u202e\u0007]/);
    screen.keypress('down'); // No: on to the next question
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('\\u001b]8;;https://attacker.example/');
    screen.keypress({ name: 'c', ctrl: true });
    expect(await run.code).toBe(130);
  });
});
