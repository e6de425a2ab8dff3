/**
 * Wall-clock time in a zone, on UTC instants and the zone's offsets (offset.ts): never the
 * process's local time. A wall-clock time is written here as the epoch milliseconds of the
 * same clock fields read as UTC (`wall`), so local dates and times are plain arithmetic.
 *
 * The rule for wall-clock times that do not exist or exist twice, used by every part of the
 * time core that turns a written local time into an instant (calendar opening, closing and
 * midnight, holidays, exception windows, matrix tests' `at`):
 *   a wall-clock time means the first instant at which the zone's clocks show that time or
 *   a later one. So a time the clocks skip (spring forward) is the instant of the jump, and
 *   a time the clocks show twice (fall back) is its earlier occurrence.
 * `--at` refuses both instead (instant.ts), since guessing there moves every deadline.
 */
import { offsetSeconds, STRETCH, stretchOffsets } from './offset.js';

const SECOND = 1000;
/** Offsets stay within this (the largest in the time-zone database is about 15 h 57 min). */
const MAX_OFFSET = 19 * 3_600_000;

/** How one wall-clock time in a zone maps to instants. */
export type WallInstants =
  | { kind: 'unique'; at: number }
  /** The clocks go back over it: it happens twice. */
  | { kind: 'repeated'; earlier: number; later: number }
  /** The clocks jump over it; `jump` is the instant of the jump (the first after the gap). */
  | { kind: 'skipped'; jump: number }
  | { kind: 'unknown-zone' };

/** The wall-clock fields of an instant in a zone, as UTC epoch milliseconds. NaN for an unknown zone. */
export const wallOf = (zone: string, ms: number): number => ms + offsetSeconds(zone, ms) * SECOND;

/** Every instant at which the clocks in `zone` show `wall`, or the jump over it. */
export function wallInstants(zone: string, wall: number): WallInstants {
  const offsets = new Set<number>();
  const changes: { at: number; before: number; after: number }[] = [];
  for (let k = Math.floor((wall - MAX_OFFSET) / STRETCH); k <= Math.floor((wall + MAX_OFFSET) / STRETCH); k++) {
    const s = stretchOffsets(zone, k);
    if (typeof s === 'number') offsets.add(s);
    else {
      offsets.add(s.before).add(s.after);
      changes.push(s);
    }
  }
  if ([...offsets].some(Number.isNaN)) return { kind: 'unknown-zone' };
  const hits = [...offsets]
    .map((o) => wall - o * SECOND)
    .filter((t) => wallOf(zone, t) === wall)
    .sort((a, b) => a - b);
  if (hits.length === 1) return { kind: 'unique', at: hits[0]! };
  if (hits.length > 1) return { kind: 'repeated', earlier: hits[0]!, later: hits.at(-1)! };
  // No instant shows it: the clocks jump over it at a change that moves them forward past it.
  const jump = changes.find((c) => c.at + c.before * SECOND <= wall && wall < c.at + c.after * SECOND);
  if (!jump) throw new Error(`no instant and no jump for ${new Date(wall).toISOString().slice(0, 19)} in ${zone}`);
  return { kind: 'skipped', jump: jump.at };
}

/**
 * The instant a wall-clock time in `zone` means, by the rule above: the instant itself,
 * the earlier occurrence of a repeated time, the jump over a skipped one. NaN for an unknown zone.
 */
export function wallToInstant(zone: string, wall: number): number {
  // Most wall-clock times lie far from any change: one offset around them, one instant.
  const first = Math.floor((wall - MAX_OFFSET) / STRETCH);
  const offset = stretchOffsets(zone, first);
  if (typeof offset === 'number' && offset === offset) {
    let steady = true;
    for (let k = first + 1; k <= Math.floor((wall + MAX_OFFSET) / STRETCH); k++) if (stretchOffsets(zone, k) !== offset) steady = false;
    const at = wall - offset * SECOND;
    if (steady && wallOf(zone, at) === wall) return at;
  }
  const found = wallInstants(zone, wall);
  switch (found.kind) {
    case 'unique':
      return found.at;
    case 'repeated':
      return found.earlier;
    case 'skipped':
      return found.jump;
    default:
      return Number.NaN;
  }
}
