/**
 * Judges one incident record at a moment (`asOf`, injected): each target met on time, late
 * (by how much), overdue, still due, missed (resolved without it) or not needed (resolved
 * before it fell due); each escalation step done, due now or upcoming; the status-update
 * cadence kept or missed. Pure: status and report both read this, nothing else decides.
 *
 * One boundary rule for targets, escalation steps and status updates (`lateBy`): something
 * due at 10:00 is on time when done at 10:00 and is not overdue at 10:00; it is late (or
 * overdue) once a whole minute of its clock's time has passed since it fell due. On a
 * business-hours calendar only working time counts, so a target due at closing time and met
 * before the next opening is on time. A severity change re-plans from its moment: targets,
 * escalation steps and the update cadence; a target is judged against the plan in force when
 * it was met, or, while unmet, the plan in force now. Steps due at a plan's start (after 0
 * minutes) are the roles the triage card (or the re-plan) pulled in: taken at that moment,
 * never "pull in now" later and never counted as an escalation. docs/records.md states the
 * rules with worked examples.
 */
import { addOnClock, clockMinutes, minutesOnClock, type TargetClock } from '../time/clock.js';
import { DEADLINE_LABELS } from '../triage/plan.js';
import type { IncidentRecord, PlanSnapshot, RecordEvent, TargetKindName } from './schema.js';
import { instantMs } from './limits.js';
import { clockOf, snapshotOf } from './snapshot.js';

/** What evaluation reads of a record; a record read leanly for a report has just this. */
export type RecordCore = Pick<IncidentRecord, 'started_at' | 'timezone' | 'matrix' | 'severity' | 'clock' | 'deadlines' | 'escalation' | 'updates' | 'contract' | 'handoff' | 'events' | 'imported'>;

export type TargetState = 'on_time' | 'late' | 'overdue' | 'due' | 'missed' | 'not_needed';

export interface TargetMark {
  kind: TargetKindName;
  label: string;
  /** The duration allowed, as written in the matrix. */
  target: string;
  due: Date;
  state: TargetState;
  /** The event that met it. */
  doneAt?: Date;
  by?: string;
  /** On the target's clock: how late it was met (late), is (overdue) or was at resolution (missed). */
  lateMinutes?: number;
  /** The clock the target runs on (`24x7` or a calendar id). */
  clock: string;
}

export type StepState = 'done' | 'due' | 'upcoming' | 'not_needed';

export interface StepMark {
  /** 1 for the first step. */
  index: number;
  after: string;
  at: Date;
  layer?: PlanSnapshot['escalation'][number]['layer'];
  notify: PlanSnapshot['escalation'][number]['notify'];
  notifyClient: boolean;
  state: StepState;
  doneAt?: Date;
  /** On the clock, how late the escalation came (done) or is (due). */
  lateMinutes?: number;
}

export interface Cadence {
  every?: string;
  /** Updates sent within the cadence. */
  kept: number;
  /** Update times that passed without an update. */
  missed: number;
  /** While the incident is open: the next update, overdue when it has passed. */
  next?: { due: Date; overdue: boolean; lateMinutes?: number };
}

export interface Evaluation {
  start: Date;
  /** False when judged at a moment before the incident started: nothing is judged yet. */
  started: boolean;
  asOf: Date;
  zone: string;
  /** The plan in force now (after any severity change). */
  plan: PlanSnapshot;
  severity: string;
  tier?: string;
  client?: string;
  open: boolean;
  acknowledgedAt?: Date;
  resolvedAt?: Date;
  /** Start to acknowledgement and to resolution, on the clock of the first plan. */
  acknowledgeMinutes?: number;
  resolveMinutes?: number;
  targets: TargetMark[];
  steps: StepMark[];
  /** The first escalation to each layer (or `unlayered`), minutes from the start on the clock. */
  escalations: { layer: string; at: Date; minutes: number }[];
  /** Whether anyone escalated past the steps taken at the start. */
  escalated: boolean;
  /** Made by import from a helpdesk ticket: escalations, updates and handoff are not known. */
  imported: boolean;
  cadence: Cadence;
  handoff: { required: number; filled: number };
  /** Events considered (at or before asOf), in time order. */
  events: RecordEvent[];
  /** Anything overdue now: a target, a status update, or an escalation step not taken. */
  overdue: boolean;
}

