import { describe, expect, it } from 'vitest';
import { COMMON_ZONES, isListedTimeZone, isValidTimeZone } from '../../src/time/zone.js';

describe('time zone names', () => {
  it('the common zones are zones this runtime knows', () => {
    for (const zone of COMMON_ZONES) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone }), zone).not.toThrow();
  });

  it('accepts canonical names, common names and aliases; refuses unknown ones', () => {
    for (const zone of ['Europe/Berlin', 'UTC', 'America/Argentina/Salta', 'US/Eastern', 'Asia/Calcutta', 'Asia/Kolkata', 'Etc/GMT+5', 'Asia/Dili']) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['', 'Mars/Olympus_Mons', 'Europe/Berlinn', 'europe/berlin ', 'GMT+25']) expect(isValidTimeZone(zone), zone).toBe(false);
  });

  it('lists canonical and common names, not aliases (their offsets come from Intl)', () => {
    expect(isListedTimeZone('UTC')).toBe(true);
    expect(isListedTimeZone('America/Argentina/Salta')).toBe(true);
    expect(isListedTimeZone('US/Eastern')).toBe(false);
  });
});
