/** The policy rules beyond their fixtures: the cases each one decides on purpose. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { wallTimeProblem } from '../../src/lint/rules/dst-wall-time.js';
import { regionFor } from '../../src/lint/rules/timezone-fixed.js';
import { buildTreeIndex } from '../../src/lint/tree-index.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { fixture } from '../helpers/cli.js';

const TODAY = '2026-11-24';
const base = readFileSync(fixture('lint/tree-no-unsure.ok.yaml'), 'utf8');
const swap = (text: string, from: string, to: string) => {
  expect(text.split(from).length, `"${from}" once`).toBe(2);
  return text.replace(from, to);
};
const findings = (text: string, code: string) => {
  const { load, diagnostics } = lintMatrix(text, { today: TODAY });
  expect(load.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return diagnostics.filter((d) => d.code === code).map((d) => d.message);
};

describe('tree-unsure-severity', () => {
  it('reads the most severe level through loops without hanging, once per question', () => {
    const looped = swap(base, '- { label: "No", outcome: { severity: sev3 } }', '- { label: "No", next: scope }');
    const index = buildTreeIndex(loadMatrix(looped).matrix!);
    expect(index.worst()).toEqual([0, 0]);
    expect(findings(looped, 'tree-unsure-severity')).toEqual([
      'question "blocked": "Not sure" takes "Yes" (at worst sev2), but "No" (line 51) can reach sev1; when unsure, take the more severe branch: mark "No" unsure instead',
    ]);
  });

  it('compares with the most severe sibling, and not at all when they tie', () => {
    const tie = swap(base, '- { label: "No", outcome: { severity: sev3 } }', '- { label: "No", outcome: { severity: sev2 } }');
    expect(findings(tie, 'tree-unsure-severity')).toEqual([]);
  });
});

describe('escalation-layers', () => {
  const path = (steps: string) =>
    swap(base, '      - { after: 0m, notify: [lead, oncall] }\n      - { after: 30m, notify: [oncall], notify_client: true }', steps);

  it('lets the client be told early, but not after the executives', () => {
    const early = path('      - { after: 0m, layer: operational, notify: [lead, oncall] }\n      - { after: 30m, layer: client, notify: [oncall], notify_client: true }\n      - { after: 1h, layer: management, notify: [lead] }');
    expect(findings(early, 'escalation-layers')).toEqual([]);
    const late = path('      - { after: 0m, layer: executive, notify: [lead, oncall] }\n      - { after: 30m, layer: client, notify: [oncall], notify_client: true }');
    expect(findings(late, 'escalation-layers')).toEqual([
      'sev1: escalation step 2 (client, after 30m) comes after step 1 (executive, after 0m, line 22); layers run operational → management → executive, the client told before executives',
    ]);
  });

  it('leaves steps at the same time, and steps without a layer, alone', () => {
    const same = path('      - { after: 0m, layer: executive, notify: [lead] }\n      - { after: 0m, layer: operational, notify: [oncall] }\n      - { after: 30m, notify: [oncall], notify_client: true }');
    expect(findings(same, 'escalation-layers')).toEqual([]);
  });
});

describe('escalate-after-step', () => {
  it('says there is no step to escalate to when the path has one', () => {
    const one = swap(base, '      - { after: 30m, notify: [oncall], notify_client: true }\n', '');
    expect(findings(one, 'escalate-after-step')).toEqual([
      'sev1: escalate_after 30m matches no step of the escalation path (steps after 0m); the path has no step after its first to escalate to; add a step at 30m',
    ]);
  });
});

describe('timezone-fixed', () => {
  it.each([
    ['EST', 'America/New_York'],
    ['HST', 'Pacific/Honolulu'],
    ['Etc/GMT+5', 'America/New_York'],
    ['Etc/GMT+8', 'America/Los_Angeles'],
    ['Etc/GMT-1', 'Europe/Berlin'],
    ['PST8PDT', 'America/Los_Angeles'],
  ])('%s → %s', (zone, region) => {
    expect(regionFor(zone)).toBe(region);
  });

  it.each(['UTC', 'Etc/UTC', 'Etc/GMT', 'Etc/GMT+0', 'Europe/Berlin', 'America/Phoenix'])('%s is left alone', (zone) => {
    expect(regionFor(zone)).toBeUndefined();
  });
});

describe('dst-wall-time', () => {
  it('reads a skipped time as the jump and a repeated one as its earlier pass, as the time core does', () => {
    expect(wallTimeProblem('2027-03-14T02:30', 'America/New_York')).toBe(
      '2027-03-14T02:30 does not exist in America/New_York: the clocks jump from 02:00 to 03:00 (daylight saving); it is read as 2027-03-14T03:00-04:00',
    );
    expect(wallTimeProblem('2027-11-07T01:30', 'America/New_York')).toBe(
      '2027-11-07T01:30 happens twice in America/New_York: the clocks go back (daylight saving); it is read as the earlier one, 2027-11-07T01:30-04:00',
    );
    expect(wallTimeProblem('2027-11-07T02:30', 'America/New_York')).toBeUndefined();
  });

  const calendar = (days: string, hours: string) =>
    `${swap(base, 'timezone: Europe/Berlin', 'timezone: America/New_York')}calendars:\n  desk: { days: ${days}, hours: "${hours}" }\n`;

  it('flags hours only on a working day that has the change', () => {
    expect(findings(calendar('[sun]', '01:30-09:00'), 'dst-wall-time')).toEqual([
      'calendar "desk": working hours start at 01:30, but on 2027-11-07: 2027-11-07T01:30 happens twice in America/New_York: the clocks go back (daylight saving); it is read as the earlier one, 2027-11-07T01:30-04:00',
    ]);
    expect(findings(calendar('[mon, tue, wed, thu, fri]', '01:30-09:00'), 'dst-wall-time')).toEqual([]);
    expect(findings(calendar('[sat, sun]', '00:00-24:00'), 'dst-wall-time')).toEqual([]);
  });
});

describe('placeholders on the first line of a file with a byte-order mark', () => {
  // One-line JSON puts every template on line 1, where a mark before the text would shift a
  // column counted in the raw text by one against the locator, which counts without it.
  it.each([
    ['template-placeholder', '{{sevrity}}'],
    ['template-value', '{{rca_by}}'],
    ['template-internal-contact', '{{owner_contact}}'],
  ])('%s: at the placeholder, with or without the mark', (code, placeholder) => {
    const json = JSON.stringify(loadMatrix(readFileSync(fixture(`lint/${code}.yaml`), 'utf8')).data);
    const at = (text: string) => lintMatrix(text, { today: TODAY }).diagnostics.filter((d) => d.code === code).map((d) => `${d.line}:${d.column}`);
    const column = json.indexOf(placeholder) + 1;
    expect(column).toBeGreaterThan(1);
    expect(at(json)[0]).toBe(`1:${column}`);
    expect(at(`\uFEFF${json}`)).toEqual(at(json));
  });
});
