/**
 * The real binary on a real terminal: tmux panes of 80x24 and 120x40, keys sent as a person
 * would, the screen read back. Skipped, saying why, where tmux is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { loadExample } from './load-example.js';
import { EXAMPLES, everyCase, type Case } from './screen-cases.js';

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
if (!hasTmux) console.warn('skipping the tmux tests: tmux is not installed (apt-get install tmux)');

const NOW = '2026-03-27T16:30:00+00:00';
const dir = mkdtempSync(join(tmpdir(), 'escalate-tmux-'));
// A server per session: a new one never races the one being killed.
let socket = join(dir, 'sock-0');
const tmux = (...args: string[]) => spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 20_000 });

afterEach(() => void tmux('kill-server'));

/** The poll of the screen: short, since each wait is idle time of the suite (a capture costs ~2 ms). */
const pause = () => new Promise((r) => setTimeout(r, 25));
/** The prompt of `bash --norc --noprofile` (PS1 `\s-\v\$ `), drawn once the script has ended. */
const PROMPT = /^bash-[\d.]+[$#]$/;

/** Starts escalate in a pane of the given size; resolves when it exits, with the screen the person is left with. */
let sessions = 0;
function session(columns: number, rows: number, args: string, now = NOW) {
  const n = ++sessions;
  socket = join(dir, `sock-${n}`);
  const done = join(dir, `done-${n}`);
  const script = join(dir, `run-${n}.sh`);
  writeFileSync(script, `#!/bin/sh\ncd '${ROOT}'\nESCALATE_NOW='${now}' '${process.execPath}' '${BIN}' ${args}\necho $? > '${done}'\n`);
  chmodSync(script, 0o755);
  const env = { ...process.env, TERM: 'xterm-256color' } as Record<string, string>;
  for (const key of ['TMUX', 'TMUX_PANE', 'NO_COLOR', 'CI']) delete env[key];
  const started = spawnSync('tmux', ['-S', socket, '-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', String(columns), '-y', String(rows), `bash --norc --noprofile`], { env, encoding: 'utf8' });
  expect(started.status, started.stderr).toBe(0);
  tmux('set-option', '-g', 'status', 'off');
  tmux('resize-window', '-t', 't', '-x', String(columns), '-y', String(rows));
  tmux('send-keys', '-t', 't', '-l', `clear; ${script}`);
  tmux('send-keys', '-t', 't', 'Enter');
  const screen = () => tmux('capture-pane', '-p', '-t', 't').stdout;
  return {
    screen,
    /** Waits (polling, up to 30 s on a loaded machine) until the screen shows `text`. */
    async waitFor(text: string): Promise<string> {
      for (let i = 0; i < 1200; i++) {
        const s = screen();
        if (s.includes(text)) return s;
        await pause();
      }
      throw new Error(`the screen never showed "${text}":\n${screen()}`);
    },
    keys: (...keys: string[]) => void tmux('send-keys', '-t', 't', ...keys),
    type: (text: string) => void tmux('send-keys', '-t', 't', '-l', text),
    async exit(): Promise<{ code: string; screen: string; joined: string[] }> {
      for (let i = 0; i < 1200 && !existsSync(done); i++) await pause();
      // The shell's prompt after the run: tmux has drawn everything the program wrote before it.
      for (let i = 0; i < 120 && !PROMPT.test(screen().trimEnd().split('\n').at(-1) ?? ''); i++) await pause();
      return { code: existsSync(done) ? readFileSync(done, 'utf8').trim() : 'still running', screen: screen(), joined: tmux('capture-pane', '-p', '-J', '-t', 't').stdout.split('\n') };
    },
  };
}

describe.skipIf(!hasTmux)('the real binary in tmux', () => {
  it('80x24: Not sure, the contract prompt with Back and search, a typed start; the answer is on the last screen', async () => {
    const s = session(80, 24, 'triage --matrix examples/client-vendor.yaml');
    await s.waitFor('personal or card data');
    s.keys('Down', 'Enter'); // No
    await s.waitFor('still serve customers');
    s.keys('Down', 'Down', 'Enter'); // Not sure → "No, customers cannot be served"
    await s.waitFor('Whose system is failing?');
    s.keys('Enter'); // Ours
    await s.waitFor('Which contract applies?');
    s.type('back');
    await s.waitFor('← Back');
    s.keys('Enter');
    // The question answered above stays on the screen: wait for its choices, shown only while it is asked again.
    await s.waitFor('❯ Ours (telephony');
    s.keys('Down', 'Enter'); // The client's
    await s.waitFor('Which contract applies?');
    s.type('refunds');
    await s.waitFor('(type to search) refunds'); // the unfiltered list already shows the client: wait for the search
    await s.waitFor('❯ Contoso Retail · refunds and payments');
    s.keys('Enter');
    await s.waitFor('When did it start?');
    s.keys('Down', 'Enter'); // Earlier…
    await s.waitFor('Started at');
    s.type('20 min ago');
    s.keys('Enter');
    const end = await s.exit();
    expect(end.code, end.screen).toBe('0');
    const screen = end.screen;
    expect(screen).toMatch(/^SEV1 · Critical {2}Brightline BPO/m);
    expect(screen).toMatch(/^Owner +Vendor operations manager · pager:brightline-ops$/m);
    expect(screen).toMatch(/^ {2}Acknowledge +Fri 27 Mar 16:25 {2}overdue by 5 min$/m);
    expect(screen).toMatch(/^ {2}Client notice +Fri 27 Mar 16:25 {2}overdue by 5 min$/m); // the regulated 15m from 16:10
    expect(screen).toMatch(/^Started +Fri 27 Mar 16:10 \(20 min ago\)/m);
    expect(end.joined.filter((l) => l.trimEnd().length > 80)).toEqual([]);
  }, 120_000);

  it('120x40: Enter at every prompt ends on the whole summary, and the card uses the width', async () => {
    const s = session(120, 40, 'triage --matrix examples/msp.yaml');
    await s.waitFor('Is a server, network link');
    s.keys('Enter'); // Yes
    await s.waitFor('How many users');
    s.keys('Enter'); // Many
    await s.waitFor('Which contract applies?');
    s.keys('Enter'); // None / standard contract
    await s.waitFor('When did it start?');
    s.keys('Enter'); // Now
    const end = await s.exit();
    expect(end.code, end.screen).toBe('0');
    expect(end.screen).toMatch(/^P1 · Critical/m);
    expect(end.screen).toMatch(/^ {2}Acknowledge +Fri 27 Mar 12:45 {2}in 15 min$/m);
    expect(end.joined.filter((l) => l.trimEnd().length > 120)).toEqual([]);
    // At 120 columns the client line stays on one line that wraps at 80.
    expect(end.joined.some((l) => l.startsWith('Client ') && l.trimEnd().length > 80)).toBe(true);
  }, 120_000);
});

describe.skipIf(!hasTmux)('80x24 on every example: the answered questions and the whole answer block on the last screen', () => {
  for (const file of EXAMPLES) {
    // The longest screen a person can reach by prompts alone: every question asked, a contract searched for, a start typed.
    const byPrompts = everyCase(file)
      .filter((c) => c.path.length > 0 && c.ago > 0)
      .sort((a, b) => b.lines - a.lines || b.path.length - a.path.length);
    // The longest of all, and the longest with an exception active and a client named.
    const picks = [byPrompts[0]!, byPrompts.find((c) => !c.name.includes(' no exception ') && c.contract !== undefined && c.contract !== 'none')].filter((c) => c !== undefined);
    for (const worst of picks) playOnTmux(file, worst);
  }
});

function playOnTmux(file: string, worst: Case) {
    it(`${file}: ${worst.name}`, async () => {
      const matrix = loadExample(file);
      const s = session(80, 24, `triage --matrix examples/${file}`, worst.now.toISOString());
      for (const step of worst.path) {
        await s.waitFor(step.text.slice(0, 30));
        const choices = matrix.triage!.questions[step.question]!.answers;
        const index = step.unsure ? choices.length : choices.findIndex((a) => (a.id ?? '') === step.answer || a.label === step.label);
        s.keys(...Array<string>(index).fill('Down'), 'Enter');
      }
      if (worst.contract !== undefined) {
        await s.waitFor('Which contract applies?');
        const label = contractLabel(matrix, worst.contract);
        s.type(label);
        await s.waitFor(`(type to search) ${label.slice(0, 20)}`);
        await s.waitFor(`❯ ${label.slice(0, 30)}`);
        s.keys('Enter');
      }
      await s.waitFor('When did it start?');
      s.keys('Down', 'Enter');
      await s.waitFor('Started at');
      s.type(`${worst.ago} min ago`);
      s.keys('Enter');
      const end = await s.exit();
      expect(end.code, end.screen).toBe('0');
      const screen = end.screen.split('\n').map((l) => l.trimEnd());
      expect(screen.length).toBeLessThanOrEqual(25);
      expect(screen.some((l) => l.startsWith('Triage · ')), end.screen).toBe(true);
      expect(screen.some((l) => l.startsWith(`✔ ${worst.path[0]!.text.slice(0, 30)}`)), end.screen).toBe(true);
      for (const line of worst.card.trimEnd().split('\n')) expect(screen, end.screen).toContain(line.trimEnd());
      expect(end.joined.filter((l) => l.trimEnd().length > 80)).toEqual([]);
    }, 120_000);
}

function contractLabel(matrix: ReturnType<typeof loadExample>, id: string): string {
  const client = matrix.clients?.[id];
  return client ? `${client.name} (client, tier ${client.tier})` : id === 'none' ? 'None / standard contract' : `Tier ${id.replace(/^tier:/, '')} (no named client)`;
}