/** Which events meet each target. */
const MEETS: Record<TargetKindName, readonly RecordEvent['type'][]> = {
  acknowledge: ['acknowledged'],
  assign_owner: ['owner_assigned'],
  notify_client: ['client_notified'],
  // "Escalate if unresolved": a resolution in time makes it not needed, never met.
  escalate_after: ['escalated'],
  workaround: ['workaround', 'resolved'],
  resolution: ['resolved'],
  rca: ['rca_delivered'],
};

/**
 * A record time as epoch milliseconds, read where it is needed: `instantMs` reads a record
 * instant by its character codes, which costs less than a memo's lookup of the text (a memo
 * of each judging's instants made judging ~5% slower).
 */
const ms = instantMs;

/**
 * The one boundary rule: the whole minutes of the clock's time from `due` to `at` when at
 * least one has passed (late, or overdue when `at` is the judging moment), else undefined
 * (in time: at or before `due`, or within the minute after it).
 */
export function lateBy(clock: TargetClock, due: Date, at: Date): number | undefined {
  if (at.getTime() <= due.getTime()) return undefined;
  const minutes = minutesOnClock(clock, due, at);
  return minutes >= 1 ? minutes : undefined;
}

type Plans = { from: number; plan: PlanSnapshot }[];

/** The plan in force at `t`: the latest whose moment is at or before it. */
function planIn(plans: Plans, t: number): { from: number; plan: PlanSnapshot } {
  let found = plans[0]!;
  for (const p of plans) if (p.from <= t) found = p;
  return found;
}

/** Whether a step falls due at its plan's start (after 0 minutes): the card that started the plan pulled those roles in. */
const atPlanStart = (step: PlanSnapshot['escalation'][number], from: number) => ms(step.at) <= from;

/**
 * Whether an `escalated` event goes past the steps taken at its plan's start, read against
 * the plan in force when it happened: a step number or layer that names only steps due at
 * 0 minutes repeats what the card already did.
 */
function isEscalation(e: RecordEvent, plans: Plans): boolean {
  if (e.type !== 'escalated') return false;
  const { from, plan } = planIn(plans, ms(e.at));
  if (e.step !== undefined) {
    const step = plan.escalation[e.step - 1];
    return step === undefined || !atPlanStart(step, from);
  }
  if (e.layer !== undefined) {
    const layered = plan.escalation.filter((s) => s.layer === e.layer);
    return layered.length === 0 || layered.some((s) => !atPlanStart(s, from));
  }
  return true;
}

/**
 * `steps: false` leaves the escalation steps unjudged (an empty list; `overdue` then reads
 * targets and updates only): the review never reads them, and ten thousand records save the work.
 */
