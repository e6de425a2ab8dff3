/**
 * Holidays from an iCalendar file (the feeds HR and helpdesks publish): text in, whole-day
 * holiday dates and diagnostics located at the file's line:col out. Pure: the file is read
 * at the edge. Which events count:
 * - an all-day event (DTSTART;VALUE=DATE) is a holiday on each date from DTSTART up to its
 *   DTEND, which is exclusive (or for its DURATION in days; one day without either);
 * - RRULE and RDATE recurrences are expanded over the window the caller gives (the years
 *   around the matrix's review), minus EXDATEs and occurrences a RECURRENCE-ID event moves or
 *   cancels; dates written out one by one are kept whatever their year;
 * - STATUS:CANCELLED events are not holidays;
 * - an event with a time of day is not a whole-day holiday: it is skipped with a warning;
 * - anything else that cannot be read is an error at its line.
 * ical.js reads the recurrence rules; the lines and their positions are checked here first,
 * because ical.js reports neither where a fault is nor most faults (a malformed date).
 */
import ICAL from 'ical.js';
import type { Diagnostic } from '../diagnostics.js';
import type { WorkCounter } from '../work.js';

/** One recurring event may yield at most this many occurrences in the window: a yearly holiday yields one a year. */
export const MAX_OCCURRENCES = 1000;
/** A recurrence is stepped through at most this many times (from its DTSTART, before the window too). */
export const MAX_RECURRENCE_STEPS = 20_000;

/** The dates recurrences are expanded over, YYYY-MM-DD, both included. */
export interface RecurrenceWindow {
  from: string;
  to: string;
}
/** One file may name at most this many holiday dates. */
export const MAX_HOLIDAY_DATES = 5000;
/** One event may last at most this many days. */
export const MAX_EVENT_DAYS = 366;
/** Components nest this deep at most (VCALENDAR > VEVENT > VALARM). */
const MAX_DEPTH = 8;

export interface IcsHolidays {
  /** Sorted, distinct YYYY-MM-DD dates. */
  dates: string[];
  diagnostics: Diagnostic[];
}

interface Line {
  text: string;
  line: number;
  /**
   * Where each folded continuation starts in `text`, and its physical line: an offset past a
   * fold is a place on a later line of the file (its column counts the space the fold began with).
   */
  folds?: { at: number; line: number }[];
}
interface Prop {
  name: string;
  params: string;
  value: string;
  line: number;
  /** 1-based column of the value. */
  column: number;
}
interface EventBlock {
  line: number;
  props: Prop[];
}

const DATE_VALUE = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME_VALUE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/;
const NAME = /^[A-Za-z0-9-]+(?=[;:])/;

