/**
 * When an event happened, as a person types it: `now`, ISO 8601 (without an offset, in the
 * record's time zone, checked against daylight-saving changes like triage's --at), or a
 * span back from now: `10 min ago`, `2h ago`, `1 h 30 min ago`. Pure: `now` is passed in.
 */
import { parseInstant, type InstantResult } from '../time/instant.js';

const UNITS: Record<string, number> = { m: 1, min: 1, mins: 1, minute: 1, minutes: 1, h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, d: 1440, day: 1440, days: 1440 };
const PART = /(\d+)\s*([a-z]+)/g;
const AGO = /^((?:\d+\s*[a-z]+\s*)+)ago$/;

export function parseEventTime(text: string, zone: string, now: Date): InstantResult {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'now') return { ok: true, date: now };
  const ago = AGO.exec(trimmed);
  if (ago) {
    let minutes = 0;
    for (const [, count, unit] of ago[1]!.matchAll(PART)) {
      const size = UNITS[unit!];
      if (size === undefined) return { ok: false, reason: `"${text}": "${unit}" is not a unit; use min, h or d, like "10 min ago"` };
      minutes += Number(count) * size;
    }
    return { ok: true, date: new Date(now.getTime() - minutes * 60_000) };
  }
  const parsed = parseInstant(text, zone);
  if (parsed.ok) return parsed;
  if (/^\d{4}-/.test(trimmed)) return parsed;
  return { ok: false, reason: `"${text}" is not a time; write "now", "10 min ago", or ISO 8601 like 2026-03-27T16:30 or 2026-03-27T16:30+01:00` };
}
