/**
 * The simulation against a second implementation written from the documented definitions
 * on the Temporal polyfill (its own zone data path, calendar arithmetic and wall-clock rule):
 * for every example, every severity and its tier's calendars, every hour of a year (all of
 * 2027, with its daylight-saving changes and holidays, plus the Christmas week of 2026),
 * the calendar state at the start, when acknowledgement is due and when each escalation
 * step pages; at fast-check-chosen hours of that year, every deadline. Under both offset
 * sources (Intl, and the host clock the CLI uses); .ci/run repeats it under several TZ.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import type { Matrix, Severity, Targets } from '../../src/matrix/schema.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { Simulation } from '../../src/simulate/result-schema.js';
import { agreeOn, agreeOnList } from '../helpers/agree.js';
import { underBothClocks } from '../helpers/clocks.js';
import { runs, share } from '../helpers/runs.js';
import { loadExample } from '../triage/load-example.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY_OF_HOURS = 24;
const FROM = Date.parse('2026-12-20T00:00:00Z');
const TO = Date.parse('2028-01-01T00:00:00Z');
const SEED = Number(process.env.FUZZ_SEED ?? 20261225);

// ---- The oracle: Temporal only, from the documented definitions --------------------------

interface OracleCalendar {
  key: string; // everything below, for the memos
  zone: string;
  days: number[]; // 1 = Monday … 7 = Sunday
  open: number;
  close: number;
  holidays: Set<string>;
}

const inZone = (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);

/**
 * The oracle's answers are memoised by their inputs: the year is scanned for every severity,
 * contract and offset source, and the same days, windows and deadlines recur. A memo returns
 * what the first computation gave, so the oracle stays the one below.
 */
function memo<A extends unknown[], R>(key: (...args: A) => string, fn: (...args: A) => R): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    if (known.has(k)) return known.get(k)!;
    const value = fn(...args);
    known.set(k, value);
    return value;
  };
}

/**
 * The same for answers at the scanned hours (FROM + i hours, see `hours` below), which make
 * most of the calls: kept by the hour's index in a table per calendar and question, instead
 * of under a string made for each call in maps that grew to hundreds of thousands of entries.
 * Answers at other instants are worked out every time.
 */
const HOURS = (TO - FROM) / HOUR;
const hourOf = (ms: number) => {
  const i = (ms - FROM) / HOUR;
  return Number.isInteger(i) && i >= 0 && i < HOURS ? i : -1;
};
function hourTable(tables: Map<string, Float64Array>, key: string): Float64Array {
  let table = tables.get(key);
  if (!table) tables.set(key, (table = new Float64Array(HOURS).fill(Number.NaN)));
  return table;
}

/** A wall-clock time as an instant: the jump for a skipped time, the earlier of a repeated one. */
const instantOf = memo((zone: string, wall: Temporal.PlainDateTime) => `${zone} ${wall.toString()}`, instantOfUncached);
function instantOfUncached(zone: string, wall: Temporal.PlainDateTime): number {
  const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), wall) === 0) return earlier.epochMilliseconds;
  return earlier.getTimeZoneTransition('next')!.epochMilliseconds;
}

const wallAt = (date: Temporal.PlainDate, minutes: number) =>
  minutes === 1440 ? date.add({ days: 1 }).toPlainDateTime() : date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });

/** The working window of a date, or none on a day off or a holiday. */
function windowOn(cal: OracleCalendar, date: Temporal.PlainDate): [number, number] | undefined {
  if (!cal.days.includes(date.dayOfWeek) || cal.holidays.has(date.toString())) return undefined;
  return [instantOf(cal.zone, wallAt(date, cal.open)), instantOf(cal.zone, wallAt(date, cal.close))];
}

/**
 * A zone's local dates in order, from two days before the scanned year on and as far on as
 * asked, each with the instant its day starts (its midnight, by the rule above). The day that
 * holds an instant is the last to start at or before it, found by a search among these
 * starts, and a walk over days steps through them: Temporal makes each date once, not again
 * for every hour.
 */
