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
export function stats(values: readonly number[] | Float64Array, pending: number): Stats {
  if (values.length === 0) return { count: 0, pending };
  // A typed array sorts numbers natively, in the order (a, b) => a - b gives them (one made
  // for the purpose is sorted where it is).
  const sorted = values.some(Number.isNaN) ? Array.from(values).sort((a, b) => a - b) : values instanceof Float64Array ? values.sort() : Float64Array.from(values).sort();
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  return { count: n, pending, median: round(median, 1), p90: round(p90, 1), mean: round(mean, 1) };
}

const emptyTally = (): Tally => ({ on_time: 0, late: 0, missed: 0, overdue: 0, due: 0, not_needed: 0 });
/** Every state a target can be in: a (kind, state) mark is counted at kind × 6 + state. */
const MARK_STATES = ['on_time', 'late', 'missed', 'overdue', 'due', 'not_needed'] as const satisfies readonly TargetState[];
const markCode = (kind: TargetKindName, state: TargetState) => {
  const k = TARGET_KINDS.indexOf(kind);
  const j = MARK_STATES.indexOf(state as (typeof MARK_STATES)[number]);
  if (k < 0 || j < 0) throw new Error(`no such target mark: ${kind} ${state}`);
  return k * MARK_STATES.length + j;
};
function closeTally(t: Tally): Tally {
  const judged = t.on_time + t.late + t.missed + t.overdue;
  const compliance = rate(t.on_time, judged);
  return compliance === undefined ? t : { ...t, compliance };
}

/** A group's figures, read from the columns of the incidents at `rows` (each read once, no view made). */
function figures(s: Store, { segments, starts, segOf }: Placed, by: GroupFigures['by'], key: string, rows: ArrayLike<number>): GroupFigures {
  // Each target's tally as counts by kind and state (see markCode), made into Tally objects at the end.
  const counts = new Int32Array(TARGET_KINDS.length * MARK_STATES.length);
  // Minutes to acknowledge and to resolve, at most one an incident: columns made to size, so a
  // group of a hundred thousand incidents leaves no grown lists behind for the collector.
  const ack = new Float64Array(rows.length);
  const resolve = new Float64Array(rows.length);
  let acks = 0;
  let resolves = 0;
  const layers = new Map<string, number[]>();
  let open = 0;
  let escalated = 0;
  let tracked = 0;
  const updates = { kept: 0, missed: 0 };
  const handoff = { required: 0, filled: 0, complete: 0 };
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const g = segOf[i]!;
    const segment = segments[g]!;
    const local = i - starts[g]!;
    const num = segment.num;
    const int = segment.int;
    const f = local * NF;
    const k = local * NI;
    const flags = int[k + I_FLAGS]!;
    if (flags & OPEN) open++;
    if (flags & ESCALATED) escalated++;
    if (!(flags & IMPORTED)) tracked++;
    for (const code of s.markCodes(segment.text(int[k + I_MARKS]!))) counts[code]!++;
    if (flags & HAS_ACK_MIN) ack[acks++] = num[f + F_ACK_MIN]!;
    if (flags & HAS_RESOLVE_MIN) resolve[resolves++] = num[f + F_RESOLVE_MIN]!;
    const first = int[k + I_ESC]!;
    const count = int[k + I_ESCS]!;
    for (let j = first; j < first + count; j++) {
      const layer = s.texts[segment.text(segment.escLayer[j]!)]!;
      const list = layers.get(layer);
      const minutes = segment.escNum[j * EF + 1]!;
      if (list) list.push(minutes);
      else layers.set(layer, [minutes]);
    }
    updates.kept += num[f + F_KEPT]!;
    updates.missed += num[f + F_MISSED]!;
    const required = num[f + F_REQUIRED]!;
    const filled = num[f + F_FILLED]!;
    handoff.required += required;
    handoff.filled += filled;
    if (required > 0 && filled >= required) handoff.complete++;
  }
  const ordered: Partial<Record<TargetKindName, Tally>> = {};
  let onTime = 0;
  let judged = 0;
  for (let kindAt = 0; kindAt < TARGET_KINDS.length; kindAt++) {
    const kind = TARGET_KINDS[kindAt]!;
    const at = kindAt * MARK_STATES.length;
    // A kind some incident has counts at least one state: a kind none has gets no tally.
    if (counts.subarray(at, at + MARK_STATES.length).every((c) => c === 0)) continue;
    const t = emptyTally();
    MARK_STATES.forEach((state, j) => (t[state] = counts[at + j]!));
    ordered[kind] = closeTally(t);
    onTime += t.on_time;
    judged += JUDGED.reduce((sum, s) => sum + (t[s as keyof Tally] as number), 0);
  }
  const overall = rate(onTime, judged);
  const n = rows.length;
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
    time_to_acknowledge: stats(ack.subarray(0, acks), n - acks),
    time_to_resolve: stats(resolve.subarray(0, resolves), n - resolves),
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
 * The review, built one judged incident at a time: `add` keeps only the incident's figures,
 * as numbers in typed columns and indices into one table of its strings (no record, event,
 * step or plan, and no object an incident), `finish` picks those that started in [from, to),
 * orders them and groups them from the columns (the report hands out small views of them).
 * Memory grows by about 200 bytes an incident and 50 a breach, whatever its record holds (the
 * columns are filled a block at a time and the blocks kept as they are; see Store); the judgement passed to
 * `add` is never kept, so the caller may drop (or reuse) it at once. Incidents of a finished
 * report may be added again, and the rows of one accumulator moved into another
 * (`rows`/`addRows`: plain arrays, so they cross to and from a worker thread).
 */
