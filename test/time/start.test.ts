import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/time/instant.js';
import { parseStart } from '../../src/time/start.js';

const at = (now: string, zone = 'Europe/Berlin') => ({ now: new Date(now), displayZone: zone, matrixZone: zone });
const iso = (text: string, context: ReturnType<typeof at>) => {
  const r = parseStart(text, context);
  if (!r.ok) throw new Error(r.reason);
  return formatInstant(r.date, context.displayZone);
};

describe('incident start forms', () => {
  const ctx = at('2026-03-27T16:30:00+01:00');
  it('reads now and an empty answer as the present', () => {
    expect(iso('now', ctx)).toBe('2026-03-27T16:30:00+01:00');
    expect(iso(' NOW ', ctx)).toBe('2026-03-27T16:30:00+01:00');
    expect(iso('', ctx)).toBe('2026-03-27T16:30:00+01:00');
  });
  it('reads minutes, hours and days ago, spelled the ways people type them', () => {
    expect(iso('10 min ago', ctx)).toBe('2026-03-27T16:20:00+01:00');
    expect(iso('30 minutes ago', ctx)).toBe('2026-03-27T16:00:00+01:00');
    expect(iso('2h ago', ctx)).toBe('2026-03-27T14:30:00+01:00');
    expect(iso('1h30m ago', ctx)).toBe('2026-03-27T15:00:00+01:00');
    expect(iso('1 hour 5 min ago', ctx)).toBe('2026-03-27T15:25:00+01:00');
    expect(iso('1 day ago', ctx)).toBe('2026-03-26T16:30:00+01:00');
    expect(parseStart('10 min ago', ctx)).toMatchObject({ form: 'ago' });
  });
  it('counts "ago" in elapsed time across a daylight-saving change', () => {
    // Berlin springs forward at 02:00 → 03:00 on 29 March 2026: 03:30 is 1.5 real hours after 01:00.
    const spring = at('2026-03-29T03:30:00+02:00');
    expect(iso('2h ago', spring)).toBe('2026-03-29T00:30:00+01:00');
    expect(iso('90 min ago', spring)).toBe('2026-03-29T01:00:00+01:00');
  });
  it('reads a clock time as the latest such time not in the future', () => {
    expect(iso('03:10', ctx)).toBe('2026-03-27T03:10:00+01:00');
    expect(iso('16:30', ctx)).toBe('2026-03-27T16:30:00+01:00');
    expect(iso('16:31', ctx)).toBe('2026-03-26T16:31:00+01:00');
    expect(iso('9:05', ctx)).toBe('2026-03-27T09:05:00+01:00');
    expect(parseStart('03:10', ctx)).toMatchObject({ form: 'clock' });
  });
  it('reads a clock time in the display zone, not the host or the matrix zone', () => {
    const r = parseStart('03:10', { now: new Date('2026-03-27T16:30:00Z'), displayZone: 'Asia/Tokyo', matrixZone: 'Europe/Berlin' });
    expect(r.ok && formatInstant(r.date, 'Asia/Tokyo')).toBe('2026-03-27T03:10:00+09:00');
  });
  it('looks for a clock time the clocks skipped today on the day before', () => {
    const spring = at('2026-03-29T05:00:00+02:00');
    expect(iso('02:30', spring)).toBe('2026-03-28T02:30:00+01:00');
  });
  it('takes the later occurrence of a clock time the clocks showed twice, once it has happened', () => {
    // Berlin falls back 03:00 → 02:00 on 25 October 2026.
    expect(iso('02:30', at('2026-10-25T05:00:00+01:00'))).toBe('2026-10-25T02:30:00+01:00');
    expect(iso('02:30', at('2026-10-25T02:45:00+02:00'))).toBe('2026-10-25T02:30:00+02:00');
  });
  it('still reads full ISO 8601, without an offset in the matrix zone', () => {
    expect(iso('2026-03-27T09:00', ctx)).toBe('2026-03-27T09:00:00+01:00');
    expect(iso('2026-03-27T09:00Z', ctx)).toBe('2026-03-27T10:00:00+01:00');
  });
  it('refuses other text with the forms it accepts, and keeps the precise reason for dates', () => {
    const bad = parseStart('yesterday', ctx);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/"yesterday" is not a start time; write now, 20 min ago, 2h ago, 03:10/);
    const unit = parseStart('3 fortnights ago', ctx);
    expect(!unit.ok && unit.reason).toMatch(/"fortnights" is not a unit/);
    expect(parseStart('25:10', ctx).ok).toBe(false);
    const skipped = parseStart('2026-03-29T02:30', ctx);
    expect(!skipped.ok && skipped.reason).toMatch(/does not exist in Europe\/Berlin/);
  });
  it('refuses an "ago" of more than 100 years, however many digits, and never gives an invalid time', () => {
    expect(iso('36524 days ago', ctx)).toBe('1926-03-28T16:30:00+01:00');
    for (const text of ['36526 d ago', '99999999999 d ago', `${'9'.repeat(400)} min ago`, '1 d 99999999999999999999 h ago']) {
      const far = parseStart(text, ctx);
      expect(far.ok, text).toBe(false);
      expect(!far.ok && far.reason).toBe(`"${text}" is more than 100 years ago; check the number`);
    }
  });
});
