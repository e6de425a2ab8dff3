/**
 * The review the guides ask for, over many records: per severity, tier and client, target
 * compliance, time to acknowledge and resolve (median, p90, mean; the unacknowledged and
 * unresolved counted beside them, never dropped), time to escalate per layer, escalation
 * rate, update cadence, client notices and handoff completeness, and every breach with its
 * record. Pure: evaluations in, figures out; each record's figures depend on it alone.
 */
import type { Evaluation, TargetState } from './evaluate.js';
import { TARGET_KINDS, type TargetKindName } from './schema.js';

export interface Judged {
  file: string;
  evaluation: Evaluation;
}

export interface Stats {
  /** Incidents measured. */
  count: number;
  /** Incidents not there yet (unacknowledged, unresolved): counted, not measured. */
  pending: number;
  median?: number;
  p90?: number;
  mean?: number;
}

export interface Tally {
  on_time: number;
  late: number;
  missed: number;
  overdue: number;
  /** Not due yet: not judged. */
  due: number;
  not_needed: number;
  /** on_time / (on_time + late + missed + overdue), 0-1; absent when nothing was judged. */
  compliance?: number;
}

export interface GroupFigures {
  /** `all`, `severity`, `tier` or `client`. */
  by: 'all' | 'severity' | 'tier' | 'client';
  key: string;
  incidents: number;
  open: number;
  compliance: { overall?: number; targets: Partial<Record<TargetKindName, Tally>> };
  time_to_acknowledge: Stats;
  time_to_resolve: Stats;
  time_to_escalate: Record<string, Stats>;
  escalated: number;
  escalation_rate?: number;
  updates: { kept: number; missed: number; rate?: number };
  client_notices: Tally;
  handoff: { required: number; filled: number; complete: number; rate?: number };
}

export interface Breach {
  file: string;
  severity: string;
  tier?: string;
  client?: string;
  kind: TargetKindName | 'update';
  label: string;
  due: Date;
  state: 'late' | 'missed' | 'overdue';
  at?: Date;
  late_minutes: number;
  clock: string;
}

/**
 * What the review keeps of one judged incident: numbers and shared strings, never the record
 * or its judgement (events, steps, plans, contacts). The formats and governance read these
 * fields, named as in `Evaluation`; a report's incidents can be fed to another report.
 */
export interface IncidentFigures {
  start: Date;
  started: boolean;
  asOf: Date;
  severity: string;
  /** The rank of the severity, as planned. */
  rank: number;
  tier?: string;
  client?: string;
  open: boolean;
  acknowledgedAt?: Date;
  resolvedAt?: Date;
  acknowledgeMinutes?: number;
  resolveMinutes?: number;
  /** Each target's state; the objects are shared between incidents. */
  targets: readonly { kind: TargetKindName; state: TargetState }[];
  escalations: Evaluation['escalations'];
  escalated: boolean;
  imported: boolean;
  cadence: { kept: number; missed: number };
  handoff: { required: number; filled: number };
  /** This incident's breaches, by due time. */
  breaches: readonly Breach[];
}

export interface Incident {
  file: string;
  evaluation: IncidentFigures;
}

export interface Report {
  asOf: Date;
  from?: Date;
  to?: Date;
  /** In range, by start time (then file name). */
  incidents: Incident[];
  groups: GroupFigures[];
  breaches: Breach[];
}

const JUDGED: TargetState[] = ['on_time', 'late', 'missed', 'overdue'];
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const rate = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : undefined);

/** Median (mean of the two middle values for an even count), p90 (nearest rank) and mean, to 0.1 min. */
export function stats(values: number[], pending: number): Stats {
  if (values.length === 0) return { count: 0, pending };
  // A typed array sorts numbers natively, in the order (a, b) => a - b gives them.
  const sorted = values.some(Number.isNaN) ? [...values].sort((a, b) => a - b) : Float64Array.from(values).sort();
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  return { count: n, pending, median: round(median, 1), p90: round(p90, 1), mean: round(mean, 1) };
}

const emptyTally = (): Tally => ({ on_time: 0, late: 0, missed: 0, overdue: 0, due: 0, not_needed: 0 });
function closeTally(t: Tally): Tally {
  const judged = t.on_time + t.late + t.missed + t.overdue;
  const compliance = rate(t.on_time, judged);
  return compliance === undefined ? t : { ...t, compliance };
}