export class ReportAccumulator {
  private readonly store = new Store();
  constructor(readonly asOf: Date) {}

  /** One judged incident (a judgement, or an incident of another report). */
  add(judged: Judged | Incident): void {
    const e = judged.evaluation;
    if (!e.started) return; // judged before it started: in no range
    if ('plan' in e && 'steps' in e) this.store.addEvaluation(judged.file, e as Evaluation);
    else this.store.addFigures(judged.file, e as IncidentFigures);
  }

  /** How many incidents are held (all that started by `asOf`). */
  get size(): number {
    return this.store.n;
  }

  /** Every incident held, as plain data (typed arrays and strings): for `addRows` of another accumulator. */
  rows(): Rows {
    return this.store.rows();
  }

  /**
   * The incidents of another accumulator's `rows()`, as if each had been added here. The rows
   * are kept as they are, not copied: hand them over and change them no more.
   */
  addRows(rows: Rows): void {
    this.store.addRows(rows);
  }

  /**
   * rows(), and this accumulator emptied: what a worker thread posts as it goes (its columns
   * are moved, not copied, and the next incidents fill the same room again).
   */
  takeRows(): Rows {
    return this.store.takeRows();
  }

  /** Incidents that started in [from, to) and by `asOf`, judged as of `asOf`, grouped. */
  finish(range: { from?: Date; to?: Date } = {}): Report {
    const { from, to } = range;
    const asOf = this.asOf;
    const lo = from ? from.getTime() : -Infinity;
    const hi = to ? to.getTime() : Infinity;
    const s = this.store;
    const placed = s.placed();
    const { segments, starts, segOf } = placed;
    const startOf = new Float64Array(segOf.length);
    // Made to size, then cut to those in range: no grown list is left behind.
    const chosen: number[] = new Array<number>(segOf.length);
    let count = 0;
    for (let g = 0; g < segments.length; g++) {
      const num = segments[g]!.num;
      for (let i = starts[g]!, l = 0; i < starts[g + 1]!; i++, l++) {
        const start = num[l * NF + F_START]!;
        startOf[i] = start;
        if (start >= lo && start < hi) chosen[count++] = i;
      }
    }
    chosen.length = count;
    const fileOf = (i: number) => segments[segOf[i]!]!.files[i - starts[segOf[i]!]!]!;
    chosen.sort((a, b) => {
      if (startOf[a] !== startOf[b]) return startOf[a]! - startOf[b]!;
      const x = fileOf(a);
      const y = fileOf(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const groups: GroupFigures[] = [figures(s, placed, 'all', 'all', chosen)];
    /** A text field of incident `i`, as an index into the store's table: equal texts share one, so incidents are grouped by it. */
    const textOf = (i: number, field: number) => {
      const g = segOf[i]!;
      const segment = segments[g]!;
      return segment.text(segment.int[(i - starts[g]!) * NI + field]!);
    };
    const keys = new Int32Array(chosen.length);
    const keyed = (by: 'severity' | 'tier' | 'client', field: number, order: (a: string, b: string) => number) => {
      // Each group's incidents (in review order) in a column made to its size: counted first, then placed.
      const sizes = new Map<number, number>();
      chosen.forEach((i, at) => {
        const k = (keys[at] = textOf(i, field));
        if (k >= 0) sizes.set(k, (sizes.get(k) ?? 0) + 1); // no tier, no client: in no group
      });
      const lists = new Map<number, { rows: Int32Array; n: number }>();
      for (const [k, size] of sizes) lists.set(k, { rows: new Int32Array(size), n: 0 });
      chosen.forEach((i, at) => {
        const list = lists.get(keys[at]!);
        if (list) list.rows[list.n++] = i;
      });
      for (const k of [...sizes.keys()].sort((a, b) => order(s.texts[a]!, s.texts[b]!))) groups.push(figures(s, placed, by, s.texts[k]!, lists.get(k)!.rows));
    };
    const rank = new Map<string, number>();
    for (const i of chosen) {
      const severity = s.texts[textOf(i, I_SEVERITY)]!;
      if (!rank.has(severity)) {
        const g = segOf[i]!;
        rank.set(severity, segments[g]!.num[(i - starts[g]!) * NF + F_RANK]!);
      }
    }
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    keyed('severity', I_SEVERITY, (a, b) => rank.get(a)! - rank.get(b)! || byName(a, b));
    keyed('tier', I_TIER, byName);
    keyed('client', I_CLIENT, byName);
    let breachCount = 0;
    for (const i of chosen) {
      const g = segOf[i]!;
      breachCount += segments[g]!.int[(i - starts[g]!) * NI + I_BREACHES]!;
    }
    const walk: ReportWalk = {
      incidents: chosen.length,
      breaches: breachCount,
      *eachIncident() {
        for (const i of chosen) {
          const g = segOf[i]!;
          yield new IncidentView(s, segments[g]!, i - starts[g]!);
        }
      },
      *eachBreach() {
        for (const i of chosen) {
          const g = segOf[i]!;
          const segment = segments[g]!;
          const k = (i - starts[g]!) * NI;
          const first = segment.int[k + I_BREACH]!;
          const count = segment.int[k + I_BREACHES]!;
          for (let j = first; j < first + count; j++) yield new BreachView(s, segment, j);
        }
      },
    };
    return lazyReport({ asOf, ...(from ? { from } : {}), ...(to ? { to } : {}) }, groups, walk);
  }
}

/**
 * A finished report's incidents and breaches, made one at a time: what the JSON writer walks
 * (`eachIncident`, `eachBreach` in src/record/report-format.ts), so a review of a hundred
 * thousand incidents never holds an object for each of them and each of their breaches.
 */
export interface ReportWalk {
  incidents: number;
  breaches: number;
  eachIncident(): Iterable<Incident>;
  eachBreach(): Iterable<Breach>;
}

const WALK = Symbol('report walk');

/** The walk of a report `finish` made, while its lists are the walk's (undefined for any other object of the Report shape). */
export function reportWalk(report: Report): ReportWalk | undefined {
  return Object.hasOwn(report, WALK) ? (report as Report & { [WALK]: () => ReportWalk | undefined })[WALK]() : undefined;
}

/**
 * A Report whose `incidents` and `breaches` lists are made when first read (then kept), in the
 * order and with the keys a plain object would have; the walk rides along unseen (not
 * enumerable), for writers that read each element once. Once a list is assigned the walk is
 * no longer offered (it would not say what the lists say); a frozen report refuses the
 * assignment, as a plain object does in strict code.
 */
function lazyReport(head: Pick<Report, 'asOf' | 'from' | 'to'>, groups: GroupFigures[], walk: ReportWalk): Report {
  const report = { ...head } as Report;
  let walked = true;
  const list = <K extends 'incidents' | 'breaches'>(key: K, make: () => Report[K]) => {
    let made: Report[K] | undefined;
    Object.defineProperty(report, key, {
      enumerable: true,
      configurable: true,
      get: () => (made ??= make()),
      set(value: Report[K]) {
        if (Object.isFrozen(report)) throw new TypeError(`Cannot assign to read only property '${key}' of object`);
        made = value;
        walked = false;
      },
    });
  };
  list('incidents', () => [...walk.eachIncident()]);
  report.groups = groups;
  list('breaches', () => [...walk.eachBreach()]);
  Object.defineProperty(report, WALK, { value: () => (walked ? walk : undefined) });
  // Shown by console.log and util.inspect as a plain report (its lists made), not as accessors.
  Object.defineProperty(report, Symbol.for('nodejs.util.inspect.custom'), { value: () => ({ ...report }) });
  return report;
}

/** Incidents that started in [from, to) and by `asOf`, judged as of `asOf`, grouped: each judgement read once, in turn. */
export function buildReport(all: Iterable<Judged | Incident>, options: { asOf: Date; from?: Date; to?: Date }): Report {
  const acc = new ReportAccumulator(options.asOf);
  for (const j of all) acc.add(j);
  return acc.finish(options);
}


/** A growable column of numbers. */
class Column<T extends Float64Array | Int32Array> {
  n = 0;
  constructor(
    public a: T,
    private readonly make: (length: number) => T,
  ) {}
  /** Room for `k` more; returns where they go. */
  grow(k: number): number {
    if (this.n + k > this.a.length) {
      const next = this.make(Math.max(Math.ceil(this.a.length * 1.5), this.n + k));
      next.set(this.a.subarray(0, this.n));
      this.a = next;
    }
    const at = this.n;
    this.n += k;
    return at;
  }
  /** Numbers at the end, as they are. */
  append(values: ArrayLike<number>): void {
    const at = this.grow(values.length); // may replace `a`: read it after
    this.a.set(values, at);
  }
  /** Empty again, keeping its room. */
  clear(): void {
    this.n = 0;
  }
  /** The filled part, copied. */
  used(): T {
    return this.a.slice(0, this.n) as T;
  }
}
const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);

// An incident's numbers (NF a row) and its strings, flags and lists (NI a row).
const F_START = 0;
const F_AS_OF = 1;
const F_ACK = 2;
const F_RESOLVED = 3;
const F_ACK_MIN = 4;
const F_RESOLVE_MIN = 5;
const F_RANK = 6;
const F_KEPT = 7;
const F_MISSED = 8;
const F_REQUIRED = 9;
const F_FILLED = 10;
const NF = 11;
const I_SEVERITY = 0;
const I_TIER = 1;
const I_CLIENT = 2;
const I_FLAGS = 3;
const I_MARKS = 4;
const I_ESC = 5;
const I_ESCS = 6;
const I_BREACH = 7;
const I_BREACHES = 8;
const NI = 9;
const OPEN = 1;
const ESCALATED = 2;
const IMPORTED = 4;
const HAS_ACK = 8;
const HAS_RESOLVED = 16;
const HAS_ACK_MIN = 32;
const HAS_RESOLVE_MIN = 64;
// A breach: its numbers (BF a row) and its incident, strings and flag (BI a row).
const B_DUE = 0;
const B_AT = 1;
const B_LATE = 2;
const BF = 3;
const B_INCIDENT = 0;
const B_KIND = 1;
const B_LABEL = 2;
const B_STATE = 3;
const B_CLOCK = 4;
const B_HAS_AT = 5;
const BI = 6;
// An escalation: its layer (a string), its time and its minutes.
const EF = 2;

/** Strings fields point into (a table index; -1 for none). */
type TextField = number;

/** An accumulator's incidents as plain data: see `ReportAccumulator.rows`. */
export interface Rows {
  files: string[];
  texts: string[];
  num: Float64Array;
  int: Int32Array;
  escLayer: Int32Array;
  escNum: Float64Array;
  bNum: Float64Array;
  bInt: Int32Array;
}

type Mark = { kind: TargetKindName; state: TargetState };
/** One shared `{ kind, state }` per pair, and one shared frozen list per combination, made from its key. */
const MARKS = new Map<string, Mark>();
const MARK_LISTS = new Map<string, readonly Mark[]>();
function marksOfKey(key: string): readonly Mark[] {
  let list = MARK_LISTS.get(key);
  if (!list) {
    list = Object.freeze(
      key
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          let mark = MARKS.get(pair);
          if (!mark) {
            const [kind, state] = pair.split(' ') as [TargetKindName, TargetState];
            MARKS.set(pair, (mark = Object.freeze({ kind, state })));
          }
          return mark;
        }),
    );
    if (MARK_LISTS.size < 10_000) MARK_LISTS.set(key, list);
  }
  return list;
}
const NONE: readonly never[] = Object.freeze([]);
const dateOf = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

