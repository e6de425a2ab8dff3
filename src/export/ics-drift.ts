/**
 * iCalendar drift by meaning: both calendars are parsed with ical.js, each with its own
 * VTIMEZONEs, and every event (by UID) is compared by the instants it expands to, its
 * exceptions as a set of instants and its free/busy transparency, never by its text. So a
 * multi-valued EXDATE written as several lines, reordered properties or other line folding
 * are not drift, while an edited VTIMEZONE (which moves every working hour) is. Each
 * difference is located at the physical line and column of what causes it, folded lines
 * included. Pure: texts in, findings out.
 */
import ICAL from 'ical.js';
import { registerFileZones, removeFileZones } from './ics-zones.js';
import { unsafeTimezoneRule } from './ics-guard.js';
import type { Diagnostic } from '../diagnostics.js';

/** One unfolded content line and where it starts in the file. */
interface Logical {
  text: string;
  line: number;
  /** The column of the value (after the first unquoted `:`) when it starts on the same physical line. */
  valueColumn: number;
}

interface EventInfo {
  uid: string;
  begin: Logical;
  props: Map<string, Logical[]>;
  /** Occurrence starts and ends as comparable keys (UTC instants, or dates for all-day events). */
  occurrences: string[];
  /** Occurrences written on their own (RECURRENCE-ID): the local id, its start and end, and where it is. */
  overrides: Map<string, { times: string; at: Logical }>;
  exdates: string[];
  transp: string;
  zones: string[];
}

interface CalendarInfo {
  events: Map<string, EventInfo>;
  /** VTIMEZONE blocks by TZID: their logical lines, and the zone's offsets as observed. */
  zones: Map<string, { lines: Logical[]; signature: string }>;
  end: Logical;
}

const WINDOW_YEARS = 2;
const MAX_OCCURRENCES = 2000;

function logicalLines(text: string): Logical[] {
  const out: Logical[] = [];
  text.split(/\r?\n/).forEach((physical, i) => {
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && out.length > 0) {
      out[out.length - 1]!.text += physical.slice(1);
      return;
    }
    const colon = valueStart(physical);
    out.push({ text: physical, line: i + 1, valueColumn: colon < 0 ? 1 : colon + 2 });
  });
  return out.filter((l) => l.text !== '');
}

/** The index of the `:` that starts the value (a `:` inside a quoted parameter does not). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i;
  }
  return -1;
}

const nameOf = (l: Logical) => l.text.slice(0, Math.max(0, l.text.search(/[;:]/))).toUpperCase();

function timeKey(time: ICAL.Time): string {
  if (time.isDate) return `date ${time.toString()}`;
  const zone = time.zone;
  if (!zone || zone === ICAL.Timezone.localTimezone || zone.tzid === 'floating') return `floating ${time.toString()}`;
  return new Date(time.toUnixTime() * 1000).toISOString();
}

/**
 * Signatures by the VTIMEZONE they were read from and the window: the check of an edited file
 * reads the export's zones in the file too, and a process that checks many calendars reads the
 * same few zones each time (~2,900 offsets a zone). Bounded.
 */
const signatures = new Map<string, string>();

/** A zone's meaning: the offsets it gives over the window, sampled every six hours. */
function zoneSignature(zone: ICAL.Timezone, windowStart: ICAL.Time, windowEnd: ICAL.Time): string {
  // The offsets follow from the VTIMEZONE alone (its jCal, as ical.js read it); the built-in UTC has none.
  const key = zone.component ? `${windowStart.toString()} ${windowEnd.toString()} ${JSON.stringify(zone.component.toJSON())}` : undefined;
  const known = key === undefined ? undefined : signatures.get(key);
  if (known !== undefined) return known;
  const offsets: string[] = [];
  const t = windowStart.clone();
  t.isDate = false;
  t.zone = ICAL.Timezone.utcTimezone;
  let last = '';
  while (t.compare(windowEnd) < 0) {
    const offset = String(zone.utcOffset(t));
    if (offset !== last) offsets.push(`${t.toString()} ${offset}`);
    last = offset;
    t.addDuration(ICAL.Duration.fromSeconds(6 * 3600));
  }
  const signature = offsets.join(',');
  if (key !== undefined) {
    if (signatures.size >= 256) signatures.clear();
    signatures.set(key, signature);
  }
  return signature;
}

