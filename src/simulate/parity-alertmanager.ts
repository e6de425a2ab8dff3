/**
 * Parity with Alertmanager: each start and severity of a simulation sent as an alert
 * (labels severity, the contract's tier and client, and the triage outcome) through an Alertmanager
 * configuration, read as Alertmanager runs it (dispatch/route.go, notify/mute.go): the
 * alert goes down the route tree, a node's children tried in order until one matches
 * without `continue`; receiver, group_wait and group_interval are inherited,
 * time intervals are not; the group is flushed group_wait after the alert arrives and then
 * every group_interval, and a flush notifies only when the route is inside one of its
 * `active_time_intervals` (if any) and outside all its `mute_time_intervals`. Assuming the
 * alert keeps firing, each receiver is notified at the first such flush. That is compared
 * with who the matrix pages first and when. Pure.
 */
import { matches, legacyMatchers, parseMatchers, type Matcher } from '../export/am-matchers.js';
import { clockText } from '../time/display.js';
import { formatInstant, instantOf } from '../time/instant.js';
import { firstOnGrid, inIntervals, readIntervals, type IntervalEntry } from './am-time.js';
import type { ParityFinding } from './parity-pagerduty.js';
import type { SimulateResult, Simulation } from './result-schema.js';
import { completed, type Steps } from './steps.js';

