/** End to end: `escalate lint` as the built binary, the way CI and people run it. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STACK_TRACE, example, fixture, runCli } from '../helpers/cli.js';
import { sarifValidator } from './sarif-schema.js';

const EXAMPLES = ['saas-support', 'msp', 'client-vendor'];
const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-lint-'));
const TODAY = ['--today', '2026-11-24'];

/** A copy of the saas example with one unknown key appended: an error at a known line. */
function planted(dir = tmp()): { path: string; line: number } {
  const text = readFileSync(example('saas-support.yaml'), 'utf8').replace(/\n*$/, '\n');
  const path = join(dir, 'planted.yaml');
  writeFileSync(path, `${text}severitiez: []\n`);
  return { path, line: text.split('\n').length };
}

/** The lint fixture with two levels and an unused role: two warnings, no error. */
function twoWarnings(dir = tmp()): string {
  const path = join(dir, 'warnings.yaml');
  const text = readFileSync(fixture('lint/level-count.yaml'), 'utf8');
  writeFileSync(path, text.replace('roles:\n', 'roles:\n  ghost: { title: Nobody, contact: "#ghost" }\n'));
  return path;
}

describe('escalate lint on the shipped examples', () => {
  it('lints clean, runs every case and covers every triage outcome', () => {
    const result = runCli(['lint', ...EXAMPLES.map((n) => example(`${n}.yaml`)), '--coverage', '--format', 'json', ...TODAY]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.summary.errors + json.summary.warnings).toBe(0);
    expect(json.summary.cases.failed).toBe(0);
    expect(json.summary.cases.passed).toBeGreaterThanOrEqual(EXAMPLES.length * 8);
    const matrices = json.files.filter((f: { kind: string }) => f.kind === 'matrix');
    expect(matrices).toHaveLength(3);
    for (const file of matrices) expect(file.coverage.covered).toBe(file.coverage.outcomes);
    expect(json.files.filter((f: { kind: string }) => f.kind === 'cases')).toHaveLength(3);
  });

  it('treats cases files matched by a glob as tests of their matrix, not as matrices (four matrices, four cases files)', () => {
    const result = runCli(['lint', 'examples/*.yaml', ...TODAY]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✓ 4 files checked, \d+ cases passed, no problems$/m);
  });
});

describe('output formats on the built binary', () => {
  it('stylish: the finding at file:line:col with its rule id, exit 1', () => {
    const { path, line } = planted();
    const result = runCli(['lint', path, ...TODAY]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(path);
    expect(result.stdout).toMatch(new RegExp(`^ {2}${line}:1 +error +unknown key "severitiez".* unknown-key$`, 'm'));
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  });

  it('json: the documented shape', () => {
    const { path, line } = planted();
    const result = runCli(['lint', '--format', 'json', path, ...TODAY]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ version: 1, summary: { files: 1, errors: 1, warnings: 0 } });
    expect(json.files[0]).toMatchObject({ file: path, kind: 'matrix', errors: 1, warnings: 0 });
    expect(json.files[0].diagnostics[0]).toMatchObject({ code: 'unknown-key', level: 'error', line, column: 1, path: 'severitiez' });
  });

  it('github: one workflow command per finding, properties escaped', () => {
    const dir = tmp();
    const { line } = planted(dir);
    const odd = join(dir, 'team a, b: 100%.yaml');
    copyFileSync(join(dir, 'planted.yaml'), odd);
    const result = runCli(['lint', '--format', 'github', odd, ...TODAY]);
    expect(result.code).toBe(1);
    const escaped = odd.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(result.stdout).toBe(
      `::error file=${escaped},line=${line},col=1,endLine=${line},endColumn=11,title=escalate unknown-key::unknown key "severitiez" in the matrix (did you mean "severities"?) (unknown-key)\n`,
    );
  });

  it('sarif: valid SARIF 2.1.0 with the finding located, exit 1', () => {
    const { path, line } = planted();
    const result = runCli(['lint', '--format', 'sarif', path, twoWarnings(), ...TODAY]);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results;
    expect(results[0]).toMatchObject({ ruleId: 'unknown-key', level: 'error', locations: [{ physicalLocation: { region: { startLine: line, startColumn: 1 } } }] });
    expect(results.filter((r: { level: string }) => r.level === 'warning').map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['level-count', 'unused-role']);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'escalate' });
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('tree-cycle');
  });
});

