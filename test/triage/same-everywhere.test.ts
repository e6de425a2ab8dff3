/**
 * End to end: `escalate triage --json` prints the same bytes whatever the host's time zone
 * (TZ), for calendars in zones with odd offsets and rules, 00:00-24:00 and business hours,
 * holidays, and starts around daylight-saving changes of the calendar's zone and of the
 * hosts'. Only what counts from "now" (computed_at, minutes_from_now, relative, the next
 * status update) is masked: it moves between runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';

const HOSTS = ['UTC', 'Europe/Berlin', 'Australia/Sydney', 'America/Santiago', 'Pacific/Chatham'];

const matrix = (zone: string, hours: string, days: string, holidays: string) => `version: 1
name: Time zone probe
owner: lead
reviewed: 2026-10-15
review_every: 90d
timezone: ${zone}
calendars:
  office:
    days: ${days}
    hours: "${hours}"
    holidays: [${holidays}]
roles:
  frontline: { title: Frontline support, contact: "#support-queue" }
  lead: { title: Support lead, contact: "pager:support-lead" }
severities:
  - id: sev1
    name: Critical
    definition: Many customers cannot use a core function; no workaround.
    owner: lead
    targets: { acknowledge: 15m, assign_owner: 30m, notify_client: 1h, update_every: 1h, workaround: 4h, resolution: 1d }
    promise: workaround
    escalation:
      - { after: 0m, layer: operational, notify: [frontline, lead] }
  - id: sev2
    name: High
    definition: One customer has major disruption.
    owner: lead
    calendar: office
    targets: { acknowledge: 2h15m, assign_owner: 4h, notify_client: 4h, escalate_after: 1d, update_every: 4h, resolution: 5d }
    promise: resolution
    escalation:
      - { after: 0m, layer: operational, notify: [frontline] }
      - { after: 1d, layer: management, notify: [lead] }
`;

const masked = (stdout: string) =>
  JSON.stringify(
    JSON.parse(stdout, (key, value) => (key === 'computed_at' || key === 'minutes_from_now' || key === 'relative' ? '(now)' : value)),
    (key, value) => (key === 'next' && Array.isArray(value) ? '(now)' : value),
    2,
  ).replace(/\{[^{}]*"kind": "next_update"[^{}]*\}/g, '(next update)');

describe('triage JSON is byte-identical under every host time zone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-tz-'));
  const files = [
    ['Europe/Berlin', '00:00-02:30', '[mon, tue, wed, thu, fri, sat, sun]', '2026-12-25'],
    ['Australia/Lord_Howe', '01:45-02:45', '[mon, tue, wed, thu, fri, sat, sun]', '2026-10-05'],
    ['Pacific/Chatham', '00:00-24:00', '[mon, tue, wed, thu, fri]', '2026-04-06'],
    ['America/Santiago', '09:00-17:00', '[mon, tue, wed, thu, fri, sat]', '2026-09-07'],
  ].map(([zone, hours, days, holidays], i) => {
    const path = join(dir, `probe-${i}.yaml`);
    writeFileSync(path, matrix(zone!, hours!, days!, holidays!));
    return path;
  });
  const cases: [string, string, string][] = [
    [files[0]!, 'sev2', '2026-03-29T00:00+01:00'],
    [files[0]!, 'sev2', '2026-10-25T01:30+02:00'],
    [files[1]!, 'sev2', '2026-10-03T23:00+10:30'],
    [files[1]!, 'sev2', '2026-04-04T23:00+11:00'],
    [files[2]!, 'sev2', '2026-04-04T20:00+13:45'],
    [files[2]!, 'sev1', '2026-09-27T01:30+12:45'],
    [files[3]!, 'sev2', '2026-09-04T16:00-04:00'],
    [files[3]!, 'sev2', '2026-04-04T16:00-03:00'],
    [example('saas-support.yaml'), 'sev3', '2026-03-27T19:00+01:00'],
    [example('msp.yaml'), 'p2', '2026-10-02T16:30+10:00'],
  ];

  it.each(cases.map(([file, severity, at]) => [basename(file), file, severity, at]))('%s %s %s --at %s', (_name, file, severity, at) => {
    const outputs = HOSTS.map((TZ) => {
      const r = runCli(['triage', '--matrix', file, '--json', '--severity', severity, '--at', at], { env: { TZ } });
      expect(r.code, `TZ=${TZ}: ${r.stderr}`).toBe(0);
      return masked(r.stdout);
    });
    for (let i = 1; i < HOSTS.length; i++) expect(outputs[i], `TZ=${HOSTS[i]} against TZ=UTC`).toBe(outputs[0]);
  });

  it('the Berlin night calendar: 2h15m from the spring-forward midnight is 00:15 the next night', () => {
    const r = runCli(['triage', '--matrix', files[0]!, '--json', '--severity', 'sev2', '--at', '2026-03-29T00:00+01:00'], { env: { TZ: 'Europe/Berlin' } });
    expect(r.code, r.stderr).toBe(0);
    const ack = JSON.parse(r.stdout).deadlines.find((d: { kind: string }) => d.kind === 'acknowledge');
    expect(ack.at).toBe('2026-03-30T00:15:00+02:00');
  });
});

describe('a calendar that cannot meet a target', () => {
  it('exits 2 at once with no_working_time, naming the calendar, as JSON too', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'escalate-tz-')), 'thin.yaml');
    writeFileSync(path, matrix('Europe/Berlin', '09:00-09:01', '[mon]', '').replace('acknowledge: 2h15m', 'acknowledge: 8784h'));
    const plain = runCli(['triage', '--matrix', path, '--severity', 'sev2', '--at', '2026-03-27T16:30+01:00']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^escalate: calendar "office" does not have 527040 minutes of working time within 100 years of the start\n$/);
    const json = runCli(['triage', '--matrix', path, '--severity', 'sev2', '--at', '2026-03-27T16:30+01:00', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'no_working_time' });
  });
});