function readCalendar(text: string, windowStart: ICAL.Time): { ok: true; calendar: CalendarInfo } | { ok: false; reason: string; line: number; column: number } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (e) {
    return { ok: false, reason: `not valid iCalendar: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, line: 1, column: 1 };
  }
  const lines = logicalLines(text);
  const zones = new Map<string, { lines: Logical[]; signature: string }>();
  const eventBlocks: { begin: Logical; props: Map<string, Logical[]> }[] = [];
  let block: Logical[] | undefined;
  let kind = '';
  for (const l of lines) {
    const upper = l.text.toUpperCase();
    if (upper === 'BEGIN:VEVENT' || upper === 'BEGIN:VTIMEZONE') {
      block = [l];
      kind = upper.slice(6);
    } else if (block && upper === `END:${kind}`) {
      if (kind === 'VEVENT') {
        const props = new Map<string, Logical[]>();
        for (const p of block.slice(1)) props.set(nameOf(p), [...(props.get(nameOf(p)) ?? []), p]);
        eventBlocks.push({ begin: block[0]!, props });
      } else {
        const tzid = block.find((p) => nameOf(p) === 'TZID')?.text.slice(valueStart(block.find((p) => nameOf(p) === 'TZID')!.text) + 1) ?? '';
        zones.set(tzid, { lines: block, signature: '' });
      }
      block = undefined;
    } else block?.push(l);
  }

  const registered: string[] = [];
  try {
    registerFileZones(root, registered);
    const events = new Map<string, EventInfo>();
    const vevents = root.getAllSubcomponents('vevent');
    const windowEnd = windowStart.clone();
    windowEnd.isDate = false;
    windowEnd.year += WINDOW_YEARS;
    // An occurrence written on its own (RECURRENCE-ID, as the export writes clock-change days) belongs to the event with its UID.
    // Grouped once by UID, so a file of many events is read in linear work.
    const uidOf = (v: ICAL.Component) => String(v.getFirstPropertyValue('uid') ?? '');
    const baseUids = new Set(vevents.filter((v) => !v.hasProperty('recurrence-id')).map(uidOf));
    const isException = (v: ICAL.Component) => v.hasProperty('recurrence-id') && baseUids.has(uidOf(v));
    const exceptionsOf = new Map<string, { component: ICAL.Component; index: number }[]>();
    vevents.forEach((v, index) => {
      if (isException(v)) exceptionsOf.set(uidOf(v), [...(exceptionsOf.get(uidOf(v)) ?? []), { component: v, index }]);
    });
    vevents.forEach((vevent, i) => {
      if (isException(vevent)) return;
      const event = new ICAL.Event(vevent);
      const uid = event.uid ?? '';
      const overrides = new Map<string, { times: string; at: Logical }>();
      for (const { component: other, index: k } of exceptionsOf.get(uidOf(vevent)) ?? []) {
        const exception = new ICAL.Event(other);
        event.relateException(exception);
        const block = eventBlocks[k]!;
        const moved = (['DTSTART', 'DTEND'] as const).map((n) => block.props.get(n)?.[0]).find(Boolean);
        overrides.set(exception.recurrenceId.toString(), { times: `${timeKey(exception.startDate)} → ${timeKey(exception.endDate)}`, at: block.props.get('DTEND')?.[0] ?? moved ?? block.begin });
      }
      const occurrences: string[] = [];
      const zonesUsed = new Set<string>();
      const iterator = event.iterator();
      for (let next = iterator.next(); next && occurrences.length < MAX_OCCURRENCES; next = iterator.next()) {
        if (next.compare(windowEnd) > 0) break;
        const details = event.getOccurrenceDetails(next);
        occurrences.push(`${timeKey(details.startDate)} → ${timeKey(details.endDate)}`);
      }
      for (const name of ['dtstart', 'dtend', 'exdate', 'rdate']) {
        for (const p of [vevent, ...(exceptionsOf.get(uidOf(vevent)) ?? []).map((e) => e.component)].flatMap((v) => v.getAllProperties(name).concat(name === 'dtstart' ? v.getAllProperties('recurrence-id') : []))) {
          const tzid = p.getParameter('tzid');
          if (typeof tzid === 'string') zonesUsed.add(tzid);
        }
      }
      // Days excluded from the review date on: the matrix holidays. The export also excludes the
      // working days before it from the rule's anchor on (see ics.ts); those are no holidays, and
      // the occurrences compared below say whether a file shows any of them.
      const reviewedStart = windowStart.clone();
      reviewedStart.isDate = false;
      if (event.startDate && !event.startDate.isDate) reviewedStart.zone = event.startDate.zone;
      const exdates = vevent
        .getAllProperties('exdate')
        .flatMap((p) => p.getValues() as ICAL.Time[])
        .filter((v) => (v.isDate ? v.toString() >= windowStart.toString() : v.toUnixTime() >= reviewedStart.toUnixTime()))
        .map(timeKey)
        .sort();
      const blockInfo = eventBlocks[i]!;
      events.set(uid, {
        uid,
        begin: blockInfo.begin,
        props: blockInfo.props,
        occurrences,
        overrides,
        exdates,
        transp: String(vevent.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase(),
        zones: [...zonesUsed],
      });
    });
    for (const tzid of zones.keys()) {
      const zone = ICAL.TimezoneService.get(tzid);
      if (zone) zones.get(tzid)!.signature = zoneSignature(zone, windowStart, windowEnd);
    }
    return { ok: true, calendar: { events, zones, end: lines[lines.length - 1]! } };
  } catch (e) {
    return { ok: false, reason: `cannot read the calendar: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, line: 1, column: 1 };
  } finally {
    removeFileZones(registered);
  }
}

