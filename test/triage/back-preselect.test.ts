// Must come first: it replaces @inquirer/prompts with versions driven by `screen`.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = new Date('2026-03-27T16:30:00Z');

/** A terminal session in-process: stdin and stdout are TTYs, the clock is pinned. */
function terminal(matrix: string, argv: string[]) {
  let stdout = '';
  const io: Io = {
    cwd: ROOT,
    env: { NO_COLOR: '1' },
    stdout: { write: (t) => void (stdout += t), isTTY: true, columns: 80 },
    stderr: { write: () => undefined, isTTY: true },
    stdinIsTTY: true,
    now: () => NOW,
  };
  const code = main({ argv: ['triage', '--matrix', `examples/${matrix}`, '--json', ...argv], io });
  return { code, out: () => JSON.parse(stdout.slice(stdout.indexOf('{'))) };
}

const started = async <T>(run: T): Promise<T> => {
  await screen.next();
  return run;
};
const press = async (keys: string[]) => {
  for (const k of keys) screen.keypress(k);
};
const choose = async (text: string, moves: number) => {
  expect(screen.getScreen()).toContain(text);
  await press([...Array<string>(moves).fill('down'), 'enter']);
  await screen.next();
};
/** The line the cursor is on. */
const selected = () => screen.getScreen().split('\n').find((l) => l.startsWith('❯'))?.slice(2).trim();

describe('Back preselects the answer given before', () => {
  it('tree: Back from the start to the last question keeps "Neither" under the cursor, so Enter keeps the owner', async () => {
    const run = await started(terminal('saas-support.yaml', ['--answer', 'security=no', '--answer', 'confirmed=yes', '--answer', 'scope=one', '--answer', 'blocked=yes']));
    await choose('Does it involve billing, a payment provider, or neither?', 2); // Neither
    await choose('When did it start?', 2); // ← Back
    expect(screen.getScreen()).toContain('Does it involve billing');
    expect(selected()).toBe('Neither');
    await choose('Does it involve billing', 0); // a quick Enter
    expect(selected()).toBe('Now');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    const result = await run.out();
    expect(result.answers.domain).toBe('neither');
    expect(result.owner.role).not.toBe('finance');
  });

  it('tree: Back within the tree preselects the answer, "Not sure" included', async () => {
    const run = await started(terminal('saas-support.yaml', ['--at', 'now']));
    await choose('Could customer data be exposed', 1); // No
    await choose('Can you reproduce it', 2); // Not sure
    await choose('How many customers are affected?', 3); // ← Back (Many, One, Not sure, Back)
    expect(screen.getScreen()).toContain('Can you reproduce it');
    expect(selected()).toBe('Not sure');
    await choose('Can you reproduce it', 3); // ← Back again
    expect(selected()).toBe('No');
    await choose('Could customer data be exposed', 0);
    expect(selected()).toBe('Not sure');
    await choose('Can you reproduce it', 0);
    await choose('How many customers are affected?', 0);
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect((await run.out()).path[1]).toMatchObject({ question: 'confirmed', unsure: true });
  });

  it('contract: Back from the start preselects the client chosen', async () => {
    const run = await started(terminal('client-vendor.yaml', ['--severity', 'sev2']));
    screen.type('refunds');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    await choose('When did it start?', 2); // ← Back
    expect(screen.getScreen()).toContain('Which contract applies?');
    expect(selected()).toBe('Contoso Retail · refunds and payments (client, tier regulated)');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // Now
    expect(await run.code).toBe(0);
    expect((await run.out()).contract.client.id).toBe('contoso-refunds');
  });

  it('contract: Back from the start, then Back into the tree: each prompt asked again starts on its earlier answer', async () => {
    const run = await started(terminal('client-vendor.yaml', ['--answer', 'data=no', '--answer', 'serving=no']));
    await choose('Whose system is failing?', 1); // The client's
    screen.type('refunds');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    await choose('When did it start?', 2); // ← Back to the contract
    expect(selected()).toBe('Contoso Retail · refunds and payments (client, tier regulated)');
    screen.type('back');
    await screen.next();
    expect(selected()).toBe('← Back');
    screen.keypress('enter');
    await screen.next();
    expect(selected()).toBe("The client's (order platform, CRM)");
    await choose('Whose system is failing?', 0);
    expect(selected()).toBe('Contoso Retail · refunds and payments (client, tier regulated)');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // Now
    expect(await run.code).toBe(0);
    const result = await run.out();
    expect(result.contract.client.id).toBe('contoso-refunds');
    expect(result.answers['whose-system']).toBe('client');
  });

  it('start: an empty Enter in the time field returns to the choices with "Earlier…" preselected', async () => {
    const run = await started(terminal('saas-support.yaml', ['--severity', 'sev1']));
    await choose('When did it start?', 1); // Earlier…
    expect(screen.getScreen()).toContain('(empty Enter: back to Now / Earlier…)');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('When did it start?');
    expect(selected()).toBe('Earlier…');
    screen.keypress('enter');
    await screen.next();
    screen.type('20 min ago');
    expect(screen.getScreen()).toContain('20 min ago  → 2026-03-27T17:10:00+01:00');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect(Date.parse((await run.out()).started_at)).toBe(Date.parse('2026-03-27T16:10:00Z'));
  });
});

describe('no dead ends', () => {
  it('a contract search with no match says so and offers the standard contract', async () => {
    const run = await started(terminal('msp.yaml', ['--severity', 'p2', '--at', 'now']));
    screen.type('zzz');
    await screen.next();
    expect(screen.getScreen()).toContain('Nothing matches "zzz"');
    expect(selected()).toBe('None / standard contract');
    expect(screen.getScreen()).toContain('No client or tier matched "zzz"; Enter takes the standard contract');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect((await run.out()).contract.client).toBeUndefined();
  });

  it('the time field validates as it is typed', async () => {
    const run = await started(terminal('saas-support.yaml', ['--severity', 'sev1']));
    await choose('When did it start?', 1);
    screen.type('in a bit');
    expect(screen.getScreen()).toMatch(/in a bit {2}✗ .*is not a start time/);
    for (let i = 0; i < 'in a bit'.length; i++) screen.keypress('backspace');
    screen.type('03:10');
    expect(screen.getScreen()).toContain('03:10  → 2026-03-27T03:10:00+01:00');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect(Date.parse((await run.out()).started_at)).toBe(Date.parse('2026-03-27T02:10:00Z'));
  });
});