export function parseIcsHolidays(source: string, window: RecurrenceWindow, work?: WorkCounter): IcsHolidays {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, message: string, line: number, column = 1) => diagnostics.push({ code, level: 'error', message, path: [], line, column });
  const fail = (code: string, message: string, line: number, column = 1): IcsHolidays => {
    error(code, message, line, column);
    return { dates: [], diagnostics };
  };
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (text.includes('\0')) return fail('ics-syntax', 'the file contains binary data (NUL bytes); an iCalendar file is text', 1);
  const lines = unfold(text);
  if (lines.length === 0) return fail('ics-syntax', 'the file is empty; an iCalendar file starts with BEGIN:VCALENDAR', 1);

  // Structure: every line NAME[;params]:value, BEGIN/END balanced, one VCALENDAR.
  const stack: string[] = [];
  const events: EventBlock[] = [];
  let event: EventBlock | undefined;
  let calendars = 0;
  for (const logical of lines) {
    const { text: content, line } = logical;
    const name = NAME.exec(content)?.[0];
    const colon = name === undefined ? -1 : valueStart(content, name.length);
    if (name === undefined || colon < 0) return fail('ics-syntax', `this line is not NAME:VALUE (${preview(content)})`, line);
    const upper = name.toUpperCase();
    const value = content.slice(colon + 1);
    if (stack.length === 0 && !(upper === 'BEGIN' && value.toUpperCase() === 'VCALENDAR')) {
      return fail('ics-syntax', calendars === 0 ? 'an iCalendar file starts with BEGIN:VCALENDAR' : 'text after END:VCALENDAR; a holidays file holds one calendar', line);
    }
    if (upper === 'BEGIN') {
      const kind = value.toUpperCase();
      if (kind === 'VCALENDAR' && stack.length === 0 && calendars++ > 0) return fail('ics-syntax', 'a second VCALENDAR; a holidays file holds one calendar', line);
      if (stack.length >= MAX_DEPTH) return fail('ics-syntax', `components nest more than ${MAX_DEPTH} deep; a holidays file needs two or three levels`, line);
      stack.push(kind);
      if (kind === 'VEVENT' && stack.length === 2) events.push((event = { line, props: [] }));
      continue;
    }
    if (upper === 'END') {
      const kind = value.toUpperCase();
      if (stack[stack.length - 1] !== kind) return fail('ics-syntax', `END:${value} does not close BEGIN:${stack[stack.length - 1] ?? '?'}`, line);
      stack.pop();
      if (kind === 'VEVENT' && stack.length === 1) event = undefined;
      continue;
    }
    if (event && stack.length === 2) event.props.push({ name: upper, params: content.slice(name.length, colon), value, ...placeOf(logical, colon + 1) });
  }
  if (stack.length > 0) return fail('ics-syntax', `the file ends inside BEGIN:${stack[stack.length - 1]} (no END:${stack[stack.length - 1]})`, lines[lines.length - 1]!.line);

  const dates = new Set<string>();
  const masters: { block: EventBlock; uid: string }[] = [];
  const moved = new Map<string, Set<string>>();
  for (const block of events) {
    const get = (name: string) => block.props.find((p) => p.name === name);
    const dtstart = get('DTSTART');
    if (!dtstart) {
      error('ics-event', 'this event has no DTSTART', block.line);
      continue;
    }
    const recurrenceId = get('RECURRENCE-ID');
    if (recurrenceId) {
      const uid = get('UID')?.value ?? '';
      const key = dayOf(recurrenceId.value);
      if (key === undefined) {
        error('ics-event', `RECURRENCE-ID is not a date or date-time (${preview(recurrenceId.value)})`, recurrenceId.line, recurrenceId.column);
        continue;
      }
      if (!moved.has(uid)) moved.set(uid, new Set());
      moved.get(uid)!.add(key);
    }
    if (/^cancelled$/i.test(get('STATUS')?.value.trim() ?? '')) continue;
    if (recurrenceId || !get('RRULE') && !get('RDATE')) {
      const span = spanOf(block, dtstart, error);
      if (span === 'timed') timedWarning(diagnostics, dtstart);
      else if (span !== undefined) addSpan(dates, span.start, span.days);
      continue;
    }
    masters.push({ block, uid: get('UID')?.value ?? '' });
  }

  for (const { block, uid } of masters) {
    const dtstart = block.props.find((p) => p.name === 'DTSTART')!;
    const span = spanOf(block, dtstart, error);
    if (span === 'timed') {
      timedWarning(diagnostics, dtstart);
      continue;
    }
    if (span === undefined) continue;
    let listsRead = true;
    for (const p of block.props.filter((q) => q.name === 'EXDATE' || q.name === 'RDATE')) {
      const bad = p.value.split(',').find((v) => dayOf(v) === undefined);
      if (bad !== undefined) {
        error('ics-event', `${p.name} takes dates like 20271225 (${preview(bad)})`, p.line, p.column);
        listsRead = false;
      }
    }
    if (!listsRead) continue;
    const occurrences = expand(block, uid, moved.get(uid), window, error, work);
    if (occurrences === undefined) continue;
    // DTSTART is the first occurrence (RFC 5545) unless an EXDATE removes it; ical.js leaves it out beside RDATE alone.
    const excluded = new Set(block.props.filter((p) => p.name === 'EXDATE').flatMap((p) => p.value.split(',').map((v) => dayOf(v)!)));
    const rdateOnly = !block.props.some((p) => p.name === 'RRULE');
    const first = rdateOnly && !excluded.has(span.start) && span.start >= window.from && span.start <= window.to && !(uid !== '' && moved.get(uid)?.has(span.start)) ? [span.start] : [];
    for (const start of [...first, ...occurrences]) addSpan(dates, start, span.days);
  }
  if (dates.size > MAX_HOLIDAY_DATES) {
    return fail('ics-too-many', `the file names ${dates.size} holiday dates, more than the ${MAX_HOLIDAY_DATES} a holidays file may; recurrences should be yearly`, 1);
  }
  return { dates: diagnostics.some((d) => d.level === 'error') ? [] : [...dates].sort(), diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** Logical lines: CRLF, LF or CR endings; a line starting with a space or tab continues the one before (RFC 5545 folding). */
function unfold(text: string): Line[] {
  const out: Line[] = [];
  const physical = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i]!;
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) {
      (last.folds ??= []).push({ at: last.text.length, line: i + 1 });
      last.text += raw.slice(1);
    } else if (raw.trim() !== '') out.push({ text: raw, line: i + 1 });
  }
  return out;
}

