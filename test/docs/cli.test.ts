/** `escalate docs` end to end: the built binary, real files, exit codes and both streams. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { example, fixture, ROOT, runCli, STACK_TRACE } from '../helpers/cli.js';

let dir: string;
let matrix: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'escalate-docs-'));
  matrix = join(dir, 'saas-support.yaml');
  copyFileSync(example('saas-support.yaml'), matrix);
});

const docs = (...args: string[]) => runCli(['docs', '--matrix', matrix, ...args]);

/** A failure is one line on stderr, no stack trace, nothing on stdout. */
function expectOneLineError(result: ReturnType<typeof runCli>, code: number, pattern: RegExp) {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(STACK_TRACE);
}

describe('printing and writing', () => {
  test('prints the sheet on stdout, and --out writes the very same bytes', () => {
    const printed = docs();
    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    expect(printed.stdout.startsWith('# Acme Cloud support\n')).toBe(true);
    expect(printed.stdout).toContain('```mermaid\nflowchart TD\n');

    const out = join(dir, 'sheet.md');
    const written = docs('--out', out);
    expect([written.code, written.stdout, written.stderr]).toEqual([0, `wrote ${out}\n`, '']);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    expect(readdirSync(dir).sort()).toEqual(['saas-support.yaml', 'sheet.md']);
  });

  test('a relative --out is relative to the working folder, and a current file is left alone', () => {
    const first = runCli(['docs', '--matrix', 'saas-support.yaml', '--out', 'sheet.md'], { cwd: dir });
    expect([first.code, first.stdout]).toEqual([0, 'wrote sheet.md\n']);
    const again = runCli(['docs', '--matrix', 'saas-support.yaml', '--out', 'sheet.md'], { cwd: dir });
    expect([again.code, again.stdout]).toEqual([0, '✓ sheet.md is current (unchanged)\n']);
  });

  test('--out replaces a stale file', () => {
    const out = join(dir, 'sheet.md');
    writeFileSync(out, 'old sheet\n');
    expect(docs('--out', out).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(docs().stdout);
  });

  test('finds the matrix through ESCALATE_MATRIX and through escalation-matrix.yaml in a parent folder', () => {
    const viaEnv = runCli(['docs'], { cwd: dir, env: { ESCALATE_MATRIX: matrix } });
    expect(viaEnv.code).toBe(0);
    copyFileSync(matrix, join(dir, 'escalation-matrix.yaml'));
    mkdirSync(join(dir, 'sub'));
    const found = runCli(['docs'], { cwd: join(dir, 'sub') });
    expect(found.code).toBe(0);
    // Only the file's base name is in the sheet, so where it was found from does not matter.
    expect(found.stdout.replace('escalation-matrix.yaml', 'saas-support.yaml').replace('escalation-matrix.yaml', 'saas-support.yaml')).toBe(viaEnv.stdout);
  });
});

describe('--check', () => {
  test('exits 0 when the file is current, and writes nothing', () => {
    const out = join(dir, 'sheet.md');
    docs('--out', out);
    const result = docs('--out', out, '--check');
    expect([result.code, result.stdout, result.stderr]).toEqual([0, `✓ ${out} is current\n`, '']);
  });

  test('exits 1 with a unified diff when the file is stale, and leaves the file as it was', () => {
    const out = join(dir, 'sheet.md');
    docs('--out', out);
    const fresh = readFileSync(out, 'utf8');
    const stale = fresh.replace('| `sev1` Critical | round the clock | 15m |', '| `sev1` Critical | round the clock | 20m |');
    expect(stale).not.toBe(fresh);
    writeFileSync(out, stale);
    const result = docs('--out', out, '--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`✖ ${out} is stale: it no longer matches ${matrix}; regenerate it with: escalate docs --matrix ${matrix} --out ${out}\n`);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([`--- ${out} (on disk)`, `+++ ${out} (from ${matrix})`]);
    expect(lines.filter((l) => /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/.test(l))).toHaveLength(1);
    const changed = lines.filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/^-\| `sev1` Critical \| round the clock \| 20m \|/);
    expect(changed[1]).toMatch(/^\+\| `sev1` Critical \| round the clock \| 15m \|/);
    expect(changed[0]!.slice(1).replace('20m', '15m')).toBe(changed[1]!.slice(1));
    expect(readFileSync(out, 'utf8')).toBe(stale);
  });

  test('exits 1 when the matrix changed but the sheet did not', () => {
    const out = join(dir, 'sheet.md');
    docs('--out', out);
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace('name: Acme Cloud support', 'name: Acme Cloud customer support'));
    const result = docs('--out', out, '--check');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('\n-# Acme Cloud support\n+# Acme Cloud customer support\n');
  });

  test('exits 1 when the file is missing, and does not create it', () => {
    const out = join(dir, 'missing.md');
    const result = docs('--out', out, '--check');
    expectOneLineError({ ...result, stdout: '' }, 1, /^✖ .*missing\.md is missing; regenerate it with: escalate docs --matrix .* --out .*missing\.md\n$/);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  test('a checkout that turned line endings into CRLF is still current', () => {
    const out = join(dir, 'sheet.md');
    writeFileSync(out, docs().stdout.replace(/\n/g, '\r\n'));
    expect(docs('--out', out, '--check').code).toBe(0);
    // --out judges alike: a file --check calls current is not rewritten, so the checkout's line endings stay.
    expect([docs('--out', out).stdout, readFileSync(out, 'utf8')]).toEqual([`✓ ${out} is current (unchanged)\n`, docs().stdout.replace(/\n/g, '\r\n')]);
  });

  test('a file without the final newline is stale, the diff says so, and --out rewrites it', () => {
    const out = join(dir, 'sheet.md');
    const sheet = docs().stdout;
    writeFileSync(out, sheet.slice(0, -1));
    const result = docs('--out', out, '--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is stale: it no longer matches .*saas-support\.yaml; regenerate it with/);
    const last = sheet.slice(0, -1).split('\n').at(-1)!;
    expect(result.stdout).toContain(`\n-${last}\n\\ No newline at end of file\n+${last}\n`);
    expect(docs('--out', out).stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(sheet);
  });

  test('a byte that is not UTF-8 where the sheet has U+FFFD is stale, and --out rewrites it', () => {
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace(/^name: .*$/m, 'name: "Acme \\uFFFD support"'));
    const out = join(dir, 'sheet.md');
    const sheet = Buffer.from(docs().stdout);
    const at = sheet.indexOf('\ufffd');
    expect(at).toBe('# Acme '.length);
    // Read as UTF-8, the lone 0xff byte is U+FFFD too: only the bytes tell the file from the sheet.
    const odd = Buffer.concat([sheet.subarray(0, at), Buffer.from([0xff]), sheet.subarray(at + 3)]);
    expect(odd.toString('utf8')).toBe(sheet.toString('utf8'));
    writeFileSync(out, odd);
    const result = docs('--out', out, '--check');
    expect([result.code, result.stdout]).toEqual([1, '']);
    expect(result.stderr).toMatch(/is stale: it no longer matches .*saas-support\.yaml, in bytes a line diff does not show \(line 1, byte 8 of the line: 0xff on disk, 0xef in the sheet\); regenerate it with/);
    expect(readFileSync(out)).toEqual(odd);
    expect(docs('--out', out).stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out)).toEqual(sheet);
    expect(docs('--out', out, '--check').code).toBe(0);
  });

  test('only a file whose every line ending is CRLF is tolerated; one CR more is stale', () => {
    const out = join(dir, 'sheet.md');
    const lines = docs().stdout.split('\n');
    lines[4] += '\r';
    writeFileSync(out, lines.join('\n'));
    const result = docs('--out', out, '--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in bytes a line diff does not show \(line 5, byte \d+ of the line: 0x0d on disk, 0x0a in the sheet\)/);
    expect(docs('--out', out).stdout).toBe(`wrote ${out}\n`);
  });

  test('--check of a role card compares the card, and names --role in the fix', () => {
    const out = join(dir, 'card.md');
    docs('--role', 'frontline', '--out', out);
    expect(docs('--role', 'frontline', '--out', out, '--check').code).toBe(0);
    const other = docs('--role', 'specialist', '--out', out, '--check');
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(`--role specialist --out ${out}`);
  });

  test('without --out it cannot run: exit 2', () => {
    expectOneLineError(docs('--check'), 2, /^escalate: --check compares the sheet with a file: pass --out FILE too/);
  });
});

describe('--role', () => {
  test('prints the one-page card of a role', () => {
    const result = docs('--role', 'support-lead');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')[0]).toBe('# Role card: Support lead (incident commander)');
    expect(result.stdout).toContain('## Your deadlines');
    expect(result.stdout).not.toContain('```mermaid');
  });

  test('an unknown role exits 2 with a suggestion and the known roles', () => {
    expectOneLineError(docs('--role', 'fronline'), 2, /^escalate: unknown role "fronline" \(did you mean "frontline"\?\); the roles in .* are: frontline, specialist, /);
  });
});

describe('--as-of', () => {
  test('adds a date judgement only when asked, and stays deterministic', () => {
    const msp = join(dir, 'msp.yaml');
    copyFileSync(example('msp.yaml'), msp);
    const plain = runCli(['docs', '--matrix', msp]);
    expect(plain.stdout).not.toMatch(/\| in effect \||\*\*overdue\*\*|Status on/);
    const judged = runCli(['docs', '--matrix', msp, '--as-of', '2027-01-16']);
    expect(judged.code).toBe(0);
    expect(judged.stdout).toContain('| Status on 2027-01-16 |');
    expect(judged.stdout).toMatch(/\| `northwind-migration` \|.*\| in effect \|$/m);
    expect(judged.stdout).toBe(runCli(['docs', '--matrix', msp, '--as-of', '2027-01-16']).stdout);
    const later = runCli(['docs', '--matrix', msp, '--as-of', '2027-03-01']);
    expect(later.stdout).toMatch(/\| `northwind-migration` \|.*\| expired \|$/m);
    expect(later.stdout).toMatch(/next review due:\*\* \d{4}-\d{2}-\d{2} \(\*\*overdue\*\* by \d+ days on 2027-03-01\)/);
  });

  test('"today" is the date in the matrix time zone', () => {
    const result = docs('--as-of', 'today');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\*\*next review due:\*\* \d{4}-\d{2}-\d{2} \((in \d+ days? from|due on|\*\*overdue\*\* by \d+ days? on) \d{4}-\d{2}-\d{2}\)/);
    // UTC+14 and UTC-11 are on different dates for most of the day; each must be its own zone's.
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      writeFileSync(matrix, readFileSync(example('saas-support.yaml'), 'utf8').replace(/^timezone: .*$/m, `timezone: ${zone}`));
      const expected = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      const dated = docs('--as-of', 'today');
      expect(dated.code, dated.stderr).toBe(0);
      expect(dated.stdout).toMatch(new RegExp(`\\*\\*next review due:\\*\\* \\d{4}-\\d{2}-\\d{2} \\(.* ${expected}\\)`));
    }
  });

  test('a date that does not exist exits 2', () => {
    expectOneLineError(docs('--as-of', '2027-02-30'), 2, /^escalate: --as-of 2027-02-30: this date does not exist in the calendar/);
    expectOneLineError(docs('--as-of', 'soon'), 2, /^escalate: --as-of soon: write the date as YYYY-MM-DD/);
  });
});

describe('errors', () => {
  test('a path under a regular file exits 2 in one line', () => {
    writeFileSync(join(dir, 'not-a-dir'), '');
    expectOneLineError(docs('--out', join(dir, 'not-a-dir', 'x.md')), 2, /^escalate: cannot write .*not-a-dir\/x\.md: .*not-a-dir is a file, not a folder\n$/);
  });

  test('a folder that does not exist exits 2 in one line', () => {
    expectOneLineError(docs('--out', join(dir, 'nowhere', 'x.md')), 2, /^escalate: cannot write .*nowhere\/x\.md: the folder .*nowhere does not exist; create it first \(mkdir -p .*nowhere\)\n$/);
  });

  test('a failed write leaves what was there untouched and no temporary file behind', () => {
    const target = join(dir, 'sheet.md');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'keep');
    expectOneLineError(docs('--out', target), 2, /^escalate: cannot write .*sheet\.md: it is a directory\n$/);
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(readdirSync(dir).sort()).toEqual(['saas-support.yaml', 'sheet.md']);
  });

  test('a matrix with a lone surrogate in its name: the sheet written is current by --check at once', () => {
    const odd = join(dir, 'odd.yaml');
    writeFileSync(odd, readFileSync(example('msp.yaml'), 'utf8').replace(/^name: .*$/m, 'name: "Cr\\ud800it"'));
    const sheet = join(dir, 'odd.md');
    expect(runCli(['docs', '--matrix', odd, '--out', sheet]).code).toBe(0);
    expect(readFileSync(sheet, 'utf8')).toContain('Cr\ufffdit');
    const check = runCli(['docs', '--matrix', odd, '--out', sheet, '--check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  test('--out naming the matrix itself is refused and the matrix kept', () => {
    const before = readFileSync(matrix, 'utf8');
    expectOneLineError(docs('--out', matrix), 2, /is the matrix itself/);
    expect(readFileSync(matrix, 'utf8')).toBe(before);
  });

  test('an invalid matrix exits 1 listing its located errors', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(matrix, 'utf8').replace('owner: support-lead\nreviewed', 'owner: support-lea\nreviewed'));
    const result = runCli(['docs', '--matrix', bad, '--out', join(dir, 'sheet.md')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^escalate: the matrix has errors:\n.*bad\.yaml:\d+:\d+: unknown role "support-lea"; role ids come from roles \(frontline, specialist, support-lead, /);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(join(dir, 'sheet.md'))).toBe(false);
  });

  test('a missing matrix exits 2', () => {
    expectOneLineError(runCli(['docs', '--matrix', join(dir, 'nope.yaml')]), 2, /^escalate: cannot read matrix .*nope\.yaml: no such file\n$/);
  });

  test('no matrix anywhere exits 2', () => {
    expectOneLineError(runCli(['docs'], { cwd: tmpdir() }), 2, /^escalate: no matrix found/);
  });

  test('an unknown option exits 2', () => {
    const result = docs('--outt', 'x.md');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--outt'/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

test('the docs command bundle does not carry the interactive prompts', () => {
  const bundle = readFileSync(join(ROOT, 'dist', 'commands', 'docs.cjs'), 'utf8');
  expect(bundle).toContain('Role card: ');
  expect(bundle).not.toMatch(/ExitPromptError|@inquirer/);
});

test('the hostile-text fixture renders through the binary', () => {
  const result = runCli(['docs', '--matrix', fixture('docs/hostile-text.yaml')]);
  expect(result.code).toBe(0);
  expect(result.stdout.split('\n')[0]).toBe('# \\# Pipes \\| and \\*stars\\* \\[links\\](x) \\<b>tags\\</b>');
});
