/**
 * The holidays a simulation says its deadlines skip, against the matrix read directly on
 * the Temporal polyfill: every holiday of the calendar in force that falls on one of its
 * working days, from the start's local date to the latest deadline's, in order. Starts every
 * seven hours over the year-end holidays and Easter, for every example, severity and tier.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/matrix/schema.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';
import { simulate } from '../../src/simulate/simulate.js';
import { loadExample } from '../triage/load-example.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOUR = 3_600_000;
const starts = [
  ...Array.from({ length: 160 }, (_, i) => new Date(Date.parse('2026-12-15T00:00:00Z') + i * 7 * HOUR)),
  ...Array.from({ length: 60 }, (_, i) => new Date(Date.parse('2027-03-20T00:00:00Z') + i * 7 * HOUR)),
];
const localDate = (iso: string, zone: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDate();
const later = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (Temporal.PlainDate.compare(a, b) >= 0 ? a : b);

/** What the matrix says one simulation skips: its calendar's holidays on working days from the start to the last deadline. */
function expectedSkips(matrix: Matrix, at: string, sim: SimulateResult['instants'][number]['severities'][number]): string[] {
  const calendar = matrix.calendars?.[sim.calendar.id];
  if (!calendar) return [];
  const zone = calendar.timezone ?? matrix.timezone;
  const first = localDate(at, zone);
  const last = [at, ...sim.deadlines.map((d) => d.at)].map((iso) => localDate(iso, zone)).reduce(later);
  const working = new Set<string>(calendar.days);
  const inRange = (d: Temporal.PlainDate) => Temporal.PlainDate.compare(d, first) >= 0 && Temporal.PlainDate.compare(d, last) <= 0;
  return [...new Set(calendar.holidays ?? [])]
    .map((d) => Temporal.PlainDate.from(d))
    .filter((d) => inRange(d) && working.has(DAYS[d.dayOfWeek - 1]!))
    .map((d) => d.toString())
    .sort();
}

describe('the holidays each simulation skips', () => {
  it.each(['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml'])('%s, on every tier: those the matrix names', (name) => {
    const matrix = loadExample(name);
    const outcomes = matrix.severities.map((severity) => ({ severity, owner: severity.owner }));
    let skipped = 0;
    for (const tier of [undefined, ...Object.keys(matrix.tiers ?? {})]) {
      const result = simulate(matrix, { outcomes, instants: starts, ...(tier ? { tier } : {}) });
      if (!result.ok) throw new Error(result.reason);
      for (const instant of result.instants) {
        for (const sim of instant.severities) {
          const expected = expectedSkips(matrix, instant.at, sim);
          expect(sim.calendar.holidays_skipped, `${sim.severity.id}${tier ? ` on ${tier}` : ''} from ${instant.at}`).toEqual(expected);
          skipped += expected.length;
        }
      }
    }
    // Over Christmas and Easter, business-hours severities do skip holidays.
    expect(skipped).toBeGreaterThan(0);
  });
});
