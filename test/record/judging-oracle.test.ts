/**
 * Judging against an independent second computation, written from the rules in
 * docs/records.md (not from src/record/evaluate.ts): its own working-time clock on the
 * Temporal polyfill, its own reading of targets, steps, the update cadence and escalations.
 * fast-check draws records over daylight-saving changes, holidays and weekends, with severity
 * changes, late, early, missing and same-minute events, and judging moments before the start,
 * at boundaries and long after. Seeded; FUZZ_RUNS raises the count.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { buildReport } from '../../src/record/report.js';
import { snapshotOf } from '../../src/record/snapshot.js';
import type { IncidentRecord, PlanSnapshot, RecordEvent } from '../../src/record/schema.js';
import { formatInstant } from '../../src/time/instant.js';
import { runs } from '../helpers/runs.js';
import { makeRecord } from './make-record.js';

const RUNS = runs(150); // a fifth in a zone pass, FUZZ_RUNS for a deep run (test/helpers/runs.ts)
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const MIN = 60_000;
/** A guard against a hang on a busy machine, growing with the cases asked for. */
const TIMEOUT = Math.max(120_000, RUNS * 1_000);
const ms = (iso: string) => Date.parse(iso);

// ---------------------------------------------------------------------------------------
// The oracle. Clock minutes: elapsed whole minutes round the clock; on a calendar, whole
// minutes of the overlap with each working day's opening-to-closing window in the calendar's
// zone (holidays and days not listed have none).
const DAY_NUMBERS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
type OracleClock = { kind: 'elapsed' } | { kind: 'working'; key: string; zone: string; days: number[]; open: string; close: string; holidays: string[] };

function oracleClock(clock: PlanSnapshot['clock'], matrixZone: string): OracleClock {
  if (!clock.days || !clock.hours) return { kind: 'elapsed' };
  const [open, close] = clock.hours.split('-') as [string, string];
  const c = { zone: clock.timezone ?? matrixZone, days: clock.days.map((d) => DAY_NUMBERS[d]!), open, close, holidays: clock.holidays ?? [] };
  return { kind: 'working', key: JSON.stringify(c), ...c };
}

/**
 * Each working day's window, memoised by the clock's definition and the day: the same days
 * recur across the cases and their many spans, and each is worked out in Temporal once.
 */
const EPOCH = Temporal.PlainDate.from('1970-01-01');
const dayNumber = (d: Temporal.PlainDate) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
const dayWindows = new Map<string, [number, number] | null>();
function dayWindow(c: Extract<OracleClock, { kind: 'working' }>, day: number): [number, number] | null {
  const key = `${c.key} ${day}`;
  let known = dayWindows.get(key);
  if (known === undefined) {
    const date = EPOCH.add({ days: day });
    const wall = (hhmm: string) => date.toPlainDateTime(Temporal.PlainTime.from(hhmm)).toZonedDateTime(c.zone).epochMilliseconds;
    known = !c.days.includes(date.dayOfWeek) || c.holidays.includes(date.toString()) ? null : [wall(c.open), wall(c.close)];
    dayWindows.set(key, known);
  }
  return known;
}

/** The working windows of every local day from the day before `from` to the day after `to`. */
function windows(c: Extract<OracleClock, { kind: 'working' }>, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const first = dayNumber(Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(c.zone).toPlainDate()) - 1;
  const last = dayNumber(Temporal.Instant.fromEpochMilliseconds(to).toZonedDateTimeISO(c.zone).toPlainDate()) + 1;
  for (let day = first; day <= last; day++) {
    const window = dayWindow(c, day);
    if (window) out.push(window);
  }
  return out;
}

function clockMinutes(c: OracleClock, from: number, to: number): number {
  if (to <= from) return 0;
  if (c.kind === 'elapsed') return Math.floor((to - from) / MIN);
  let total = 0;
  for (const [open, close] of windows(c, from, to)) total += Math.max(0, Math.min(to, close) - Math.max(from, open));
  return Math.floor(total / MIN);
}

function addMinutes(c: OracleClock, from: number, minutes: number): number {
  if (c.kind === 'elapsed') return from + minutes * MIN;
  let left = minutes * MIN;
  for (let span = 14; ; span *= 4) {
    left = minutes * MIN;
    for (const [open, close] of windows(c, from, from + span * 86_400_000)) {
      const a = Math.max(open, from);
      if (close <= a) continue;
      if (left <= close - a) return a + left;
      left -= close - a;
    }
  }
}

/** The boundary rule: late once a whole minute of the clock's time has passed since it fell due. */
const late = (c: OracleClock, due: number, at: number) => {
  const m = clockMinutes(c, due, at);
  return m >= 1 ? m : undefined;
};