/** Alertmanager's defaults (dispatch/route.go DefaultRouteOpts). */
export const DEFAULT_GROUP_WAIT = 30_000;
export const DEFAULT_GROUP_INTERVAL = 300_000;
/** How far ahead a muted route is followed before it counts as never notifying. */
export const HORIZON_MS = 14 * 86_400_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** A Prometheus duration (`30s`, `1h30m`, `0`) in ms, or undefined when Alertmanager would refuse it. */
export function promDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  if (text === '0') return 0;
  const m = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
  if (!m || text === '') return undefined;
  const units = [31_536_000_000, 604_800_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
  return units.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

/** A leaf of the route tree an alert reaches, with what decides when it notifies. */
export interface ReachedRoute {
  receiver: string;
  active: string[];
  mute: string[];
  groupWait: number;
  groupInterval: number;
}

export type Routing = { ok: true; reached: ReachedRoute[] } | { ok: false; reason: string };

interface Inherited {
  receiver: string | undefined;
  groupWait: number;
  groupInterval: number;
}

function routeMatchers(route: Record<string, unknown>): Matcher[] | string {
  const out: Matcher[] = [];
  for (const text of asList(route.matchers)) {
    const parsed = parseMatchers(String(text));
    if (!parsed.ok) return `Alertmanager refuses the matcher ${JSON.stringify(String(text))} (${parsed.reason})`;
    out.push(...parsed.matchers);
  }
  return [...out, ...legacyMatchers(route.match, route.match_re)];
}

/** Route.Match: the nodes an alert with these labels reaches. */
export function routeAlert(route: Record<string, unknown>, labels: Readonly<Record<string, string>>, parent: Inherited, root = true): Routing {
  if (!root) {
    const ms = routeMatchers(route);
    if (typeof ms === 'string') return { ok: false, reason: ms };
    for (const m of ms) {
      const hit = matches(m, labels);
      if (hit === undefined) return { ok: false, reason: `${m.name}${m.type}${JSON.stringify(m.value)} cannot be checked here (${m.regex && !m.regex.ok ? m.regex.reason : 'unknown'})` };
      if (!hit) return { ok: true, reached: [] };
    }
  }
  const opts: Inherited = {
    receiver: typeof route.receiver === 'string' ? route.receiver : parent.receiver,
    groupWait: route.group_wait === undefined ? parent.groupWait : (promDuration(route.group_wait) ?? Number.NaN),
    groupInterval: route.group_interval === undefined ? parent.groupInterval : (promDuration(route.group_interval) ?? Number.NaN),
  };
  if (Number.isNaN(opts.groupWait) || Number.isNaN(opts.groupInterval) || opts.groupInterval <= 0) {
    return { ok: false, reason: `Alertmanager refuses group_wait ${JSON.stringify(route.group_wait)} or group_interval ${JSON.stringify(route.group_interval)}` };
  }
  const all: ReachedRoute[] = [];
  for (const child of asList(route.routes)) {
    if (!isRecord(child)) continue;
    const found = routeAlert(child, labels, opts, false);
    if (!found.ok) return found;
    all.push(...found.reached);
    if (found.reached.length > 0 && child.continue !== true) break;
  }
  if (all.length > 0) return { ok: true, reached: all };
  return {
    ok: true,
    reached: [{ receiver: opts.receiver ?? '(none)', active: asList(route.active_time_intervals).map(String), mute: asList(route.mute_time_intervals).map(String), groupWait: opts.groupWait, groupInterval: opts.groupInterval }],
  };
}

/** When Alertmanager first notifies a reached route for an alert arriving at `start`, if within the horizon. */
export function notifiedAt(intervals: ReadonlyMap<string, IntervalEntry[]>, route: ReachedRoute, start: number): number | undefined {
  const entries = [...route.active, ...route.mute].flatMap((n) => intervals.get(n) ?? []);
  const ok = (t: number) => (route.active.length === 0 || inIntervals(intervals, route.active, t)) && !inIntervals(intervals, route.mute, t);
  return firstOnGrid(start + route.groupWait, route.groupInterval, HORIZON_MS, entries, ok);
}

export interface AlertmanagerParity {
  findings: ParityFinding[];
  notes: string[];
}

/** Tolerance: a page within Alertmanager's default group_wait of the matrix time is on time; within a flush after the calendar opens, held to it. */
const ON_TIME = DEFAULT_GROUP_WAIT;
const AFTER_OPENING = DEFAULT_GROUP_WAIT + DEFAULT_GROUP_INTERVAL;

/** Every start and severity of a simulation, compared with Alertmanager running `config` (parsed YAML). */
export function alertmanagerParity(result: SimulateResult, config: unknown, contract: { tier?: string; client?: string; outcome?: string }): AlertmanagerParity | { ok: false; reason: string } {
  return completed(alertmanagerParitySteps(result, config, contract));
}

/** alertmanagerParity, a start at a time (see Steps). */
export function* alertmanagerParitySteps(result: SimulateResult, config: unknown, contract: { tier?: string; client?: string; outcome?: string }): Steps<AlertmanagerParity | { ok: false; reason: string }> {
  if (!isRecord(config) || !isRecord(config.route)) return { ok: false, reason: 'the configuration has no `route`' };
  const read = readIntervals(config);
  if (!read.ok) return { ok: false, reason: read.reason };
  const { intervals } = read;
  for (const route of walk(config.route)) {
    for (const key of ['group_wait', 'group_interval']) {
      const ms = route[key] === undefined ? 1 : promDuration(route[key]);
      if (ms === undefined || (key === 'group_interval' && ms === 0)) return { ok: false, reason: `${key} ${JSON.stringify(route[key])} is not a duration Alertmanager takes (like 30s or 5m)` };
    }
    const ms = routeMatchers(route);
    if (typeof ms === 'string') return { ok: false, reason: ms };
    for (const name of [...asList(route.active_time_intervals), ...asList(route.mute_time_intervals)]) {
      if (!intervals.has(String(name))) return { ok: false, reason: `a route names time interval "${String(name)}", which is not defined (Alertmanager refuses the configuration)` };
    }
  }
  const zone = result.timezone;
  const iso = (ms: number) => formatInstant(new Date(ms), zone);
  const when = (ms: number) => clockText(new Date(ms), zone);
  const notes = new Set<string>(read.notes);
  const findings: ParityFinding[] = [];
  const routings = new Map<string, Routing>();
  for (const instant of result.instants) {
    yield;
    const start = instantOf(instant.at).getTime();
    for (const sim of instant.severities) {
      const id = sim.severity.id;
      const labels: Record<string, string> = { severity: id, ...(contract.tier !== undefined ? { tier: contract.tier } : {}), ...(contract.client !== undefined ? { client: contract.client } : {}), ...(contract.outcome !== undefined ? { outcome: contract.outcome } : {}) };
      let routing = routings.get(id);
      if (!routing) {
        routing = routeAlert(config.route, labels, { receiver: undefined, groupWait: DEFAULT_GROUP_WAIT, groupInterval: DEFAULT_GROUP_INTERVAL });
        routings.set(id, routing);
      }
      if (!routing.ok) {
        notes.add(`${id}: routing not evaluated: ${routing.reason}`);
        continue;
      }
      for (const note of severityNotes(sim)) notes.add(note);
      const first = sim.first_paged;
      if (!first) continue;
      const matrixAt = instantOf(first.at).getTime();
      // The receivers the matrix pages first, by role; each receiver's first notification by Alertmanager.
      const wanted = first.roles.filter((r) => r.side === 'internal' && r.alertmanager !== undefined);
      const tool = new Map<string, number | undefined>();
      for (const route of routing.reached) {
        const at = notifiedAt(intervals, route, start);
        const before = tool.get(route.receiver);
        tool.set(route.receiver, before === undefined ? at : at === undefined ? before : Math.min(before, at));
      }
      const base = { at: instant.at, severity: id };
      for (const role of wanted) {
        const receiver = role.alertmanager!;
        const found = { ...base, role: role.role, matrix_at: iso(matrixAt) };
        if (!tool.has(receiver)) {
          findings.push({ ...found, kind: 'not-paged', message: `${id}: ${role.role} is paged at ${when(matrixAt)}${role.source ? ` (${role.source})` : ''}; the alert never reaches receiver ${receiver} (it reaches ${[...tool.keys()].join(', ') || 'no receiver'})` });
          continue;
        }
        const at = tool.get(receiver);
        if (at === undefined) {
          findings.push({ ...found, kind: 'not-paged', message: `${id}: ${role.role} is paged at ${when(matrixAt)}; every route to receiver ${receiver} stays muted or inactive for the next 14 days` });
          continue;
        }
        const delay = at - matrixAt;
        if (Math.abs(delay) <= ON_TIME) continue;
        const opensAt = sim.calendar.opens_at !== undefined ? instantOf(sim.calendar.opens_at).getTime() : undefined;
        const closed = sim.calendar.state !== 'open' && sim.calendar.state !== 'round-the-clock';
        const kind = delay < 0 ? 'earlier' : closed && opensAt !== undefined && at <= opensAt + AFTER_OPENING ? 'held' : 'later';
        const why = kind === 'held' ? `: its route's time intervals hold it until calendar ${sim.calendar.id} opens, when the matrix's clock starts` : kind === 'later' ? ': its route is muted or inactive until then' : '';
        findings.push({ ...found, kind, tool_at: iso(at), message: `${id}: Alertmanager notifies ${receiver} (${role.role}) at ${when(at)}, ${kind === 'earlier' ? 'earlier' : 'later'} than the matrix pages it (${when(matrixAt)})${why}` });
      }
      const wantedReceivers = new Set(wanted.map((r) => r.alertmanager!));
      if (wantedReceivers.size === 0) continue;
      for (const [receiver, at] of tool) {
        if (wantedReceivers.has(receiver) || at === undefined) continue;
        findings.push({ ...base, kind: 'other-receiver', tool_at: iso(at), message: `${id}: Alertmanager notifies ${receiver} at ${when(at)}; the matrix pages ${[...wantedReceivers].join(', ')} first, not ${receiver}` });
      }
    }
  }
  return { findings, notes: [...notes] };
}

function* walk(route: unknown): Generator<Record<string, unknown>> {
  if (!isRecord(route)) return;
  yield route;
  for (const child of asList(route.routes)) yield* walk(child);
}

/** What Alertmanager cannot do for a severity whatever the configuration: timed steps, roles it has no receiver for. */
export function severityNotes(sim: Simulation): string[] {
  const out: string[] = [];
  const later = sim.paged.slice(1);
  if (later.length > 0) out.push(`${sim.severity.id}: Alertmanager routes an alert once; the matrix's later steps (${later.map((s) => `+${s.after}: ${s.roles.map((r) => r.role).join(', ')}`).join('; ')}) are not paged by it`);
  const unreached = (sim.first_paged?.roles ?? []).filter((r) => r.side !== 'internal' || r.alertmanager === undefined);
  if (unreached.length > 0) out.push(`${sim.severity.id}: ${unreached.map((r) => r.role).join(', ')} ${unreached.length === 1 ? 'is' : 'are'} paged first by the matrix but ${unreached.length === 1 ? 'has' : 'have'} no Alertmanager receiver (client-side, or no paging target)`);
  return out;
}