/** The file's line and 1-based column of an offset in an unfolded line. */
function placeOf(logical: Line, offset: number): { line: number; column: number } {
  let place = { line: logical.line, column: offset + 1 };
  // The last continuation that starts at or before the offset holds it; its first character is column 2.
  for (const fold of logical.folds ?? []) if (fold.at <= offset) place = { line: fold.line, column: offset - fold.at + 2 };
  return place;
}

/** The index of the colon that ends the name and parameters (a quoted parameter value may hold colons), or -1. */
function valueStart(content: string, from: number): number {
  let quoted = false;
  for (let i = from; i < content.length; i++) {
    const c = content[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

const preview = (text: string) => {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `"${shown}"`;
};

function timedWarning(diagnostics: Diagnostic[], dtstart: Prop): void {
  diagnostics.push({
    code: 'ics-timed-event',
    level: 'warning',
    message: 'this event has a time of day, not a whole day: it is not counted as a holiday (holidays are all-day events, DTSTART;VALUE=DATE)',
    path: [],
    line: dtstart.line,
    column: dtstart.column,
  });
}

/** YYYY-MM-DD of a DATE or DATE-TIME value (the date as written), or undefined when it is neither or not a real date. */
function dayOf(value: string): string | undefined {
  const match = DATE_VALUE.exec(value) ?? DATE_TIME_VALUE.exec(value);
  if (!match) return undefined;
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  return realDate(day) ? day : undefined;
}

function realDate(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1;
}

const isDateParam = (p: Prop) => /;VALUE=DATE(?=;|$)/i.test(p.params);

/** The event's first day and length in days, 'timed' for an event with a time of day, or undefined after reporting an error. */
function spanOf(block: EventBlock, dtstart: Prop, error: (code: string, message: string, line: number, column?: number) => void): { start: string; days: number } | 'timed' | undefined {
  const get = (name: string) => block.props.find((p) => p.name === name);
  if (!isDateParam(dtstart) || !DATE_VALUE.test(dtstart.value)) {
    if (DATE_TIME_VALUE.test(dtstart.value) && dayOf(dtstart.value)) return 'timed';
    error('ics-event', `DTSTART is not a date like 20271225 (${preview(dtstart.value)})`, dtstart.line, dtstart.column);
    return undefined;
  }
  const start = dayOf(dtstart.value);
  if (start === undefined) {
    error('ics-event', `DTSTART ${dtstart.value} is not a date in the calendar`, dtstart.line, dtstart.column);
    return undefined;
  }
  const dtend = get('DTEND');
  const duration = get('DURATION');
  let days = 1;
  if (dtend) {
    const end = DATE_VALUE.test(dtend.value) ? dayOf(dtend.value) : undefined;
    if (end === undefined) {
      error('ics-event', `DTEND of an all-day event is a date like 20271226 (${preview(dtend.value)})`, dtend.line, dtend.column);
      return undefined;
    }
    days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
    if (days < 1) {
      error('ics-event', `DTEND ${dtend.value} is not after DTSTART ${dtstart.value} (DTEND is the day after the last holiday)`, dtend.line, dtend.column);
      return undefined;
    }
  } else if (duration) {
    const match = /^P(?:(\d+)W|(\d+)D)$/.exec(duration.value.trim());
    if (!match) {
      error('ics-event', `DURATION of an all-day event is whole days or weeks, like P1D or P2W (${preview(duration.value)})`, duration.line, duration.column);
      return undefined;
    }
    days = match[1] !== undefined ? Number(match[1]) * 7 : Number(match[2]);
    if (days < 1) {
      error('ics-event', 'DURATION is zero days', duration.line, duration.column);
      return undefined;
    }
  }
  if (days > MAX_EVENT_DAYS) {
    const at = dtend ?? duration!;
    error('ics-event', `this event lasts ${days} days; a holiday lasts at most ${MAX_EVENT_DAYS}`, at.line, at.column);
    return undefined;
  }
  return { start, days };
}

function addSpan(dates: Set<string>, start: string, days: number): void {
  const first = Date.parse(`${start}T00:00:00Z`);
  for (let i = 0; i < days; i++) dates.add(new Date(first + i * 86_400_000).toISOString().slice(0, 10));
}

/** The occurrence dates of a recurring event in the window, or undefined after reporting an error. */
function expand(block: EventBlock, uid: string, moved: ReadonlySet<string> | undefined, window: RecurrenceWindow, error: (code: string, message: string, line: number, column?: number) => void, work?: WorkCounter): string[] | undefined {
  const rrule = block.props.find((p) => p.name === 'RRULE');
  const freq = rrule && /(?:^|;)FREQ=(SECONDLY|MINUTELY|HOURLY)(?:;|$)/i.exec(rrule.value)?.[1];
  if (rrule && freq) {
    error('ics-event', `FREQ=${freq.toUpperCase()} repeats within a day; a holiday recurs by days at most (usually FREQ=YEARLY)`, rrule.line, rrule.column);
    return undefined;
  }
  let component: ICAL.Component;
  try {
    // Only the event's own lines: each checked above, so a failure here is a value ical.js refuses.
    const lines = ['BEGIN:VEVENT', ...block.props.filter((p) => ['DTSTART', 'RRULE', 'RDATE', 'EXDATE'].includes(p.name)).map((p) => `${p.name}${p.params}:${p.value}`), 'END:VEVENT'];
    component = new ICAL.Component(ICAL.parse(lines.join('\r\n')));
  } catch (failure) {
    const at = rrule ?? block.props[0]!;
    error('ics-event', `the recurrence cannot be read: ${reason(failure)}`, at.line, at.column);
    return undefined;
  }
  const out: string[] = [];
  let iterator: ICAL.RecurExpansion;
  try {
    iterator = new ICAL.Event(component).iterator();
  } catch (failure) {
    const at = rrule ?? block.props[0]!;
    error('ics-event', `the recurrence cannot be read: ${reason(failure)}`, at.line, at.column);
    return undefined;
  }
  for (let steps = 0; ; steps++) {
    if (steps >= MAX_RECURRENCE_STEPS) {
      const at = rrule ?? block.props[0]!;
      error('ics-too-many', `this recurrence repeats more than ${MAX_RECURRENCE_STEPS} times before ${window.to}; a holiday recurs yearly`, at.line, at.column);
      return undefined;
    }
    let next: ICAL.Time | undefined;
    try {
      next = iterator.next();
    } catch (failure) {
      const at = rrule ?? block.props[0]!;
      error('ics-event', `the recurrence cannot be expanded: ${reason(failure)}`, at.line, at.column);
      return undefined;
    }
    work?.add('visit');
    if (!next) break;
    const day = `${String(next.year).padStart(4, '0')}-${String(next.month).padStart(2, '0')}-${String(next.day).padStart(2, '0')}`;
    if (day > window.to) break;
    if (day < window.from || (moved?.has(day) && uid !== '')) continue;
    if (out.length >= MAX_OCCURRENCES) {
      const at = rrule ?? block.props[0]!;
      error('ics-too-many', `this recurrence repeats more than ${MAX_OCCURRENCES} times from ${window.from} to ${window.to}; a holiday recurs yearly, or give it an UNTIL or COUNT`, at.line, at.column);
      return undefined;
    }
    out.push(day);
  }
  return out;
}

const reason = (failure: unknown) => (failure instanceof Error ? failure.message.split('\n')[0]! : String(failure));