/**
 * A block of incidents in columns, kept as it is: one the store filled (its text fields are
 * the store's own indices), or the rows of another accumulator (`map` turns their text
 * indices into the store's). Incident, escalation and breach indices are the block's own.
 */
class Segment {
  readonly n: number;
  readonly files: string[];
  readonly num: Float64Array;
  readonly int: Int32Array;
  readonly escLayer: Int32Array;
  readonly escNum: Float64Array;
  readonly bNum: Float64Array;
  readonly bInt: Int32Array;
  constructor(
    rows: Rows,
    private readonly map: Int32Array | undefined,
  ) {
    this.n = rows.files.length;
    this.files = rows.files;
    this.num = rows.num;
    this.int = rows.int;
    this.escLayer = rows.escLayer;
    this.escNum = rows.escNum;
    this.bNum = rows.bNum;
    this.bInt = rows.bInt;
  }
  /** Whether the store filled it (its text fields are the store's indices). */
  get own(): boolean {
    return this.map === undefined;
  }
  /** A text field's value as an index into the store's table (-1 for none). */
  text(value: number): TextField {
    return value < 0 ? -1 : this.map === undefined ? value : this.map[value]!;
  }
}

/** Where each incident of a finished store is: incident `i` is `local` in `segments[segOf[i]]`, with `local = i - starts[segOf[i]]`. */
interface Placed {
  segments: readonly Segment[];
  starts: Int32Array;
  segOf: Int32Array;
}

