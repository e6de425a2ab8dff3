/**
 * Whether the runtime knows an IANA time zone. Invalid zones make date libraries return
 * Invalid Date silently, so zones are checked up front.
 *
 * Three tiers, cheapest first: a short list of zones that matrices name most and that every
 * supported Node knows under that name (no lookup at all); the runtime's list of canonical
 * zones (~1.2 ms the first time, while ICU builds it); and for other names (aliases such as
 * US/Eastern) an `Intl.DateTimeFormat`, ~10 ms on first use while ICU loads
 * its locale data.
 */

/**
 * Zones that matrices name most, known to every ICU a supported Node can run with (the
 * bundled one, or an older system ICU): names in the time-zone database since 2008 or
 * earlier, so not Europe/Kyiv (2022). Most are canonical under both ICU's older names and
 * IANA's; UTC and the IANA names that Node 20 still treats as aliases (Asia/Kolkata for
 * Asia/Calcutta, …) are valid everywhere too, and would otherwise cost the ~10 ms
 * `Intl.DateTimeFormat` check. A test checks each against the runtime and compares its
 * offsets with Intl's.
 */
export const COMMON_ZONES: ReadonlySet<string> = new Set([
  'UTC',
  'Etc/UTC',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Zurich',
  'Europe/Vienna',
  'Europe/Stockholm',
  'Europe/Oslo',
  'Europe/Copenhagen',
  'Europe/Helsinki',
  'Europe/Warsaw',
  'Europe/Prague',
  'Europe/Budapest',
  'Europe/Athens',
  'Europe/Bucharest',
  'Europe/Istanbul',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Halifax',
  'America/Toronto',
  'America/Vancouver',
  'America/Mexico_City',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Pacific/Honolulu',
  'Asia/Dubai',
  'Asia/Riyadh',
  'Asia/Jerusalem',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Calcutta',
  'Asia/Kathmandu',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Kuala_Lumpur',
  'Asia/Jakarta',
  'Asia/Singapore',
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Taipei',
  'Asia/Manila',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Australia/Melbourne',
  'Pacific/Auckland',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Africa/Lagos',
  'Africa/Nairobi',
]);

const known = new Map<string, boolean>();
let canonical: Set<string> | undefined;

/**
 * Whether `zone` is a name the runtime lists as canonical, or one of the common zones above:
 * the names whose offsets a test compares between the host clock and Intl (time/offset.ts).
 */
export function isListedTimeZone(zone: string): boolean {
  if (COMMON_ZONES.has(zone)) return true;
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonical.has(zone);
}

export function isValidTimeZone(zone: string): boolean {
  if (isListedTimeZone(zone)) return true;
  let valid = known.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = zone.length > 0;
    } catch {
      valid = false;
    }
    known.set(zone, valid);
  }
  return valid;
}
