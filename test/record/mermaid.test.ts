/**
 * The report's Mermaid charts parse with Mermaid's own parser (the `mermaid` package, whose
 * sanitiser needs a DOM: happy-dom provides one). Test-only dependencies.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { buildReport } from '../../src/record/report.js';
import { reportMarkdown } from '../../src/record/report-format.js';
import { makeRecord } from './make-record.js';

let parse: (text: string) => Promise<unknown>;

beforeAll(async () => {
  const { Window } = await import('happy-dom');
  const window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  const { default: mermaid } = await import('mermaid');
  parse = (text) => mermaid.parse(text);
}, 60_000);

const blocks = (markdown: string) => [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

function sampleReport(): string {
  const asOf = new Date('2026-04-02T12:00:00Z');
  const records = [
    makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' }, [
      { type: 'acknowledged', at: '2026-03-27T16:52:00+01:00' },
      { type: 'escalated', at: '2026-03-27T17:05:00+01:00', layer: 'management' },
      { type: 'resolved', at: '2026-03-27T19:00:00+01:00' },
    ]),
    makeRecord({ severity: 'sev3', start: '2026-03-28T09:30:00+01:00' }, [{ type: 'acknowledged', at: '2026-03-30T10:00:00+02:00' }]),
    makeRecord({ severity: 'sev2', start: '2026-03-29T01:30:00+01:00' }, [{ type: 'escalated', at: '2026-03-29T03:10:00+02:00' }]),
  ];
  const names = ['checkout: outage #1', 'slow "export"', 'sso; login'];
  const report = buildReport(
    records.map((record, i) => ({ file: `records/${names[i]}.json`, evaluation: evaluate(record, asOf) })),
    { asOf },
  );
  return reportMarkdown(report, 'Europe/Berlin');
}

describe('Mermaid charts in the report', () => {
  it('the compliance bars (xychart-beta) and the incident timeline (gantt) parse, also with awkward record names', async () => {
    const charts = blocks(sampleReport());
    expect(charts.map((c) => c.split('\n')[0])).toEqual(['xychart-beta', 'gantt']);
    for (const chart of charts) await expect(parse(chart)).resolves.toBeTruthy();
  });

  it('the charts of the example report parse', async () => {
    const { readFileSync } = await import('node:fs');
    const charts = blocks(readFileSync(new URL('../../examples/records/report.md', import.meta.url), 'utf8'));
    expect(charts).toHaveLength(2);
    for (const chart of charts) await expect(parse(chart)).resolves.toBeTruthy();
  });

  it('the timeline\'s bars are the same instants in every viewer\'s zone, across the spring change (Mermaid\'s own gantt reading)', () => {
    const chart = blocks(sampleReport())[1]!;
    // One process (Mermaid takes ~1.5 s to load) reads the chart in each zone in turn, its
    // local zone switched before each reading; the offsets it reports show that it was.
    const zones = ['Europe/Berlin', 'America/New_York', 'Pacific/Chatham'];
    const result = spawnSync(process.execPath, [fileURLToPath(new URL('./gantt-tasks.mjs', import.meta.url)), ...zones], { input: chart, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(result.status, result.stderr).toBe(0);
    const readings = JSON.parse(result.stdout) as Record<string, { offset: number; tasks: [string, number, number][] }>;
    expect(zones.map((zone) => readings[zone]!.offset)).toEqual([60, -300, 825]);
    const berlin = readings['Europe/Berlin']!.tasks;
    expect(readings['America/New_York']!.tasks).toEqual(berlin);
    expect(readings['Pacific/Chatham']!.tasks).toEqual(berlin);
    // The sev2 incident: started 01:30 CET on 29 March, escalated 03:10 CEST: 40 minutes later, not 100.
    const escalated = berlin.filter(([task]) => task.startsWith('Escalated')).map(([, at]) => at);
    expect(escalated).toContain(Date.parse('2026-03-29T01:10:00Z'));
    const open = berlin.filter(([task]) => task === 'Open' || task === 'Not acknowledged');
    expect(open.every(([, start]) => start === Date.parse('2026-03-29T00:30:00Z') || start === Date.parse('2026-03-28T08:30:00Z'))).toBe(true);
  }, 60_000);

  it('the parser does reject a broken chart (so the test above can fail)', async () => {
    const [bars] = blocks(sampleReport());
    await expect(parse(bars!.replace(/x-axis \[(.*)\]/, 'x-axis [$1'))).rejects.toThrow();
    await expect(parse('gantt\n    dateFormat YYYY-MM-DD\n    section a: b\n    Task :crit, x, 2026-01-01,\n    ::: nonsense')).rejects.toThrow();
  });
});
