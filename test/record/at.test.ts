/** Event times take the same forms as triage's --at (one parser: src/time/start.ts). */
import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../../src/record/at.js';

const now = new Date('2026-03-29T10:00:00Z'); // 12:00 in Berlin, the morning after spring-forward

describe('parseEventTime', () => {
  it.each([
    ['now', '2026-03-29T10:00:00.000Z'],
    ['10 min ago', '2026-03-29T09:50:00.000Z'],
    ['1h30m ago', '2026-03-29T08:30:00.000Z'],
    ['03:10', '2026-03-29T01:10:00.000Z'], // 03:10 CEST, after the jump
    ['13:00', '2026-03-28T12:00:00.000Z'], // not yet 13:00 today: yesterday's (CET)
    ['2026-03-29T01:30', '2026-03-29T00:30:00.000Z'],
  ])('%s', (text, iso) => {
    const parsed = parseEventTime(text, 'Europe/Berlin', now);
    expect(parsed.ok && parsed.date.toISOString()).toBe(iso);
  });

  it('refuses what is not a time, a unit it does not know, and a skipped local time', () => {
    for (const text of ['yesterday', '10 fortnights ago', '2026-03-29T02:30']) {
      expect(parseEventTime(text, 'Europe/Berlin', now).ok).toBe(false);
    }
  });
});