const at = (l: Logical, column = l.valueColumn) => ({ line: l.line, column });

function differ(a: readonly string[], b: readonly string[]): { missing: string[]; extra: string[] } {
  const sa = new Set(a);
  const sb = new Set(b);
  return { missing: b.filter((x) => !sa.has(x)), extra: a.filter((x) => !sb.has(x)) };
}

const shown = (key: string) => key.replace(/:00\.000Z/g, 'Z').replace(/^date (\d{4})(\d\d)(\d\d).*$/, '$1-$2-$3');

/** The calendar in use (`text`) against the calendar the matrix exports (`expected`). */
export function icsMeaningDrift(expected: string, text: string, reviewed: string): { ok: true; diagnostics: Diagnostic[] } | { ok: false; reason: string; line: number; column: number } {
  const unsafe = unsafeTimezoneRule(text);
  if (unsafe) return { ok: false, ...unsafe };
  const windowStart = ICAL.Time.fromDateString(reviewed);
  const theirs = readCalendar(text, windowStart);
  if (!theirs.ok) return theirs;
  // Reading is deterministic (each read registers its own VTIMEZONEs and removes them after):
  // a file that is the export byte for byte reads as the export, so it is read once.
  const ours = expected === text ? theirs : readCalendar(expected, windowStart);
  if (!ours.ok) return ours;
  const out: Diagnostic[] = [];
  const push = (code: 'drift-missing' | 'drift-hours', where: { line: number; column: number }, message: string) => out.push({ code, level: 'error', message, path: [], ...where });
  const reported = new Set<string>();

  for (const [uid, want] of ours.calendar.events) {
    const got = theirs.calendar.events.get(uid);
    if (!got) {
      push('drift-missing', at(theirs.calendar.end, 1), `event ${uid} is missing (${want.occurrences.length === 1 ? shown(want.occurrences[0]!.split(' → ')[0]!) : `${want.occurrences.length} occurrences`})`);
      continue;
    }
    const uidLine = got.props.get('UID')?.[0] ?? got.begin;
    // Zones first: an edited VTIMEZONE moves every occurrence, and is said once, where it is.
    const zoneEdits = got.zones.filter((tzid) => {
      const a = theirs.calendar.zones.get(tzid);
      const b = ours.calendar.zones.get(tzid);
      return b !== undefined && (a === undefined || a.signature !== b.signature);
    });
    for (const tzid of zoneEdits) {
      if (reported.has(`zone ${tzid}`)) continue;
      reported.add(`zone ${tzid}`);
      const a = theirs.calendar.zones.get(tzid);
      if (!a) {
        push('drift-hours', at(got.props.get('DTSTART')?.[0] ?? uidLine), `time zone ${tzid} has no VTIMEZONE in the file; calendar clients guess its offsets`);
        continue;
      }
      const b = ours.calendar.zones.get(tzid)!;
      const theirLines = a.lines.map((l) => l.text);
      const ourLines = new Set(b.lines.map((l) => l.text));
      const first = a.lines.find((l) => !ourLines.has(l.text)) ?? a.lines[0]!;
      const change = differ(a.signature.split(','), b.signature.split(','));
      void theirLines;
      push(
        'drift-hours',
        at(first),
        `VTIMEZONE ${tzid} does not give the zone's real offsets (first different: ${change.extra[0] ?? change.missing[0] ?? 'the observances'}); every working hour in ${tzid} moves with it`,
      );
    }
    if (want.transp !== got.transp) {
      const l = got.props.get('TRANSP')?.[0];
      push('drift-hours', l ? at(l) : at(uidLine), `event ${uid} is ${got.transp} (${got.transp === 'OPAQUE' ? 'busy' : 'free'}); the matrix exports ${want.transp}`);
    }
    if (zoneEdits.length > 0) continue;
    const exdate = differ(got.exdates, want.exdates);
    if (exdate.missing.length + exdate.extra.length > 0) {
      const l = got.props.get('EXDATE')?.[0] ?? got.props.get('RRULE')?.[0] ?? uidLine;
      const parts = [exdate.missing.length ? `missing ${exdate.missing.map(shown).join(', ')}` : '', exdate.extra.length ? `not in the matrix: ${exdate.extra.map(shown).join(', ')}` : ''].filter(Boolean);
      push('drift-hours', at(l), `event ${uid} excludes other days than the matrix holidays (${parts.join('; ')})`);
      continue;
    }
    let overridden = false;
    for (const [id, mine] of want.overrides) {
      const theirs = got.overrides.get(id);
      if (theirs?.times === mine.times) continue;
      overridden = true;
      const [from, to] = mine.times.split(' → ').map(shown) as [string, string];
      push(
        'drift-hours',
        theirs ? at(theirs.at) : at(got.props.get('RRULE')?.[0] ?? uidLine),
        theirs
          ? `event ${uid}: the clock-change day ${id} is ${theirs.times.split(' → ').map(shown).join(' → ')}; the matrix says ${from} → ${to}`
          : `event ${uid} does not write the clock-change day ${id} on its own (${from} → ${to}); calendar programs that keep an occurrence's exact length (RFC 5545) read that day wrong`,
      );
    }
    if (overridden) continue;
    const occ = differ(got.occurrences, want.occurrences);
    if (occ.missing.length + occ.extra.length > 0) {
      const culprit = (['DTSTART', 'DTEND', 'DURATION', 'RRULE', 'RDATE'] as const).map((n) => got.props.get(n)?.[0]).find((l, k) => {
        const name = ['DTSTART', 'DTEND', 'DURATION', 'RRULE', 'RDATE'][k]!;
        const mine = want.props.get(name)?.[0];
        return (l?.text ?? '') !== (mine?.text ?? '');
      });
      const l = culprit ?? got.props.get('DTSTART')?.[0] ?? uidLine;
      const first = occ.missing[0] !== undefined ? `the matrix has ${shown(occ.missing[0])}` : `the file adds ${shown(occ.extra[0]!)}`;
      push('drift-hours', at(l), `event ${uid}: ${occ.missing.length} of the matrix's ${want.occurrences.length} occurrences in ${WINDOW_YEARS} years are not in the file and ${occ.extra.length} others are (${first}); ${nameOf(l) || 'the event'} differs`);
    }
  }
  for (const [uid, got] of theirs.calendar.events) {
    if (!ours.calendar.events.has(uid) && uid.endsWith('@escalate')) push('drift-missing', at(got.props.get('UID')?.[0] ?? got.begin), `event ${uid} is not in the matrix any more`);
  }
  return { ok: true, diagnostics: out };
}
