/** Whether the runtime knows an IANA time zone. Invalid zones make date libraries return Invalid Date silently. */
const known = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
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
