/**
 * ical.js resolves a TZID through one process-wide registry: a file's own VTIMEZONEs are
 * registered while it is read and removed after, so no file's zones leak into another's.
 */
import ICAL from 'ical.js';

/** Registers every VTIMEZONE of `root`, adding each TZID to `registered` as it goes (so a failure part-way still removes those already in). */
export function registerFileZones(root: ICAL.Component, registered: string[]): void {
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz, tz.tzid);
    registered.push(tz.tzid);
  }
}

export function removeFileZones(registered: readonly string[]): void {
  for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
}
