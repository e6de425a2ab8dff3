/** Clock times for people: `Fri 27 Mar 16:45` in a zone, built from the offset so output never depends on the locale. */
import { offsetLabel } from './instant.js';
import { offsetSeconds } from './offset.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock of an instant in a zone, as UTC fields of a shifted date. */
function wall(date: Date, zone: string): Date {
  return new Date(date.getTime() + offsetSeconds(zone, date.getTime()) * 1000);
}

/** `Fri 27 Mar` */
export function dayText(date: Date, zone: string): string {
  const w = wall(date, zone);
  return `${WEEKDAYS[w.getUTCDay()]} ${w.getUTCDate()} ${MONTHS[w.getUTCMonth()]}`;
}

/** `16:45` */
export function timeText(date: Date, zone: string): string {
  const w = wall(date, zone);
  return `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** `Fri 27 Mar 16:45` */
export const clockText = (date: Date, zone: string) => `${dayText(date, zone)} ${timeText(date, zone)}`;

/** `UTC+01:00` for an instant in a zone (`UTC-00:44:30` for a historic local mean time). */
export const offsetText = (date: Date, zone: string): string => `UTC${offsetLabel(offsetSeconds(zone, date.getTime()))}`;