/**
 * The store fills a block of this many incidents at a time, then keeps it as a segment and
 * fills the same columns again: the columns grow only once, and what is kept is never copied
 * again nor left behind to be collected (a worker's rows are kept as they come).
 */
const SEGMENT = 4096;

const NO_TEXTS: string[] = [];

/** The incidents of one accumulator, in blocks of columns (segments) and the block being filled. */
class Store {
  readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  /** Blocks kept, in the order their incidents were added. */
  private segments: Segment[] = [];
  private held = 0;
  // The block being filled.
  private files: string[] = [];
  private readonly num = new Column(f64(64 * NF), f64);
  private readonly int = new Column(i32(64 * NI), i32);
  private readonly escLayer = new Column(i32(64), i32);
  private readonly escNum = new Column(f64(64 * EF), f64);
  private readonly bNum = new Column(f64(64 * BF), f64);
  private readonly bInt = new Column(i32(64 * BI), i32);

  /** Incidents held. */
  get n(): number {
    return this.held + this.files.length;
  }

  text(value: string | undefined): TextField {
    if (value === undefined) return -1;
    let i = this.textIndex.get(value);
    if (i === undefined) {
      i = this.texts.length;
      this.texts.push(value);
      this.textIndex.set(value, i);
    }
    return i;
  }
  textAt(i: number): string | undefined {
    return i < 0 ? undefined : this.texts[i];
  }
  private readonly codes = new Map<number, Int32Array>();
  /** The marks of the marks text at `i`, each as its markCode (made once per text). */
  markCodes(i: number): Int32Array {
    let codes = this.codes.get(i);
    if (!codes) this.codes.set(i, (codes = Int32Array.from(marksOfKey(this.texts[i]!), (m) => markCode(m.kind, m.state))));
    return codes;
  }

