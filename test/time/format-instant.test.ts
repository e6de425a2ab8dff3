/** formatInstant writes the wall-clock fields itself (fast): the same text toISOString gives, in every year it writes that way. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../src/time/instant.js';
import { offsetSeconds } from '../../src/time/offset.js';
import { runs } from '../helpers/runs.js';

const reference = (ms: number, zone: string) => {
  const offset = offsetSeconds(zone, ms);
  const abs = Math.abs(Math.round(offset));
  const pad = (n: number) => String(n).padStart(2, '0');
  const label = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${abs % 60 === 0 ? '' : `:${pad(abs % 60)}`}`;
  return `${new Date(Math.floor(ms / 1000) * 1000 + offset * 1000).toISOString().slice(0, 19)}${label}`;
};

describe('formatInstant', () => {
  it('writes what toISOString writes, from year 0000 to 9999, in zones with odd offsets', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000 + 86_400_000, max: 253_402_300_799_999 - 86_400_000 }), fc.constantFrom('UTC', 'Pacific/Chatham', 'Australia/Sydney', 'America/New_York', 'Africa/Monrovia', 'Asia/Kolkata'), (ms, zone) => {
        expect(formatInstant(new Date(ms), zone)).toBe(reference(ms, zone));
      }),
      { numRuns: runs(2000) },
    );
    for (const text of ['0000-01-01T00:00:00Z', '0000-02-29T23:59:59.999Z', '1969-12-31T23:59:59.500Z', '1970-01-01T00:00:00Z', '2000-02-29T12:00:00Z', '2100-03-01T00:00:00Z', '9999-12-31T23:59:59Z', '-000001-12-31T23:59:59Z', '+010000-01-01T00:00:00Z']) {
      const ms = Date.parse(text);
      expect(formatInstant(new Date(ms), 'UTC')).toBe(reference(ms, 'UTC'));
    }
  });
});