function figures(by: GroupFigures['by'], key: string, members: readonly Incident[]): GroupFigures {
  const targets: Partial<Record<TargetKindName, Tally>> = {};
  const ack: number[] = [];
  const resolve: number[] = [];
  const layers = new Map<string, number[]>();
  let open = 0;
  let escalated = 0;
  let tracked = 0;
  const updates = { kept: 0, missed: 0 };
  const handoff = { required: 0, filled: 0, complete: 0 };
  for (const { evaluation: e } of members) {
    if (e.open) open++;
    if (e.escalated) escalated++;
    if (!e.imported) tracked++;
    for (const t of e.targets) (targets[t.kind] ??= emptyTally())[t.state]++;
    if (e.acknowledgeMinutes !== undefined) ack.push(e.acknowledgeMinutes);
    if (e.resolveMinutes !== undefined) resolve.push(e.resolveMinutes);
    for (const x of e.escalations) {
      const list = layers.get(x.layer) ?? [];
      list.push(x.minutes);
      layers.set(x.layer, list);
    }
    updates.kept += e.cadence.kept;
    updates.missed += e.cadence.missed;
    handoff.required += e.handoff.required;
    handoff.filled += e.handoff.filled;
    if (e.handoff.required > 0 && e.handoff.filled >= e.handoff.required) handoff.complete++;
  }
  const ordered: Partial<Record<TargetKindName, Tally>> = {};
  let onTime = 0;
  let judged = 0;
  for (const kind of TARGET_KINDS) {
    const t = targets[kind];
    if (!t) continue;
    ordered[kind] = closeTally(t);
    onTime += t.on_time;
    judged += JUDGED.reduce((sum, s) => sum + (t[s as keyof Tally] as number), 0);
  }
  const overall = rate(onTime, judged);
  const n = members.length;
  // Imported tickets do not say whether they were escalated: the rate is over tracked incidents.
  const escalationRate = rate(escalated, tracked);
  const updateRate = rate(updates.kept, updates.kept + updates.missed);
  const handoffRate = rate(handoff.filled, handoff.required);
  return {
    by,
    key,
    incidents: n,
    open,
    compliance: { ...(overall !== undefined ? { overall } : {}), targets: ordered },
    time_to_acknowledge: stats(ack, n - ack.length),
    time_to_resolve: stats(resolve, n - resolve.length),
    time_to_escalate: Object.fromEntries([...layers].sort(([a], [b]) => layerOrder(a) - layerOrder(b)).map(([layer, values]) => [layer, stats(values, 0)])),
    escalated,
    ...(escalationRate !== undefined ? { escalation_rate: escalationRate } : {}),
    updates: { ...updates, ...(updateRate !== undefined ? { rate: updateRate } : {}) },
    client_notices: ordered.notify_client ?? emptyTally(),
    handoff: { ...handoff, ...(handoffRate !== undefined ? { rate: handoffRate } : {}) },
  };
}

const LAYER_ORDER = ['operational', 'management', 'client', 'executive', 'unlayered'];
const layerOrder = (layer: string) => LAYER_ORDER.indexOf(layer);

/** Whether an incident is in the review: started in [from, to) and, by `asOf`, at all. */
export function inRange(e: Pick<Evaluation, 'start' | 'started'>, from?: Date, to?: Date): boolean {
  return e.started && (!from || e.start.getTime() >= from.getTime()) && (!to || e.start.getTime() < to.getTime());
}

/**
 * The review, built one judged incident at a time: `add` keeps only the incident's figures
 * (numbers and shared strings: no record, event, step or plan), `finish` picks those that
 * started in [from, to), orders them and groups them. Memory grows by a few hundred bytes an
 * incident, whatever its record holds; the judgement passed to `add` is never kept, so the
 * caller may drop (or reuse) it at once. Incidents of a finished report may be added again.
 */
export class ReportAccumulator {
  private readonly rows: KeptIncident[] = [];
  constructor(readonly asOf: Date) {}

  /** One judged incident (a judgement, or an incident of another report). */
  add(judged: Judged | Incident): void {
    const e = judged.evaluation;
    if (!e.started) return; // judged before it started: in no range
    this.rows.push(e instanceof KeptIncident && e.file === judged.file ? e : new KeptIncident(judged.file, e as Evaluation));
  }

