import type { Path } from '../../diagnostics.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

/** Fixed-offset zones by hours west of UTC, and a region zone at that offset that keeps its local time. */
const REGION_BY_OFFSET: Record<number, string> = {
  [-14]: 'Pacific/Kiritimati',
  [-13]: 'Pacific/Tongatapu',
  [-12]: 'Pacific/Auckland',
  [-11]: 'Australia/Sydney',
  [-10]: 'Australia/Sydney',
  [-9]: 'Asia/Tokyo',
  [-8]: 'Asia/Singapore',
  [-7]: 'Asia/Bangkok',
  [-6]: 'Asia/Dhaka',
  [-5]: 'Asia/Karachi',
  [-4]: 'Asia/Dubai',
  [-3]: 'Europe/Moscow',
  [-2]: 'Europe/Helsinki',
  [-1]: 'Europe/Berlin',
  1: 'Atlantic/Azores',
  2: 'America/Noronha',
  3: 'America/Sao_Paulo',
  4: 'America/Halifax',
  5: 'America/New_York',
  6: 'America/Chicago',
  7: 'America/Denver',
  8: 'America/Los_Angeles',
  9: 'America/Anchorage',
  10: 'Pacific/Honolulu',
  11: 'Pacific/Pago_Pago',
  12: 'Pacific/Pago_Pago',
};

/** The legacy zones named after an offset or an abbreviation, with the region zone meant. */
const LEGACY: Record<string, string> = {
  EST: 'America/New_York',
  MST: 'America/Denver (or America/Phoenix, which keeps no daylight saving)',
  HST: 'Pacific/Honolulu',
  EST5EDT: 'America/New_York',
  CST6CDT: 'America/Chicago',
  MST7MDT: 'America/Denver',
  PST8PDT: 'America/Los_Angeles',
};

/** The region zone to suggest for a fixed-offset or legacy zone name; undefined for a region zone or UTC. */
export function regionFor(zone: string): string | undefined {
  if (Object.hasOwn(LEGACY, zone)) return LEGACY[zone];
  const match = /^(?:Etc\/)?GMT([+-])(\d{1,2})$/.exec(zone);
  if (!match) return undefined;
  const west = Number(match[2]) * (match[1] === '+' ? 1 : -1);
  if (west === 0) return undefined;
  return REGION_BY_OFFSET[west] ?? 'the region zone of the team, like America/New_York';
}

export const timezoneFixed: Rule = {
  id: 'timezone-fixed',
  group: 'timing',
  level: 'warning',
  rationale: 'A fixed-offset zone (EST, MST, HST, Etc/GMT+5) keeps no daylight saving, so half the year every deadline is an hour off local time; name the region (America/New_York).',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    const check = (zone: string | undefined, path: Path, what: string) => {
      const region = zone === undefined ? undefined : regionFor(zone);
      if (region === undefined) return;
      const fixed = /^(EST|MST|HST)$|GMT/.test(zone!)
        ? 'a fixed UTC offset that never follows daylight saving'
        : 'a legacy rule-based zone kept only for compatibility';
      out.push(findingAt(locator, path, `${what}time zone "${zone}" is ${fixed}, so deadlines drift from the local clock; use the IANA region zone, like ${region}`));
    };
    check(matrix.timezone, ['timezone'], 'the matrix ');
    for (const [id, calendar] of Object.entries(matrix.calendars ?? {})) check(calendar.timezone, ['calendars', id, 'timezone'], `calendar "${id}": `);
    return out;
  },
};
