// Must come first: it replaces @inquirer/prompts with versions driven by `screen`.
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = new Date('2026-03-27T16:30:00Z'); // London, GMT

/** A terminal session in-process on the client-vendor example (tiers and clients): stdin and stdout are TTYs, the clock is pinned. */
function terminal(argv: string[], matrix = 'examples/client-vendor.yaml') {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd: ROOT,
    env: { NO_COLOR: '1' },
    stdout: { write: (t) => void (stdout += t), isTTY: true, columns: 80 },
    stderr: { write: (t) => void (stderr += t), isTTY: true },
    stdinIsTTY: true,
    now: () => NOW,
  };
  const code = main({ argv: ['triage', '--matrix', matrix, ...argv], io });
  return { code, out: () => stdout, err: () => stderr };
}

const started = async <T>(run: T): Promise<T> => {
  await screen.next();
  return run;
};
const choose = async (text: string, moves: number) => {
  expect(screen.getScreen()).toContain(text);
  for (let i = 0; i < moves; i++) screen.keypress('down');
  screen.keypress('enter');
  await screen.next();
};
const json = (text: string) => JSON.parse(text.slice(text.indexOf('{')));
const deadline = (result: { deadlines: { kind: string; at: string }[] }, kind: string) => result.deadlines.find((d) => d.kind === kind)?.at;

describe('interactive triage asks what changes the deadlines', () => {
  it('asks for the contract after the tree; the regulated client gives the regulated deadlines with no flag', async () => {
    const run = await started(terminal(['--answer', 'data=no', '--answer', 'serving=no', '--json']));
    await choose('Whose system is failing?', 0);
    expect(screen.getScreen()).toContain('Which contract applies?');
    expect(screen.getScreen()).toContain('None / standard contract');
    screen.type('refunds'); // searchable: only the matching client remains
    await screen.next();
    expect(screen.getScreen()).toContain('Contoso Retail · refunds and payments (client, tier regulated)');
    expect(screen.getScreen()).not.toContain('customer care');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('When did it start?');
    screen.keypress('enter'); // Now
    expect(await run.code).toBe(0);
    const result = json(run.out());
    expect(result.contract.client.id).toBe('contoso-refunds');
    expect(deadline(result, 'notify_client')).toBe('2026-03-27T16:45:00+00:00'); // the regulated 15m, not the standard 30m
    expect(result.started_at).toBe('2026-03-27T16:30:00+00:00');
  });

  it('a start given with --at is kept when only the contract is asked', async () => {
    const run = await started(terminal(['--severity', 'sev1', '--at', '10 min ago', '--json']));
    expect(screen.getScreen()).toContain('Which contract applies?');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    expect(json(run.out()).started_at).toBe('2026-03-27T16:20:00+00:00');
  });

  it('"None / standard contract" is an explicit first choice: Enter keeps the severity targets', async () => {
    const run = await started(terminal(['--severity', 'sev1', '--json']));
    expect(screen.getScreen()).toContain('Which contract applies?');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    const result = json(run.out());
    expect(result.contract.client).toBeUndefined();
    expect(deadline(result, 'notify_client')).toBe('2026-03-27T17:00:00+00:00');
  });

  it('an earlier start is typed in any --at form and moves every deadline', async () => {
    const run = await started(terminal(['--severity', 'sev1', '--client', 'contoso-refunds', '--json']));
    expect(screen.getScreen()).toContain('When did it start?');
    await choose('When did it start?', 1); // Earlier…
    screen.type('in a bit');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('is not a start time'); // refused on the spot, asked again
    for (let i = 0; i < 'in a bit'.length; i++) screen.keypress('backspace');
    screen.type('20 min ago');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    const result = json(run.out());
    expect(result.started_at).toBe('2026-03-27T16:10:00+00:00');
    expect(deadline(result, 'acknowledge')).toBe('2026-03-27T16:25:00+00:00');
  });

  it('Back from the contract returns to the last tree question, and "Not sure" still takes the more severe answer', async () => {
    const run = await started(terminal(['--answer', 'data=no', '--json']));
    await choose('Can the programme still serve customers?', 2); // Not sure → "No, customers cannot be served"
    await choose('Whose system is failing?', 1); // The client's
    expect(screen.getScreen()).toContain('Which contract applies?');
    screen.type('back');
    await screen.next();
    screen.keypress('enter'); // ← Back
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ The client's/); // Back returns to the answer given
    screen.keypress('up');
    await choose('Whose system is failing?', 0); // Ours, this time
    expect(screen.getScreen()).toContain('Which contract applies?');
    screen.keypress('enter'); // None
    await screen.next();
    screen.keypress('enter'); // Now
    expect(await run.code).toBe(0);
    const result = json(run.out());
    expect(result.path.map((p: { question: string; answer: string }) => `${p.question}=${p.answer}`)).toEqual(['data=no', 'serving=no', 'whose-system=ours']);
    expect(result.path[1].unsure).toBe(true);
    expect(result.route.id).toBe('it');
  });

  it('Back from the start returns to the contract', async () => {
    const run = await started(terminal(['--severity', 'sev2', '--json']));
    screen.keypress('enter'); // None
    await screen.next();
    await choose('When did it start?', 2); // ← Back
    expect(screen.getScreen()).toContain('Which contract applies?');
    screen.type('tier:regulated');
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // Now
    expect(await run.code).toBe(0);
    expect(json(run.out()).contract.tier.id).toBe('regulated');
  });

  it('a matrix without clients or tiers asks only for the start; a given --at asks for nothing after the tree', async () => {
    const run = await started(terminal(['--severity', 'sev1', '--json'], 'examples/saas-support.yaml'));
    expect(screen.getScreen()).toContain('When did it start?');
    expect(screen.getScreen()).not.toContain('Which contract');
    screen.keypress('enter');
    expect(await run.code).toBe(0);
    const given = terminal(['--severity', 'sev1', '--json', '--at', '10 min ago', '--client', 'contoso-care']);
    expect(await given.code).toBe(0);
    expect(json(given.out()).started_at).toBe('2026-03-27T16:20:00+00:00');
  });
});
