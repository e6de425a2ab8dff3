/** Rule levels: registry default < the matrix's `lint.rules` < the run's `--rule`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRuleFlag } from '../../src/lint/config.js';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { fixture } from '../helpers/cli.js';

const TODAY = '2026-11-24';
// Two levels: level-count (warning) fires; the matrix section below changes it.
const twoLevels = readFileSync(fixture('lint/level-count.yaml'), 'utf8');
const withSection = (rules: string) => `${twoLevels}\nlint:\n  rules:\n${rules}`;
const levelsOf = (text: string, run: Record<string, 'off' | 'warn' | 'error'> = {}) =>
  lintMatrix(text, { today: TODAY, rules: run }).diagnostics.filter((d) => d.code === 'level-count').map((d) => d.level);

describe('rule levels', () => {
  it('uses the registry default', () => {
    expect(levelsOf(twoLevels)).toEqual(['warning']);
  });

  it('takes the matrix lint.rules over the default', () => {
    expect(levelsOf(withSection('    level-count: off\n'))).toEqual([]);
    expect(levelsOf(withSection('    level-count: error\n'))).toEqual(['error']);
  });

  it('takes the run over the matrix', () => {
    expect(levelsOf(withSection('    level-count: off\n'), { 'level-count': 'warn' })).toEqual(['warning']);
    expect(levelsOf(withSection('    level-count: error\n'), { 'level-count': 'off' })).toEqual([]);
  });

  it('reports an unknown rule id in the matrix with a suggestion, and it can be switched off too', () => {
    const text = withSection('    level-cuont: off\n');
    const unknown = lintMatrix(text, { today: TODAY }).diagnostics.filter((d) => d.code === 'unknown-rule');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toMatch(/unknown lint rule "level-cuont" \(did you mean "level-count"\?\)/);
    expect(unknown[0]!.line).toBe(text.split('\n').indexOf('    level-cuont: off') + 1);
    expect(lintMatrix(text, { today: TODAY, rules: { 'unknown-rule': 'off' } }).diagnostics.filter((d) => d.code === 'unknown-rule')).toEqual([]);
  });
});

describe('--rule values', () => {
  it.each([
    ['level-count=off', { id: 'level-count', setting: 'off' }],
    ['level-count=warn', { id: 'level-count', setting: 'warn' }],
    ['level-count=warning', { id: 'level-count', setting: 'warn' }],
    [' tree-cycle = ERROR ', { id: 'tree-cycle', setting: 'error' }],
  ])('%s', (flag, expected) => {
    expect(parseRuleFlag(flag)).toEqual({ ok: true, ...expected });
  });

  it.each([
    ['level-count', /ID=off\|warn\|error/],
    ['level-count=loud', /takes off, warn or error; got "loud"/],
    ['level-cont=off', /unknown rule "level-cont" \(did you mean "level-count"\?\)/],
    ['unknown-key=off', /"unknown-key" is a format check, always an error/],
  ])('refuses %s', (flag, reason) => {
    const parsed = parseRuleFlag(flag);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('rules only run on a matrix that loaded', () => {
  it('reports format errors alone while the matrix is broken', () => {
    const broken = twoLevels.replace('owner: oncall', 'owner: on-cal');
    const codes = new Set(lintMatrix(broken, { today: TODAY }).diagnostics.map((d) => d.code));
    expect(codes).toEqual(new Set(['unknown-role']));
  });
});
