/** End-to-end: the scriptable mode of `escalate triage` on the built binary. */
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, fixture, runCli, STACK_TRACE } from '../helpers/cli.js';

const SAAS = example('saas-support.yaml');
const START = '2026-03-27T16:30:00+01:00';
const SEV1 = ['--answer', 'security=no', '--answer', 'confirmed=yes', '--answer', 'scope=many', '--answer', 'core=yes'];
const triage = (...args: string[]) => runCli(['triage', '--matrix', SAAS, '--at', START, ...args]);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;
const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-triage-'));

describe('escalate triage: answers by flag', () => {
  it('reaches the outcome and prints JSON with severity, owner, deadlines and escalation in time order', () => {
    const r = triage(...SEV1, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = json(r.stdout);
    expect(out.severity.id).toBe('sev1');
    expect(out.owner).toMatchObject({ role: 'support-lead', contact: 'pager:support-lead' });
    expect(out.route.id).toBe('engineering');
    expect(out.started_at).toBe(START);
    const ack = out.deadlines.find((d: { kind: string }) => d.kind === 'acknowledge');
    expect(ack).toMatchObject({ at: '2026-03-27T16:45:00+01:00', target: '15m' });
    expect(out.deadlines.find((d: { kind: string }) => d.kind === 'rca').at).toBe('2026-03-29T17:30:00+02:00');
    for (const d of out.deadlines) {
      expect(d.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(Date.parse(d.at)).toBeGreaterThanOrEqual(Date.parse(START));
    }
    const times = out.escalation.map((s: { at: string }) => Date.parse(s.at));
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));
    expect(out.escalation[1]).toMatchObject({ at: '2026-03-27T17:00:00+01:00', notify_client: true });
    expect(out.escalation[1].notify.map((r: { role: string }) => r.role)).toEqual(['head-of-support', 'customer-success']);
    expect(out.answers).toEqual({ security: 'no', confirmed: 'yes', scope: 'many', core: 'yes' });
    expect(out.matrix.sha256).toBe(createHash('sha256').update(readFileSync(SAAS, 'utf8')).digest('hex'));
  });

  it('matches answers by label, case-insensitively, and "unsure" takes the more severe answer', () => {
    const r = triage('--answer', 'security=NO', '--answer', 'confirmed=Yes, confirmed', '--answer', 'scope=one account or a group of its users', '--answer', 'blocked=unsure', '--answer', 'domain=Billing or invoices', '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.severity.id).toBe('sev2');
    expect(out.owner.role).toBe('finance');
    expect(out.path[3]).toMatchObject({ question: 'blocked', answer: 'yes', unsure: true });
  });

  it('prints a terminal card with the severity, owner, deadlines and timeline', () => {
    const r = triage(...SEV1, '--full');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SEV1 · Critical {2}Acme Cloud support$/m);
    expect(r.stdout).toMatch(/^Owner +Support lead \(incident commander\) · pager:support-lead$/m);
    expect(r.stdout).toMatch(/^ {2}Acknowledge +15m +Fri 27 Mar 16:45 +overdue by /m);
    expect(r.stdout).toMatch(/^ {2}● Fri 27 Mar 17:00 +\+30m +management · reached · client notice$/m);
    expect(r.stdout).not.toContain('client told');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('says "in N min" for deadlines ahead of now', () => {
    // The binary reads the real clock: the expected minutes are taken at both ends of the
    // run, so a slow start on a busy machine moves the answer only within them.
    const minutesTo = (due: number, now: number) => Math.floor((due - now) / 60_000);
    const before = Date.now();
    const start = new Date(before - 150_000); // 2.5 minutes ago: acknowledge is due in 12.5 minutes
    const due = start.getTime() + 15 * 60_000;
    const r = runCli(['triage', '--matrix', SAAS, '--at', start.toISOString(), '--severity', 'sev1', '--json']);
    const after = Date.now();
    const ack = json(r.stdout).deadlines.find((d: { kind: string }) => d.kind === 'acknowledge');
    expect(ack).toMatchObject({ overdue: false });
    expect(ack.minutes_from_now).toBeGreaterThanOrEqual(minutesTo(due, after));
    expect(ack.minutes_from_now).toBeLessThanOrEqual(minutesTo(due, before));
    expect(ack.relative).toBe(`in ${ack.minutes_from_now} min`);
    const lateBefore = Date.now();
    const lateStart = lateBefore - 20 * 60_000 - 30_000; // acknowledge was due 5.5 minutes ago
    const late = runCli(['triage', '--matrix', SAAS, '--at', new Date(lateStart).toISOString(), '--severity', 'sev1', '--json']);
    const lateAfter = Date.now();
    const lateAck = json(late.stdout).deadlines.find((d: { kind: string }) => d.kind === 'acknowledge');
    expect(lateAck).toMatchObject({ overdue: true });
    const overdueBy = (now: number) => Math.floor((now - lateStart - 15 * 60_000) / 60_000);
    expect(-lateAck.minutes_from_now).toBeGreaterThanOrEqual(overdueBy(lateBefore));
    expect(-lateAck.minutes_from_now).toBeLessThanOrEqual(overdueBy(lateAfter));
    expect(lateAck.relative).toBe(`overdue by ${-lateAck.minutes_from_now} min`);
  });

  it('prints markdown for a ticket', () => {
    const r = triage(...SEV1, '--markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### SEV1 · Critical — Acme Cloud support$/m);
    expect(r.stdout).toContain('| Acknowledge | 15m | Fri 27 Mar 16:45 |');
    expect(r.stdout).toContain('| Fri 27 Mar 17:00 (+30m) | management | Head of support (pager:head-of-support)<br>Customer success manager (#cs-escalations) | notified |  |');
  });

  it('shows times in another zone with --tz, same instants', () => {
    const out = json(triage(...SEV1, '--json', '--tz', 'America/New_York').stdout);
    expect(out.timezone).toBe('America/New_York');
    expect(out.started_at).toBe('2026-03-27T11:30:00-04:00');
    expect(out.deadlines[0].at).toBe('2026-03-27T11:45:00-04:00');
  });

  it('reads --at without an offset in the matrix time zone', () => {
    const out = json(runCli(['triage', '--matrix', SAAS, '--at', '2026-07-01T09:00', '--severity', 'sev1', '--json']).stdout);
    expect(out.started_at).toBe('2026-07-01T09:00:00+02:00');
  });
});

describe('escalate triage: Friday evening under business hours', () => {
  it('puts a Sev3 acknowledgment on Monday after the DST change, to the minute', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--at', '2026-03-27T19:00', '--severity', 'sev3', '--json']);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.clock).toMatchObject({ id: 'office', hours: '09:00-18:00' });
    expect(out.deadlines.find((d: { kind: string }) => d.kind === 'acknowledge').at).toBe('2026-03-30T13:00:00+02:00');
    expect(out.decided_by).toBe('severity');
    expect(out.path).toEqual([]);
  });
});

describe("escalate triage: the machine's own time zone changes nothing", () => {
  // The CLI reads zone offsets through the process clock (TZ set for the lookup, then put back):
  // whatever TZ the machine runs in, every time is the matrix zone's, and lint's tests agree.
  it('gives the same deadlines and timeline under TZ unset, UTC, Pacific/Auckland and Asia/Kolkata', () => {
    const args = ['triage', '--matrix', SAAS, '--at', '2026-03-27T19:00', '--severity', 'sev1', '--json'];
    const runs = [undefined, 'UTC', 'Pacific/Auckland', 'Asia/Kolkata'].map((TZ) => runCli(args, { env: { TZ } }));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const plans = runs.map((r) => {
      // The next status update counts from now, which moves between runs: it is left out.
      const { deadlines, escalation } = json(r.stdout);
      const fixed = deadlines.filter((d: { kind: string }) => d.kind !== 'next_update');
      return JSON.stringify({ deadlines: fixed.map((d: { kind: string; at: string }) => [d.kind, d.at]), escalation: escalation.map((s: { at: string }) => s.at) });
    });
    expect(new Set(plans).size).toBe(1);
    expect(plans[0]).toContain('["acknowledge","2026-03-27T19:15:00+01:00"]');
    expect(plans[0]).toContain('["rca","2026-03-29T20:00:00+02:00"]');
    for (const TZ of ['Pacific/Auckland', 'America/Los_Angeles']) {
      const lint = runCli(['lint', example('client-vendor.yaml'), example('msp.yaml')], { env: { TZ } });
      expect(lint.code, lint.stdout).toBe(0);
    }
  });

  it('keeps business hours in a second zone exact, run after run (matrix in London, calendar in Los Angeles)', () => {
    const matrix = join(tmp(), 'two-zones.yaml');
    writeFileSync(matrix, readFileSync(example('client-vendor.yaml'), 'utf8').replace(/^ {2}operations:$/m, '  operations:\n    timezone: America/Los_Angeles'));
    const args = ['triage', '--matrix', matrix, '--at', '2026-03-27T19:00', '--severity', 'sev3', '--json'];
    for (const TZ of ['UTC', 'Asia/Tokyo', 'UTC', 'Asia/Tokyo', 'UTC']) {
      const r = runCli(args, { env: { TZ } });
      expect(r.code, r.stderr).toBe(0);
      const at = Object.fromEntries(json(r.stdout).deadlines.map((d: { kind: string; at: string }) => [d.kind, d.at]));
      expect(at).toMatchObject({ acknowledge: '2026-03-27T20:00:00+00:00', notify_client: '2026-03-28T19:00:00+00:00', resolution: '2026-04-02T20:00:00+01:00' });
    }
  });
});

describe('escalate triage: the bot contract without a terminal', () => {
  it('no answers and no terminal: exit 2 at once, naming the question and its choices', () => {
    // A wait for input would end in the spawn's time-out (code null), not exit 2.
    const r = runCli(['triage', '--matrix', SAAS], { stdio: ['ignore', 'pipe', 'pipe'] });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('escalate: missing answer to "security" (Could customer data be exposed or an account compromised?); choices: yes, no, unsure; pass --answer security=CHOICE\n');
  });

  it('with --json the missing answer is a JSON object on stdout', () => {
    const r = triage('--answer', 'security=no', '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout)).toEqual({
      error: {
        code: 'missing_answer',
        message: expect.stringContaining('"confirmed"'),
        question: {
          id: 'confirmed',
          text: 'Can you reproduce it, or do monitoring and other reports confirm it?',
          choices: [
            { id: 'yes', label: 'Yes, confirmed', unsure: true },
            { id: 'no', label: 'No, a single unconfirmed report' },
          ],
        },
        path: [{ question: 'security', answer: 'no' }],
      },
    });
  });

  it('an invalid answer exits 2 with code invalid_answer', () => {
    const r = triage('--answer', 'security=maybe', '--json');
    expect(r.code).toBe(2);
    const out = json(r.stdout);
    expect(out.error).toMatchObject({ code: 'invalid_answer', given: 'maybe', question: { id: 'security' } });
    expect(out.error.question.choices.map((c: { id: string }) => c.id)).toEqual(['yes', 'no']);
    expect(r.stderr).toMatch(/^escalate: "maybe" is not an answer to security \(.+\); choices: yes, no, unsure\n$/);
  });

  it('an answer off the path is still checked', () => {
    const r = triage('--answer', 'security=yes', '--answer', 'core=perhaps', '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout).error).toMatchObject({ code: 'invalid_answer', question: { id: 'core' } });
  });

  it('a question the tree does not have exits 2 with code unknown_question', () => {
    const r = triage('--answer', 'securty=no', '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout).error).toMatchObject({ code: 'unknown_question', given: 'securty' });
    expect(json(r.stdout).error.message).toMatch(/^no question "securty" in the triage tree \(did you mean "security"\?\); questions: security, /);
  });

  it('an answer that is no choice gets the nearest choice; --severity matches regardless of case, but never guesses a numbered sibling', () => {
    expect(triage('--answer', 'security=noo').stderr).toMatch(/^escalate: "noo" is not an answer to security \(Could customer data .*\) \(did you mean "no"\?\); choices: /);
    const upper = runCli(['triage', '--matrix', SAAS, '--severity', 'SEV1', '--at', '2026-03-27T16:30', '--json']);
    expect(upper.code).toBe(0);
    expect(json(upper.stdout).severity.id).toBe('sev1');
    expect(triage('--severity', 'sevv1').stderr).toMatch(/^escalate: --severity "sevv1" is not defined \(did you mean "sev1"\?\); severities: /);
    expect(triage('--severity', 'sev9').stderr).toMatch(/^escalate: --severity "sev9" is not defined; severities: /);
  });

  it('a bot that only reads missing_answer errors reaches an outcome on every example', () => {
    for (const name of ['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml']) {
      for (const pick of [(n: number) => 0, (n: number) => n - 1]) {
        const answers: string[] = [];
        let out: Record<string, any> | undefined;
        for (let step = 0; step < 20 && !out; step++) {
          const r = runCli(['triage', '--matrix', example(name), '--at', START, '--json', ...answers]);
          const data = json(r.stdout);
          if (r.code === 0) out = data;
          else {
            expect(r.code).toBe(2);
            expect(data.error.code).toBe('missing_answer');
            const choices = data.error.question.choices;
            answers.push('--answer', `${data.error.question.id}=${choices[pick(choices.length)].id}`);
          }
        }
        expect(out?.severity.id, name).toBeTruthy();
        expect(out?.deadlines.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('escalate triage: answers files and records', () => {
  it('reads answers from YAML and from JSON', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'security: no\nconfirmed: yes\nscope: many\ncore: "yes"\n');
    writeFileSync(join(dir, 'a.json'), '{"security": "no", "confirmed": true, "scope": "many", "core": "no"}');
    expect(json(triage('--answers', join(dir, 'a.yaml'), '--json').stdout).severity.id).toBe('sev1');
    expect(json(triage('--answers', join(dir, 'a.json'), '--json').stdout).severity.id).toBe('sev2');
  });

  it('flags override the answers file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'security: no\nconfirmed: yes\nscope: many\ncore: "yes"\n');
    expect(json(triage('--answers', join(dir, 'a.yaml'), '--answer', 'core=no', '--json').stdout).severity.id).toBe('sev2');
  });

  it('refuses a broken or missing answers file with one line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), 'security: [no\n');
    writeFileSync(join(dir, 'list.yaml'), '- security\n');
    for (const [file, pattern] of [
      [join(dir, 'bad.yaml'), /^escalate: .*bad\.yaml:\d+:\d+: /],
      [join(dir, 'list.yaml'), /expected a mapping of question id to answer/],
      [join(dir, 'missing.yaml'), /cannot read answers file .*missing\.yaml: no such file/],
    ] as const) {
      const r = triage('--answers', file);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--record writes the transcript, replays with --answers, and never overwrites', () => {
    const dir = tmp();
    const file = join(dir, 'incident.json');
    const r = triage(...SEV1, '--record', file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('recorded to');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    expect(record).toMatchObject({ version: 1, severity: { id: 'sev1' }, answers: { core: 'yes' } });
    expect(record.path).toHaveLength(4);
    expect(record.matrix.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.deadlines.length).toBeGreaterThan(0);

    const replay = triage('--answers', file, '--json');
    expect(json(replay.stdout).severity.id).toBe('sev1');

    const again = triage(...SEV1, '--record', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; a record is never overwritten/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(record);
  });
});

describe('escalate triage: bad input is one line and exit 2', () => {
  it.each([
    [['--at', 'yesterday'], /^escalate: --at "yesterday" is not a start time; write now, 20 min ago, 2h ago, 03:10/, 'invalid_option'],
    [['--at', '2026-03-29T02:30'], /does not exist in Europe\/Berlin/, 'invalid_option'],
    [['--at', '2026-10-25T02:30'], /^escalate: --at "2026-10-25T02:30" happens twice in Europe\/Berlin: .*either \+02:00 or \+01:00; give an offset/, 'invalid_option'],
    [['--at', '1901-03-29T10:30'], /^escalate: --at "1901-03-29T10:30" is more than 100 years from now; check the year\n$/, 'invalid_option'],
    [['--tz', 'Mars/Olympus'], /^escalate: --tz "Mars\/Olympus" is not a time zone/, 'invalid_option'],
    [['--severity', 'sev9'], /^escalate: --severity "sev9" is not defined; severities: sev1, sev2, sev3, sev4/, 'unknown_severity'],
    [['--severity', 'sev1', '--answer', 'security=no'], /pass either --severity or answers/, 'invalid_option'],
    [['--answer', 'security'], /write it as QUESTION=ANSWER/, 'bad_answer_flag'],
    [['--client', 'nobody', '--severity', 'sev1'], /unknown client "nobody"/, 'unknown_client'],
    [['--tier', 'gold', '--severity', 'sev1'], /^escalate: unknown tier "gold"; known: /, 'unknown_tier'],
    [['--severity', 'sev1', '--field', 'impact_summary=down'], /^escalate: --field "impact_summary": no handoff field "impact_summary" \(did you mean "impact-summary"\?\); fields: impact-summary, /, 'invalid_option'],
    [['--severity', 'sev1', '--record', 'no-such-folder/r.json'], /^escalate: --record no-such-folder\/r.json: the folder no-such-folder does not exist; create it first or name another file\n$/, 'invalid_option'],
  ])('%j', (args, pattern, code) => {
    // A case with its own --at gives it instead of the usual start: a second, different --at is refused.
    const run = (...more: string[]) => runCli(['triage', '--matrix', SAAS, ...(args.includes('--at') ? [] : ['--at', START]), ...args, ...more]);
    const r = run();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const withJson = run('--json');
    expect(json(withJson.stdout).error.code).toBe(code);
  });

  it('--json and --markdown together are refused', () => {
    const r = triage(...SEV1, '--json', '--markdown');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be used with/);
  });

  it('a missing matrix exits 2; with --json the error is JSON too', () => {
    const r = runCli(['triage', '--matrix', 'nope.yaml', '--severity', 'sev1', '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).error).toMatchObject({ code: 'usage', message: expect.stringContaining('cannot read matrix nope.yaml') });
  });

  it('a matrix without a tree needs --severity', () => {
    const r = runCli(['triage', '--matrix', fixture('triage/no-tree.yaml'), '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).error.code).toBe('no_tree');
    const ok = runCli(['triage', '--matrix', fixture('triage/no-tree.yaml'), '--severity', 'low', '--json', '--at', '2026-03-27T10:00Z']);
    expect(json(ok.stdout).deadlines[0]).toMatchObject({ kind: 'acknowledge', at: '2026-03-28T10:00:00+00:00' });
  });

  it('a looping tree exits 1 instead of hanging', () => {
    const r = runCli(['triage', '--matrix', fixture('triage/tree-loop.yaml'), '--answer', 'first=again', '--answer', 'second=again']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('escalate: the triage tree is broken: the tree loops back to question "first"; run escalate lint\n');
  });
});

describe('escalate triage: JSON error codes for records and matrices', () => {
  it('record_exists: an existing record is refused before anything else, as JSON too', () => {
    const dir = tmp();
    const file = join(dir, 'taken.json');
    writeFileSync(file, 'keep me');
    const r = triage(...SEV1, '--record', file, '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout)).toEqual({ error: { code: 'record_exists', message: `${file} already exists; a record is never overwritten, name a new file` } });
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('invalid_matrix: exit 1 with every located error in the JSON', () => {
    const file = fixture('triage/invalid.yaml');
    const r = runCli(['triage', '--matrix', file, '--severity', 'high', '--json']);
    expect(r.code).toBe(1);
    const error = json(r.stdout).error;
    expect(error.code).toBe('invalid_matrix');
    expect(error.message).toBe(`the matrix ${file} has 2 errors; run escalate lint ${file}`);
    expect(error.diagnostics).toEqual([
      { file, line: 15, column: 12, code: 'unknown-role', message: expect.stringContaining('unknown role "nobody"') },
      { file, line: 16, column: 5, code: 'unknown-key', message: expect.stringContaining('"targest"') },
    ]);
    // Without --json the same errors are located lines on stderr.
    const text = runCli(['triage', '--matrix', file, '--severity', 'high']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(`${file}:15:12: unknown role "nobody"`);
    expect(text.stdout).toBe('');
  });
});

describe('escalate triage: handoff values are never dropped', () => {
  it('a field the level does not require is kept as an extra field', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev3', '--at', START, '--field', 'logs=see ticket 42', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).handoff).toMatchObject({ missing: ['impact-summary', 'reproduction'], extra: [{ id: 'logs', label: 'Logs and attachments', value: 'see ticket 42' }] });
  });

  it('an unknown field in a replayed file is refused with the file named', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'answers: { security: "no" }\nhandoff: { impact_sumary: down }\n');
    const r = triage('--answers', join(dir, 'a.yaml'), '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout).error).toMatchObject({ code: 'bad_answers_file', given: 'impact_sumary' });
    expect(r.stderr).toMatch(/a\.yaml: no handoff field "impact_sumary" \(did you mean "impact-summary"\?\)/);
  });
});

describe('escalate triage: --record never costs the result', () => {
  it('a bad record folder is refused before any question, not after', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--record', 'no-such-folder/r.json', '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).error.code).toBe('invalid_option');
    const file = join(tmp(), 'plain-file');
    writeFileSync(file, '');
    const under = triage(...SEV1, '--record', join(file, 'r.json'));
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/is not a folder/);
  });

  it('when the record cannot be written at the end, the result is printed first and the error says it was not recorded', () => {
    // A name over the file system's 255-byte limit: only the write itself finds out.
    const file = join(tmp(), `${'r'.repeat(256)}.json`);
    const r = triage(...SEV1, '--record', file, '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout).severity.id).toBe('sev1');
    expect(r.stderr).toMatch(/^escalate: cannot write the record .*; the result above was printed but not recorded\n$/);
    expect(r.stderr).not.toMatch(/--force/);
    const card = triage(...SEV1, '--record', file);
    expect(card.stdout).toMatch(/^SEV1 · Critical/);
  });
});

describe('escalate triage: --record names and kinds', () => {
  it('a name of 245 bytes (near the 255-byte limit) is recorded: the temporary name is short', () => {
    const dir = tmp();
    const file = join(dir, `${'r'.repeat(240)}.json`);
    const r = triage(...SEV1, '--record', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).severity.id).toBe('sev1');
    expect(readdirSync(dir)).toEqual([basename(file)]);
  });

  it('a dangling symlink is followed: the record is created where it points, the link stays', () => {
    const dir = tmp();
    symlinkSync('target.json', join(dir, 'link.json'));
    const r = triage(...SEV1, '--record', join(dir, 'link.json'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).severity.id).toBe('sev1');
  });

  it('a device as the record is refused before any question, and stays a device', () => {
    const r = triage(...SEV1, '--record', '/dev/null', '--json');
    expect(r.code).toBe(2);
    expect(json(r.stdout).error.code).toBe('record_exists');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('escalate triage: replaying a record', () => {
  const MSP = example('msp.yaml');
  it('a record made with --severity, --client and --at replays the same severity, contract and start', () => {
    const file = join(tmp(), 'r1.json');
    const made = runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--client', 'northwind', '--at', '2026-11-10T10:00', '--field', 'affected-systems=Scanners offline', '--field', 'logs=see ticket', '--record', file, '--json']);
    expect(made.code).toBe(0);
    const replay = runCli(['triage', '--matrix', MSP, '--answers', file, '--json']);
    expect(replay.code).toBe(0);
    const [before, after] = [json(made.stdout), json(replay.stdout)];
    expect(after.decided_by).toBe('severity');
    expect(after.severity.id).toBe('p1');
    expect(after.started_at).toBe('2026-11-10T10:00:00-05:00');
    expect(after.contract).toEqual(before.contract);
    expect(after.deadlines.map((d: { at: string }) => d.at)).toEqual(before.deadlines.map((d: { at: string }) => d.at));
    expect(after.handoff).toEqual(before.handoff);
  });

  it('--at, --client and --tier on the command line win over the record', () => {
    const file = join(tmp(), 'r2.json');
    runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--client', 'northwind', '--at', '2026-11-10T10:00', '--record', file]);
    const later = json(runCli(['triage', '--matrix', MSP, '--answers', file, '--at', '2026-11-11T09:00', '--json']).stdout);
    expect(later.started_at).toBe('2026-11-11T09:00:00-05:00');
    expect(later.contract.client.id).toBe('northwind');
    const standard = json(runCli(['triage', '--matrix', MSP, '--answers', file, '--tier', 'standard', '--json']).stdout);
    expect(standard.contract.tier.id).toBe('standard');
    expect(standard.contract.client).toBeUndefined();
  });

  it('a record decided by the tree replays its answers; one decided by --severity refuses extra answers', () => {
    const tree = join(tmp(), 'tree.json');
    triage(...SEV1, '--record', tree);
    const replay = json(runCli(['triage', '--matrix', SAAS, '--answers', tree, '--json']).stdout);
    expect(replay).toMatchObject({ decided_by: 'tree', severity: { id: 'sev1' }, started_at: START });
    const bySeverity = join(tmp(), 'sev.json');
    triage('--severity', 'sev2', '--record', bySeverity);
    const clash = runCli(['triage', '--matrix', SAAS, '--answers', bySeverity, '--answer', 'security=no', '--json']);
    expect(clash.code).toBe(2);
    expect(json(clash.stdout).error.code).toBe('invalid_option');
    expect(clash.stderr).toMatch(/sev\.json was decided by --severity sev2, not by answers/);
  });
});

describe('escalate triage: --at without an offset and --tz', () => {
  it('says on stderr which zone the time was read in, never on the JSON stdout', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--tz', 'America/New_York', '--at', '2026-03-27T16:30', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).started_at).toBe('2026-03-27T11:30:00-04:00');
    expect(r.stderr).toBe('note: --at 2026-03-27T16:30 has no offset, so it was read in the matrix time zone Europe/Berlin (2026-03-27T16:30:00+01:00), not in --tz America/New_York\n');
  });

  it('says nothing when the time has an offset, or there is no other zone', () => {
    expect(runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--tz', 'America/New_York', '--at', '2026-03-27T16:30+01:00', '--json']).stderr).toBe('');
    expect(runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--tz', 'Europe/Berlin', '--at', '2026-03-27T16:30', '--json']).stderr).toBe('');
    expect(runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--at', '2026-03-27T16:30', '--json']).stderr).toBe('');
  });
});

describe('escalate triage: an answers file with answers: refuses what it would not read', () => {
  const MSP = example('msp.yaml');
  const NOW = { ESCALATE_NOW: '2027-01-16T12:00-05:00' };
  const answersFile = (text: string) => {
    const file = join(tmp(), 'incident.yaml');
    writeFileSync(file, text);
    return file;
  };
  const run = (file: string, ...args: string[]) => runCli(['triage', '--matrix', MSP, '--answers', file, ...args], { env: NOW });
  const refused = (file: string, message: RegExp) => {
    const r = run(file);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(json(run(file, '--json').stdout).error.code).toBe('bad_answers_file');
  };
  const TREE = 'answers:\n  outage: "yes"\n  reach: many\n';

  it('a client: beside the answers is refused, not dropped (it left the contract out: the client notice at 12:20 instead of 12:10)', () => {
    refused(answersFile(`${TREE}client: northwind\nstarted_at: 2027-01-16T11:50-05:00\n`), /^escalate: .*incident\.yaml: client was read as "northwind", but a record's client is the client notice it printed, not the contract; answer contract: ID under answers:, or pass --client ID\n$/);
    // Said as the file can say it, the contract applies: the 10-minute notice of Northwind's contract.
    const r = run(answersFile(`${TREE}  contract: northwind\nstarted_at: 2027-01-16T11:50-05:00\n`), '--json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.contract.client.id).toBe('northwind');
    expect(out.deadlines.find((d: { kind: string }) => d.kind === 'notify_client').at).toBe('2027-01-16T12:10:00-05:00');
  });

  it.each([
    ['at: 11:50', /unknown top-level key "at" \(did you mean "started_at"\?\)/],
    ['started: 2027-01-16T11:50-05:00', /unknown top-level key "started" \(did you mean "started_at"\?\)/],
    ['severity: p1', /severity was read as "p1", not as a record writes it/],
    ['tier: premium', /unknown top-level key "tier"/],
  ])('%s is refused, naming the key', (line, message) => {
    refused(answersFile(`${TREE}${line}\n`), message);
  });

  it('a started_at that is not text is refused, saying what it was read as, never taken as now', () => {
    refused(answersFile(`%YAML 1.1\n---\nanswers: {outage: "yes", reach: many}\nstarted_at: 2027-01-16T09:00:00-05:00\n`), /started_at was read as a YAML 1\.1 timestamp, not text; quote it, like started_at: "/);
    refused(answersFile(`${TREE}started_at: 1737039000\n`), /started_at was read as the number 1737039000, not a time/);
    refused(answersFile(`${TREE}started_at:\n`), /started_at was read as empty, not a time/);
    // Quoted, YAML 1.1 reads it as text, and it is the start.
    const quotedStart = run(answersFile(`%YAML 1.1\n---\nanswers: {outage: "yes", reach: many}\nstarted_at: "2027-01-16T09:00:00-05:00"\n`), '--json');
    expect(json(quotedStart.stdout).started_at).toBe('2027-01-16T09:00:00-05:00');
  });

  it('a record replays as before, with the events appended to it since', () => {
    const file = join(tmp(), 'r.json');
    expect(runCli(['triage', '--matrix', MSP, '--answer', 'outage=yes', '--answer', 'reach=many', '--client', 'northwind', '--at', '11:50', '--field', 'logs=see ticket', '--record', file], { env: NOW }).code).toBe(0);
    expect(runCli(['event', file, 'acknowledged', '--at', '11:55', '--by', 'priya'], { env: NOW }).code).toBe(0);
    const r = run(file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({ decided_by: 'tree', started_at: '2027-01-16T11:50:00-05:00', contract: { client: { id: 'northwind' } } });
    expect(out.handoff.fields.find((f: { id: string }) => f.id === 'logs').value).toBe('see ticket');
  });
});

describe('escalate triage: a question, severity, client or tier given twice', () => {
  const MSP = example('msp.yaml');
  const twice = (args: string[], message: RegExp) => {
    const r = runCli(['triage', '--at', START, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(json(runCli(['triage', '--at', START, ...args, '--json']).stdout).error.message).toBe(r.stderr.replace(/^escalate: /, '').trim());
  };

  it('two different values exit 2 naming both; the last never silently wins', () => {
    twice(['--matrix', SAAS, '--answer', 'security=no', '--answer', 'security=yes'], /^escalate: --answer "security=no" and --answer "security=yes" are two different answers to one question; pass one\n$/);
    twice(['--matrix', SAAS, '--severity', 'sev1', '--severity', 'sev2'], /^escalate: --severity "sev1" and --severity "sev2" disagree; pass --severity once\n$/);
    twice(['--matrix', MSP, '--severity', 'p1', '--client', 'northwind', '--client', 'contoso'], /^escalate: --client "northwind" and --client "contoso" disagree; pass --client once\n$/);
    twice(['--matrix', MSP, '--severity', 'p1', '--tier', 'standard', '--tier', 'premium'], /^escalate: --tier "standard" and --tier "premium" disagree/);
    twice(['--matrix', MSP, '--severity', 'p1', '--client', 'northwind', '--answer', 'contract=contoso'], /^escalate: --client "northwind" and --answer "contract=contoso" name two different contracts; pass one\n$/);
  });

  it('the same value twice is that value', () => {
    expect(json(triage(...SEV1, '--answer', 'security=No', '--json').stdout).severity.id).toBe('sev1');
    expect(json(runCli(['triage', '--matrix', SAAS, '--at', START, '--severity', 'sev2', '--severity', 'sev2', '--json']).stdout).severity.id).toBe('sev2');
    const contract = runCli(['triage', '--matrix', MSP, '--at', START, '--severity', 'p1', '--client', 'northwind', '--client', 'northwind', '--answer', 'contract=northwind', '--json']);
    expect(json(contract.stdout).contract.client.id).toBe('northwind');
  });
});

describe('escalate triage: an answer id wins over another choice\'s label', () => {
  const CLASH = fixture('triage/id-label-clash.yaml');
  it('--answer down=yes takes the choice whose id is yes (sev1), not the one labelled "Yes" (sev2); "Yes" names both and is refused', () => {
    expect(json(runCli(['triage', '--matrix', CLASH, '--at', START, '--answer', 'down=yes', '--json']).stdout).severity.id).toBe('sev1');
    expect(json(runCli(['triage', '--matrix', CLASH, '--at', START, '--answer', 'down=partial', '--json']).stdout).severity.id).toBe('sev2');
    const both = runCli(['triage', '--matrix', CLASH, '--at', START, '--answer', 'down=Yes']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('escalate: "Yes" names more than one answer to down (Is it down?): partial (Yes), yes (Yes, fully); answer with one choice\'s id as written\n');
  });
});

describe('escalate triage: a local mean time offset on the card, markdown and messages', () => {
  // Monrovia in 1960 was UTC-00:44:30: the JSON was right, the card printed NaN.
  const LMT = ['--matrix', fixture('triage/local-mean-time.yaml'), '--severity', 'sev1', '--at', '1960-01-04T10:00'];
  const run = (...args: string[]) => runCli(['triage', ...LMT, ...args], { env: { ESCALATE_NOW: '1960-01-04T11:05:00Z' } });

  it('shows every time, the offset and who to call', () => {
    const card = run('--full');
    expect(card.code).toBe(0);
    expect(card.stdout).not.toMatch(/NaN|undefined/);
    expect(card.stdout).toMatch(/^ {2}Acknowledge +Mon 4 Jan 10:15 +overdue by 5 min$/m);
    expect(card.stdout).toMatch(/^Started +Mon 4 Jan 10:00 \(20 min ago\) · times in Africa\/Monrovia,\n +UTC-00:44:30$/m);
    expect(card.stdout).toMatch(/^ {2}● Mon 4 Jan 10:00 +\+0m +reached$/m);
    // The +0m step has come (it named only the owner): the one ahead is the next, not the first.
    expect(card.stdout).toMatch(/^Call now +no one besides the owner yet; the next step is Mon 4 Jan 12:00/m);
    const markdown = run('--markdown');
    expect(markdown.stdout).not.toMatch(/NaN|undefined/);
    expect(markdown.stdout).toContain('- **Started:** Mon 4 Jan 10:00 (Africa/Monrovia, UTC-00:44:30)');
    expect(run('--message', 'acknowledge', '--audience', 'internal').stdout).toBe('Acknowledge by Mon 4 Jan 10:15 (UTC-00:44:30); next update Mon 4 Jan 10:30 (UTC-00:44:30).\n');
  });
});

describe('escalate triage: user text never breaks a message into two lines', () => {
  const MSP = example('msp.yaml');
  const dir = tmp();
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  it.each([
    [['--severity', 'p1', '--at', 'garbage\nescalate: ok'], /^escalate: --at "garbage\\nescalate: ok" is not a start time;/],
    [['--answer', 'secu\nrity=no'], /^escalate: no question "secu\\nrity" in the triage tree/],
    [['--answer', 'outage=ye\ns'], /^escalate: "ye\\ns" is not an answer to outage/],
    [['--answer', 'outage\n'], /^escalate: --answer "outage\\n": write it as QUESTION=ANSWER/],
    [['--severity', 'p\n1'], /^escalate: --severity "p\\n1" is not defined/],
    [['--severity', 'p1', '--tz', 'Europe/X\nescalate: ok'], /^escalate: --tz "Europe\/X\\nescalate: ok" is not a time zone/],
    [['--severity', 'p1', '--client', 'north\nwind'], /^escalate: unknown client "north\\nwind"; known: /],
    [['--severity', 'p1', '--tier', 'gold\nx'], /^escalate: unknown tier "gold\\nx"; known: /],
    [['--severity', 'p1', '--field', 'lo\ngs=x'], /^escalate: --field "lo\\ngs": no handoff field "lo\\ngs"/],
    [['--severity', 'p1', '--matrix', 'no\nsuch.yaml'], /^escalate: cannot read matrix no\\nsuch\.yaml: /],
    [['--answers', file('values.yaml', 'outage: "ye\\ns"\n')], /^escalate: "ye\\ns" is not an answer to outage/],
    [['--answers', file('keys.yaml', 'answers: {outage: "yes"}\n"sta\\nrted": x\n')], /unknown top-level key "sta\\nrted"/],
    [['--answers', join(dir, 'no\nfile.yaml')], /^escalate: cannot read answers file .*no\\nfile\.yaml: /],
  ])('%j', (args, message) => {
    // A case with its own --matrix gives it instead of MSP: a second, different --matrix is refused.
    const matrix = args.includes('--matrix') ? [] : ['--matrix', MSP];
    const r = runCli(['triage', ...matrix, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(runCli(['triage', ...matrix, ...args, '--json']).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('"recorded to" names a record whose name holds a line feed on one line', () => {
    const name = join(tmp(), 'a\nescalate: ok.json');
    const r = runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--record', name]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`recorded to ${name.replace('\n', '\\n')}\n`);
    expect(readdirSync(join(name, '..'))).toEqual(['a\nescalate: ok.json']);
    const again = runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--record', name]);
    expect(again.stderr).toBe(`escalate: ${name.replace('\n', '\\n')} already exists; a record is never overwritten, name a new file\n`);
  });
});
