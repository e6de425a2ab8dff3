/**
 * Parity with the iCalendar file: for each start and each matrix calendar a simulated
 * severity runs on, which event of the file covers the instant, read with ical.js (the
 * library calendar tools build on; the file's own VTIMEZONEs, recurrence rules and EXDATEs):
 * an all-day event is a holiday on its dates, a timed occurrence is working hours from its
 * start to its end. An event belongs to a calendar by its CATEGORIES (the id), or by a UID
 * naming it (`…-ID-hours@…`, `…-ID-holiday-…`); an event with a RECURRENCE-ID replaces that
 * occurrence of the event with its UID. That is compared with the matrix's state at the
 * instant: open, holiday, or closed. Pure.
 */
import ICAL from 'ical.js';
import { registerFileZones, removeFileZones } from '../export/ics-zones.js';
import { unsafeTimezoneRule } from '../export/ics-guard.js';
import { clockText } from '../time/display.js';
import { instantOf, localDate } from '../time/instant.js';
import type { ParityFinding } from './parity-pagerduty.js';
import type { SimulateResult } from './result-schema.js';
import { completed, type Steps } from './steps.js';

const MAX_OCCURRENCES = 20_000;
const DAY = 86_400_000;

export interface CalendarEvents {
  /** Working-hours occurrences [start, end) in ms, with the UID that gives them. */
  windows: { start: number; end: number; uid: string }[];
  /** Holiday dates (YYYY-MM-DD), with the UID of the event. */
  holidays: Map<string, string>;
}

export type IcsState = 'open' | 'holiday' | 'closed';

