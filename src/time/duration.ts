/**
 * Durations are human strings: `15m`, `2h`, `1d`, `1h30m`, `2w`.
 * Parsing is pure and shared by the schema (validation) and the deadline arithmetic.
 */
import { remembered } from '../memo.js';
import { quoted } from '../quote.js';

const UNIT_MINUTES = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 } as const;
type Unit = keyof typeof UNIT_MINUTES;

const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
/** The longest duration a matrix may state: a year. Anything longer is a typo. */
export const MAX_DURATION_MINUTES = 366 * 24 * 60;

export type DurationResult = { ok: true; minutes: number } | { ok: false; reason: string };

export function parseDuration(text: string): DurationResult {
  if (typeof text !== 'string') return { ok: false, reason: `a ${text === null ? 'null' : typeof text} is not a duration; write it as text like 15m, 2h, 1d, 1h30m or 2w` };
  const trimmed = text.trim();
  const match = DURATION.exec(trimmed);
  if (trimmed === '' || !match || match.slice(1).every((part) => part === undefined)) {
    if (/^-/.test(trimmed)) return { ok: false, reason: `${quoted(text)} is negative; durations count forward from the incident start` };
    return { ok: false, reason: `${quoted(text)} is not a duration; write it like 15m, 2h, 1d, 1h30m or 2w` };
  }
  const units: Unit[] = ['w', 'd', 'h', 'm'];
  let minutes = 0;
  units.forEach((unit, i) => {
    const part = match[i + 1];
    if (part !== undefined) minutes += Number(part) * UNIT_MINUTES[unit];
  });
  if (minutes > MAX_DURATION_MINUTES) return { ok: false, reason: `${quoted(text)} is longer than a year; is it a typo?` };
  return { ok: true, minutes };
}

/** Minutes of a duration already validated by the schema. */
export function durationMinutes(text: string): number {
  const result = parseDuration(text);
  if (!result.ok) throw new Error(`invalid duration reached the core: ${result.reason}`);
  return result.minutes;
}

/** Formats minutes back to the shortest human string: 90 → `1h30m`. */
export function formatDuration(minutes: number): string {
  if (minutes === 0) return '0m';
  let rest = minutes;
  let out = '';
  for (const unit of ['d', 'h', 'm'] as const) {
    const size = UNIT_MINUTES[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}

/** The units of a duration as written: `1d4h` → 1 day and 4 hours. Business calendars count days as working days. */
export interface DurationParts {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

/** The parts of a duration already validated by the schema. */
export function durationParts(text: string): DurationParts {
  return remembered(partsRead, text, 1024, () => {
    const match = DURATION.exec(text.trim());
    if (!match || !parseDuration(text).ok) throw new Error(`invalid duration reached the core: "${text}"`);
    const n = (i: number) => Number(match[i] ?? 0);
    return Object.freeze({ weeks: n(1), days: n(2), hours: n(3), minutes: n(4) });
  });
}
/** A matrix states a handful of durations, read for every deadline of every plan: each is parsed once. */
const partsRead = new Map<string, Readonly<DurationParts>>();