  /** How many incidents are held (all that started by `asOf`). */
  get size(): number {
    return this.rows.length;
  }

  /** Incidents that started in [from, to) and by `asOf`, judged as of `asOf`, grouped. */
  finish(range: { from?: Date; to?: Date } = {}): Report {
    const { from, to } = range;
    const asOf = this.asOf;
    const lo = from ? from.getTime() : -Infinity;
    const hi = to ? to.getTime() : Infinity;
    const incidents: Incident[] = this.rows
      .filter((r) => r.startMs >= lo && r.startMs < hi)
      .sort((a, b) => a.startMs - b.startMs || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const groups: GroupFigures[] = [figures('all', 'all', incidents)];
    const keyed = (by: 'severity' | 'tier' | 'client', key: (e: IncidentFigures) => string | undefined, order: (a: string, b: string) => number) => {
      const map = new Map<string, Incident[]>();
      for (const j of incidents) {
        const k = key(j.evaluation);
        if (k === undefined) continue;
        const list = map.get(k);
        if (list) list.push(j);
        else map.set(k, [j]);
      }
      for (const k of [...map.keys()].sort(order)) groups.push(figures(by, k, map.get(k)!));
    };
    const rank = new Map<string, number>();
    for (const { evaluation: e } of incidents) if (!rank.has(e.severity)) rank.set(e.severity, e.rank);
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    keyed('severity', (e) => e.severity, (a, b) => rank.get(a)! - rank.get(b)! || byName(a, b));
    keyed('tier', (e) => e.tier, byName);
    keyed('client', (e) => e.client, byName);
    const breaches: Breach[] = [];
    for (const { evaluation: e } of incidents) for (const b of e.breaches) breaches.push(b);
    return { asOf, ...(from ? { from } : {}), ...(to ? { to } : {}), incidents, groups, breaches };
  }
}

/** Incidents that started in [from, to) and by `asOf`, judged as of `asOf`, grouped: each judgement read once, in turn. */
export function buildReport(all: Iterable<Judged | Incident>, options: { asOf: Date; from?: Date; to?: Date }): Report {
  const acc = new ReportAccumulator(options.asOf);
  for (const j of all) acc.add(j);
  return acc.finish(options);
}

/** One shared `{ kind, state }` per pair, and one shared list per combination: a hundred thousand incidents hold pointers, not copies. */
const MARKS = new Map<string, { kind: TargetKindName; state: TargetState }>();
const MARK_LISTS = new Map<string, readonly { kind: TargetKindName; state: TargetState }[]>();
function marksOf(targets: Evaluation['targets']): readonly { kind: TargetKindName; state: TargetState }[] {
  let key = '';
  for (const t of targets) key += `${t.kind} ${t.state},`;
  let list = MARK_LISTS.get(key);
  if (!list) {
    list = Object.freeze(
      targets.map((t) => {
        const k = `${t.kind} ${t.state}`;
        let mark = MARKS.get(k);
        if (!mark) MARKS.set(k, (mark = Object.freeze({ kind: t.kind, state: t.state })));
        return mark;
      }),
    );
    if (MARK_LISTS.size < 10_000) MARK_LISTS.set(key, list);
  }
  return list;
}
const NONE: readonly never[] = Object.freeze([]);
/**
 * One copy of each id (severity, tier, client, clock): every record read brings its own copy
 * of the same few strings, and a hundred thousand incidents would keep them all.
 */
const TEXTS = new Map<string, string>();
function shared<T extends string | undefined>(text: T): T {
  if (text === undefined) return text;
  const known = TEXTS.get(text);
  if (known !== undefined) return known as T;
  if (TEXTS.size < 100_000 && text.length <= 200) TEXTS.set(text, text);
  return text;
}
const dateOf = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

/**
 * An incident as the review keeps it: one object of numbers and shared strings (its times
 * as epoch milliseconds, made Dates when read), which is both the incident (`file`,
 * `evaluation`) and its figures.
 */
class KeptIncident implements Incident, IncidentFigures {
  readonly startMs: number;
  readonly asOf: Date;
  readonly severity: string;
  readonly rank: number;
  readonly tier: string | undefined;
  readonly client: string | undefined;
  readonly open: boolean;
  readonly ackMs: number | undefined;
  readonly resolvedMs: number | undefined;
  readonly acknowledgeMinutes: number | undefined;
  readonly resolveMinutes: number | undefined;
  readonly targets: readonly { kind: TargetKindName; state: TargetState }[];
  readonly escalations: Evaluation['escalations'];
  readonly escalated: boolean;
  readonly imported: boolean;
  readonly kept: number;
  readonly missed: number;
  readonly required: number;
  readonly filled: number;
  readonly breaches: readonly Breach[];

