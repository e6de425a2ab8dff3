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

/**
 * The spelling of a zone that every consumer finds. ICU (and so lint and triage) matches zone
 * names without regard to case, but Go's time package (Alertmanager), PagerDuty and calendar
 * clients look the name up exactly: `america/new_york` must be written `America/New_York`.
 * Only the case changes where the runtime knows the name (an alias such as US/Eastern stays
 * the alias); a miscased alias the runtime does not list becomes the zone ICU resolves it to
 * (us/eastern → America/New_York). A name already spelt right, or no zone, is returned as it is;
 * so is an unlisted name whose every segment starts in capitals (EUROPE/KYIV is not caught).
 */
export function canonicalZone(zone: string): string {
  if (isListedTimeZone(zone)) return zone;
  const lower = zone.toLowerCase();
  for (const known of COMMON_ZONES) if (known.toLowerCase() === lower) return known;
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  for (const known of canonical) if (known.toLowerCase() === lower) return known;
  // An alias the runtime does not list (US/Eastern) cannot be checked letter by letter: one
  // with a segment in lower case is certainly miscased, and becomes the zone it resolves to.
  if (zone.split('/').every((segment) => /^[A-Z]/.test(segment))) return zone;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    // Not a zone at all: the schema reports it.
  }
  return zone;
}
