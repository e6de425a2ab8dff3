import { describe, expect, it } from 'vitest';
import { formatInstant, instantOf, localDate, localTimeExists, matrixInstant, parseInstant } from '../../src/time/instant.js';
import { underBothClocks } from '../helpers/clocks.js';

const iso = (text: string, zone: string) => {
  const result = parseInstant(text, zone);
  if (!result.ok) throw new Error(result.reason);
  return result.date.toISOString();
};

underBothClocks(() => {
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

    it('refuses a wall-clock time the clocks pass twice, naming both offsets', () => {
      const berlin = parseInstant('2026-10-25T02:30', 'Europe/Berlin');
      expect(berlin).toEqual({
        ok: false,
        reason: '"2026-10-25T02:30" happens twice in Europe/Berlin: the clocks go back (daylight saving), so it is either +02:00 or +01:00; give an offset, like 2026-10-25T02:30+02:00',
      });
      const newYork = parseInstant('2026-11-01T01:30', 'America/New_York');
      expect(newYork.ok).toBe(false);
      if (!newYork.ok) expect(newYork.reason).toContain('either -04:00 or -05:00');
      // With an offset, either instant is fine; just outside the repeated hour there is no doubt.
      expect(iso('2026-10-25T02:30+02:00', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
      expect(iso('2026-10-25T02:30+01:00', 'Europe/Berlin')).toBe('2026-10-25T01:30:00.000Z');
      expect(iso('2026-10-25T01:59', 'Europe/Berlin')).toBe('2026-10-24T23:59:00.000Z');
      expect(iso('2026-10-25T03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
    });

    it('reads a date alone as the first instant of that day, even where the clocks skip midnight', () => {
      // Santiago jumps from 00:00 to 01:00 on 6 September 2026.
      expect(iso('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
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
    it('writes a historic local mean time offset with its seconds, and reads it back', () => {
      const t = parseInstant('1960-01-04T10:00', 'Africa/Monrovia');
      if (!t.ok) throw new Error(t.reason);
      const text = formatInstant(t.date, 'Africa/Monrovia');
      expect(text).toBe('1960-01-04T10:00:00-00:44:30');
      expect(parseInstant(text, 'UTC')).toEqual(t);
      expect(formatInstant(new Date('1880-01-01T00:00:00Z'), 'Europe/Berlin')).toBe('1880-01-01T00:53:28+00:53:28');
      expect(parseInstant('1960-01-04T10:00:00-00:44:61', 'UTC').ok).toBe(false);
    });

    it('is read back by instantOf, local mean time seconds included, where new Date gives NaN', () => {
      // The card, markdown and messages print a result's times again from this text.
      expect(Number.isNaN(new Date('1960-01-04T10:00:00-00:44:30').getTime())).toBe(true);
      expect(instantOf('1960-01-04T10:00:00-00:44:30').toISOString()).toBe('1960-01-04T10:44:30.000Z');
      expect(instantOf('1880-01-01T00:53:28+00:53:28').toISOString()).toBe('1880-01-01T00:00:00.000Z');
      for (const zone of ['Africa/Monrovia', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns', 'UTC']) {
        for (const ms of [Date.UTC(1960, 0, 4, 10), Date.UTC(1899, 11, 31, 23, 59, 59), Date.UTC(2026, 2, 29, 1, 30)]) {
          expect(instantOf(formatInstant(new Date(ms), zone)).getTime()).toBe(ms);
        }
      }
      // Without an offset a text names no instant: never read in some zone.
      expect(Number.isNaN(instantOf('2026-03-27T16:30').getTime())).toBe(true);
      expect(Number.isNaN(instantOf('yesterday').getTime())).toBe(true);
    });

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

  describe('matrixInstant: times written in the matrix always mean an instant', () => {
    const at = (text: string, zone: string) => {
      const result = matrixInstant(text, zone);
      if (!result.ok) throw new Error(result.reason);
      return result.date.toISOString();
    };
    it('reads an ordinary time like parseInstant', () => {
      expect(at('2027-01-15T18:00', 'America/New_York')).toBe('2027-01-15T23:00:00.000Z');
      expect(at('2027-01-15T18:00+01:00', 'America/New_York')).toBe('2027-01-15T17:00:00.000Z');
      expect(at('2026-12-24', 'Europe/Berlin')).toBe('2026-12-23T23:00:00.000Z');
    });
    it('reads a skipped time as the moment the clocks jump', () => {
      expect(at('2027-03-14T02:30', 'America/New_York')).toBe('2027-03-14T07:00:00.000Z');
      expect(at('2026-03-29T02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
      expect(at('2026-03-29T02:59', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
      expect(at('2026-09-06T00:30', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
      // Samoa skipped 30 December 2011 altogether.
      expect(at('2011-12-30T12:00', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
      expect(at('2011-12-30', 'Pacific/Apia')).toBe('2011-12-30T10:00:00.000Z');
    });
    it('reads a time the clocks pass twice as its first occurrence', () => {
      expect(at('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
      expect(at('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    });
    it('still refuses text that is not a date, and an unknown zone', () => {
      expect(matrixInstant('2026-02-30', 'UTC').ok).toBe(false);
      expect(matrixInstant('2026-03-27T16:30', 'Mars/Olympus').ok).toBe(false);
    });
  });

  describe('localTimeExists', () => {
    it('says ok for ordinary times, dates alone, times with an offset and times the clocks pass twice', () => {
      expect(localTimeExists('2027-01-15T18:00', 'America/New_York')).toEqual({ ok: true });
      expect(localTimeExists('2026-09-06', 'America/Santiago')).toEqual({ ok: true });
      expect(localTimeExists('2027-03-14T02:30-05:00', 'America/New_York')).toEqual({ ok: true });
      expect(localTimeExists('2026-10-25T02:30', 'Europe/Berlin')).toEqual({ ok: true });
    });
    it('explains a time the clocks skip and how it is read', () => {
      expect(localTimeExists('2027-03-14T02:30', 'America/New_York')).toEqual({
        ok: false,
        reason: '2027-03-14T02:30 does not exist in America/New_York: the clocks jump from 02:00 to 03:00 (daylight saving); it is read as 2027-03-14T03:00-04:00',
      });
      expect(localTimeExists('2026-09-06T00:00', 'America/Santiago')).toEqual({
        ok: false,
        reason: '2026-09-06T00:00 does not exist in America/Santiago: the clocks jump from 00:00 to 01:00 (daylight saving); it is read as 2026-09-06T01:00-03:00',
      });
      expect(localTimeExists('2011-12-30T12:00', 'Pacific/Apia')).toEqual({
        ok: false,
        reason: '2011-12-30T12:00 does not exist in Pacific/Apia: the clocks jump from 2011-12-30T00:00 to 2011-12-31T00:00 (a change of time zone); it is read as 2011-12-31T00:00+14:00',
      });
    });
    it('is not ok for text that is not a date or time, or an unknown zone', () => {
      expect(localTimeExists('2026-02-30', 'UTC').ok).toBe(false);
      expect(localTimeExists('2026-03-27T16:30', 'Mars/Olympus').ok).toBe(false);
      expect(localTimeExists('2026-03-27', 'Mars/Olympus').ok).toBe(false);
    });
  });
});