  constructor(
    readonly file: string,
    e: Evaluation,
  ) {
    this.startMs = e.start.getTime();
    this.asOf = e.asOf;
    this.severity = shared(e.severity);
    this.rank = e.plan.severity.rank;
    this.tier = shared(e.tier);
    this.client = shared(e.client);
    this.open = e.open;
    this.ackMs = e.acknowledgedAt?.getTime();
    this.resolvedMs = e.resolvedAt?.getTime();
    this.acknowledgeMinutes = e.acknowledgeMinutes;
    this.resolveMinutes = e.resolveMinutes;
    this.targets = marksOf(e.targets);
    this.escalations = e.escalations.length === 0 ? (NONE as unknown as Evaluation['escalations']) : e.escalations.map((x) => ({ layer: shared(x.layer), at: x.at, minutes: x.minutes }));
    this.escalated = e.escalated;
    this.imported = e.imported;
    this.kept = e.cadence.kept;
    this.missed = e.cadence.missed;
    this.required = e.handoff.required;
    this.filled = e.handoff.filled;
    const breaches = breachesOf(this, e);
    // An exact-length copy: a list grown by push keeps room for seventeen.
    this.breaches = breaches.length === 0 ? NONE : breaches.slice();
  }

  get evaluation(): IncidentFigures {
    return this;
  }
  get started(): boolean {
    return true;
  }
  get start(): Date {
    return new Date(this.startMs);
  }
  get acknowledgedAt(): Date | undefined {
    return dateOf(this.ackMs);
  }
  get resolvedAt(): Date | undefined {
    return dateOf(this.resolvedMs);
  }
  get cadence(): { kept: number; missed: number } {
    return { kept: this.kept, missed: this.missed };
  }
  get handoff(): { required: number; filled: number } {
    return { required: this.required, filled: this.filled };
  }
}

/** A breach as the review keeps it: its times as epoch milliseconds, made Dates when read. */
class KeptBreach implements Breach {
  readonly kind: Breach['kind'];
  readonly label: string;
  readonly dueMs: number;
  readonly state: Breach['state'];
  readonly atMs: number | undefined;
  readonly late_minutes: number;
  readonly clock: string;
  constructor(
    /** The incident: its file, severity, tier and client are the breach's. */
    readonly of: KeptIncident,
    kind: Breach['kind'],
    label: string,
    due: Date,
    state: Breach['state'],
    at: Date | undefined,
    late: number,
    clock: string,
  ) {
    this.kind = kind;
    this.label = label;
    this.dueMs = due.getTime();
    this.state = state;
    this.atMs = at?.getTime();
    this.late_minutes = late;
    this.clock = shared(clock);
  }
  get file(): string {
    return this.of.file;
  }
  get severity(): string {
    return this.of.severity;
  }
  get tier(): string | undefined {
    return this.of.tier;
  }
  get client(): string | undefined {
    return this.of.client;
  }
  get due(): Date {
    return new Date(this.dueMs);
  }
  get at(): Date | undefined {
    return dateOf(this.atMs);
  }
}

function breachesOf(of: KeptIncident, e: Evaluation): KeptBreach[] {
  const out: KeptBreach[] = [];
  for (const t of e.targets) {
    if (t.state !== 'late' && t.state !== 'missed' && t.state !== 'overdue') continue;
    out.push(new KeptBreach(of, t.kind, t.label, t.due, t.state, t.doneAt, t.lateMinutes ?? 0, t.clock));
  }
  if (e.cadence.missed > 0) {
    const next = e.cadence.next;
    const label = shared(`Status updates (${e.cadence.missed} missed, every ${e.cadence.every})`);
    out.push(new KeptBreach(of, 'update', label, next?.overdue ? next.due : e.start, next?.overdue ? 'overdue' : 'missed', undefined, next?.lateMinutes ?? 0, e.plan.clock.id));
  }
  return out.length > 1 ? out.sort((a, b) => a.dueMs - b.dueMs) : out;
}
