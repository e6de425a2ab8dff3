/**
 * A week of hourly starts for the coverage picture: Monday 00:00 to Sunday 23:00 of the week
 * holding a date, in a zone (midnight by the rule for skipped times), every severity. Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import { formatInstant, matrixInstant } from '../time/instant.js';
import { simulate } from './simulate.js';
import type { SimulateResult } from './result-schema.js';
import { quoted } from '../quote.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Monday 00:00 and Sunday 23:00 of the week holding `date` (YYYY-MM-DD) in `zone`, or why not. */
export function weekOf(date: string, zone: string): { ok: true; from: Date; to: Date } | { ok: false; reason: string } {
  const day = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day.getTime()) || !day.toISOString().startsWith(date)) return { ok: false, reason: `${quoted(date)} is not a date; write it like 2026-12-21` };
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
  const from = matrixInstant(`${monday.toISOString().slice(0, 10)}T00:00`, zone);
  const next = matrixInstant(`${new Date(monday.getTime() + 7 * DAY).toISOString().slice(0, 10)}T00:00`, zone);
  if (!from.ok) return from;
  if (!next.ok) return next;
  return { ok: true, from: from.date, to: new Date(next.date.getTime() - HOUR) };
}

/** Every severity at every hour of the week holding `date`, in the matrix zone, as `simulate --week` prints it. */
export function weekSimulation(matrix: Matrix, date: string, file?: string): { ok: true; result: SimulateResult } | { ok: false; reason: string } {
  const zone = matrix.timezone;
  const week = weekOf(date, zone);
  if (!week.ok) return week;
  const instants: Date[] = [];
  for (let t = week.from.getTime(); t <= week.to.getTime(); t += HOUR) instants.push(new Date(t));
  const outcomes = matrix.severities.map((severity) => ({ severity, owner: severity.owner }));
  const simulated = simulate(matrix, { outcomes, instants });
  if (!simulated.ok) return simulated;
  return {
    ok: true,
    result: {
      version: 1,
      matrix: { name: matrix.name, ...(file !== undefined ? { file } : {}), timezone: zone },
      timezone: zone,
      decided_by: 'severity',
      answers: {},
      contract: {},
      sweep: { from: formatInstant(week.from, zone), to: formatInstant(week.to, zone), every: '1h' },
      instants: simulated.instants,
    },
  };
}
