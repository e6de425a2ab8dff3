/** Matrix tests in the core: the cases format, each way a case can fail, and coverage. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCases } from '../../src/lint/cases/load.js';
import { runCases } from '../../src/lint/cases/run.js';
import { outcomeCoverage } from '../../src/lint/cases/coverage.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { example } from '../helpers/cli.js';

const msp = loadMatrix(readFileSync(example('msp.yaml'), 'utf8'));

async function failures(yaml: string): Promise<string[]> {
  const loaded = loadCases(yaml);
  expect(loaded.diagnostics).toEqual([]);
  const run = await runCases(msp.matrix!, loaded.cases!, loaded.locator, 'error');
  return run.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

const one = (body: string) => `cases:\n  - name: Case\n${body}`;

describe('the cases format', () => {
  it.each([
    ['an empty file', '', ['1:1 missing-key the cases file needs "cases"']],
    ['cases that are not a list', 'cases: nope\n', ['1:8 invalid-type cases must be a list, not string "nope"']],
    ['a misspelt key, with a suggestion', one('    answer: { outage: "yes" }\n    expect: { severity: p1, owner: l2 }\n'), ['2:5 missing-key cases[0] needs "answers"', '3:5 unknown-key unknown key "answer" in cases[0] (did you mean "answers"?); allowed: name, answers, at, client, tier, expect']],
    ['an unknown deadline kind', one('    answers: {}\n    expect: { severity: p1, owner: l2, deadlines: { ack: 2026-01-01 } }\n'), [expect.stringMatching(/^4:53 unknown-key unknown key "ack" in cases\[0\]\.expect\.deadlines \(did you mean "acknowledge"\?\); allowed: acknowledge, assign_owner/)]],
    ['a value of the wrong type', one('    answers: [outage]\n    expect: { severity: 1, owner: l2 }\n'), ['3:14 invalid-type cases[0].answers must be a mapping, not a list', '4:25 invalid-type cases[0].expect.severity must be a text, not number 1']],
    ['a duplicate key', one('    answers: {}\n    answers: {}\n    expect: { severity: p1, owner: l2 }\n'), [expect.stringMatching(/^4:5 duplicate-key /)]],
    ['a YAML syntax error', 'cases: [\n', [expect.stringMatching(/^\d+:\d+ yaml-syntax /)]],
    ['nesting far too deep', `cases: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, [expect.stringMatching(/^1:\d+ too-deep the YAML nests deeper than any cases file needs$/)]],
  ])('%s is reported at its line', (_name, yaml, expected) => {
    const loaded = loadCases(yaml);
    expect(loaded.cases).toBeUndefined();
    expect(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(expected);
  });

  it('accepts answers written as YAML booleans or numbers, compared as text', async () => {
    expect(await failures(one('    answers: { outage: "yes", reach: many }\n    expect: { severity: p1, owner: l2, route: systems }\n'))).toEqual([]);
    const loaded = loadCases(one('    answers: { outage: true, level: 2 }\n    expect: { severity: p1, owner: l2 }\n'));
    expect(loaded.cases![0]!.answers).toEqual({ outage: 'true', level: '2' });
  });
});

describe('each way a case fails, reported at the case with expected versus actual', () => {
  it.each([
    ['a different outcome', '    answers: { outage: "yes", reach: few, hardware: "no" }\n    expect: { severity: p1, owner: l1, route: vendor }\n', 'case "Case": expected severity p1, got p2; expected owner l1, got l2; expected route vendor, got systems (path: outage=yes → reach=few → hardware=no)'],
    ['a route where none is taken', '    answers: { outage: "no", password: "yes", reset-risk: vip }\n    expect: { severity: p3, owner: l2, route: service-desk }\n', 'case "Case": expected route service-desk, got none (path: outage=no → password=yes → reset-risk=vip)'],
    ['a misspelt question', '    answers: { outage: "yes", rech: many }\n    expect: { severity: p1, owner: l2 }\n', 'case "Case": answers name the unknown question "rech" (did you mean "reach"?)'],
    ['answers that stop early', '    answers: { outage: "yes" }\n    expect: { severity: p1, owner: l2 }\n', 'case "Case": the answers stop at question "reach" (How many users does it affect?); answer it with one of many, few (path: outage=yes)'],
    ['an answer that is not a choice', '    answers: { outage: perhaps }\n    expect: { severity: p1, owner: l2 }\n', 'case "Case": "perhaps" is not an answer to question "outage"; choices: yes, no'],
    ['deadlines without a start', '    answers: { outage: "yes", reach: many }\n    expect: { severity: p1, owner: l2, deadlines: { acknowledge: 2026-12-01T09:15 } }\n', 'case "Case": deadlines need `at`, the incident start they count from (path: outage=yes → reach=many)'],
    ['a start that is not a time', '    answers: { outage: "yes", reach: many }\n    at: soon\n    expect: { severity: p1, owner: l2, deadlines: { acknowledge: 2026-12-01T09:15 } }\n', expect.stringMatching(/^case "Case": at: "soon" is not an ISO 8601 time/)],
    ['an unknown client', '    answers: { outage: "yes", reach: many }\n    at: 2026-12-01T09:00\n    client: globex\n    expect: { severity: p1, owner: l2 }\n', expect.stringMatching(/^case "Case": unknown client "globex"/)],
    ['a deadline the severity does not set', '    answers: { outage: "no", password: "no", question: request }\n    at: 2026-12-01T09:00\n    expect: { severity: p4, owner: l1, deadlines: { workaround: 2026-12-02T09:00 } }\n', expect.stringMatching(/^case "Case": expected a workaround deadline at 2026-12-02T09:00:00-05:00, but p4 sets no workaround target/)],
    ['a role paged at another time', '    answers: { outage: "yes", reach: many }\n    at: 2026-12-01T09:00\n    expect: { severity: p1, owner: l2, paged: { l3: 2026-12-01T09:30 } }\n', 'case "Case": expected l3 paged at 2026-12-01T09:30:00-05:00, got 2026-12-01T10:00:00-05:00 (path: outage=yes → reach=many)'],
    ['a role no step pages', '    answers: { outage: "yes", reach: many }\n    at: 2026-12-01T09:00\n    expect: { severity: p1, owner: l2, paged: { security: 2026-12-01T09:00 } }\n', 'case "Case": expected security paged at 2026-12-01T09:00:00-05:00, but no escalation step of p1 pages or pulls in security (path: outage=yes → reach=many)'],
    ['paged without a start', '    answers: { outage: "yes", reach: many }\n    expect: { severity: p1, owner: l2, paged: { l2: 2026-12-01T09:00 } }\n', 'case "Case": paged need `at`, the incident start they count from (path: outage=yes → reach=many)'],
    ['a paged time that is not a time', '    answers: { outage: "yes", reach: many }\n    at: 2026-12-01T09:00\n    expect: { severity: p1, owner: l2, paged: { l2: soon } }\n', expect.stringMatching(/^case "Case": paged\.l2: "soon" is not an ISO 8601 time/)],
    ['a deadline a minute off', '    answers: { outage: "yes", reach: many }\n    at: 2026-12-01T09:00\n    expect: { severity: p1, owner: l2, deadlines: { acknowledge: 2026-12-01T09:16 } }\n', 'case "Case": expected acknowledge by 2026-12-01T09:16:00-05:00, got 2026-12-01T09:15:00-05:00 (path: outage=yes → reach=many)'],
  ])('%s', async (_name, body, message) => {
    expect(await failures(one(body))).toEqual([expect.stringMatching(/^2:5 /)]);
    const [found] = await failures(one(body));
    expect(found!.slice(4)).toEqual(message);
  });

  it('a start the clocks skip is the jump, a start they repeat its earlier occurrence (the rule for written local times)', async () => {
    const skipped = '    answers: { outage: "yes", reach: many }\n    at: 2026-03-08T02:30\n    expect: { severity: p1, owner: l2, deadlines: { acknowledge: 2026-03-08T03:15-04:00 } }\n';
    const repeated = '    answers: { outage: "yes", reach: many }\n    at: 2026-11-01T01:30\n    expect: { severity: p1, owner: l2, deadlines: { acknowledge: 2026-11-01T01:45-04:00 } }\n';
    expect(await failures(one(skipped))).toEqual([]);
    expect(await failures(one(repeated))).toEqual([]);
  });

  it('a deadline in another offset is the same instant', async () => {
    const body = '    answers: { outage: "yes", reach: many }\n    at: 2026-12-01T15:00+01:00\n    expect: { severity: p1, owner: l2, deadlines: { acknowledge: 2026-12-01T14:15Z } }\n';
    expect(await failures(one(body))).toEqual([]);
  });
});

describe('coverage', () => {
  it('counts outcomes reached by passing and failing cases alike', async () => {
    const loaded = loadCases('cases:\n  - name: A\n    answers: { outage: "yes", reach: many }\n    expect: { severity: p1, owner: l2 }\n  - name: B (fails, but reaches an outcome)\n    answers: { outage: "yes", reach: few, hardware: "yes" }\n    expect: { severity: p1, owner: l2 }\n');
    const run = await runCases(msp.matrix!, loaded.cases!, loaded.locator, 'error');
    expect([run.passed, run.failed]).toEqual([1, 1]);
    const coverage = outcomeCoverage(msp.matrix!, msp.locator, run.reached, 'warning');
    expect([coverage.outcomes, coverage.covered]).toEqual([9, 2]);
    expect(coverage.diagnostics).toHaveLength(7);
    expect(coverage.diagnostics[0]!.message).toBe('no matrix test reaches this outcome: hardware=no → p2 (owner l2, route systems)');
  });

  it('with the rule off, cases still run and count but report nothing', async () => {
    const loaded = loadCases(one('    answers: { outage: "yes", reach: many }\n    expect: { severity: p2, owner: l2 }\n'));
    const run = await runCases(msp.matrix!, loaded.cases!, loaded.locator, 'off');
    expect([run.passed, run.failed, run.diagnostics.length]).toEqual([0, 1, 0]);
  });
});