describe('thresholds and filters', () => {
  it('--max-warnings N: exit 1 only above N, with the count on stderr', () => {
    const path = twoWarnings();
    expect(runCli(['lint', path, ...TODAY]).code).toBe(0);
    expect(runCli(['lint', path, '--max-warnings', '2', ...TODAY]).code).toBe(0);
    const over = runCli(['lint', path, '--max-warnings', '1', '--format', 'json', ...TODAY]);
    expect(over.code).toBe(1);
    expect(JSON.parse(over.stdout).summary.warnings).toBe(2);
    expect(over.stderr).toBe('escalate: 2 warnings, more than --max-warnings 1 allows\n');
  });

  it('--quiet: errors only; warnings neither shown nor counted', () => {
    const path = twoWarnings();
    const quiet = runCli(['lint', path, '--quiet', '--max-warnings', '0', ...TODAY]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('✓ 1 file checked, no problems\n');
    const { path: broken } = planted();
    const both = runCli(['lint', path, broken, '--quiet', '--format', 'json', ...TODAY]);
    expect(JSON.parse(both.stdout).summary).toEqual({ files: 2, errors: 1, warnings: 0 });
  });

  it('--rule changes a level for the run', () => {
    const path = twoWarnings();
    const off = runCli(['lint', path, '--rule', 'level-count=off', '--rule', 'unused-role=off', ...TODAY]);
    expect(off.stdout).toBe('✓ 1 file checked, no problems\n');
    const error = runCli(['lint', path, '--rule', 'level-count=error', ...TODAY]);
    expect(error.code).toBe(1);
    expect(error.stdout).toMatch(/error +the matrix has 2 severity levels.* level-count/);
  });

  it('--today pins the date review and expiry rules use', () => {
    const later = runCli(['lint', example('msp.yaml'), '--today', '2027-03-01']);
    expect(later.code).toBe(0);
    expect(later.stdout).toMatch(/warning +the review is overdue: due 2027-01-18.* review-overdue/);
    expect(later.stdout).toMatch(/warning +exception "northwind-migration" ended on 2027-01-18.* exception-expired/);
  });
});

describe('matrix tests from the command line', () => {
  function suite(cases: string): { matrix: string; cases: string } {
    const dir = tmp();
    const matrix = join(dir, 'team.yaml');
    copyFileSync(example('saas-support.yaml'), matrix);
    writeFileSync(join(dir, 'team.cases.yaml'), cases);
    return { matrix, cases: join(dir, 'team.cases.yaml') };
  }
  const failing = 'cases:\n  - name: Billing\n    answers: { security: "no", confirmed: "yes", scope: one, blocked: "yes", domain: billing }\n    expect: { severity: sev1, owner: finance }\n';

  it('runs NAME.cases.yaml beside NAME.yaml and reports a failing case at its line', () => {
    const { matrix, cases } = suite(failing);
    const result = runCli(['lint', matrix, ...TODAY]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${cases}\n  2:5  error    case "Billing": expected severity sev1, got sev2 (path: security=no → confirmed=yes → scope=one → blocked=yes → domain=billing)  case-failed`);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings) in 1 file; 1 of 1 case failed');
  });

  it('--no-cases skips them; --cases FILE runs another file; a cases file alone brings in its matrix', () => {
    const { matrix, cases } = suite(failing);
    expect(runCli(['lint', matrix, '--no-cases', ...TODAY]).code).toBe(0);
    const other = join(tmp(), 'other.yaml');
    writeFileSync(other, 'cases:\n  - name: Security\n    answers: { security: "yes" }\n    expect: { severity: sev1, owner: security }\n');
    expect(runCli(['lint', matrix, '--cases', other, ...TODAY]).stdout).toMatch(/1 case passed/);
    const alone = runCli(['lint', cases, '--format', 'json', ...TODAY]);
    expect(JSON.parse(alone.stdout).files.map((f: { file: string; kind: string }) => [f.file, f.kind])).toEqual([
      [matrix, 'matrix'],
      [cases, 'cases'],
    ]);
  });

  it('--coverage lists the outcomes no case reaches, at the outcome', () => {
    const { matrix } = suite('cases:\n  - name: Security\n    answers: { security: "yes" }\n    expect: { severity: sev1, owner: security, route: security }\n');
    const result = runCli(['lint', matrix, '--coverage', ...TODAY]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/coverage 1\/9 triage outcomes \(11%\)/);
    expect(result.stdout.match(/case-coverage$/gm)).toHaveLength(8);
    expect(runCli(['lint', matrix, '--coverage', '--max-warnings', '0', ...TODAY]).code).toBe(1);
  });

  it('reports a malformed cases file at its line', () => {
    const { matrix, cases } = suite('cases:\n  - name: Typo\n    answer: { security: "yes" }\n    expect: { severity: sev1, owner: security }\n');
    const result = runCli(['lint', matrix, ...TODAY]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${cases}\n  2:5  error    cases[0] needs "answers"  missing-key\n  3:5  error    unknown key "answer" in cases[0] (did you mean "answers"?)`);
  });
});

describe('files, globs and usage errors', () => {
  it('expands a quoted glob itself, and reports each file', () => {
    const dir = tmp();
    const { path } = planted(dir);
    copyFileSync(example('msp.yaml'), join(dir, 'msp.yaml'));
    const result = runCli(['lint', `${dir}/*.yaml`, '--format', 'json', ...TODAY]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).files.map((f: { file: string }) => f.file)).toEqual([join(dir, 'msp.yaml'), path]);
  });

  it('takes an existing file whose name looks like a glob literally', () => {
    const dir = tmp();
    const odd = join(dir, 'team[1] {a,b}.yaml');
    copyFileSync(example('msp.yaml'), odd);
    const result = runCli(['lint', odd, '--format', 'json', ...TODAY]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).files.map((f: { file: string }) => f.file)).toEqual([odd]);
  });

  it('prints no annotations for clean files', () => {
    const result = runCli(['lint', '--format', 'github', example('msp.yaml'), ...TODAY]);
    expect([result.code, result.stdout, result.stderr]).toEqual([0, '', '']);
  });

  it.each([
    ['a glob that matches nothing', ['lint', 'nowhere/*.yaml'], /^escalate: no files match nowhere\/\*\.yaml$/],
    ['a missing file among good ones', ['lint', 'examples/msp.yaml', 'missing.yaml'], /^escalate: cannot read matrix missing\.yaml: no such file$/],
    ['a bad --rule level', ['lint', 'examples/msp.yaml', '--rule', 'level-count=loud'], /takes off, warn or error/],
    ['an unknown --rule id', ['lint', 'examples/msp.yaml', '--rule', 'tree-cylce=off'], /unknown rule "tree-cylce" \(did you mean "tree-cycle"\?\)/],
    ['a bad --max-warnings', ['lint', 'examples/msp.yaml', '--max-warnings', 'many'], /--max-warnings takes a whole number/],
    ['a bad --today', ['lint', 'examples/msp.yaml', '--today', '2026-02-30'], /--today takes a calendar date/],
    ['--cases with several matrices', ['lint', 'examples/msp.yaml', 'examples/saas-support.yaml', '--cases', 'examples/msp.cases.yaml'], /--cases names the tests of one matrix/],
    ['a missing cases file', ['lint', 'examples/msp.yaml', '--cases', 'nope.cases.yaml'], /cannot read cases file nope\.cases\.yaml: no such file/],
  ])('%s exits 2 with one line and no report', (_name, args, message) => {
    const result = runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
  });

  it('never bundles the prompt library into lint', () => {
    const bundle = readFileSync(new URL('../../dist/commands/lint.cjs', import.meta.url), 'utf8');
    expect(bundle).not.toMatch(/ExitPromptError|@inquirer/);
  });
});

