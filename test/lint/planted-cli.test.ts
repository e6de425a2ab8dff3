/**
 * End to end, on the built binary: each policy mistake lint catches, planted in a copy of a
 * shipped example, is reported at its line and column with its rule id, and the run exits
 * with the code its level gives (1 for an error; 0 for a warning, 1 with --max-warnings 0).
 * `@@` in a replacement marks where the finding must point; it is removed before linting.
 * Then the message fixes, as a user meets them.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_TRACE, example, runCli } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-24'];
const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-planted-'));
const read = (name: string) => readFileSync(example(`${name}.yaml`), 'utf8');

type Plant = [from: string, to: string][];

function plant(text: string, pairs: Plant): { text: string; line: number; column: number } {
  const marked = pairs.reduce((out, [from, to]) => {
    const at = out.indexOf(from);
    if (at < 0 || out.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" is not in the example exactly once`);
    return out.slice(0, at) + to + out.slice(at + from.length);
  }, text);
  const at = marked.indexOf('@@');
  const before = marked.slice(0, at).split('\n');
  return { text: marked.slice(0, at) + marked.slice(at + 2), line: before.length, column: before.at(-1)!.length + 1 };
}

const EXCEPTION = (from: string) =>
  `exceptions:\n  - id: cutover\n    reason: Data-centre cutover\n    from: ${from}\n    until: 2027-03-29T08:00\n    approved_by: head-of-support\n    targets: { sev1: { acknowledge: 10m } }\ntemplates:\n`;

const PLANTS: [name: string, example: string, rule: string, exit: number, plant: Plant, says: RegExp][] = [
  [
    'a template using {{rca_by}} for levels without an rca target',
    'saas-support',
    'template-value',
    1,
    [['    severities: [sev1, sev2]\n    body: |\n      The issue is resolved. Impact: {{impact}}. What we did: {{actions}}.\n      A root-cause summary follows by {{rca_by}}.', '    body: |\n      The issue is resolved. Impact: {{impact}}. What we did: {{actions}}.\n      A root-cause summary follows by @@{{rca_by}}.']],
    /uses \{\{rca_by\}\}, but sev3, sev4 have no rca target \(sev3 at line \d+\): the client would read "\[rca_by\]"/,
  ],
  [
    'the MSP acknowledgement handing the client the L2 pager (the role without a client_contact)',
    'msp',
    'template-internal-contact',
    1,
    [
      ['    contact: "pager:l2-oncall"\n    client_contact: "servicedesk@northpoint.example, quoting your ticket number"\n', '    contact: "pager:l2-oncall"\n'],
      ['{{owner}} is working on it ({{owner_contact}})', '{{owner}} is working on it (@@{{owner_contact}})'],
    ],
    /template 1 \(acknowledge, client\) renders \{\{owner_contact\}\}, and the owner can be L2 systems engineer \(pager:l2-oncall\): an internal contact; give the role a client_contact/,
  ],
  [
    'the MSP premium tier on 24x7 once every level runs round the clock (a calendar override that changes nothing)',
    'msp',
    'calendar-no-change',
    0,
    [
      ['      - Password reset for a staff member\n    owner: l1\n    calendar: business\n', '      - Password reset for a staff member\n    owner: l1\n'],
      ['      - Request for a second monitor\n    owner: l1\n    calendar: business\n', '      - Request for a second monitor\n    owner: l1\n'],
      ['    calendar: 24x7\n    targets:\n      p1: { acknowledge: 10m', '    calendar: @@24x7\n    targets:\n      p1: { acknowledge: 10m'],
    ],
    /tier "premium" sets calendar 24x7, but every severity already runs round the clock: the override changes nothing/,
  ],
  [
    'the client-vendor unsure mark back on "At risk" (sev2) over "Yes" (sev1)',
    'client-vendor',
    'tree-unsure-severity',
    1,
    [
      ['label: "Yes", unsure: true, outcome: { severity: sev1, owner: delivery-manager }', 'label: "Yes", outcome: { severity: sev1, owner: delivery-manager }'],
      ['{ id: at-risk, label: "At risk", outcome: { severity: sev2 } }', '{ id: at-risk, label: "At risk", unsure: @@true, outcome: { severity: sev2 } }'],
    ],
    /"Not sure" takes "At risk" \(at worst sev2\), but "Yes" \(line \d+\) can reach sev1/,
  ],
  [
    'an unsure answer milder than what its sibling reaches through the questions after it',
    'saas-support',
    'tree-unsure-severity',
    1,
    [
      ['{ id: "yes", label: "Yes, confirmed", unsure: true, next: scope }', '{ id: "yes", label: "Yes, confirmed", next: scope }'],
      ['{ id: "no", label: "No, a single unconfirmed report", outcome:', '{ id: "no", label: "No, a single unconfirmed report", unsure: @@true, outcome:'],
    ],
    /question "confirmed": "Not sure" takes "No, a single unconfirmed report" \(at worst sev4\), but "Yes, confirmed" \(line \d+\) can reach sev1/,
  ],
  [
    'an operational step after the management one',
    'saas-support',
    'escalation-layers',
    0,
    [['      - after: 2h\n        layer: executive', '      - after: 2h\n        layer: @@operational']],
    /sev1: escalation step 3 \(operational, after 2h\) comes after step 2 \(management, after 30m, line \d+\)/,
  ],
  [
    'escalate_after matching no step',
    'saas-support',
    'escalate-after-step',
    0,
    [['      escalate_after: 30m\n      update_every: 30m', '      escalate_after: @@1h\n      update_every: 30m']],
    /sev1: escalate_after 1h matches no step of the escalation path \(steps after 0m, 30m, 2h\); expected step 2 \(after 30m, line \d+\)/,
  ],
  ['a fixed-offset zone', 'saas-support', 'timezone-fixed', 0, [['timezone: Europe/Berlin', 'timezone: @@EST']], /"EST" is a fixed UTC offset .*like America\/New_York/],
  [
    'a question that never offers "Not sure"',
    'saas-support',
    'tree-no-unsure',
    0,
    [
      ['    security:\n', '    @@security:\n'],
      ['{ id: "yes", label: "Yes", unsure: true, outcome: { severity: sev1, owner: security, route: security } }', '{ id: "yes", label: "Yes", outcome: { severity: sev1, owner: security, route: security } }'],
    ],
    /question "security" marks no answer unsure: true/,
  ],
  [
    'an exception starting in the spring-forward gap',
    'saas-support',
    'dst-wall-time',
    0,
    [['\ntemplates:\n', `\n${EXCEPTION('@@2027-03-28T02:30')}`]],
    /2027-03-28T02:30 does not exist in Europe\/Berlin: the clocks jump from 02:00 to 03:00 \(daylight saving\); it is read as 2027-03-28T03:00\+02:00/,
  ],
  [
    'working hours starting in the gap on a working Sunday',
    'saas-support',
    'dst-wall-time',
    0,
    [
      ['days: [mon, tue, wed, thu, fri]', 'days: [mon, tue, wed, thu, fri, sat, sun]'],
      ['    hours: "09:00-18:00"', '    hours: @@"02:30-18:00"'],
    ],
    /calendar "office": working hours start at 02:30, but on 2027-03-28: .* does not exist in Europe\/Berlin/,
  ],
];

interface Json {
  files: { diagnostics: { code: string; level: string; line: number; column: number; message: string }[] }[];
}

describe('policy mistakes planted in copies of the examples, on the built binary', () => {
  it.each(PLANTS)('%s → %s', (_name, source, rule, exit, pairs, says) => {
    const dir = tmp();
    const { text, line, column } = plant(read(source), pairs);
    const path = join(dir, `${source}.yaml`);
    writeFileSync(path, text);

    const json = runCli(['lint', path, '--format', 'json', ...TODAY]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(exit);
    const found = (JSON.parse(json.stdout) as Json).files[0]!.diagnostics.filter((d) => d.code === rule);
    expect(found.map((d) => `${d.line}:${d.column}`)).toContain(`${line}:${column}`);
    const hit = found.find((d) => d.line === line && d.column === column)!;
    expect(hit.message).toMatch(says);
    expect(hit.level).toBe(exit === 1 ? 'error' : 'warning');

    // As a person reads it: file:line:col, the level and the rule id on one line.
    const stylish = runCli(['lint', path, ...TODAY]);
    expect(stylish.code).toBe(exit);
    expect(stylish.stdout).toMatch(new RegExp(`^\\s+${line}:${column}\\s+${hit.level}\\s+.+\\s${rule}$`, 'm'));
    if (exit === 0) expect(runCli(['lint', path, '--max-warnings', '0', ...TODAY]).code).toBe(1);

    // The matrix and --rule change the level.
    expect(runCli(['lint', path, '--rule', `${rule}=off`, '--max-warnings', '0', ...TODAY]).code).toBe(0);
    expect(runCli(['lint', path, '--rule', `${rule}=error`, ...TODAY]).code).toBe(1);
    writeFileSync(path, `${text.replace(/\n*$/, '\n')}lint:\n  rules:\n    ${rule}: off\n`);
    expect(runCli(['lint', path, '--max-warnings', '0', ...TODAY]).code).toBe(0);
  });

  it('the examples themselves lint clean, with every case passing and full coverage', () => {
    for (const name of ['saas-support', 'msp', 'client-vendor']) {
      const result = runCli(['lint', `examples/${name}.yaml`, '--coverage', '--max-warnings', '0', ...TODAY]);
      expect(result.stdout).toMatch(/coverage (\d+)\/\1 triage outcomes \(100%\)/);
      expect(result.stdout).toMatch(/✓ 1 file checked, \d+ cases passed, no problems/);
      expect(result.code).toBe(0);
    }
  });
});

describe('message fixes, as a user meets them', () => {
  it('one warning over --max-warnings says "1 warning"', () => {
    const dir = tmp();
    const { text } = plant(read('saas-support'), [['timezone: Europe/Berlin', 'timezone: @@EST']]);
    writeFileSync(join(dir, 'm.yaml'), text);
    const result = runCli(['lint', join(dir, 'm.yaml'), '--max-warnings', '0', ...TODAY]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('escalate: 1 warning, more than --max-warnings 0 allows\n');
    expect(result.stdout).toContain('(0 errors, 1 warning)');
  });

  it('--rule bogus=error: exit 2, one line listing the rules', () => {
    const result = runCli(['lint', 'examples/msp.yaml', '--rule', 'bogus=error']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^escalate: unknown rule "bogus"; the rules are tree-unreachable, .*tree-unsure-severity, .*dst-wall-time, .*; docs\/rules\.md lists every rule/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('layer: manager gets a did-you-mean; capitalised days are one error with the list to write', () => {
    const dir = tmp();
    const text = read('saas-support')
      .replace('        layer: management', '        layer: manager')
      .replace('days: [mon, tue, wed, thu, fri]', 'days: [Mon, Tue, Wed, Thu, Fri]');
    writeFileSync(join(dir, 'm.yaml'), text);
    const result = runCli(['lint', join(dir, 'm.yaml'), ...TODAY]);
    expect(result.code).toBe(1);
    const errors = result.stdout.split('\n').filter((l) => / error /.test(l));
    expect(errors).toHaveLength(2);
    expect(result.stdout).toMatch(/calendars\.office\.days has 5 values .*; write it as \[mon, tue, wed, thu, fri\]/);
    expect(result.stdout).toMatch(/layer must be one of .* \(did you mean "management"\?\)/);
  });

  it('init into a folder that does not exist creates it; a write elsewhere names the missing folder and how to make it', () => {
    const dir = tmp();
    const made = runCli(['init', 'sub/dir/m.yaml'], { cwd: dir });
    expect(made.code, made.stderr).toBe(0);
    expect(existsSync(join(dir, 'sub', 'dir', 'm.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'sub', 'dir', 'm.cases.yaml'))).toBe(true);
    const result = runCli(['docs', '--matrix', 'sub/dir/m.yaml', '--out', 'no/such/folder/sheet.md'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^escalate: cannot write .*no\/such\/folder\/sheet\.md: .*the folder .*no\/such\/folder does not exist; create it first \(mkdir -p .*no\/such\/folder\)\n$/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('cases without an owner run and pass; a malformed case does not stop the others', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.yaml'), read('saas-support'));
    const cases = readFileSync(example('saas-support.cases.yaml'), 'utf8');
    const total = (cases.match(/^ {2}- name:/gm) ?? []).length;
    writeFileSync(join(dir, 'm.cases.yaml'), cases.replace(/, owner: [a-z-]+/g, ''));
    const ok = runCli(['lint', join(dir, 'm.yaml'), ...TODAY]);
    expect(ok.stdout).toContain(`${total} cases passed, no problems`);
    expect(ok.code).toBe(0);

    writeFileSync(join(dir, 'm.cases.yaml'), cases.replace('    expect: { severity: sev2, owner: finance, route: finance }', '    expct: { severity: sev2, owner: finance, route: finance }'));
    const broken = runCli(['lint', join(dir, 'm.yaml'), ...TODAY]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`${total - 1} cases passed`);
    expect(broken.stdout).toMatch(/unknown key "expct"/);
  });
});