export function evaluate(record: RecordCore, asOf: Date, options: { steps?: boolean } = {}): Evaluation {
  const zone = record.matrix.timezone;
  const start = new Date(ms(record.started_at));
  const base = snapshotOf(record);
  if (asOf.getTime() < start.getTime()) return notStarted(record, base, start, asOf);
  const events = (record.events ?? [])
    .map((e, i) => ({ e, i, t: ms(e.at) }))
    .filter((x) => x.t <= asOf.getTime())
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
  const plans: Plans = [{ from: start.getTime(), plan: base }];
  for (const e of events) if (e.type === 'severity_changed' && ms(e.at) >= start.getTime()) plans.push({ from: ms(e.at), plan: e.plan });
  const counts = (e: RecordEvent) => e.type !== 'escalated' || isEscalation(e, plans);
  const first = (types: readonly RecordEvent['type'][]) => events.find((e) => types.includes(e.type) && counts(e));
  const resolved = first(['resolved']);
  const acknowledged = first(['acknowledged']);
  const resolvedAt = resolved ? new Date(ms(resolved.at)) : undefined;
  const open = resolvedAt === undefined;
  const end = resolvedAt ?? asOf;
  const current = planIn(plans, end.getTime());
  const plan = current.plan;
  const baseClock = clockOf(base.clock, zone);

  const targets: TargetMark[] = [];
  // An imported ticket tells only some targets; the rest are not judged, never counted missed.
  const measured = record.imported?.measured;
  for (const kind of Object.keys(MEETS) as TargetKindName[]) {
    if (measured && !measured.includes(kind)) continue;
    const met = first(MEETS[kind]);
    const governing = governingPlan(plans, kind, met ? ms(met.at) : kind === 'rca' ? asOf.getTime() : end.getTime());
    if (!governing) continue;
    targets.push(judgeTarget(kind, governing, clockOf(governing.plan.clock, zone), met, resolvedAt, asOf));
  }
  targets.sort((a, b) => a.due.getTime() - b.due.getTime());

  // The steps of the plan in force; escalations recorded under an earlier plan were its steps.
  const steps = measured || options.steps === false ? [] : stepMarks(plan, current.from, events.filter((e) => ms(e.at) >= current.from), end, asOf, open, clockOf(plan.clock, zone));
  const escalations: Evaluation['escalations'] = [];
  for (const e of events) {
    if (e.type !== 'escalated' || !isEscalation(e, plans)) continue;
    const layer = e.layer ?? (e.step !== undefined ? planIn(plans, ms(e.at)).plan.escalation[e.step - 1]?.layer : undefined) ?? 'unlayered';
    if (escalations.some((x) => x.layer === layer)) continue;
    const at = new Date(ms(e.at));
    escalations.push({ layer, at, minutes: minutesOnClock(baseClock, start, at) });
  }

  const updates = events.filter((e) => e.type === 'update_sent').map((e) => new Date(ms(e.at)));
  const cadence = measured ? { kept: 0, missed: 0 } : cadenceOf(start, end, open, updates, plans, zone);
  const fields = measured ? [] : record.handoff.fields;
  // Built a key at a time, in this order: a conditional spread between keys makes V8 add every
  // later key the slow way (a report judges every record it reads).
  const evaluation = { start, started: true, asOf, zone: record.timezone, plan, severity: plan.severity.id } as Evaluation;
  if (record.contract.tier) evaluation.tier = record.contract.tier.id;
  if (record.contract.client) evaluation.client = record.contract.client.id;
  evaluation.open = open;
  if (acknowledged) {
    const at = new Date(ms(acknowledged.at));
    evaluation.acknowledgedAt = at;
    evaluation.acknowledgeMinutes = minutesOnClock(baseClock, start, at);
  }
  if (resolvedAt) {
    evaluation.resolvedAt = resolvedAt;
    evaluation.resolveMinutes = minutesOnClock(baseClock, start, resolvedAt);
  }
  evaluation.targets = targets;
  evaluation.steps = steps;
  evaluation.escalations = escalations;
  evaluation.escalated = events.some((e) => isEscalation(e, plans));
  evaluation.imported = measured !== undefined;
  evaluation.cadence = cadence;
  evaluation.handoff = { required: fields.length, filled: fields.filter((f) => f.value !== undefined && f.value.trim() !== '').length };
  evaluation.events = events;
  evaluation.overdue = false; // its place, last; isOverdue reads the keys before it
  evaluation.overdue = isOverdue(evaluation);
  return evaluation;
}

