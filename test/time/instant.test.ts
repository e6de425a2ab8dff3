import { describe, expect, it } from 'vitest';
import { formatInstant, localDate, parseInstant } from '../../src/time/instant.js';

const iso = (text: string, zone: string) => {
  const result = parseInstant(text, zone);
  if (!result.ok) throw new Error(result.reason);
  return result.date.toISOString();
};

describe('parseInstant', () => {
  it('takes an explicit offset as that instant, whatever the zone', () => {
    expect(iso('2026-03-27T16:30:00+01:00', 'America/New_York')).toBe('2026-03-27T15:30:00.000Z');
    expect(iso('2026-03-27T16:30+0100', 'UTC')).toBe('2026-03-27T15:30:00.000Z');
    expect(iso('2026-03-27T16:30Z', 'Europe/Berlin')).toBe('2026-03-27T16:30:00.000Z');
    expect(iso('2026-03-27T16:30:05.250-05', 'UTC')).toBe('2026-03-27T21:30:05.250Z');
  });

  it('reads a time without offset as wall-clock time in the zone, winter and summer', () => {
    expect(iso('2026-03-27T16:30', 'Europe/Berlin')).toBe('2026-03-27T15:30:00.000Z');
    expect(iso('2026-03-30T16:30', 'Europe/Berlin')).toBe('2026-03-30T14:30:00.000Z');
    expect(iso('2026-03-06 17:00', 'America/New_York')).toBe('2026-03-06T22:00:00.000Z');
    expect(iso('2026-03-09T09:00:00', 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
  });

  it('knows the calendar of years below 100', () => {
    expect(parseInstant('0099-02-29T10:00Z', 'UTC').ok).toBe(false);
    expect(iso('0096-02-29T10:00Z', 'UTC')).toBe('0096-02-29T10:00:00.000Z');
  });

  it('reads a date alone as midnight in the zone', () => {
    expect(iso('2026-12-24', 'Europe/Berlin')).toBe('2026-12-23T23:00:00.000Z');
  });

  it('refuses a wall-clock time skipped by a daylight-saving change', () => {
    const result = parseInstant('2026-03-29T02:30', 'Europe/Berlin');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/does not exist in Europe\/Berlin/);
    expect(parseInstant('2026-03-08T02:15', 'America/New_York').ok).toBe(false);
  });

  it.each(['yesterday', '2026-02-30T10:00', '2026-03-27T25:00', '2026-03-27T10:61', '27.03.2026 16:30', '2026-03-27T16:30+19:00', ''])(
    'refuses %j with a reason',
    (text) => {
      const result = parseInstant(text, 'Europe/Berlin');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toContain(`"${text}"`);
    },
  );
});

describe('formatInstant', () => {
  const t = new Date('2026-03-29T15:30:00Z');
  it('writes ISO 8601 with the zone offset and no milliseconds', () => {
    expect(formatInstant(t, 'Europe/Berlin')).toBe('2026-03-29T17:30:00+02:00');
    expect(formatInstant(t, 'America/New_York')).toBe('2026-03-29T11:30:00-04:00');
    expect(formatInstant(t, 'UTC')).toBe('2026-03-29T15:30:00+00:00');
    expect(formatInstant(t, 'Asia/Kolkata')).toBe('2026-03-29T21:00:00+05:30');
  });
  it('gives the local calendar date', () => {
    expect(localDate(new Date('2026-03-29T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
    expect(localDate(new Date('2026-03-29T23:30:00Z'), 'America/New_York')).toBe('2026-03-29');
  });
});
