/**
 * Replay: what a matrix change would have done to the incidents the team actually had. Each
 * record is re-planned under a matrix with what it kept - the same answers (or severity when
 * triaged by --severity), start, contract (client or tier) and events; severity changes are
 * re-planned from their moment - and judged by `evaluate`, the same judging status and report
 * use. A record is never guessed into a matrix it does not fit: when its answer path no
 * longer ends in the tree, its severity, client, tier or an event's role or step is gone, it
 * is "cannot replay" with the reason. Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import { evaluate, type Evaluation, type RecordCore } from '../record/evaluate.js';
import type { IncidentRecord, RecordEvent } from '../record/schema.js';
import { snapshotOf } from '../record/snapshot.js';
import { walk } from '../triage/engine.js';
import { planIncident } from '../triage/plan.js';
import { buildResult } from '../triage/result.js';
import { isWorkingTime, workingCalendar } from '../time/working-time.js';
import { formatInstant } from '../time/instant.js';

/** What replay reads of a record: the judging core plus how it was triaged. */
export type ReplayRecord = RecordCore & Pick<IncidentRecord, 'decided_by' | 'answers'>;

export type Replayed = { ok: true; record: RecordCore } | { ok: false; why: string };

const has = <T>(map: Record<string, T> | undefined, id: string) => map !== undefined && Object.hasOwn(map, id);

/** The record as it would have been planned under `matrix`, or why it cannot be. */
export function replayRecord(record: ReplayRecord, matrix: Matrix): Replayed {
  const answers: unknown = record.answers;
  if (
    (record.decided_by !== 'tree' && record.decided_by !== 'severity') ||
    typeof answers !== 'object' ||
    answers === null ||
    Array.isArray(answers) ||
    Object.values(answers).some((v) => typeof v !== 'string')
  ) {
    return { ok: false, why: 'the record does not say how it was triaged (decided_by and answers)' };
  }
  if (record.imported) return { ok: false, why: 'made by import from a helpdesk export: its targets were measured, not planned' };
  let outcome: Parameters<typeof planIncident>[1];
  if (record.decided_by === 'tree') {
    const walked = walk(matrix, record.answers);
    if (walked.kind === 'no-tree') return { ok: false, why: 'the matrix has no triage tree to take its answers' };
    if (walked.kind === 'question') return { ok: false, why: `its answer path no longer ends: question "${walked.question.id}" has no answer in the record` };
    if (walked.kind === 'invalid-answer') return { ok: false, why: `its answer "${walked.given}" is no longer a choice of question "${walked.question.id}"` };
    if (walked.kind === 'broken') return { ok: false, why: `its answer path is broken: ${walked.reason}` };
    outcome = walked.outcome;
  } else {
    if (!matrix.severities.some((s) => s.id === record.severity.id)) return { ok: false, why: `severity "${record.severity.id}" is gone` };
    outcome = record.severity.id;
  }
  const { client, tier } = record.contract;
  if (client && !has(matrix.clients, client.id)) return { ok: false, why: `client "${client.id}" is gone` };
  if (!client && tier && !has(matrix.tiers, tier.id)) return { ok: false, why: `tier "${tier.id}" is gone` };
  const contract = client ? { client: client.id } : tier ? { tier: tier.id } : {};
  const plan = (of: Parameters<typeof planIncident>[1], at: Date) => {
    const planned = planIncident(matrix, of, { start: at, now: at, displayZone: record.timezone, ...contract });
    return planned.ok ? { ok: true as const, result: buildResult(matrix, planned.plan, { path: [], decidedBy: 'severity' }) } : { ok: false as const, why: planned.reason };
  };
  const start = new Date(record.started_at);
  const first = plan(outcome, start);
  if (!first.ok) return { ok: false, why: first.why };
  const events: RecordEvent[] = [];
  for (const e of record.events ?? []) {
    if (e.type === 'owner_assigned' && e.role !== undefined && !has(matrix.roles, e.role)) return { ok: false, why: `role "${e.role}" (owner assigned ${e.at}) is gone` };
    if (e.type === 'severity_changed') {
      if (typeof e.to !== 'string') return { ok: false, why: `its severity change at ${e.at} does not say to which severity` };
      if (!matrix.severities.some((s) => s.id === e.to)) return { ok: false, why: `severity "${e.to}" (changed to at ${e.at}) is gone` };
      const again = plan(e.to, new Date(e.at));
      if (!again.ok) return { ok: false, why: again.why };
      events.push({ ...e, plan: snapshotOf(again.result) });
    } else events.push(e);
  }
  const r = first.result;
  const replayed: RecordCore = {
    ...record,
    severity: r.severity,
    clock: r.clock,
    deadlines: r.deadlines,
    escalation: r.escalation,
    updates: r.updates,
    contract: r.contract,
    events,
  };
  // An escalation recorded to a step the new plan does not have would be judged against nothing.
  for (const e of events) {
    if (e.type !== 'escalated' || e.step === undefined) continue;
    const plans = [{ from: start.getTime(), steps: r.escalation.length }, ...events.filter((x) => x.type === 'severity_changed').map((x) => ({ from: new Date(x.at).getTime(), steps: x.plan.escalation.length }))];
    const inForce = plans.filter((p) => p.from <= new Date(e.at).getTime()).pop() ?? plans[0]!;
    if (e.step > inForce.steps) return { ok: false, why: `escalated to step ${e.step} at ${e.at}, a step the new plan does not have (${inForce.steps})` };
  }
  return { ok: true, record: replayed };
}