/** Anything overdue now, by the one boundary rule: a target, the next status update, or a step nobody took. */
export function isOverdue(e: Pick<Evaluation, 'targets' | 'cadence' | 'steps'>): boolean {
  return e.targets.some((t) => t.state === 'overdue') || e.cadence.next?.overdue === true || e.steps.some((s) => s.state === 'due' && s.lateMinutes !== undefined);
}

/** A target met by `met`, or missed / not needed at the resolution, or overdue / still due at `asOf`. */
function judgeTarget(
  kind: TargetKindName,
  { deadline }: { plan: PlanSnapshot; deadline: PlanSnapshot['deadlines'][number] },
  clock: TargetClock,
  met: RecordEvent | undefined,
  resolvedAt: Date | undefined,
  asOf: Date,
): TargetMark {
  const due = new Date(ms(deadline.at));
  const mark: TargetMark = { kind, label: DEADLINE_LABELS[kind], target: deadline.target, due, state: 'due', clock: clock.id };
  if (met) {
    const at = new Date(ms(met.at));
    mark.doneAt = at;
    mark.by = met.by;
    const late = lateBy(clock, due, at);
    if (late !== undefined) {
      mark.state = 'late';
      mark.lateMinutes = late;
    } else mark.state = 'on_time';
  } else if (resolvedAt && kind !== 'rca') {
    const late = lateBy(clock, due, resolvedAt);
    if (late !== undefined) {
      mark.state = 'missed';
      mark.lateMinutes = late;
    } else mark.state = 'not_needed';
  } else {
    const late = lateBy(clock, due, asOf);
    if (late !== undefined) {
      mark.state = 'overdue';
      mark.lateMinutes = late;
    }
  }
  return mark;
}

/** Judged before it started: nothing is due, done or overdue yet. */
function notStarted(record: RecordCore, plan: PlanSnapshot, start: Date, asOf: Date): Evaluation {
  return {
    start,
    started: false,
    asOf,
    zone: record.timezone,
    plan,
    severity: plan.severity.id,
    ...(record.contract.tier ? { tier: record.contract.tier.id } : {}),
    ...(record.contract.client ? { client: record.contract.client.id } : {}),
    open: true,
    targets: [],
    steps: [],
    escalations: [],
    escalated: false,
    imported: record.imported !== undefined,
    cadence: { kept: 0, missed: 0 },
    handoff: { required: 0, filled: 0 },
    events: [],
    overdue: false,
  };
}

/**
 * The plan a target is judged against. A severity change re-plans the targets not yet due:
 * a target met, or falling due, while a plan was in force is judged against that plan, so a
 * later change never erases a deadline already missed. A target the new plan does not have,
 * not yet due at the change, is no longer judged. `until` is when it was met (or the end of
 * the judging, while unmet).
 */
function governingPlan(plans: Plans, kind: TargetKindName, until: number): { plan: PlanSnapshot; deadline: PlanSnapshot['deadlines'][number] } | undefined {
  for (let i = 0; i < plans.length; i++) {
    const { plan } = plans[i]!;
    const deadline = plan.deadlines.find((d) => d.kind === kind);
    const next = plans[i + 1]?.from ?? Infinity;
    if (until < next) return deadline ? { plan, deadline } : undefined;
    if (deadline && ms(deadline.at) < next) return { plan, deadline };
  }
  return undefined;
}

/**
 * Which escalation steps were taken: those due at the plan's start by the card that started
 * it; an event naming a step marks it; one naming a layer marks that layer's steps; a bare
 * one marks the earliest step not yet taken.
 */