interface ZoneDays {
  dates: Temporal.PlainDate[];
  starts: number[];
}
const zoneDays = new Map<string, ZoneDays>();
function daysOf(zone: string): ZoneDays {
  let days = zoneDays.get(zone);
  if (!days) {
    const first = inZone(FROM, zone).toPlainDate().subtract({ days: 2 });
    zoneDays.set(zone, (days = { dates: [first], starts: [instantOf(zone, first.toPlainDateTime())] }));
  }
  return days;
}
/** The zone's i-th date, adding dates up to it. */
function dayAt(zone: string, i: number): Temporal.PlainDate {
  const days = daysOf(zone);
  while (days.dates.length <= i) {
    const next = days.dates.at(-1)!.add({ days: 1 });
    days.dates.push(next);
    days.starts.push(instantOf(zone, next.toPlainDateTime()));
  }
  return days.dates[i]!;
}
/** The index among the zone's dates of the one whose day holds the instant. */
function dayIndex(zone: string, ms: number): number {
  const days = daysOf(zone);
  if (ms < days.starts[0]!) throw new Error(`the oracle's days in ${zone} start on ${days.dates[0]!.toString()}`);
  while (days.starts.at(-1)! <= ms) dayAt(zone, days.dates.length);
  // starts[lo] <= ms < starts[hi]
  let lo = 0;
  let hi = days.starts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (days.starts[mid]! <= ms) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The working window of the zone's i-th date, kept by calendar and index. */
const windows = new Map<string, ([number, number] | null)[]>();
function windowAt(cal: OracleCalendar, i: number): [number, number] | undefined {
  let known = windows.get(cal.key);
  if (!known) windows.set(cal.key, (known = []));
  let window = known[i];
  if (window === undefined) known[i] = window = windowOn(cal, dayAt(cal.zone, i)) ?? null;
  return window ?? undefined;
}

const workingTables = new Map<string, Float64Array>();
function addWorking(cal: OracleCalendar, start: number, minutes: number): number {
  const i = hourOf(start);
  if (i < 0) return addWorkingUncached(cal, start, minutes);
  const table = hourTable(workingTables, `${cal.key} ${minutes}`);
  const known = table[i]!;
  return Number.isNaN(known) ? (table[i] = addWorkingUncached(cal, start, minutes)) : known;
}
function addWorkingUncached(cal: OracleCalendar, start: number, minutes: number): number {
  let remaining = minutes * MINUTE;
  if (remaining <= 0) return start;
  for (let day = dayIndex(cal.zone, start); ; day++) {
    const window = windowAt(cal, day);
    if (!window) continue;
    const open = Math.max(start, window[0]);
    if (open >= window[1]) continue;
    if (remaining <= window[1] - open) return open + remaining;
    remaining -= window[1] - open;
  }
}

/** A duration's weeks, days, hours and minutes, read once per text. */
const durationParts = memo(
  (text: string) => text,
  (text: string) => {
    const m = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text)!;
    return m.slice(1).map((p) => Number(p ?? 0)) as [number, number, number, number];
  },
);

/** Durations as the format documents them: on a calendar a day is a working day, a week its working days. */
function due(cal: OracleCalendar | undefined, start: number, text: string): number {
  const [w, d, h, min] = durationParts(text);
  if (!cal) return start + (((w * 7 + d) * 24 + h) * 60 + min) * MINUTE;
  return addWorking(cal, start, (w * cal.days.length + d) * (cal.close - cal.open) + h * 60 + min);
}

