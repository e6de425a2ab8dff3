/**
 * Each mistake the lint issue names, planted in a copy of a shipped example, is reported
 * at the right line and column with its rule id. `@@` in a replacement marks where the
 * finding must point; it is removed before linting.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { example } from '../helpers/cli.js';

const TODAY = '2026-11-24';
const saas = readFileSync(example('saas-support.yaml'), 'utf8');

type Plant = (text: string) => string;
const swap =
  (...pairs: [string, string][]): Plant =>
  (text) =>
    pairs.reduce((out, [from, to]) => {
      const at = out.indexOf(from);
      if (at < 0 || out.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" is not in the example exactly once`);
      return out.slice(0, at) + to + out.slice(at + from.length);
    }, text);
const beforeTemplates = (block: string): Plant => swap(['\ntemplates:\n', `\n${block}templates:\n`]);

const SEV1_UPDATE = '      update_every: 30m\n      workaround: 4h';
const MINOR_NO = '{ id: "no", label: "No, a real defect", unsure: true, outcome: { severity: sev3 } }';

const PLANTS: [string, string, Plant][] = [
  // decision tree
  ['an unreachable question', 'tree-unreachable', beforeTemplates('    @@orphan:\n      ask: Never asked?\n      answers:\n        - { label: "Yes", outcome: { severity: sev4 } }\n        - { label: "No", outcome: { severity: sev4 } }\n')],
  ['a loop, at its first question', 'tree-cycle', swap(['    blocked:\n', '    @@blocked:\n'], [MINOR_NO, '{ id: "no", label: "No, a real defect", unsure: true, next: blocked }'])],
  [
    'an answer leading nowhere',
    'tree-dead-end',
    swap(
      ['{ id: neither, label: Neither, unsure: true, outcome: { severity: sev2, route: engineering } }', '{ id: neither, label: Neither, unsure: true, next: @@limbo }'],
      ['\ntemplates:\n', '\n    limbo:\n      ask: Ask again?\n      answers:\n        - { label: "Yes", next: limbo }\n        - { label: "No", next: limbo }\ntemplates:\n'],
    ),
  ],
  ['a question with one answer', 'tree-few-answers', swap(['    confirmed:\n      ask: Can you reproduce it, or do monitoring and other reports confirm it?\n      answers:', '    confirmed:\n      ask: Can you reproduce it, or do monitoring and other reports confirm it?\n      @@answers:'], ['        - { id: "no", label: "No, a single unconfirmed report", outcome: { severity: sev4, note: "Ask for steps, screenshots and the time it happened." } }\n', ''])],
  ['duplicate answer labels', 'tree-duplicate-answer', swap(['{ id: "no", label: "No, a workaround works", next: minor }', '{ id: "no", label: @@"yes", next: minor }'])],
  ['a severity no path reaches', 'severity-unreachable', swap(['  - id: sev4', '  - id: @@sev4'], ['outcome: { severity: sev4, note:', 'outcome: { severity: sev3, note:'], ['{ id: "yes", label: "Yes", outcome: { severity: sev4 } }', '{ id: "yes", label: "Yes", outcome: { severity: sev3 } }'])],
  ['a role an outcome informs that does not exist', 'unknown-role', swap(['outcome: { severity: sev1, owner: security, route: security }', 'outcome: { severity: sev1, owner: security, route: security, inform: [head-of-support, @@acount-manager] }'])],
  ['an outcome owner that does not exist', 'unknown-role', swap(['outcome: { severity: sev1, owner: security, route: security }', 'outcome: { severity: sev1, owner: @@securty, route: security }'])],
  // timing
  ['owner assigned before acknowledgment', 'timing-order', swap(['      assign_owner: 1h', '      assign_owner: @@20m'])],
  ['an escalation step going back in time', 'escalation-order', swap(['      - after: 2h\n        layer: executive', '      - after: @@20m\n        layer: executive'])],
  ['a more severe level with a looser target', 'timing-monotonic', swap(['      workaround: 4h', '      workaround: @@10h'])],
  ['the most severe level without an update cadence', 'update-cadence', swap(['    owner: support-lead\n    targets:', '    owner: support-lead\n    @@targets:'], [SEV1_UPDATE, '      workaround: 4h'])],
  ['a client notice without a time', 'client-notify', swap(['    owner: support-lead\n    targets:', '    owner: support-lead\n    @@targets:'], ['      notify_client: 30m\n      escalate_after: 30m\n      update_every: 30m', '      escalate_after: 30m\n      update_every: 30m'])],
  ['a client notice to an internal role', 'client-notify', swap(['      notify: formal\n      contact: client-admin\n      by: customer-success', '      notify: formal\n      contact: @@customer-success\n      by: customer-success'])],
  ['business hours on the most severe level', 'business-hours-critical', swap(['    owner: support-lead\n    targets:', '    owner: support-lead\n    calendar: @@office\n    targets:'])],
  // ownership and upkeep
  ['two accountable owners for one level', 'invalid-type', swap(['    owner: support-lead\n    targets:', '    owner: @@[support-lead, head-of-support]\n    targets:'])],
  ['a client-side owner', 'owner-accountable', swap(['    owner: specialist\n    targets:', '    owner: @@client-admin\n    targets:'])],
  ['a role without a real contact', 'role-contact', swap(['    contact: "pager:security"', '    contact: @@"TBD"'])],
  ['an unused role', 'unused-role', swap(['  client-admin:\n', '  @@ghost:\n    title: Former escalation manager\n    contact: "#ghost"\n  client-admin:\n'])],
  ['a level without examples', 'severity-examples', swap(['  - id: sev2\n', '  - @@id: sev2\n'], ['      - One enterprise tenant cannot export invoices\n      - Reports time out for a group of users\n      - Payment provider declines cards for one region\n', ''], ['    examples:\n    owner: specialist', '    owner: specialist'])],
  // A missing key is reported at the mapping that lacks it: here, the top of the matrix.
  ['a matrix without an owner', 'missing-key', swap(['owner: support-lead\nreviewed:', 'reviewed:'], ['version: 1\n', '@@version: 1\n'])],
  ['an overdue review', 'review-overdue', swap(['reviewed: 2026-10-15', 'reviewed: @@2025-10-15'])],
  ['an expired exception', 'exception-expired', beforeTemplates('exceptions:\n  - id: launch\n    reason: Launch weekend\n    from: 2026-10-30T18:00\n    until: @@2026-11-02T08:00\n    approved_by: head-of-support\n    targets: { sev1: { acknowledge: 10m } }\n')],
  ['a template with an unknown placeholder', 'template-placeholder', swap(['Next update: {{next_update}} · Owner: {{owner}}', 'Next update: {{next_update}} · Owner: @@{{owner_name}}'])],
  ['too many levels', 'level-count', (text) => {
    const sev4 = text.slice(text.indexOf('  - id: sev4'), text.indexOf('\ntriggers:'));
    const extra = [5, 6].map((n) => sev4.replace('id: sev4', `id: sev${n}`)).join('');
    return swap(['severities:\n', '@@severities:\n'], ['\ntriggers:', `${extra}\ntriggers:`])(text);
  }],
];

function locate(marked: string): { text: string; line: number; column: number } {
  const at = marked.indexOf('@@');
  if (at < 0 || marked.indexOf('@@', at + 1) >= 0) throw new Error('mark exactly one place with @@');
  const before = marked.slice(0, at).split('\n');
  return { text: marked.slice(0, at) + marked.slice(at + 2), line: before.length, column: before.at(-1)!.length + 1 };
}

describe('mistakes planted in a copy of examples/saas-support.yaml', () => {
  it('the example itself is clean', () => {
    expect(lintMatrix(saas, { today: TODAY }).diagnostics).toEqual([]);
  });

  it.each(PLANTS)('%s → %s at its line and column', (_name, code, plant) => {
    const { text, line, column } = locate(plant(saas));
    const found = lintMatrix(text, { today: TODAY }).diagnostics.filter((d) => d.code === code);
    expect(found.map((d) => `${d.line}:${d.column}`)).toContain(`${line}:${column}`);
  });
});
