/**
 * Whether the runtime knows an IANA time zone. Invalid zones make date libraries return
 * Invalid Date silently, so zones are checked up front.
 *
 * Constructing an Intl.DateTimeFormat with a zone costs ~10-20 ms on first use (ICU data);
 * the list of canonical zones costs ~1 ms, so it is the fast path, and only other names
 * (aliases such as UTC or Europe/Kyiv) pay for the full check.
 */
const known = new Map<string, boolean>();
let canonical: Set<string> | undefined;

/** Whether `zone` is one of the runtime's canonical IANA names (not an alias such as UTC). */
export function isCanonicalTimeZone(zone: string): boolean {
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonical.has(zone);
}

export function isValidTimeZone(zone: string): boolean {
  if (isCanonicalTimeZone(zone)) return true;
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