const STATES: Simulation['calendar']['state'][] = ['open', 'holiday', 'closed-day', 'before-opening', 'after-closing'];
const stateTables = new Map<string, Float64Array>();
function stateOf(cal: OracleCalendar | undefined, ms: number): Simulation['calendar']['state'] {
  const i = cal ? hourOf(ms) : -1;
  if (i < 0) return stateOfUncached(cal, ms);
  const table = hourTable(stateTables, cal!.key);
  if (Number.isNaN(table[i]!)) table[i] = STATES.indexOf(stateOfUncached(cal, ms));
  return STATES[table[i]!]!;
}
function stateOfUncached(cal: OracleCalendar | undefined, ms: number): Simulation['calendar']['state'] {
  if (!cal) return 'round-the-clock';
  const window = windowAt(cal, dayIndex(cal.zone, ms));
  if (window && ms >= window[0] && ms < window[1]) return 'open';
  const local = inZone(ms, cal.zone);
  const day = local.toPlainDate();
  if (cal.days.includes(day.dayOfWeek) && cal.holidays.has(day.toString())) return 'holiday';
  if (!cal.days.includes(day.dayOfWeek)) return 'closed-day';
  return local.hour * 60 + local.minute < cal.open ? 'before-opening' : 'after-closing';
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const hhmm = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Calendars by matrix and id, each keyed by a short number standing for its definition (the memos' keys stay short). */
const calendars = new WeakMap<Matrix, Map<string | undefined, OracleCalendar | undefined>>();
const definitions = new Map<string, string>();
function oracleCalendar(matrix: Matrix, id: string | undefined): OracleCalendar | undefined {
  let known = calendars.get(matrix);
  if (!known) calendars.set(matrix, (known = new Map()));
  if (!known.has(id)) known.set(id, oracleCalendarUncached(matrix, id));
  return known.get(id);
}
function oracleCalendarUncached(matrix: Matrix, id: string | undefined): OracleCalendar | undefined {
  const def = id !== undefined && id !== '24x7' ? matrix.calendars?.[id] : undefined;
  if (!def) return undefined;
  const zone = def.timezone ?? matrix.timezone;
  const days = def.days.map((d) => DAYS.indexOf(d) + 1);
  const [open, close] = [hhmm(def.hours.slice(0, 5)), hhmm(def.hours.slice(6))];
  const holidays = [...(def.holidays ?? [])].sort();
  const definition = JSON.stringify([zone, days, open, close, holidays]);
  if (!definitions.has(definition)) definitions.set(definition, `c${definitions.size}`);
  return { key: definitions.get(definition)!, zone, days, open, close, holidays: new Set(holidays) };
}

/** A matrix time as an instant: a date alone is its midnight; as `until` the next midnight. */
const exceptionBound = memo((matrix: Matrix, text: string, until: boolean) => `${until} ${matrix.timezone} ${text}`, exceptionBoundUncached);
function exceptionBoundUncached(matrix: Matrix, text: string, until: boolean): number {
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(text)) return Date.parse(text);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const wall = dateOnly ? Temporal.PlainDate.from(text).add({ days: until ? 1 : 0 }).toPlainDateTime() : Temporal.PlainDateTime.from(text);
  return instantOf(matrix.timezone, wall);
}

interface Contract {
  targets: Targets;
  cal: OracleCalendar | undefined;
  pulledIn: boolean;
}

/**
 * What a severity runs on under a tier (no client), read from the matrix as documented:
 * targets, calendar, roles pulled in. The tier's part and the exceptions' windows are read
 * once; the answer for a start is the tier's, with the exceptions in force then applied in order.
 */
function contractOf(matrix: Matrix, severity: Severity, tier: string | undefined): (start: number) => Contract {
  const t = tier !== undefined ? matrix.tiers?.[tier] : undefined;
  const base: Contract = {
    targets: { ...severity.targets, ...(t?.targets?.[severity.id] ?? {}) },
    cal: oracleCalendar(matrix, t?.calendar ?? severity.calendar),
    pulledIn: (t?.notify ?? []).length > 0,
  };
  const exceptions = (matrix.exceptions ?? [])
    .filter((e) => e.clients === undefined && (!e.severities || e.severities.includes(severity.id)))
    .map((e) => ({ from: exceptionBound(matrix, e.from, false), until: exceptionBound(matrix, e.until, true), targets: e.targets?.[severity.id] ?? {}, pullsIn: (e.notify ?? []).length > 0 }));
  return (start) => {
    let contract = base;
    for (const e of exceptions) {
      if (start < e.from || start >= e.until) continue;
      if (contract === base) contract = { ...base, targets: { ...base.targets } };
      Object.assign(contract.targets, e.targets);
      if (e.pullsIn) contract.pulledIn = true;
    }
    return contract;
  };
}

// ---- The comparison ------------------------------------------------------------------------

const hours: Date[] = [];
for (let t = FROM; t < TO; t += HOUR) hours.push(new Date(t));

/** Contracts to try: none, and each tier (tiers may switch the calendar). */
const contractsOf = (matrix: Matrix) => [undefined, ...Object.keys(matrix.tiers ?? {})];

/**
 * The comparison for one example (one test file per example, so they run side by side): every
 * hour of the year on each contract, then deadlines at hours fast-check picks. A zone pass
 * (test/helpers/runs.ts) scans its share of the hours and makes a fifth of the runs.
 */
export function oracleSuite(name: string): void {
  const scanned = share(hours);
  underBothClocks(() => {
    const matrix = loadExample(name);
    describe(name, () => {
      for (const tier of contractsOf(matrix)) {
        it(`every hour of a year${tier ? ` on tier ${tier}` : ''}: calendar state, acknowledgement and each page agree with the oracle`, () => {
          const outcomes = matrix.severities.map((severity) => ({ severity, owner: severity.owner }));
          const contracts = matrix.severities.map((severity) => contractOf(matrix, severity, tier));
          let compared = 0;
          let simulated = 0;
          // A day of hours at a time: the same comparisons, without holding a year of results.
          for (let first = 0; first < scanned.length; first += DAY_OF_HOURS) {
            const hoursOfDay = scanned.slice(first, first + DAY_OF_HOURS);
            const result = simulate(matrix, { outcomes, instants: hoursOfDay, ...(tier ? { tier } : {}) });
            if (!result.ok) throw new Error(result.reason);
            // Not `expect(result.instants).toHaveLength(…)`: what is given to vitest's `expect` is
            // kept after the call, so each day of results outlived the collector's young
            // generation and was copied out of it (msp's scans: ~2.4 s of collection, ~1 s without).
            agreeOn(result.instants.length, hoursOfDay.length, 'instants simulated');
            simulated += result.instants.length;
            result.instants.forEach((instant, i) => {
              const start = hoursOfDay[i]!.getTime();
              agreeOn(Date.parse(instant.at), start, 'instant');
              instant.severities.forEach((sim, s) => {
                const severity = matrix.severities[s]!;
                const { targets, cal, pulledIn } = contracts[s]!(start);
                const where = `${severity.id} at ${instant.at}`;
                agreeOn(sim.calendar.state, stateOf(cal, start), where);
                if (targets.acknowledge) {
                  agreeOn(Date.parse(sim.deadlines.find((d) => d.kind === 'acknowledge')!.at), due(cal, start, targets.acknowledge), where);
                  compared++;
                }
                const steps = (severity.escalation ?? []).map((step) => due(cal, start, step.after)).sort((a, b) => a - b);
                // Roles a tier or exception adds are pulled in at the start: a step there is made when the path has none.
                if (pulledIn && steps[0] !== start) steps.unshift(start);
                agreeOnList(sim.paged.map((p) => Date.parse(p.at)), steps, where);
                agreeOn(sim.first_paged?.at, sim.paged[0]?.at, where);
              });
            });
          }
          expect(simulated).toBe(scanned.length);
          expect(compared).toBeGreaterThan(scanned.length);
        }, 600_000);
      }

      it('every deadline at hours fast-check picks in the year, on each contract', () => {
        fc.assert(
          fc.property(fc.integer({ min: 0, max: hours.length - 1 }), fc.constantFrom(...contractsOf(matrix)), (index, tier) => {
            const start = hours[index]!;
            const outcomes = matrix.severities.map((severity) => ({ severity, owner: severity.owner }));
            const result = simulate(matrix, { outcomes, instants: [start], ...(tier ? { tier } : {}) });
            if (!result.ok) throw new Error(result.reason);
            result.instants[0]!.severities.forEach((sim, s) => {
              const severity = matrix.severities[s]!;
              const { targets, cal } = contractOf(matrix, severity, tier)(start.getTime());
              for (const d of sim.deadlines) {
                const target = d.kind === 'next_update' ? targets.update_every! : targets[d.kind]!;
                agreeOn(Date.parse(d.at), due(cal, start.getTime(), target), `${severity.id} ${d.kind} from ${start.toISOString()}`);
              }
              const kinds = sim.deadlines.map((d) => d.kind).filter((k) => k !== 'next_update');
              agreeOnList(kinds.sort(), Object.keys(targets).filter((k) => k !== 'update_every').sort(), `${severity.id} from ${start.toISOString()}`);
            });
          }),
          { numRuns: runs(150), seed: SEED },
        );
      }, 600_000);
    });
  });
}
