/**
 * What ical.js cannot read safely: a VTIMEZONE observance whose RRULE recurs more often than
 * weekly makes it expand one offset change per hour, minute or second from the observance's
 * start, until memory runs out. Real time-zone rules recur yearly. Found on the unfolded
 * text before ical.js sees it, located at the RRULE. Pure.
 */
const FAST = /(^|;)FREQ=(SECONDLY|MINUTELY|HOURLY|DAILY)(;|$)/i;

export function unsafeTimezoneRule(text: string): { reason: string; line: number; column: number } | undefined {
  let inZone = false;
  let line = 0;
  let logical = '';
  let start = 0;
  const check = (): { reason: string; line: number; column: number } | undefined => {
    if (inZone && /^RRULE[;:]/i.test(logical)) {
      const value = logical.slice(logical.indexOf(':') + 1);
      if (FAST.test(value)) return { reason: `a VTIMEZONE rule recurs ${/FREQ=(\w+)/i.exec(value)![1]!.toLowerCase()} (${value}); time-zone rules recur yearly`, line: start, column: 1 };
    }
    if (/^BEGIN:VTIMEZONE$/i.test(logical)) inZone = true;
    if (/^END:VTIMEZONE$/i.test(logical)) inZone = false;
    return undefined;
  };
  for (const physical of text.split(/\r?\n/)) {
    line++;
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && logical !== '') {
      logical += physical.slice(1);
      continue;
    }
    const found = check();
    if (found) return found;
    logical = physical;
    start = line;
  }
  return check();
}