describe('lint and triage read an exception the same way', () => {
  it('an exception escalating at 12m for a client whose tier assigns an owner at 10m: no timing-order error, and triage plans the owner first', () => {
    const dir = tmp();
    const path = join(dir, 'msp.yaml');
    const text = readFileSync(example('msp.yaml'), 'utf8');
    expect(text).toContain('p1: { acknowledge: 5m, escalate_after: 30m }');
    writeFileSync(path, text.replace('p1: { acknowledge: 5m, escalate_after: 30m }', 'p1: { acknowledge: 5m, escalate_after: 12m }'));
    const lint = runCli(['lint', path, '--no-cases', '--format', 'json', '--today', '2026-12-01']);
    expect(lint.stdout + lint.stderr).not.toMatch(STACK_TRACE);
    const codes = JSON.parse(lint.stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(codes).not.toContain('timing-order');
    const triage = runCli(['triage', '-m', path, '--severity', 'p1', '--client', 'northwind', '--at', '2027-01-16T10:00', '--json']);
    expect(triage.code).toBe(0);
    const deadline = (kind: string) => JSON.parse(triage.stdout).deadlines.find((d: { kind: string }) => d.kind === kind);
    expect([deadline('assign_owner').target, deadline('assign_owner').source]).toEqual(['10m', 'tier premium']);
    expect([deadline('escalate_after').target, deadline('escalate_after').source]).toEqual(['12m', 'exception northwind-migration']);
  });
});