interface OracleResult {
  started: boolean;
  open: boolean;
  overdue: boolean;
  escalated: boolean;
  targets: Record<string, { state: string; due: number; lateMinutes?: number }>;
  steps: { state: string; lateMinutes?: number }[];
  cadence: { kept: number; missed: number; nextOverdue?: boolean };
}

function oracle(record: IncidentRecord, asOf: number): OracleResult {
  const start = ms(record.started_at);
  const zone = record.matrix.timezone;
  if (asOf < start) return { started: false, open: true, overdue: false, escalated: false, targets: {}, steps: [], cadence: { kept: 0, missed: 0 } };
  const events = (record.events ?? []).map((e, i) => ({ e, i })).filter(({ e }) => ms(e.at) <= asOf).sort((a, b) => ms(a.e.at) - ms(b.e.at) || a.i - b.i).map(({ e }) => e);
  const plans: { from: number; plan: PlanSnapshot }[] = [{ from: start, plan: snapshotOf(record) }];
  for (const e of events) if (e.type === 'severity_changed') plans.push({ from: ms(e.at), plan: e.plan });
  const inForce = (t: number) => plans.filter((p) => p.from <= t).at(-1)!;
  // An escalation goes past what the card that started the plan pulled in (its steps at 0 minutes).
  const zeroStep = (s: PlanSnapshot['escalation'][number], from: number) => ms(s.at) <= from;
  const escalates = (e: RecordEvent) => {
    if (e.type !== 'escalated') return false;
    const { from, plan } = inForce(ms(e.at));
    if (e.step !== undefined) return !(plan.escalation[e.step - 1] && zeroStep(plan.escalation[e.step - 1]!, from));
    if (e.layer !== undefined) {
      const mine = plan.escalation.filter((s) => s.layer === e.layer);
      return mine.length === 0 || !mine.every((s) => zeroStep(s, from));
    }
    return true;
  };
  const resolved = events.find((e) => e.type === 'resolved');
  const end = resolved ? ms(resolved.at) : asOf;
  const open = !resolved;

  const meets: Record<string, (e: RecordEvent) => boolean> = {
    acknowledge: (e) => e.type === 'acknowledged',
    assign_owner: (e) => e.type === 'owner_assigned',
    notify_client: (e) => e.type === 'client_notified',
    escalate_after: escalates,
    workaround: (e) => e.type === 'workaround' || e.type === 'resolved',
    resolution: (e) => e.type === 'resolved',
    rca: (e) => e.type === 'rca_delivered',
  };
  const targets: OracleResult['targets'] = {};
  let overdue = false;
  for (const [kind, isMet] of Object.entries(meets)) {
    const met = events.find(isMet);
    const until = met ? ms(met.at) : kind === 'rca' ? asOf : end;
    // The plan judged against: the first plan whose deadline fell due while it was in force;
    // failing that, the plan in force at `until` (a target it does not have is not judged).
    let chosen: { at: number; plan: PlanSnapshot } | undefined;
    for (let i = 0; i < plans.length; i++) {
      const next = plans[i + 1]?.from ?? Infinity;
      const d = plans[i]!.plan.deadlines.find((x) => x.kind === kind);
      if (until < next) {
        if (d) chosen = { at: ms(d.at), plan: plans[i]!.plan };
        break;
      }
      if (d && ms(d.at) < next) {
        chosen = { at: ms(d.at), plan: plans[i]!.plan };
        break;
      }
    }
    if (!chosen) continue;
    const c = oracleClock(chosen.plan.clock, zone);
    const due = chosen.at;
    if (met) {
      const l = late(c, due, ms(met.at));
      targets[kind] = l === undefined ? { state: 'on_time', due } : { state: 'late', due, lateMinutes: l };
    } else if (resolved && kind !== 'rca') {
      const l = late(c, due, end);
      targets[kind] = l === undefined ? { state: 'not_needed', due } : { state: 'missed', due, lateMinutes: l };
    } else {
      const l = late(c, due, asOf);
      targets[kind] = l === undefined ? { state: 'due', due } : { state: 'overdue', due, lateMinutes: l };
      if (l !== undefined) overdue = true;
    }
  }

  // Steps: those of the plan in force at the end.
  const current = inForce(end);
  const sc = oracleClock(current.plan.clock, zone);
  const done: (number | undefined)[] = current.plan.escalation.map((s) => (zeroStep(s, current.from) ? current.from : undefined));
  for (const e of events) {
    if (e.type !== 'escalated' || ms(e.at) < current.from) continue;
    const take = (i: number) => {
      if (done[i] === undefined) done[i] = ms(e.at);
    };
    if (e.step !== undefined) {
      if (e.step <= done.length) take(e.step - 1);
    } else if (e.layer !== undefined) current.plan.escalation.forEach((s, i) => s.layer === e.layer && take(i));
    else {
      const i = done.findIndex((d) => d === undefined);
      if (i >= 0) take(i);
    }
  }
  const steps = current.plan.escalation.map((s, i) => {
    const at = ms(s.at);
    if (done[i] !== undefined) {
      const l = late(sc, at, done[i]!);
      return l === undefined ? { state: 'done' } : { state: 'done', lateMinutes: l };
    }
    if (at > end) return { state: open ? 'upcoming' : 'not_needed' };
    if (!open) return { state: 'not_needed' };
    const l = late(sc, at, asOf);
    if (l !== undefined) overdue = true;
    return l === undefined ? { state: 'due' } : { state: 'due', lateMinutes: l };
  });

  // Cadence: due every `update_every` (plan in force) after the start, each update sent and
  // each severity change; an update in time is kept; each due time a whole minute past
  // without one is missed.
  let kept = 0;
  let missed = 0;
  let last = start;
  const every = (t: number) => {
    const p = inForce(t).plan;
    if (!p.update_every) return undefined;
    const c = oracleClock(p.clock, zone);
    const m = /^(\d+)([mhdw])$/.exec(p.update_every)!;
    const n = Number(m[1]);
    const perDay = c.kind === 'elapsed' ? 1440 : (() => {
      const [a, b] = [c.open, c.close].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
      return b! - a!;
    })();
    const step = m[2] === 'm' ? n : m[2] === 'h' ? n * 60 : m[2] === 'd' ? n * perDay : n * (c.kind === 'elapsed' ? 7 : c.days.length) * perDay;
    return { c, step };
  };
  /** Due times after `from` (from + k × step) a whole minute past by `to`. */
  const lapsed = (from: number, to: number) => {
    const e = every(from);
    if (!e) return undefined;
    let k = 0;
    while (late(e.c, addMinutes(e.c, from, (k + 1) * e.step), to) !== undefined) k++;
    return k;
  };
  const anchors = [
    ...events.filter((e) => e.type === 'update_sent').map((e) => ({ t: ms(e.at), update: true })),
    ...plans.slice(1).map((p) => ({ t: p.from, update: false })),
  ]
    .filter((a) => a.t > start && a.t <= end)
    .sort((a, b) => a.t - b.t || Number(b.update) - Number(a.update));
  for (const a of anchors) {
    if (a.update && a.t <= last) continue;
    const n = lapsed(last, a.t);
    if (n !== undefined) {
      missed += n;
      if (a.update && n === 0) kept++;
    }
    last = a.t;
  }
  const tail = lapsed(last, end);
  let nextOverdue: boolean | undefined;
  if (tail !== undefined) {
    missed += tail;
    if (open) {
      nextOverdue = tail > 0;
      if (nextOverdue) overdue = true;
    }
  }
  return {
    started: true,
    open,
    overdue,
    escalated: events.some(escalates),
    targets,
    steps,
    cadence: { kept, missed, ...(nextOverdue !== undefined ? { nextOverdue } : {}) },
  };
}