function stepMarks(plan: PlanSnapshot, from: number, events: RecordEvent[], end: Date, asOf: Date, open: boolean, clock: TargetClock): StepMark[] {
  const marks: StepMark[] = plan.escalation.map((s, i) => {
    const at = new Date(ms(s.at));
    return s.layer
      ? { index: i + 1, after: s.after, at, layer: s.layer, notify: s.notify, notifyClient: s.notify_client, state: 'upcoming' as StepState }
      : { index: i + 1, after: s.after, at, notify: s.notify, notifyClient: s.notify_client, state: 'upcoming' as StepState };
  });
  const take = (mark: StepMark, at: Date) => {
    if (mark.doneAt) return;
    mark.doneAt = at;
    mark.state = 'done';
    const late = lateBy(clock, mark.at, at);
    if (late !== undefined) mark.lateMinutes = late;
  };
  plan.escalation.forEach((s, i) => {
    if (atPlanStart(s, from)) take(marks[i]!, new Date(from));
  });
  for (const e of events) {
    if (e.type !== 'escalated') continue;
    const at = new Date(ms(e.at));
    if (e.step !== undefined) {
      const mark = marks[e.step - 1];
      if (mark) take(mark, at);
    } else if (e.layer !== undefined) {
      for (const mark of marks) if (mark.layer === e.layer) take(mark, at);
    } else {
      const mark = marks.find((m) => !m.doneAt);
      if (mark) take(mark, at);
    }
  }
  for (const mark of marks) {
    if (mark.doneAt) continue;
    if (mark.at.getTime() > end.getTime()) mark.state = open ? 'upcoming' : 'not_needed';
    else if (!open) mark.state = 'not_needed';
    else {
      mark.state = 'due';
      const late = lateBy(clock, mark.at, asOf);
      if (late !== undefined) mark.lateMinutes = late;
    }
  }
  return marks;
}

/**
 * The status-update cadence: every `update_every` on the clock of the plan in force, counted
 * from the start, from each update sent and from each severity change (which re-plans the
 * cadence from its moment). An update sent in time (by the boundary rule) is kept; each
 * update time that passed without one is missed, and an update sent after a lapse counts the
 * lapsed times as missed and is not itself kept; it restarts the cadence. Counted, not
 * walked, so a long silence costs one calendar lookup.
 */
function cadenceOf(start: Date, end: Date, open: boolean, updates: Date[], plans: Plans, zone: string): Cadence {
  let last = start;
  let kept = 0;
  let missed = 0;
  let every: string | undefined;
  const stepOf = (at: Date) => {
    const plan = planIn(plans, at.getTime()).plan;
    if (!plan.update_every) return undefined;
    const clock = clockOf(plan.clock, zone);
    const step = clockMinutes(clock, plan.update_every);
    return step > 0 ? { clock, step, every: plan.update_every } : undefined;
  };
  /** Update times from `from` (exclusive) that were late by `to`: due at from + k × step, late once a minute past. */
  const missedIn = (clock: TargetClock, step: number, from: Date, to: Date) => {
    const m = minutesOnClock(clock, from, to);
    return m >= 1 ? Math.floor((m - 1) / step) : 0;
  };
  const anchors = [
    ...updates.map((at) => ({ at, update: true })),
    ...plans.slice(1).map((p) => ({ at: new Date(p.from), update: false })),
  ]
    .filter(({ at }) => at.getTime() > start.getTime() && at.getTime() <= end.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || Number(b.update) - Number(a.update));
  for (const { at, update } of anchors) {
    if (update && at.getTime() <= last.getTime()) continue;
    const cadence = stepOf(last);
    if (cadence) {
      every = cadence.every;
      const n = missedIn(cadence.clock, cadence.step, last, at);
      missed += n;
      if (update && n === 0) kept++;
    }
    last = at;
  }
  const cadence = stepOf(last);
  if (!cadence) return every ? { every, kept, missed } : { kept, missed };
  const n = missedIn(cadence.clock, cadence.step, last, end);
  missed += n;
  if (!open) return { every: cadence.every, kept, missed };
  const due = addOnClock(cadence.clock, last, cadence.step);
  return {
    every: cadence.every,
    kept,
    missed,
    next: n > 0 ? { due, overdue: true, lateMinutes: minutesOnClock(cadence.clock, due, end) } : { due, overdue: false },
  };
}