// ── Comparing the two judgings ────────────────────────────────────────────────────────
export type Verdict = 'met' | 'breached' | 'open' | 'none';
const verdictOf = (state: Evaluation['targets'][number]['state'] | undefined): Verdict =>
  state === undefined ? 'none' : state === 'on_time' || state === 'not_needed' ? 'met' : state === 'due' ? 'open' : 'breached';

export interface Flip {
  kind: string;
  label: string;
  from: Verdict;
  to: Verdict;
  /** When it falls due under the new matrix (or the old when the new has no such target). */
  due: Date;
  /** Whether `due` falls outside the business hours of the new matrix's first calendar. */
  outside_hours?: boolean;
}

export interface IncidentReplay {
  file: string;
  severity: { old: string; new: string };
  client?: string;
  tier?: string;
  start: Date;
  flips: Flip[];
  /** Roles paged by escalation steps reached before the resolution (or the judging moment), beyond the start. */
  pages: { added: string[]; removed: string[] };
  /** Roles pulled in at the start (steps after 0 minutes). */
  pull_ins: { added: string[]; removed: string[] };
  breaches: { old: number; new: number };
}

export interface ReplayResult {
  as_of: Date;
  replayed: IncidentReplay[];
  cannot: { file: string; side: 'old' | 'new'; why: string }[];
  /** The calendar "outside business hours" is read against, if the new matrix has one. */
  calendar?: string;
}

function rolesOf(e: Evaluation, atStart: boolean): Set<string> {
  const end = (e.resolvedAt ?? e.asOf).getTime();
  const out = new Set<string>();
  for (const s of e.steps) {
    const start = s.at.getTime() <= e.start.getTime();
    if (start !== atStart || s.at.getTime() > end) continue;
    for (const r of s.notify) out.add(r.role);
  }
  return out;
}
const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

export function compareJudgings(file: string, old: Evaluation, now: Evaluation, outside?: (d: Date) => boolean): IncidentReplay {
  const kinds = [...new Set([...old.targets.map((t) => t.kind), ...now.targets.map((t) => t.kind)])];
  const flips: Flip[] = [];
  for (const kind of kinds) {
    const a = old.targets.find((t) => t.kind === kind);
    const b = now.targets.find((t) => t.kind === kind);
    const from = verdictOf(a?.state);
    const to = verdictOf(b?.state);
    if ((from === 'breached') === (to === 'breached')) continue;
    const due = (b ?? a)!.due;
    flips.push({ kind, label: (b ?? a)!.label, from, to, due, ...(outside ? { outside_hours: outside(due) } : {}) });
  }
  const count = (e: Evaluation) => e.targets.filter((t) => verdictOf(t.state) === 'breached').length;
  const [pa, pb, sa, sb] = [rolesOf(old, false), rolesOf(now, false), rolesOf(old, true), rolesOf(now, true)];
  return {
    file,
    severity: { old: old.severity, new: now.severity },
    ...(now.client ? { client: now.client } : {}),
    ...(now.tier ? { tier: now.tier } : {}),
    start: now.start,
    flips,
    pages: { added: minus(pb, pa), removed: minus(pa, pb) },
    pull_ins: { added: minus(sb, sa), removed: minus(sa, sb) },
    breaches: { old: count(old), new: count(now) },
  };
}

/** Every record replayed under both matrices and judged as of `asOf`, in start order; the unreplayable listed with why. */
export function replayAll(records: readonly { file: string; record: ReplayRecord }[], old: Matrix, now: Matrix, asOf: Date): ReplayResult {
  const first = Object.entries(now.calendars ?? {})[0];
  const calendar = first ? workingCalendar(first[1], now.timezone, first[0]) : undefined;
  const outside = calendar ? (d: Date) => !isWorkingTime(d, calendar) : undefined;
  const replayed: IncidentReplay[] = [];
  const cannot: ReplayResult['cannot'] = [];
  for (const { file, record } of records) {
    const a = replayRecord(record, old);
    const b = replayRecord(record, now);
    if (!a.ok) cannot.push({ file, side: 'old', why: a.why });
    if (!b.ok) cannot.push({ file, side: 'new', why: b.why });
    if (!a.ok || !b.ok) continue;
    replayed.push(compareJudgings(file, evaluate(a.record, asOf), evaluate(b.record, asOf), outside));
  }
  replayed.sort((x, y) => x.start.getTime() - y.start.getTime() || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  return { as_of: asOf, replayed, cannot, ...(first ? { calendar: first[0] } : {}) };
}

/** The hour of the day (0-23) an instant falls in, in a zone. */
export const hourIn = (d: Date, zone: string) => Number(formatInstant(d, zone).slice(11, 13));