// ---------------------------------------------------------------------------------------
// Records drawn near the hard edges.
const SETTINGS = [
  { matrix: 'saas-support.yaml', severities: ['sev1', 'sev2', 'sev3', 'sev4'], windows: ['2026-03-27T12:00:00+01:00', '2026-10-23T12:00:00+02:00', '2026-12-22T15:00:00+01:00'] },
  { matrix: 'msp.yaml', severities: ['p1', 'p2', 'p3', 'p4'], windows: ['2026-03-06T12:00:00-05:00', '2026-10-30T12:00:00-04:00', '2026-11-24T15:00:00-05:00'] },
];

const EVENT_KINDS = ['acknowledged', 'owner_assigned', 'client_notified', 'workaround', 'resolved', 'rca_delivered'] as const;
const offset = fc.oneof(fc.integer({ min: 0, max: 240 }), fc.integer({ min: 0, max: 6000 }));
const seconds = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59 }));

const caseArb = fc.record({
  setting: fc.nat({ max: SETTINGS.length - 1 }),
  window: fc.nat({ max: 2 }),
  severity: fc.nat({ max: 3 }),
  startAfter: fc.integer({ min: 0, max: 4 * 1440 }),
  simple: fc.array(fc.record({ kind: fc.constantFrom(...EVENT_KINDS), after: offset, s: seconds }), { maxLength: 5 }),
  updates: fc.array(fc.record({ after: offset, s: seconds }), { maxLength: 6 }),
  escalations: fc.array(fc.record({ after: offset, s: seconds, how: fc.oneof(fc.record({ step: fc.integer({ min: 1, max: 3 }) }), fc.record({ layer: fc.constantFrom('operational', 'management', 'executive') }), fc.constant({})) }), { maxLength: 3 }),
  change: fc.option(fc.record({ after: offset, to: fc.nat({ max: 3 }) }), { nil: undefined }),
  judgeAfter: fc.oneof(fc.integer({ min: -120, max: 600 }), fc.integer({ min: -120, max: 8000 })),
  judgeSeconds: seconds,
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { record: IncidentRecord; asOf: Date } | undefined {
  const setting = SETTINGS[c.setting]!;
  const start = ms(setting.windows[c.window]!) + c.startAfter * MIN;
  const zone = setting.matrix === 'msp.yaml' ? 'America/New_York' : 'Europe/Berlin';
  const at = (after: number, s: number) => formatInstant(new Date(start + after * MIN + s * 1000), zone);
  let record: IncidentRecord;
  try {
    record = makeRecord({ matrix: setting.matrix, severity: setting.severities[c.severity]!, start: new Date(start).toISOString() });
  } catch {
    return undefined;
  }
  const events: RecordEvent[] = [];
  const base = { by: 'x', recorded_at: at(0, 0) };
  for (const e of c.simple) events.push({ type: e.kind, at: at(e.after, e.s), ...base } as RecordEvent);
  for (const u of c.updates) events.push({ type: 'update_sent', at: at(u.after, u.s), ...base });
  for (const e of c.escalations) events.push({ type: 'escalated', at: at(e.after, e.s), ...base, ...e.how } as RecordEvent);
  if (c.change && c.change.to !== c.severity) {
    const when = at(c.change.after, 0);
    try {
      const replanned = makeRecord({ matrix: setting.matrix, severity: setting.severities[c.change.to]!, start: new Date(ms(when)).toISOString() });
      events.push({ type: 'severity_changed', at: when, ...base, to: setting.severities[c.change.to]!, matrix_sha256: 'f'.repeat(64), plan: snapshotOf(replanned) });
    } catch {
      // a severity the matrix cannot plan without a client: no change
    }
  }
  record.events = events;
  return { record, asOf: new Date(start + c.judgeAfter * MIN + c.judgeSeconds * 1000) };
}

let checked = 0;

describe('judging against an independent computation of the documented rules', () => {
  it('every target, step, cadence figure, overdue and escalated agree', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const built = build(c);
        if (!built) return;
        checked++;
        const { record, asOf } = built;
        const got = evaluate(record, asOf);
        const want = oracle(record, asOf.getTime());
        const targets = Object.fromEntries(got.targets.map((t) => [t.kind, { state: t.state, due: t.due.getTime(), ...(t.lateMinutes !== undefined ? { lateMinutes: t.lateMinutes } : {}) }]));
        expect(targets).toEqual(want.targets);
        expect(got.steps.map((s) => ({ state: s.state, ...(s.lateMinutes !== undefined ? { lateMinutes: s.lateMinutes } : {}) }))).toEqual(want.steps);
        expect({ kept: got.cadence.kept, missed: got.cadence.missed, ...(got.cadence.next ? { nextOverdue: got.cadence.next.overdue } : {}) }).toEqual(want.cadence);
        expect({ started: got.started, open: got.open, overdue: got.overdue, escalated: got.escalated }).toEqual({
          started: want.started,
          open: want.open,
          overdue: want.overdue,
          escalated: want.escalated,
        });
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(checked).toBeGreaterThan(RUNS * 0.9); // the cases were records, not skipped
  }, TIMEOUT);

  it('the report\'s compliance and escalation rate are the oracle\'s counts over the same records', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 8 }), (cases) => {
        const built = cases.map(build).filter((b): b is NonNullable<typeof b> => b !== undefined);
        if (built.length === 0) return;
        const asOf = new Date(Math.max(...built.map((b) => b.asOf.getTime())));
        const report = buildReport(built.map((b, i) => ({ file: `${i}.json`, evaluation: evaluate(b.record, asOf) })), { asOf });
        const wants = built.map((b) => oracle(b.record, asOf.getTime())).filter((w) => w.started);
        let onTime = 0;
        let judged = 0;
        for (const w of wants) {
          for (const t of Object.values(w.targets)) {
            if (t.state === 'on_time') onTime++;
            if (['on_time', 'late', 'missed', 'overdue'].includes(t.state)) judged++;
          }
        }
        const all = report.groups[0]!;
        expect(all.incidents).toBe(wants.length);
        expect(all.compliance.overall).toBe(judged > 0 ? Math.round((onTime / judged) * 10_000) / 10_000 : undefined);
        const escalated = wants.filter((w) => w.escalated).length;
        expect(all.escalated).toBe(escalated);
        expect(all.escalation_rate).toBe(wants.length > 0 ? Math.round((escalated / wants.length) * 10_000) / 10_000 : undefined);
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 5)), seed: SEED },
    );
  }, TIMEOUT);
});
