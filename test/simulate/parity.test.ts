/**
 * Parity with PagerDuty: the simulation evaluated on what `escalate export pagerduty` writes.
 * A holiday PagerDuty cannot know is a parity gap; outside support hours PagerDuty opens a
 * low-urgency incident that does not escalate; round-the-clock severities page alike.
 * Support hours are checked here against a Temporal reading of the same exported data.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { exportPagerduty } from '../../src/export/pagerduty.js';
import { inSupportHours, nextSupportStart } from '../../src/simulate/parity-pagerduty.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';
import { example, ROOT, runCli } from '../helpers/cli.js';
import { loadExample } from '../triage/load-example.js';

const NOW = { ESCALATE_NOW: '2026-12-06T10:00:00+01:00' };
const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(`${ROOT}schemas/simulate-result.schema.json`, 'utf8')));

function parity(args: string[]): NonNullable<SimulateResult['parity']> {
  const run = runCli(['simulate', '-m', example('saas-support.yaml'), ...args, '--parity', 'pagerduty', '--json'], { env: NOW });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as SimulateResult;
  expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
  return result.parity!;
}

describe('simulate --parity pagerduty', () => {
  it('reports Christmas Day as a holiday PagerDuty cannot know, for the office-hours severities only', () => {
    const { findings } = parity(['--at', '2026-12-25T10:00']);
    const holidays = findings.filter((f) => f.kind === 'holiday');
    expect(holidays.map((f) => f.severity)).toEqual(['sev3', 'sev4']);
    expect(holidays[0]!.message).toMatch(/PagerDuty cannot know holiday 2026-12-25: it pages at high urgency .* until Mon 28 Dec 09:00/);
    expect(findings.filter((f) => f.severity === 'sev1' || f.severity === 'sev2')).toEqual([]);
  });

  it('on an ordinary Wednesday morning there is no holiday gap, and at night PagerDuty holds escalation until support hours start', () => {
    const day = parity(['--at', '2026-12-09T10:00', '-s', 'sev3']);
    expect(day.findings.filter((f) => f.kind === 'holiday' || f.kind === 'low-urgency')).toEqual([]);
    const night = parity(['--at', '2026-12-09T03:00', '-s', 'sev3']);
    expect(night.findings).toContainEqual(expect.objectContaining({ kind: 'low-urgency', message: expect.stringContaining('nothing escalates until Wed 9 Dec 09:00') }));
  });

  it('names where PagerDuty pages earlier: a working day on the matrix is 24 hours in a policy delay, so a Friday step lands on Saturday', () => {
    const { findings, notes } = parity(['--at', '2026-12-11T10:00', '-s', 'sev3']);
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'earlier', role: 'specialist', matrix_at: '2026-12-14T10:00:00+01:00', tool_at: '2026-12-12T10:00:00+01:00' }));
    // Midweek the two agree: one working day later is the same clock time next day.
    expect(parity(['--at', '2026-12-09T10:00', '-s', 'sev3']).findings.filter((f) => f.role === 'specialist')).toEqual([]);
    expect(notes.some((n) => /stops escalating once someone acknowledges/.test(n))).toBe(true);
  });

  it('a sweep over the Christmas week lists the holiday at every office-hours start of the 24th to the 26th that PagerDuty counts as support hours', () => {
    const { findings } = parity(['--week', '2026-12-21', '-s', 'sev4']);
    const days = [...new Set(findings.filter((f) => f.kind === 'holiday').map((f) => f.at.slice(0, 10)))];
    expect(days).toEqual(['2026-12-24', '2026-12-25']); // the 26th is a Saturday: outside support hours anyway
  });
});

describe('support hours as PagerDuty reads them, against a Temporal reading', () => {
  const config = exportPagerduty(loadExample('msp.yaml')).config;
  const services = Object.values(config.resource.pagerduty_service ?? {});
  it('has a service with support hours to check', () => expect(services.length).toBeGreaterThan(0));
  it('in support hours and the next start of support hours agree at random instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }), (ms) => {
        for (const service of services) {
          const h = service.support_hours[0]!;
          const local = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(h.time_zone);
          const t = local.toPlainTime().toString();
          const expected = h.days_of_week.includes(local.dayOfWeek) && t >= h.start_time && t < h.end_time;
          expect(inSupportHours(service, ms)).toBe(expected);
          let next: number | undefined;
          for (let d = 0; d <= 8 && next === undefined; d++) {
            const date = local.toPlainDate().add({ days: d });
            if (!h.days_of_week.includes(date.dayOfWeek)) continue;
            const opens = date.toPlainDateTime(Temporal.PlainTime.from(h.start_time)).toZonedDateTime(h.time_zone, { disambiguation: 'later' }).epochMilliseconds;
            if (opens >= ms) next = opens;
          }
          expect(nextSupportStart(service, ms)).toBe(next);
        }
      }),
      { numRuns: 300, seed: 20261225 },
    );
  });
});
