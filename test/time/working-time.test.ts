import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, isWorkingTime, NoWorkingTimeError, workingCalendar, workingMinutesBetween } from '../../src/time/working-time.js';
import { clockMinutes, dueAfter, elapsedClock, type TargetClock } from '../../src/time/clock.js';
import { formatInstant } from '../../src/time/instant.js';
import { underBothClocks } from '../helpers/clocks.js';

// The shapes of the example calendars: Berlin office hours and New York business hours.
const berlin = workingCalendar(
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-18:00', holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'] },
  'Europe/Berlin',
);
const newYork = workingCalendar({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '08:00-18:00', holidays: ['2026-11-26'] }, 'America/New_York');
const office: TargetClock = { kind: 'working', id: 'office', calendar: berlin };
const business: TargetClock = { kind: 'working', id: 'business', calendar: newYork };

const at = (text: string) => new Date(text);
const add = (start: string, minutes: number, cal = berlin) => formatInstant(addWorkingMinutes(at(start), minutes, cal), cal.zone);

underBothClocks(() => {
  describe('addWorkingMinutes (Europe/Berlin, Mon–Fri 09:00–18:00)', () => {
    it('counts inside one working day', () => {
      expect(add('2026-03-24T10:00:00+01:00', 90)).toBe('2026-03-24T11:30:00+01:00');
    });

    it('keeps a deadline that lands on closing time at closing time', () => {
      expect(add('2026-03-24T14:00:00+01:00', 240)).toBe('2026-03-24T18:00:00+01:00');
    });

    it('waits for opening when the start is before hours', () => {
      expect(add('2026-03-24T06:15:00+01:00', 30)).toBe('2026-03-24T09:30:00+01:00');
    });

    it('Friday evening start: skips the weekend and the spring-forward Sunday, to the minute', () => {
      // Fri 27 Mar 19:00 CET; clocks go forward on Sun 29 Mar; Monday is CEST.
      expect(add('2026-03-27T19:00:00+01:00', 240)).toBe('2026-03-30T13:00:00+02:00');
    });

    it('Friday afternoon start: counts the rest of Friday, then Monday', () => {
      expect(add('2026-03-27T16:30:00+01:00', 240)).toBe('2026-03-30T11:30:00+02:00');
    });

    it('skips holidays and the weekend after them', () => {
      // Wed 23 Dec 17:00: one hour left; Thu 24 and Fri 25 are holidays, then the weekend.
      expect(add('2026-12-23T17:00:00+01:00', 240)).toBe('2026-12-28T12:00:00+01:00');
    });

    it('a start on a holiday waits for the next working day', () => {
      expect(add('2027-01-01T10:00:00+01:00', 60)).toBe('2027-01-04T10:00:00+01:00');
    });

    it('zero minutes is the start itself', () => {
      expect(add('2026-03-28T03:00:00+01:00', 0)).toBe('2026-03-28T03:00:00+01:00');
    });

    it('a working day spanning a daylight-saving change is as long as it really is', () => {
      const allDay = workingCalendar({ days: ['sun'], hours: '00:00-24:00' }, 'Europe/Berlin');
      // Sunday 29 March 2026 has 23 hours in Berlin.
      expect(workingMinutesBetween(at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'), allDay)).toBe(23 * 60);
      expect(add('2026-03-29T00:00:00+01:00', 23 * 60, allDay)).toBe('2026-03-30T00:00:00+02:00');
    });
  });

  describe('addWorkingMinutes (America/New_York, Mon–Fri 08:00–18:00)', () => {
    it('Friday evening before the March change: Monday morning in EDT', () => {
      // Clocks go forward on Sun 8 Mar 2026 in New York.
      expect(add('2026-03-06T17:00:00-05:00', 120, newYork)).toBe('2026-03-09T09:00:00-04:00');
    });
    it('Friday before the November change: Monday in EST', () => {
      // Clocks go back on Sun 1 Nov 2026.
      expect(add('2026-10-30T17:30:00-04:00', 60, newYork)).toBe('2026-11-02T08:30:00-05:00');
    });
    it('skips Thanksgiving', () => {
      expect(add('2026-11-25T17:00:00-05:00', 120, newYork)).toBe('2026-11-27T09:00:00-05:00');
    });
  });

  describe('workingMinutesBetween', () => {
    it('counts only working time', () => {
      expect(workingMinutesBetween(at('2026-03-27T17:00:00+01:00'), at('2026-03-30T10:00:00+02:00'), berlin)).toBe(120);
      expect(workingMinutesBetween(at('2026-03-30T10:00:00+02:00'), at('2026-03-27T17:00:00+01:00'), berlin)).toBe(0);
    });
    it('is the inverse of addWorkingMinutes', () => {
      const start = at('2026-12-22T15:10:00+01:00');
      for (const minutes of [1, 170, 171, 540, 2000]) {
        expect(workingMinutesBetween(start, addWorkingMinutes(start, minutes, berlin), berlin)).toBe(minutes);
      }
    });
    it('knows whether an instant is working time', () => {
      expect(isWorkingTime(at('2026-03-27T16:30:00+01:00'), berlin)).toBe(true);
      expect(isWorkingTime(at('2026-03-27T18:00:00+01:00'), berlin)).toBe(false);
      expect(isWorkingTime(at('2026-12-24T10:00:00+01:00'), berlin)).toBe(false);
    });
  });

  describe('long spans', () => {
    it('a whole year counts every working day except holidays', () => {
      // 2026 has 261 weekdays; 24 and 25 December are holidays on weekdays.
      const year = workingMinutesBetween(at('2026-01-01T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'), berlin);
      expect(year).toBe(259 * 540);
      expect(add('2026-01-01T00:00:00+01:00', 259 * 540)).toBe('2026-12-31T18:00:00+01:00');
    });

    it('adding and counting stay inverse across months of DST changes and holidays', () => {
      const start = at('2026-02-11T13:17:00+01:00');
      for (const minutes of [12_345, 100_000, 250_000]) {
        const end = addWorkingMinutes(start, minutes, berlin);
        expect(workingMinutesBetween(start, end, berlin)).toBe(minutes);
        expect(workingMinutesBetween(start, new Date(end.getTime() - 60_000), berlin)).toBe(minutes - 1);
      }
    });

    it("a century of working time is counted", () => {
      const minutes = workingMinutesBetween(at('1926-03-27T19:00:00+01:00'), at('2026-03-27T19:00:00+01:00'), berlin);
      expect(minutes).toBeGreaterThan(100 * 250 * 540);
    });
  });

  describe('boundaries inside daylight-saving jumps (a skipped time is the jump, a repeated one its earlier occurrence)', () => {
    const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[];
    it('Berlin 00:00-02:30 every day: the spring-forward night closes at the jump, after 2 h', () => {
      const night = workingCalendar({ days: everyDay, hours: '00:00-02:30' }, 'Europe/Berlin');
      expect(add('2026-03-29T00:00:00+01:00', 135, night)).toBe('2026-03-30T00:15:00+02:00');
      expect(workingMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T12:00:00Z'), night)).toBe(120);
      expect(isWorkingTime(at('2026-03-29T01:59:00+01:00'), night)).toBe(true);
      expect(isWorkingTime(at('2026-03-29T03:00:00+02:00'), night)).toBe(false);
    });
    it('Berlin 02:30-04:00 on the fall-back night opens at the first 02:30: 2 h 30 min', () => {
      const late = workingCalendar({ days: everyDay, hours: '02:30-04:00' }, 'Europe/Berlin');
      expect(workingMinutesBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T12:00:00Z'), late)).toBe(150);
      expect(add('2026-10-25T00:00:00+02:00', 1, late)).toBe('2026-10-25T02:31:00+02:00');
    });
    it('a window wholly inside the jump has no working time that day (Lord Howe, 30-minute change)', () => {
      const gap = workingCalendar({ days: everyDay, hours: '02:00-02:30' }, 'Australia/Lord_Howe');
      // Lord Howe skips 02:00-02:30 on Sun 4 Oct 2026.
      expect(workingMinutesBetween(at('2026-10-03T00:00:00+10:30'), at('2026-10-05T00:00:00+11:00'), gap)).toBe(30);
    });
    it('a skipped midnight starts the day at the jump (Santiago, 00:00 -> 01:00)', () => {
      const allDay = workingCalendar({ days: ['sun'], hours: '00:00-24:00' }, 'America/Santiago');
      expect(workingMinutesBetween(at('2026-09-05T12:00:00-04:00'), at('2026-09-07T12:00:00-03:00'), allDay)).toBe(23 * 60);
      expect(add('2026-09-05T23:00:00-04:00', 1, allDay)).toBe('2026-09-06T01:01:00-03:00');
    });
  });

  describe('bounded work', () => {
    const thin = workingCalendar({ days: ['mon'], hours: '09:00-09:01' }, 'Europe/Berlin', 'thin');
    it('a target the calendar cannot meet within 100 years is an error naming the calendar', () => {
      expect(() => addWorkingMinutes(at('2026-03-27T16:30:00+01:00'), 366 * 1440, thin)).toThrow(NoWorkingTimeError);
      expect(() => addWorkingMinutes(at('2026-03-27T16:30:00+01:00'), 366 * 1440, thin)).toThrow(/calendar "thin" does not have 527040 minutes of working time within 100 years/);
    });
    it('a target it can meet is met, however thin the hours', () => {
      expect(add('2026-03-27T16:30:00+01:00', 3, thin)).toBe('2026-04-13T09:01:00+02:00');
    });
  });

  describe('target clocks', () => {
    it('counts a day on a calendar as one working day and a week as its working days', () => {
      expect(clockMinutes(office, '1d')).toBe(540);
      expect(clockMinutes(office, '1w')).toBe(5 * 540);
      expect(clockMinutes(office, '1d2h15m')).toBe(540 + 135);
      expect(clockMinutes(business, '1d')).toBe(600);
      expect(clockMinutes(elapsedClock, '1w1d')).toBe(8 * 1440);
    });

    it('a working day after a mid-morning start is the same time on the next working day', () => {
      expect(formatInstant(dueAfter(office, at('2026-03-27T10:00:00+01:00'), '1d'), 'Europe/Berlin')).toBe('2026-03-30T10:00:00+02:00');
    });

    it('round the clock, a day is 24 elapsed hours across the spring-forward night (Berlin)', () => {
      const start = at('2026-03-28T23:30:00+01:00');
      expect(formatInstant(dueAfter(elapsedClock, start, '4h'), 'Europe/Berlin')).toBe('2026-03-29T04:30:00+02:00');
      expect(formatInstant(dueAfter(elapsedClock, start, '1d'), 'Europe/Berlin')).toBe('2026-03-30T00:30:00+02:00');
    });

    it('round the clock across the fall-back night (Berlin and New York)', () => {
      expect(formatInstant(dueAfter(elapsedClock, at('2026-10-24T23:30:00+02:00'), '4h'), 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
      expect(formatInstant(dueAfter(elapsedClock, at('2026-10-31T23:50:00-04:00'), '15m'), 'America/New_York')).toBe('2026-11-01T00:05:00-04:00');
      expect(formatInstant(dueAfter(elapsedClock, at('2026-11-01T01:30:00-04:00'), '30m'), 'America/New_York')).toBe('2026-11-01T01:00:00-05:00');
    });
  });
});
