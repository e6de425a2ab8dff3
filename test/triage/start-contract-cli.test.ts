/** End to end: every --at form against a pinned clock (ESCALATE_NOW), and the contract question for scripts. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';

const VENDOR = example('client-vendor.yaml'); // Europe/London
const SAAS = example('saas-support.yaml'); // Europe/Berlin
const json = (text: string) => JSON.parse(text);
type Result = { started_at: string; deadlines: { kind: string; at: string }[]; escalation: { at: string }[] };
const at = (args: string[], now: string, env: Record<string, string> = {}) => {
  const r = runCli(['triage', '--severity', 'sev1', '--json', ...args], { env: { ESCALATE_NOW: now, ...env } });
  expect(r.code, r.stderr).toBe(0);
  return json(r.stdout) as Result;
};
const instants = (r: Result) => [...r.deadlines.filter((d) => d.kind !== 'next_update').map((d) => Date.parse(d.at)), ...r.escalation.map((s) => Date.parse(s.at))];

describe('--at forms', () => {
  const NOW = '2026-03-27T16:30:00+01:00';
  it.each([
    ['now', '2026-03-27T16:30:00+01:00'],
    ['10 min ago', '2026-03-27T16:20:00+01:00'],
    ['30 min ago', '2026-03-27T16:00:00+01:00'],
    ['2h ago', '2026-03-27T14:30:00+01:00'],
    ['1h30m ago', '2026-03-27T15:00:00+01:00'],
    ['03:10', '2026-03-27T03:10:00+01:00'],
    ['17:00', '2026-03-26T17:00:00+01:00'],
    ['2026-03-27T09:00', '2026-03-27T09:00:00+01:00'],
    ['2026-03-27T09:00Z', '2026-03-27T10:00:00+01:00'],
  ])('--at %s', (form, started) => {
    expect(at(['--matrix', SAAS, '--at', form], NOW).started_at).toBe(started);
  });

  it('"20 min ago" moves every deadline and step exactly 20 minutes earlier than "now"', () => {
    const now = at(['--matrix', VENDOR, '--client', 'contoso-refunds', '--at', 'now'], NOW);
    const earlier = at(['--matrix', VENDOR, '--client', 'contoso-refunds', '--at', '20 min ago'], NOW);
    expect(instants(earlier)).toEqual(instants(now).map((t) => t - 20 * 60_000));
  });

  it('a relative start across a daylight-saving change counts real elapsed time', () => {
    // Berlin springs forward 02:00 → 03:00 on 29 March 2026; at 03:30 "2h ago" is 00:30 (+01:00), not 01:30.
    const r = at(['--matrix', SAAS, '--at', '2h ago'], '2026-03-29T03:30:00+02:00');
    expect(r.started_at).toBe('2026-03-29T00:30:00+01:00');
    expect(r.deadlines.find((d) => d.kind === 'acknowledge')?.at).toBe('2026-03-29T00:45:00+01:00');
    // And back in autumn: 02:30 happens twice; 90 minutes before 02:45 (+01:00) is 02:15 (+02:00).
    expect(at(['--matrix', SAAS, '--at', '90 min ago'], '2026-10-25T02:45:00+01:00').started_at).toBe('2026-10-25T02:15:00+02:00');
  });

  it('a clock time is read in the display zone (--tz), and the host zone changes nothing', () => {
    const tokyo = at(['--matrix', SAAS, '--at', '03:10', '--tz', 'Asia/Tokyo'], NOW, { TZ: 'America/Santiago' });
    expect(tokyo.started_at).toBe('2026-03-27T03:10:00+09:00'); // it is 00:30 on the 28th in Tokyo
  });

  it.each([
    ['yesterday', /--at "yesterday" is not a start time; write now, 20 min ago/],
    ['3 weeks ago', /"weeks" is not a unit/],
    ['24:10', /"24:10" is not a time of day/],
    ['2026-03-29T02:30', /does not exist in Europe\/Berlin/],
  ])('refuses --at %s in one line, exit 2', (form, message) => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--at', form], { env: { ESCALATE_NOW: NOW } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a malformed ESCALATE_NOW is refused, never silently replaced by the real clock', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev1'], { env: { ESCALATE_NOW: '2026-03-27T16:30' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('escalate: ESCALATE_NOW "2026-03-27T16:30" is not an instant with an offset, like 2026-03-29T03:30:00+02:00\n');
  });
});

describe('the contract question for scripts', () => {
  const required = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'escalate-contract-')), 'required.yaml');
    writeFileSync(file, readFileSync(VENDOR, 'utf8').replace(/^clients:$/m, 'require_contract: true\n\nclients:'));
    return file;
  };
  const run = (...args: string[]) => runCli(['triage', '--at', '2026-03-27T16:30', ...args]);

  it('a matrix that requires a contract stops a scripted run without one: missing_answer listing the choices', () => {
    const r = run('--matrix', required(), '--answer', 'data=yes', '--json');
    expect(r.code).toBe(2);
    const error = json(r.stdout).error;
    expect(error).toMatchObject({ code: 'missing_answer', question: { id: 'contract', text: 'Which contract applies?' }, path: [{ question: 'data', answer: 'yes' }] });
    expect(error.question.choices.map((c: { id: string }) => c.id)).toEqual(['none', 'contoso-care', 'contoso-refunds', 'tier:core', 'tier:regulated']);
    const plain = run('--matrix', required(), '--severity', 'sev2');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^escalate: missing answer to "contract" \(Which contract applies\?\); the matrix requires a contract; choices: none \(None \/ standard contract\), contoso-care/);
  });

  it.each([
    [['--answer', 'contract=contoso-refunds'], 'client contoso-refunds', '2026-03-27T16:45:00+00:00'],
    [['--answer', 'contract=tier:regulated'], 'tier regulated', '2026-03-27T16:45:00+00:00'],
    [['--answer', 'contract=none'], 'severity', '2026-03-27T17:00:00+00:00'],
    [['--client', 'none'], 'severity', '2026-03-27T17:00:00+00:00'],
    [['--client', 'contoso-refunds'], 'tier regulated', '2026-03-27T16:45:00+00:00'],
  ])('%j names the contract', (args, source, notify) => {
    const r = run('--matrix', required(), '--severity', 'sev1', '--json', ...args);
    expect(r.code, r.stdout).toBe(0);
    const d = json(r.stdout).deadlines.find((x: { kind: string }) => x.kind === 'notify_client');
    expect(d.at).toBe(notify);
    expect(source === 'severity' ? d.source === 'severity' : d.source !== 'severity').toBe(true);
  });

  it('an unknown contract answer is invalid_answer with the choices', () => {
    const r = run('--matrix', VENDOR, '--severity', 'sev1', '--answer', 'contract=contoso', '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout).error).toMatchObject({ code: 'invalid_answer', given: 'contoso', question: { id: 'contract' } });
  });

  it('without require_contract a scripted run needs no contract and never prompts', () => {
    const r = run('--matrix', VENDOR, '--severity', 'sev1', '--json');
    expect(r.code).toBe(0);
    expect(json(r.stdout).contract.client).toBeUndefined();
  });
});