const dateText = (t: ICAL.Time) => `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/** The events of each calendar id in [from, to], or why the file cannot be read. */
export function icsEvents(text: string, ids: readonly string[], from: number, to: number): { ok: true; calendars: Map<string, CalendarEvents> } | { ok: false; reason: string } {
  const unsafe = unsafeTimezoneRule(text);
  if (unsafe) return { ok: false, reason: `line ${unsafe.line}: ${unsafe.reason}` };
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (e) {
    return { ok: false, reason: `not valid iCalendar: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  const calendars = new Map(ids.map((id) => [id, { windows: [], holidays: new Map() } as CalendarEvents]));
  const registered: string[] = [];
  try {
    registerFileZones(root, registered);
    const windowEnd = ICAL.Time.fromJSDate(new Date(to + 2 * DAY), true);
    let count = 0;
    // An event written again with a RECURRENCE-ID replaces that one occurrence of its master, the
    // event with the same UID (RFC 5545 §3.8.4.4). Left to itself, ical.js relates every override
    // in the file to every master; here only by UID.
    const events = root.getAllSubcomponents('vevent').map((vevent) => ({ vevent, event: new ICAL.Event(vevent, { strictExceptions: true, exceptions: [] }) }));
    const masters = new Map(events.filter((e) => !e.event.isRecurrenceException()).map((e) => [e.event.uid ?? '', e.event]));
    for (const { event } of events) if (event.isRecurrenceException()) masters.get(event.uid ?? '')?.relateException(event);
    for (const { vevent, event } of events) {
      if (event.isRecurrenceException() && masters.has(event.uid ?? '')) continue;
      const uid = event.uid ?? '';
      const categories = vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
      const owners = ids.filter((id) => categories.includes(id) || uid.includes(`-${id}-hours@`) || uid.includes(`-${id}-holiday-`));
      if (owners.length === 0 || !event.startDate) continue;
      const iterator = event.iterator();
      for (let next = iterator.next(); next && count < MAX_OCCURRENCES; next = iterator.next()) {
        count++;
        if (next.compare(windowEnd) > 0) break;
        const details = event.getOccurrenceDetails(next);
        if (details.startDate.isDate) {
          // An all-day event covers its dates up to its end date, exclusive (one day when it has none).
          const first = Date.parse(`${dateText(details.startDate)}T00:00:00Z`);
          const last = details.endDate?.isDate ? Date.parse(`${dateText(details.endDate)}T00:00:00Z`) : first + DAY;
          for (let d = first, n = 0; n === 0 || (d < last && n < 366); d += DAY, n++) {
            for (const id of owners) calendars.get(id)!.holidays.set(new Date(d).toISOString().slice(0, 10), uid);
          }
        } else {
          const start = details.startDate.toUnixTime() * 1000;
          const end = details.endDate.toUnixTime() * 1000;
          if (end < from - 2 * DAY) continue;
          for (const id of owners) calendars.get(id)!.windows.push({ start, end, uid });
        }
      }
    }
    return { ok: true, calendars };
  } catch (e) {
    return { ok: false, reason: `cannot read the calendar: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  } finally {
    removeFileZones(registered);
  }
}

/** What the file says at an instant, for a calendar in its zone. */
export function icsState(events: CalendarEvents, at: number, zone: string): { state: IcsState; uid?: string } {
  const window = events.windows.find((w) => at >= w.start && at < w.end);
  const day = localDate(new Date(at), zone);
  const holiday = events.holidays.get(day);
  if (window) return { state: 'open', uid: window.uid };
  if (holiday !== undefined) return { state: 'holiday', uid: holiday };
  return { state: 'closed' };
}

/** Each start, for each calendar the simulated severities run on, compared with the calendar file. */
export function icsParity(result: SimulateResult, text: string): { findings: ParityFinding[]; notes: string[] } | { ok: false; reason: string } {
  return completed(icsParitySteps(result, text));
}

/** icsParity, a start at a time once the file is read (see Steps). */
export function* icsParitySteps(result: SimulateResult, text: string): Steps<{ findings: ParityFinding[]; notes: string[] } | { ok: false; reason: string }> {
  const zoneOf = new Map<string, string>();
  const severitiesOf = new Map<string, string[]>();
  for (const sim of result.instants[0]?.severities ?? []) {
    if (sim.calendar.state === 'round-the-clock' || sim.calendar.timezone === undefined) continue;
    zoneOf.set(sim.calendar.id, sim.calendar.timezone);
    severitiesOf.set(sim.calendar.id, [...(severitiesOf.get(sim.calendar.id) ?? []), sim.severity.id]);
  }
  const notes: string[] = [];
  const ids = [...zoneOf.keys()];
  if (ids.length === 0) return { findings: [], notes: ['every simulated severity runs round the clock: no calendar to compare'] };
  const starts = result.instants.map((i) => instantOf(i.at).getTime());
  const read = icsEvents(text, ids, Math.min(...starts), Math.max(...starts));
  if (!read.ok) return read;
  for (const id of ids) {
    const c = read.calendars.get(id)!;
    if (c.windows.length === 0 && c.holidays.size === 0) notes.push(`calendar ${id}: the file has no event for it (no CATEGORIES:${id}, no UID naming it)`);
  }
  const zone = result.timezone;
  const when = (ms: number) => clockText(new Date(ms), zone);
  const findings: ParityFinding[] = [];
  for (const instant of result.instants) {
    yield;
    const at = instantOf(instant.at).getTime();
    const done = new Set<string>();
    for (const sim of instant.severities) {
      const id = sim.calendar.id;
      if (!zoneOf.has(id) || done.has(id)) continue;
      done.add(id);
      const calZone = zoneOf.get(id)!;
      const matrix = sim.calendar.state === 'open' ? 'open' : sim.calendar.state === 'holiday' ? 'holiday' : 'closed';
      const file = icsState(read.calendars.get(id)!, at, calZone);
      // A holiday event on a day the matrix does not work anyway says nothing different.
      const fileState = file.state === 'holiday' && sim.calendar.state === 'closed-day' ? 'closed' : file.state;
      if (fileState === matrix) continue;
      const day = localDate(new Date(at), calZone);
      const on = `${severitiesOf.get(id)!.join(', ')} on calendar ${id}`;
      const base = { at: instant.at, severity: severitiesOf.get(id)![0]!, calendar: id };
      const fileSays = fileState === 'open' ? `working hours (${file.uid})` : fileState === 'holiday' ? `a holiday (${file.uid})` : 'no working hours and no holiday';
      if (matrix === 'holiday') findings.push({ ...base, kind: 'missing-holiday', message: `${on}: ${day} is a matrix holiday; at ${when(at)} the calendar file shows ${fileSays}` });
      else if (fileState === 'holiday') findings.push({ ...base, kind: 'extra-holiday', message: `${on}: the calendar file shows ${fileSays} on ${day}; the matrix has no holiday then (${sim.calendar.state})` });
      else findings.push({ ...base, kind: 'hours', message: `${on}: at ${when(at)} the matrix calendar is ${matrix === 'open' ? 'open' : `closed (${sim.calendar.state})`}; the calendar file shows ${fileSays}` });
    }
  }
  return { findings, notes };
}