  /** The block being filled, kept as a segment (its columns copied to their length), and the columns emptied for the next. */
  private seal(): void {
    const n = this.files.length;
    if (n === 0) return;
    const rows: Rows = { files: this.files, texts: NO_TEXTS, num: this.num.used(), int: this.int.used(), escLayer: this.escLayer.used(), escNum: this.escNum.used(), bNum: this.bNum.used(), bInt: this.bInt.used() };
    this.segments.push(new Segment(rows, undefined));
    this.held += n;
    this.files = [];
    for (const column of [this.num, this.int, this.escLayer, this.escNum, this.bNum, this.bInt]) column.clear();
  }

  /** After an incident is complete: a full block is kept. */
  private filled(): void {
    if (this.files.length >= SEGMENT) this.seal();
  }

  /** Every incident, placed: what finish and the views read. */
  placed(): Placed {
    this.seal();
    const segments = this.segments.slice();
    const starts = new Int32Array(segments.length + 1);
    const segOf = new Int32Array(this.held);
    segments.forEach((g, at) => {
      starts[at + 1] = starts[at]! + g.n;
      segOf.fill(at, starts[at]!, starts[at + 1]!);
    });
    return { segments, starts, segOf };
  }

  private row(file: string, e: IncidentFigures | Evaluation, rank: number, targets: readonly { kind: TargetKindName; state: TargetState }[]): number {
    const i = this.files.length;
    this.files.push(file);
    const f = this.num.grow(NF);
    const num = this.num.a;
    num[f + F_START] = e.start.getTime();
    num[f + F_AS_OF] = e.asOf.getTime();
    const ack = e.acknowledgedAt?.getTime();
    const resolved = e.resolvedAt?.getTime();
    num[f + F_ACK] = ack ?? 0;
    num[f + F_RESOLVED] = resolved ?? 0;
    num[f + F_ACK_MIN] = e.acknowledgeMinutes ?? 0;
    num[f + F_RESOLVE_MIN] = e.resolveMinutes ?? 0;
    num[f + F_RANK] = rank;
    num[f + F_KEPT] = e.cadence.kept;
    num[f + F_MISSED] = e.cadence.missed;
    num[f + F_REQUIRED] = e.handoff.required;
    num[f + F_FILLED] = e.handoff.filled;
    let key = '';
    for (const t of targets) key += `${t.kind} ${t.state},`;
    const k = this.int.grow(NI);
    const int = this.int.a;
    int[k + I_SEVERITY] = this.text(e.severity);
    int[k + I_TIER] = this.text(e.tier);
    int[k + I_CLIENT] = this.text(e.client);
    int[k + I_FLAGS] =
      (e.open ? OPEN : 0) |
      (e.escalated ? ESCALATED : 0) |
      (e.imported ? IMPORTED : 0) |
      (ack !== undefined ? HAS_ACK : 0) |
      (resolved !== undefined ? HAS_RESOLVED : 0) |
      (e.acknowledgeMinutes !== undefined ? HAS_ACK_MIN : 0) |
      (e.resolveMinutes !== undefined ? HAS_RESOLVE_MIN : 0);
    int[k + I_MARKS] = this.text(key);
    int[k + I_ESC] = this.escLayer.n;
    int[k + I_ESCS] = e.escalations.length;
    for (const x of e.escalations) {
      const layer = this.text(x.layer);
      const j = this.escLayer.grow(1);
      this.escLayer.a[j] = layer;
      const at = this.escNum.grow(EF);
      this.escNum.a[at] = x.at.getTime();
      this.escNum.a[at + 1] = x.minutes;
    }
    int[k + I_BREACH] = this.bInt.n / BI;
    int[k + I_BREACHES] = 0;
    return i;
  }

