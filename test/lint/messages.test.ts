/**
 * Messages that tell a user what to do: a did-you-mean where a word was nearly right, one
 * finding for one mistake, advice that does not make things worse, and matrix tests that
 * check only what they state.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/files.js';
import { loadCases } from '../../src/lint/cases/load.js';
import { runCases } from '../../src/lint/cases/run.js';
import { parseRuleFlag } from '../../src/lint/config.js';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { RULES } from '../../src/lint/registry.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { closest } from '../../src/matrix/suggest.js';
import { example, fixture } from '../helpers/cli.js';

const TODAY = '2026-11-24';
const saas = readFileSync(example('saas-support.yaml'), 'utf8');
const once = (text: string, from: string, to: string) => {
  expect(text.split(from).length, `"${from}" once`).toBe(2);
  return text.replace(from, to);
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('did-you-mean', () => {
  it('suggests an enum value that shares a long stem: layer "manager" → "management"', () => {
    const text = saas.replace('        layer: management', '        layer: manager');
    const found = loadMatrix(text).diagnostics;
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-value', lineOf(text, 'layer: manager'), 16]]);
    expect(found[0]!.message).toContain('(did you mean "management"?)');
  });

  it('keeps edit-distance matches first and suggests nothing for an unrelated word', () => {
    expect(closest('manager', ['operational', 'management', 'client', 'executive'])).toBe('management');
    expect(closest('clinet', ['operational', 'management', 'client', 'executive'])).toBe('client');
    expect(closest('boss', ['operational', 'management', 'client', 'executive'])).toBeUndefined();
    expect(closest('mana', ['management'])).toBeUndefined();
  });

  it('--rule with an id close to none lists the rule ids instead', () => {
    const parsed = parseRuleFlag('bogus=error');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toMatch(/^unknown rule "bogus"; the rules are tree-unreachable, tree-cycle, /);
    for (const rule of RULES) expect(parsed.reason).toContain(rule.id);
    expect(parsed.reason).not.toMatch(/\n/);
  });
});

describe('one mistake, one finding', () => {
  it('days written in capitals are one error at the list, with the list as it should be', () => {
    const text = once(saas, 'days: [mon, tue, wed, thu, fri]', 'days: [Mon, Tue, Wed, Thu, Fri]');
    const found = loadMatrix(text).diagnostics;
    expect(found.map((d) => [d.code, d.line, d.column])).toEqual([['invalid-value', lineOf(text, 'days: [Mon'), 11]]);
    expect(found[0]!.message).toBe(
      'calendars.office.days has 5 values that are not among "mon", "tue", "wed", "thu", "fri", "sat", "sun" (Mon, Tue, Wed, Thu, Fri); write it as [mon, tue, wed, thu, fri]',
    );
  });

  it('a single wrong day is still reported at the item, with its did-you-mean', () => {
    const text = once(saas, 'days: [mon, tue, wed, thu, fri]', 'days: [mon, tue, wed, thu, Fri]');
    const found = loadMatrix(text).diagnostics;
    expect(found.map((d) => [d.code, d.column])).toEqual([['invalid-value', 32]]);
    expect(found[0]!.message).toContain('(did you mean "fri"?)');
  });
});

describe('owner-engaged advice', () => {
  const base = readFileSync(fixture('lint/owner-engaged.yaml'), 'utf8');
  const engaged = (text: string) => lintMatrix(text, { today: TODAY }).diagnostics.filter((d) => d.code === 'owner-engaged');

  it('still asks to notify an internal owner', () => {
    expect(engaged(base).map((d) => d.message)).toEqual(['sev2 is owned by "oncall", but the first escalation step does not notify that role; add it to notify']);
  });

  it('never advises pulling a client-side owner into notify: owner-accountable asks for an internal owner', () => {
    const text = once(base, '    owner: oncall\n', '    owner: client-admin\n');
    const found = lintMatrix(text, { today: TODAY }).diagnostics;
    expect(engaged(text)).toEqual([]);
    expect(found.filter((d) => d.code === 'owner-accountable').map((d) => d.message)).toEqual([
      'the owner of sev2 is "client-admin", a client-side role; the accountable owner must be one of your own (internal) roles',
    ]);
  });
});

describe('matrix tests without an owner', () => {
  const matrix = loadMatrix(saas).matrix!;
  const cases = readFileSync(example('saas-support.cases.yaml'), 'utf8');

  it('check the severity alone when expect has no owner, and still catch a wrong severity', async () => {
    const text = `cases:\n  - name: Severity only\n    answers: { security: unsure }\n    expect: { severity: sev1 }\n  - name: Wrong severity\n    answers: { security: unsure }\n    expect: { severity: sev2 }\n`;
    const loaded = loadCases(text);
    expect(loaded.diagnostics).toEqual([]);
    const run = await runCases(matrix, loaded.cases!, loaded.locator, 'error');
    expect([run.passed, run.failed]).toEqual([1, 1]);
    expect(run.diagnostics.map((d) => [d.line, d.message])).toEqual([[5, expect.stringMatching(/^case "Wrong severity": expected severity sev2, got sev1/)]]);
  });

  it('a malformed case is reported at its line and the others still run, located at their own lines', async () => {
    const broken = once(cases, '    expect: { severity: sev2, owner: finance, route: finance }', '    expct: { severity: sev2, owner: finance, route: finance }');
    const loaded = loadCases(broken);
    expect(loaded.diagnostics.map((d) => d.code).sort()).toEqual(['missing-key', 'unknown-key']);
    const total = (cases.match(/^ {2}- name:/gm) ?? []).length;
    expect(loaded.cases).toHaveLength(total - 1);
    const run = await runCases(matrix, loaded.cases!, loaded.locator, 'error', loaded.indexes);
    expect([run.passed, run.failed]).toEqual([total - 1, 0]);

    // A failure after the broken case is still reported at its own case.
    const failing = once(broken, 'expect: { severity: sev4, owner: frontline }\n', 'expect: { severity: sev3, owner: frontline }\n');
    const again = loadCases(failing);
    const rerun = await runCases(matrix, again.cases!, again.locator, 'error', again.indexes);
    const lines = failing.split('\n');
    const expectLine = lineOf(failing, 'expect: { severity: sev3, owner: frontline }');
    const caseLine = expectLine - [...lines.slice(0, expectLine)].reverse().findIndex((l) => l.startsWith('  - name:'));
    expect(rerun.diagnostics.map((d) => d.line)).toEqual([caseLine]);
    expect(rerun.failed).toBe(1);
  });
});

describe('writing into a folder that does not exist', () => {
  it('names the missing folder and how to create it, in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-msg-'));
    const folder = join(dir, 'sub', 'dir');
    expect(() => writeFileAtomic(join(folder, 'm.yaml'), 'x', { overwrite: false })).toThrow(
      `cannot write ${join(folder, 'm.yaml')}: no such file or folder: the folder ${folder} does not exist; create it first (mkdir -p ${folder})`,
    );
  });
});
