/** Reporters are pure functions of the findings: escaping, shapes and the SARIF schema. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { FileReport } from '../../src/lint/report.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/lint/reporters/github.js';
import { artifactUri, formatSarif } from '../../src/lint/reporters/sarif.js';
import { formatJson } from '../../src/lint/reporters/json.js';
import { formatStylish } from '../../src/lint/reporters/stylish.js';
import { plain } from '../../src/cli/colors.js';
import { RULES } from '../../src/lint/registry.js';
import { FORMAT_CHECKS } from '../../src/lint/format-checks.js';
import { sarifValidator } from './sarif-schema.js';

const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'tree-cycle', level: 'error', message: 'loops', path: ['triage', 'questions', 'a'], line: 3, column: 5, ...over });
const reports: FileReport[] = [
  { file: 'teams/a, b: c%.yaml', kind: 'matrix', diagnostics: [d({ message: 'a 100% loop:\nsecond line\r', endLine: 3, endColumn: 9 }), d({ code: 'unused-role', level: 'warning', line: 7, column: 3, endLine: 9, endColumn: 1 })] },
  { file: 'teams/a.cases.yaml', kind: 'cases', diagnostics: [d({ code: 'case-failed', line: 4, column: 5 })], cases: { passed: 2, failed: 1 } },
];
const tool = { name: 'escalate', version: '1.2.3', rules: [...RULES.map(({ id, rationale, level }) => ({ id, rationale, level })), ...FORMAT_CHECKS.map(({ id, rationale }) => ({ id, rationale, level: 'error' as const }))] };

describe('github annotations', () => {
  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('50%\r\n:,')).toBe('50%25%0D%0A:,');
    expect(escapeProperty('50%\r\n:,')).toBe('50%25%0D%0A%3A%2C');
    const lines = formatGithub(reports).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('::error file=teams/a%2C b%3A c%25.yaml,line=3,col=5,endLine=3,endColumn=9,title=escalate tree-cycle::a 100%25 loop:%0Asecond line%0D (tree-cycle)');
    // An annotation over several lines carries no columns at its end (the runner rejects them).
    expect(lines[1]).toBe('::warning file=teams/a%2C b%3A c%25.yaml,line=7,col=3,title=escalate unused-role::loops (unused-role)');
    expect(lines[2]).toMatch(/^::error file=teams\/a\.cases\.yaml,line=4,col=5,title=escalate case-failed::/);
  });

  it('prints nothing when there is nothing to say', () => {
    expect(formatGithub([{ file: 'a.yaml', kind: 'matrix', diagnostics: [] }])).toBe('');
  });
});

describe('SARIF', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0, with one rule entry per rule id and results pointing at them', () => {
    const log = JSON.parse(formatSarif(reports, tool));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
    const rules = log.runs[0].tool.driver.rules as { id: string; defaultConfiguration: { level: string } }[];
    expect(rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id), ...FORMAT_CHECKS.map((c) => c.id)]);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    const [first, second] = log.runs[0].results;
    expect(first).toMatchObject({ ruleId: 'tree-cycle', level: 'error', message: { text: 'a 100% loop:\nsecond line\r' } });
    expect(first.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'teams/a%2C%20b%3A%20c%25.yaml' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } });
    expect(second).toMatchObject({ ruleId: 'unused-role', level: 'warning' });
  });

  it('uses a validator that does reject broken SARIF', () => {
    const log = JSON.parse(formatSarif(reports, tool));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    delete log.runs[0].tool;
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('describes a code it does not know rather than leaving a result without a rule', () => {
    const log = JSON.parse(formatSarif([{ file: 'a.yaml', kind: 'matrix', diagnostics: [d({ code: 'brand-new-check' })] }], tool));
    expect(validate(log)).toBe(true);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules[log.runs[0].results[0].ruleIndex].id).toBe('brand-new-check');
  });

  it('is valid with no results, and turns absolute paths into file URIs', () => {
    const log = JSON.parse(formatSarif([], tool));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(artifactUri('/srv/ops/matrix #1.yaml')).toBe('file:///srv/ops/matrix%20%231.yaml');
    expect(artifactUri('C:\\ops\\m.yaml')).toBe('file:///C:/ops/m.yaml');
    expect(artifactUri('ops/m.yaml')).toBe('ops/m.yaml');
  });
});

describe('json and stylish', () => {
  it('keeps the documented JSON shape', () => {
    const json = JSON.parse(formatJson(reports));
    expect(json.version).toBe(1);
    expect(json.summary).toEqual({ files: 1, errors: 2, warnings: 1, cases: { passed: 2, failed: 1 } });
    expect(json.files[0]).toMatchObject({ file: 'teams/a, b: c%.yaml', kind: 'matrix', errors: 1, warnings: 1 });
    expect(json.files[0].diagnostics[0]).toEqual({ code: 'tree-cycle', level: 'error', message: 'a 100% loop:\nsecond line\r', line: 3, column: 5, endLine: 3, endColumn: 9, path: 'triage.questions.a' });
    expect(json.files[1]).toMatchObject({ kind: 'cases', cases: { passed: 2, failed: 1 } });
  });

  it('groups by file and ends with a summary that counts matrices and cases', () => {
    const out = formatStylish(reports, plain).trimEnd().split('\n');
    expect(out[0]).toBe('teams/a, b: c%.yaml');
    expect(out.at(-1)).toBe('✖ 3 problems (2 errors, 1 warning) in 1 file; 1 of 3 cases failed');
    const clean = formatStylish([{ file: 'a.yaml', kind: 'matrix', diagnostics: [], coverage: { outcomes: 4, covered: 4 } }], plain);
    expect(clean).toBe('coverage 4/4 triage outcomes (100%)  a.yaml\n\n✓ 1 file checked, no problems\n');
  });
});
