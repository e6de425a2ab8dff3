/**
 * A zone pass (`ESCALATE_ZONES`, vitest.config.ts) runs its files under the host zone it names:
 * the process's local time and Intl's default zone are that zone, whichever files ran before in
 * the same worker. In the host pass this only checks that local time and Intl agree.
 */
import { describe, expect, it } from 'vitest';
import { ZONE_PASS } from '../helpers/runs.js';

const offsetMinutes = (zone: string, ms: number) => {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
};

describe('the host zone of this pass', () => {
  it.runIf(ZONE_PASS !== undefined)('is the zone the pass names, for local time and for Intl', () => {
    const named = process.env.ESCALATE_ZONE;
    expect(named).toBeTruthy();
    expect(process.env.TZ).toBe(named);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(named);
  });

  it('local time follows the zone Intl reports, around the year', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (let month = 0; month < 12; month++) {
      const ms = Date.UTC(2027, month, 15, 12);
      expect(0 - new Date(ms).getTimezoneOffset() || 0, `${zone} in month ${month + 1}`).toBe(offsetMinutes(zone, ms));
    }
  });
});