  private breach(incident: number, kind: string, label: string, due: number, state: string, at: number | undefined, late: number, clock: string): void {
    const f = this.bNum.grow(BF);
    this.bNum.a[f + B_DUE] = due;
    this.bNum.a[f + B_AT] = at ?? 0;
    this.bNum.a[f + B_LATE] = late;
    const k = this.bInt.grow(BI);
    const b = this.bInt.a;
    b[k + B_INCIDENT] = incident;
    b[k + B_KIND] = this.text(kind);
    b[k + B_LABEL] = this.text(label);
    b[k + B_STATE] = this.text(state);
    b[k + B_CLOCK] = this.text(clock);
    b[k + B_HAS_AT] = at === undefined ? 0 : 1;
    this.int.a[incident * NI + I_BREACHES]!++;
  }

  /** A judgement: its figures, and its breaches by due time. */
  addEvaluation(file: string, e: Evaluation): void {
    const i = this.row(file, e, e.plan.severity.rank, e.targets);
    const found: { kind: Breach['kind']; label: string; due: number; state: Breach['state']; at: number | undefined; late: number; clock: string }[] = [];
    for (const t of e.targets) {
      if (t.state !== 'late' && t.state !== 'missed' && t.state !== 'overdue') continue;
      found.push({ kind: t.kind, label: t.label, due: t.due.getTime(), state: t.state, at: t.doneAt?.getTime(), late: t.lateMinutes ?? 0, clock: t.clock });
    }
    if (e.cadence.missed > 0) {
      const next = e.cadence.next;
      const label = `Status updates (${e.cadence.missed} missed, every ${e.cadence.every})`;
      found.push({ kind: 'update', label, due: (next?.overdue ? next.due : e.start).getTime(), state: next?.overdue ? 'overdue' : 'missed', at: undefined, late: next?.lateMinutes ?? 0, clock: e.plan.clock.id });
    }
    if (found.length > 1) found.sort((a, b) => a.due - b.due);
    for (const b of found) this.breach(i, b.kind, b.label, b.due, b.state, b.at, b.late, b.clock);
    this.filled();
  }

