/**
 * When an event happened, in the same forms triage's --at accepts (see ../time/start.ts):
 * `now`, `10 min ago`, a clock time `03:10` (the latest such time not in the future, in the
 * record's zone), or ISO 8601 (without an offset, in the record's zone, checked against
 * daylight-saving changes). Pure: `now` is passed in.
 */
import type { InstantResult } from '../time/instant.js';
import { parseStart } from '../time/start.js';

export function parseEventTime(text: string, zone: string, now: Date): InstantResult {
  const parsed = parseStart(text, { now, displayZone: zone, matrixZone: zone, noun: 'time' });
  return parsed.ok ? { ok: true, date: parsed.date } : parsed;
}