  /** An incident of a report (its figures and breaches, as they are). */
  addFigures(file: string, e: IncidentFigures): void {
    const i = this.row(file, e, e.rank, e.targets);
    for (const b of e.breaches) this.breach(i, b.kind, b.label, b.due.getTime(), b.state, b.at?.getTime(), b.late_minutes, b.clock);
    this.filled();
  }

  /** Every incident held, copied into one block of rows whose text fields index a copy of the store's table. */
  rows(): Rows {
    this.seal();
    const segments = this.segments;
    let n = 0;
    let escs = 0;
    let breaches = 0;
    for (const g of segments) {
      n += g.n;
      escs += g.escLayer.length;
      breaches += g.bInt.length / BI;
    }
    const out: Rows = { files: [], texts: this.texts.slice(), num: f64(n * NF), int: i32(n * NI), escLayer: i32(escs), escNum: f64(escs * EF), bNum: f64(breaches * BF), bInt: i32(breaches * BI) };
    let base = 0;
    let escBase = 0;
    let breachBase = 0;
    for (const g of segments) {
      for (const file of g.files) out.files.push(file);
      out.num.set(g.num, base * NF);
      const int = out.int;
      int.set(g.int, base * NI);
      for (let k = base * NI; k < (base + g.n) * NI; k += NI) {
        int[k + I_SEVERITY] = g.text(int[k + I_SEVERITY]!);
        int[k + I_TIER] = g.text(int[k + I_TIER]!);
        int[k + I_CLIENT] = g.text(int[k + I_CLIENT]!);
        int[k + I_MARKS] = g.text(int[k + I_MARKS]!);
        int[k + I_ESC]! += escBase;
        int[k + I_BREACH]! += breachBase;
      }
      for (let j = 0; j < g.escLayer.length; j++) out.escLayer[escBase + j] = g.text(g.escLayer[j]!);
      out.escNum.set(g.escNum, escBase * EF);
      out.bNum.set(g.bNum, breachBase * BF);
      const b = out.bInt;
      b.set(g.bInt, breachBase * BI);
      for (let k = breachBase * BI; k < breachBase * BI + g.bInt.length; k += BI) {
        b[k + B_INCIDENT]! += base;
        b[k + B_KIND] = g.text(b[k + B_KIND]!);
        b[k + B_LABEL] = g.text(b[k + B_LABEL]!);
        b[k + B_STATE] = g.text(b[k + B_STATE]!);
        b[k + B_CLOCK] = g.text(b[k + B_CLOCK]!);
      }
      base += g.n;
      escBase += g.escLayer.length;
      breachBase += g.bInt.length / BI;
    }
    return out;
  }

  /**
   * rows(), and the store emptied: a block the store filled itself is handed over as it is
   * (its columns may be moved to another thread), not copied. The columns being filled stay,
   * emptied, for the next incidents.
   */
  takeRows(): Rows {
    this.seal();
    const only = this.segments.length === 1 ? this.segments[0]! : undefined;
    const rows: Rows =
      only !== undefined && only.own
        ? { files: only.files, texts: this.texts.slice(), num: only.num, int: only.int, escLayer: only.escLayer, escNum: only.escNum, bNum: only.bNum, bInt: only.bInt }
        : this.rows();
    this.segments = [];
    this.held = 0;
    return rows;
  }

  /** Another accumulator's rows, kept as they are (not copied): whoever hands them over changes them no more. */
  addRows(rows: Rows): void {
    if (rows.files.length === 0) return;
    this.seal(); // incidents stay in the order they were added
    const map = Int32Array.from(rows.texts, (t) => this.text(t));
    this.segments.push(new Segment(rows, map));
    this.held += rows.files.length;
  }
}

/** An incident of a report, read from its segment's columns: both the incident (`file`, `evaluation`) and its figures. */
class IncidentView implements Incident, IncidentFigures {
  constructor(
    private readonly s: Store,
    private readonly g: Segment,
    private readonly i: number,
  ) {}
  private n(field: number): number {
    return this.g.num[this.i * NF + field]!;
  }
  private k(field: number): number {
    return this.g.int[this.i * NI + field]!;
  }
  private textOf(field: number): string | undefined {
    return this.s.textAt(this.g.text(this.k(field)));
  }
  private has(flag: number): boolean {
    return (this.k(I_FLAGS) & flag) !== 0;
  }
  get file(): string {
    return this.g.files[this.i]!;
  }
  get evaluation(): IncidentFigures {
    return this;
  }
  get started(): boolean {
    return true;
  }
  get start(): Date {
    return new Date(this.n(F_START));
  }
  get asOf(): Date {
    return new Date(this.n(F_AS_OF));
  }
  get severity(): string {
    return this.textOf(I_SEVERITY)!;
  }
  get rank(): number {
    return this.n(F_RANK);
  }
  get tier(): string | undefined {
    return this.textOf(I_TIER);
  }
  get client(): string | undefined {
    return this.textOf(I_CLIENT);
  }
  get open(): boolean {
    return this.has(OPEN);
  }
  get escalated(): boolean {
    return this.has(ESCALATED);
  }
  get imported(): boolean {
    return this.has(IMPORTED);
  }
  get acknowledgedAt(): Date | undefined {
    return dateOf(this.has(HAS_ACK) ? this.n(F_ACK) : undefined);
  }
  get resolvedAt(): Date | undefined {
    return dateOf(this.has(HAS_RESOLVED) ? this.n(F_RESOLVED) : undefined);
  }
  get acknowledgeMinutes(): number | undefined {
    return this.has(HAS_ACK_MIN) ? this.n(F_ACK_MIN) : undefined;
  }
  get resolveMinutes(): number | undefined {
    return this.has(HAS_RESOLVE_MIN) ? this.n(F_RESOLVE_MIN) : undefined;
  }
  get targets(): readonly Mark[] {
    return marksOfKey(this.textOf(I_MARKS)!);
  }
  get escalations(): Evaluation['escalations'] {
    const first = this.k(I_ESC);
    const count = this.k(I_ESCS);
    if (count === 0) return NONE as unknown as Evaluation['escalations'];
    const g = this.g;
    const out: Evaluation['escalations'] = [];
    for (let j = first; j < first + count; j++) out.push({ layer: this.s.textAt(g.text(g.escLayer[j]!))!, at: new Date(g.escNum[j * EF]!), minutes: g.escNum[j * EF + 1]! });
    return out;
  }
  get cadence(): { kept: number; missed: number } {
    return { kept: this.n(F_KEPT), missed: this.n(F_MISSED) };
  }
  get handoff(): { required: number; filled: number } {
    return { required: this.n(F_REQUIRED), filled: this.n(F_FILLED) };
  }
  get breaches(): readonly Breach[] {
    const first = this.k(I_BREACH);
    const count = this.k(I_BREACHES);
    if (count === 0) return NONE;
    const out: Breach[] = [];
    for (let j = first; j < first + count; j++) out.push(new BreachView(this.s, this.g, j));
    return out;
  }
}

/** A breach, read from its segment's columns. */
class BreachView implements Breach {
  constructor(
    private readonly s: Store,
    private readonly g: Segment,
    private readonly j: number,
  ) {}
  private k(field: number): number {
    return this.g.bInt[this.j * BI + field]!;
  }
  private text(field: number): string | undefined {
    return this.s.textAt(this.g.text(this.k(field)));
  }
  private of(field: number): string | undefined {
    return this.s.textAt(this.g.text(this.g.int[this.k(B_INCIDENT) * NI + field]!));
  }
  get file(): string {
    return this.g.files[this.k(B_INCIDENT)]!;
  }
  get severity(): string {
    return this.of(I_SEVERITY)!;
  }
  get tier(): string | undefined {
    return this.of(I_TIER);
  }
  get client(): string | undefined {
    return this.of(I_CLIENT);
  }
  get kind(): Breach['kind'] {
    return this.text(B_KIND) as Breach['kind'];
  }
  get label(): string {
    return this.text(B_LABEL)!;
  }
  get due(): Date {
    return new Date(this.g.bNum[this.j * BF + B_DUE]!);
  }
  get state(): Breach['state'] {
    return this.text(B_STATE) as Breach['state'];
  }
  get at(): Date | undefined {
    return this.k(B_HAS_AT) === 1 ? new Date(this.g.bNum[this.j * BF + B_AT]!) : undefined;
  }
  get late_minutes(): number {
    return this.g.bNum[this.j * BF + B_LATE]!;
  }
  get clock(): string {
    return this.text(B_CLOCK)!;
  }
}
