/**
 * Drift: the paging configuration a team runs, compared with what the matrix exports. Each
 * difference in receivers, order, delays, targets, support hours, time intervals or
 * calendar events is a located finding (line:col in the team's file), so every lint output
 * format can report it and CI can annotate it. Pure: texts in, findings out.
 */
import { parseDocument } from 'yaml';
import { toData } from '../matrix/plain-data.js';
import { MAX_NESTING, tooDeepAt } from '../matrix/depth.js';
import type { Diagnostic, Path } from '../diagnostics.js';
import { createLocator, type Locator } from '../matrix/locate.js';
import { TextPositions } from '../matrix/positions.js';
import type { Matrix } from '../matrix/schema.js';
import { calendarFor, exportAlertmanager, expectedReceivers, holidaysName, outcomeRoutes, rootReceiver } from './alertmanager.js';
import { exportIcs } from './ics.js';
import { icsMeaningDrift } from './ics-drift.js';
import { exportPagerduty, hoursServices, isPullInName, pullInServices, type PagerdutyTargetRef, type PullInMode } from './pagerduty.js';
import { legacyMatchers, matches, parseMatchers, type Matcher } from './am-matchers.js';

export const DRIFT_CHECKS = [
  { id: 'drift-missing', rationale: 'A route, escalation policy, service, time interval or calendar event the matrix exports is missing from the configuration in use.' },
  { id: 'drift-receivers', rationale: 'Alerts reach other receivers than the roles the matrix pages.' },
  { id: 'drift-order', rationale: 'The same receivers or targets, in another order than the matrix path.' },
  { id: 'drift-delay', rationale: 'An escalation rule waits another time than the matrix path says.' },
  { id: 'drift-targets', rationale: 'An escalation rule pages other users or schedules than the roles the matrix names.' },
  { id: 'drift-rules', rationale: 'An escalation policy has more or fewer rules than the matrix path has points in time.' },
  { id: 'drift-hours', rationale: 'Support hours, time intervals or calendar events differ from the matrix calendars.' },
  { id: 'drift-default', rationale: 'Alerts no severity route takes go to another receiver than the matrix owner\'s.' },
  { id: 'drift-uncheckable', rationale: 'A matcher uses regular-expression syntax that cannot be checked exactly here; the routes behind it are not judged rather than misjudged.' },
] as const;
export type DriftCode = (typeof DRIFT_CHECKS)[number]['id'];

export type DriftResult = { ok: true; diagnostics: Diagnostic[] } | { ok: false; reason: string; line: number; column: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A block Terraform takes as one or a list; absent or null is none. */
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

interface Parsed {
  data: unknown;
  locator: Locator;
}

/** YAML or JSON text (JSON is YAML) with positions; a syntax error is a failure, never a finding. */
function parse(text: string, what: string): Parsed | Extract<DriftResult, { ok: false }> {
  const lines = new TextPositions(text);
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const at = lines.linePos(deep);
    return { ok: false, reason: `not valid ${what}: it nests more than ${MAX_NESTING} levels deep (the parser would run out of memory); a configuration needs only a few`, line: at.line, column: at.col };
  }
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, version: '1.2' });
  const locator = createLocator(doc, lines);
  const error = doc.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    return { ok: false, reason: `not valid ${what}: ${error.message.split('\n')[0]}`, line: at.line, column: at.col };
  }
  let data: unknown;
  try {
    data = toData(doc, { maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, reason: `cannot read ${what}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, line: 1, column: 1 };
  }
  if (!isRecord(data)) return { ok: false, reason: `${what} is not a mapping`, line: 1, column: 1 };
  return { data, locator };
}

const finding = (locator: Locator, code: DriftCode, path: Path, message: string): Diagnostic => {
  const span = locator.value(path);
  return { code, level: 'error', message, path, line: span.line, column: span.column };
};

const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'nobody');

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

/** Receivers, order and time intervals of an Alertmanager configuration against the matrix. */
export function alertmanagerDrift(matrix: Matrix, text: string): DriftResult {
  const parsed = parse(text, 'Alertmanager YAML');
  if ('ok' in parsed) return parsed;
  const { data, locator } = parsed;
  const root = (data as Record<string, unknown>).route;
  if (!isRecord(root)) return { ok: false, reason: 'the configuration has no `route`', line: 1, column: 1 };
  const out: Diagnostic[] = [];
  const seenRoutes = new Set<string>();
  const seenUnknown = new Set<string>();
  const wantRoot = rootReceiver(matrix);
  if (root.receiver !== wantRoot) {
    out.push(
      finding(locator, 'drift-default', root.receiver === undefined ? ['route'] : ['route', 'receiver'], `the default receiver is ${root.receiver === undefined ? 'missing' : JSON.stringify(root.receiver)}; alerts no severity route takes (no severity label, an unknown severity) go to ${JSON.stringify(wantRoot)}, the matrix owner's receiver`),
    );
  } else {
    // The default is right; a route added above it (a catch-all, `severity!~"…"`) may still
    // take the alerts no severity of the matrix names: each such alert is routed to see.
    let unknown = 'unknown';
    while (matrix.severities.some((sev) => sev.id === unknown)) unknown = `${unknown}-severity`;
    for (const labels of [{}, { severity: unknown }] as Record<string, string>[]) {
      const routed = routeAlert(root, labels, undefined, ['route']);
      if (!routed.ok) continue; // a matcher this check cannot judge: reported with the severities below
      const got = routed.reached.map((r) => r.receiver ?? '(none)');
      if (got.join(',') === wantRoot) continue;
      const where = routed.reached.find((r) => r.receiver !== wantRoot) ?? routed.reached[0]!;
      const shown = labels.severity === undefined ? 'an alert with no severity label' : `severity=${unknown} (no severity of the matrix)`;
      out.push(finding(locator, 'drift-default', where.path.length > 1 ? [...where.path, 'receiver'] : where.path, `${shown}: routed to ${list(got)}; alerts no severity route takes go to ${JSON.stringify(wantRoot)}, the matrix owner's receiver`));
    }
  }

  for (const severity of matrix.severities) {
    const sets: { tier?: string; client?: string; outcome?: string }[] = [{}];
    for (const tier of Object.keys(matrix.tiers ?? {})) sets.push({ tier });
    for (const [client, c] of Object.entries(matrix.clients ?? {})) sets.push({ tier: c.tier, client });
    for (const o of outcomeRoutes(matrix)) if (o.severity === severity.id) sets.push({ outcome: o.label });
    let base: { got: string[]; want: string[] } | undefined;
    for (const set of sets) {
      const labels: Record<string, string> = { severity: severity.id, ...(set.tier ? { tier: set.tier } : {}), ...(set.client ? { client: set.client } : {}), ...(set.outcome ? { outcome: set.outcome } : {}) };
      const want = expectedReceivers(matrix, severity, set.tier, set.client, set.outcome);
      const routed = routeAlert(root, labels, undefined, ['route']);
      if (!routed.ok) {
        const key = JSON.stringify(routed.unknown.path);
        if (!seenUnknown.has(key)) {
          seenUnknown.add(key);
          out.push({ ...finding(locator, 'drift-uncheckable', routed.unknown.path, `routing not checked for ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(' ')} and every alert this matcher decides: ${routed.unknown.reason}`), level: 'warning' });
        }
        continue;
      }
      const reached = routed.reached;
      const got = reached.map((r) => r.receiver ?? '(none)');
      if (set.tier === undefined && set.outcome === undefined) base = { got, want };
      for (const d of intervalDrift(matrix, severity, set.tier, labels, reached, locator)) {
        const key = JSON.stringify(d.path);
        if (!seenRoutes.has(key)) out.push(d);
        seenRoutes.add(key);
      }
      if (got.join(',') === want.join(',')) continue;
      // A tier or client whose own receivers agree only repeats the severity's drift.
      if (set.tier !== undefined && base && base.got.join(',') !== base.want.join(',')) {
        const own = (list: string[], of: string[]) => list.filter((r) => !of.includes(r)).join(',');
        if (own(got, base.got) === own(want, base.want)) continue;
      }
      const where = reached.find((r) => !want.includes(r.receiver ?? '')) ?? reached[0]!;
      const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(' ');
      const path = where.path.length > 1 ? [...where.path, 'receiver'] : where.path;
      if (sameSet(got, want)) {
        out.push(finding(locator, 'drift-order', path, `${shown}: routed to ${list(got)}; the matrix pages ${list(want)}, in that order`));
      } else {
        const missing = want.filter((r) => !got.includes(r));
        const extra = got.filter((r) => !want.includes(r));
        const parts = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `not in the matrix: ${extra.join(', ')}` : ''].filter(Boolean);
        out.push(finding(locator, 'drift-receivers', path, `${shown}: routed to ${list(got)}; the matrix pages ${list(want)} (${parts.join('; ')})`));
      }
    }
  }

  const expected = exportAlertmanager(matrix).config.time_intervals ?? [];
  const theirs = asList((data as Record<string, unknown>).time_intervals);
  for (const interval of expected) {
    const index = theirs.findIndex((t) => isRecord(t) && t.name === interval.name);
    if (index < 0) {
      out.push(finding(locator, 'drift-missing', theirs.length ? ['time_intervals'] : [], `time interval "${interval.name}" (from calendar ${interval.name.replace(/-holidays$/, '')}) is missing`));
    } else if (JSON.stringify(normalize((theirs[index] as Record<string, unknown>).time_intervals)) !== JSON.stringify(normalize(interval.time_intervals))) {
      out.push(intervalFinding(locator, interval, asList((theirs[index] as Record<string, unknown>).time_intervals), index));
    }
  }
  return { ok: true, diagnostics: out };
}

/** The routes an alert reaches must be active on its calendar's working time and muted on its holidays; round the clock, never limited. */
function intervalDrift(matrix: Matrix, severity: Matrix['severities'][number], tier: string | undefined, labels: Record<string, string>, reached: Reached[], locator: Locator): Diagnostic[] {
  const calendar = calendarFor(matrix, severity, tier);
  const holidays = calendar !== undefined && (matrix.calendars![calendar]!.holidays ?? []).length > 0 ? holidaysName(calendar) : undefined;
  const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(' ');
  const out: Diagnostic[] = [];
  for (const r of reached) {
    if (r.path.length <= 1) continue;
    const active = asList(r.route.active_time_intervals).map(String);
    const muted = asList(r.route.mute_time_intervals).map(String);
    const wantActive = calendar !== undefined ? [calendar] : [];
    const wantMuted = holidays !== undefined ? [holidays] : [];
    if (sameSet(active, wantActive) && wantMuted.every((m) => muted.includes(m))) continue;
    const what = calendar !== undefined ? `the matrix pages on calendar "${calendar}" (active ${calendar}${holidays ? `, muted ${holidays}` : ''})` : 'the matrix pages round the clock (no time intervals)';
    out.push(finding(locator, 'drift-hours', r.path, `${shown}: receiver ${r.receiver ?? '(none)'} is active ${active.length ? active.join(', ') : 'always'}${muted.length ? `, muted ${muted.join(', ')}` : ''}; ${what}`));
  }
  return out;
}

/** A time interval's value as people write it: `monday, tuesday`, `08:00-18:00`. */
function shownInterval(value: unknown): string {
  if (value === undefined) return 'unset';
  return asList(value)
    .map((v) => (isRecord(v) && 'start_time' in v ? `${String(v.start_time)}-${String(v.end_time)}` : String(v)))
    .join(', ');
}

/** Which entry and field of a time interval differs, at its place, in words. */
function intervalFinding(locator: Locator, interval: { name: string; time_intervals: Record<string, unknown>[] | object[] }, theirs: unknown[], index: number): Diagnostic {
  const ours = interval.time_intervals as Record<string, unknown>[];
  const at: Path = ['time_intervals', index, 'time_intervals'];
  const key = (e: unknown) => JSON.stringify(normalize(e));
  if (theirs.length !== ours.length) {
    const missing = ours.filter((e) => !theirs.some((t) => key(t) === key(e)));
    const extra = theirs.filter((t) => !ours.some((e) => key(t) === key(e)));
    const day = (e: unknown) => (isRecord(e) ? [e.years, e.months, e.days_of_month].map(shownInterval).join(' ') : String(e));
    const parts = [missing.length ? `missing ${missing.map(day).join('; ')}` : '', extra.length ? `not in the matrix: ${extra.map(day).join('; ')}` : ''].filter(Boolean);
    return finding(locator, 'drift-hours', at, `time interval "${interval.name}" has ${theirs.length} entries; the matrix calendar has ${ours.length} (${parts.join('; ')})`);
  }
  for (const [k, want] of ours.entries()) {
    const got = theirs[k];
    if (!isRecord(got)) return finding(locator, 'drift-hours', [...at, k], `time interval "${interval.name}" entry ${k + 1} is not a mapping`);
    for (const field of new Set([...Object.keys(want), ...Object.keys(got)])) {
      if (JSON.stringify(normalize(got[field])) === JSON.stringify(normalize(want[field]))) continue;
      return finding(locator, 'drift-hours', got[field] === undefined ? [...at, k] : [...at, k, field], `time interval "${interval.name}" ${field} is ${shownInterval(got[field])}; the matrix calendar says ${shownInterval(want[field])}`);
    }
  }
  return finding(locator, 'drift-hours', at, `time interval "${interval.name}" differs from the matrix calendar`);
}

/** Key order and single values written without a list do not count as drift. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalize(value[k])]));
  return typeof value === 'number' ? String(value) : value;
}

interface Reached {
  receiver: string | undefined;
  path: Path;
  route: Record<string, unknown>;
}

/** A route whose matchers cannot be checked here: where, and why. */
interface Unknown {
  path: Path;
  reason: string;
}

type Routed = { ok: true; reached: Reached[] } | { ok: false; unknown: Unknown };

/** Alertmanager's routing: a node matches, its children are tried in order until one matches without `continue`; no child → the node itself. */
function routeAlert(route: Record<string, unknown>, labels: Record<string, string>, inherited: string | undefined, path: Path): Routed {
  const match = routeMatches(route, labels, path);
  if (match !== true && match !== false) return { ok: false, unknown: match };
  if (!match) return { ok: true, reached: [] };
  const receiver = typeof route.receiver === 'string' ? route.receiver : inherited;
  const all: Reached[] = [];
  for (const [i, child] of asList(route.routes).entries()) {
    if (!isRecord(child)) continue;
    const found = routeAlert(child, labels, receiver, [...path, 'routes', i]);
    if (!found.ok) return found;
    all.push(...found.reached);
    if (found.reached.length > 0 && child.continue !== true) break;
  }
  return { ok: true, reached: all.length > 0 ? all : [{ receiver, path, route }] };
}

/** Whether a route's matchers (and legacy match/match_re) take the labels, read as Alertmanager does; what it cannot check, said. */
function routeMatches(route: Record<string, unknown>, labels: Record<string, string>, path: Path): boolean | Unknown {
  const all: { matcher: Matcher; at: Path }[] = [];
  for (const [k, text] of asList(route.matchers).entries()) {
    const at: Path = Array.isArray(route.matchers) ? [...path, 'matchers', k] : [...path, 'matchers'];
    const parsed = parseMatchers(String(text));
    if (!parsed.ok) return { path: at, reason: `Alertmanager refuses this matcher (${parsed.reason})` };
    all.push(...parsed.matchers.map((matcher) => ({ matcher, at })));
  }
  for (const matcher of legacyMatchers(route.match, route.match_re)) all.push({ matcher, at: [...path, matcher.type === '=' ? 'match' : 'match_re', matcher.name] });
  for (const { matcher, at } of all) {
    const hit = matches(matcher, labels);
    if (hit === undefined) return { path: at, reason: `${matcher.name}${matcher.type}${JSON.stringify(matcher.value)}: ${matcher.regex && !matcher.regex.ok ? matcher.regex.reason : 'not checkable'}` };
    if (!hit) return false;
  }
  return true;
}

const targetText = (t: unknown) => (isRecord(t) ? `${String(t.type ?? 'user_reference').replace(/_reference$/, '')} ${String(t.id)}` : String(t));

/**
 * Rules, delays, targets, order and support hours of Terraform JSON against the matrix. A file
 * holding pull-in resources (or `pullIn` given) is compared with the `--pull-in` export: its
 * pull-in policies, services, orchestrations (the suspension is the delay) and integrations too.
 */
export function pagerdutyDrift(matrix: Matrix, text: string, pullIn?: PullInMode): DriftResult {
  const parsed = parse(text, 'Terraform JSON');
  if ('ok' in parsed) return parsed;
  const { data, locator } = parsed;
  const resource = isRecord(data) ? data.resource : undefined;
  const policies = isRecord(resource) && isRecord(resource.pagerduty_escalation_policy) ? resource.pagerduty_escalation_policy : {};
  const services = isRecord(resource) && isRecord(resource.pagerduty_service) ? resource.pagerduty_service : {};
  const out: Diagnostic[] = [];
  const pullInKinds = ['pagerduty_escalation_policy', 'pagerduty_service', 'pagerduty_event_orchestration_service', 'pagerduty_service_integration'];
  const hasPullIn = isRecord(resource) && pullInKinds.some((kind) => isRecord(resource[kind]) && Object.keys(resource[kind]).some(isPullInName));
  const mode = pullIn ?? (hasPullIn ? 'separate-services' : undefined);
  const { config } = exportPagerduty(matrix, { pullIn: mode });

  for (const [name, policy] of Object.entries(config.resource.pagerduty_escalation_policy)) {
    const key = Object.hasOwn(policies, name) ? name : Object.keys(policies).find((k) => isRecord(policies[k]) && (policies[k] as Record<string, unknown>).name === policy.name);
    const at: Path = ['resource', 'pagerduty_escalation_policy', key ?? ''];
    if (key === undefined) {
      out.push(finding(locator, 'drift-missing', ['resource', 'pagerduty_escalation_policy'], `escalation policy "${name}" (${policy.name}) is missing`));
      continue;
    }
    const body = policies[key] as Record<string, unknown>;
    const loops = body.num_loops === undefined || body.num_loops === null ? 0 : typeof body.num_loops === 'number' || (typeof body.num_loops === 'string' && /^\d+$/.test(body.num_loops)) ? Number(body.num_loops) : Number.NaN;
    if (Number.isNaN(loops)) {
      out.push(finding(locator, 'drift-delay', [...at, 'num_loops'], `policy "${key}" has num_loops ${JSON.stringify(body.num_loops)}, not a whole number this check can read (Terraform evaluates a \${…} template itself); the matrix path runs once (num_loops ${policy.num_loops})`));
    } else if (loops !== policy.num_loops) {
      out.push(finding(locator, 'drift-delay', body.num_loops === undefined || body.num_loops === null ? at : [...at, 'num_loops'], `policy "${key}" repeats its rules ${loops} more time${loops === 1 ? '' : 's'} (num_loops ${String(body.num_loops)}); the matrix path runs once (num_loops ${policy.num_loops})`));
    }
    const rulesArePlural = Array.isArray(body.rule);
    const theirs = asList(body.rule);
    const rulePath = (k: number): Path => (rulesArePlural ? [...at, 'rule', k] : [...at, 'rule']);
    if (theirs.length !== policy.rule.length) {
      out.push(finding(locator, 'drift-rules', theirs.length ? [...at, 'rule'] : at, `policy "${key}" has ${theirs.length} rule${theirs.length === 1 ? '' : 's'}; the matrix path has ${policy.rule.length}`));
    }
    policy.rule.forEach((want, k) => {
      const rule = theirs[k];
      if (rule !== undefined && !isRecord(rule)) {
        out.push(finding(locator, 'drift-rules', rulePath(k), `policy "${key}" rule ${k + 1} is ${JSON.stringify(rule)}, not a rule; the matrix path's rule ${k + 1} escalates after ${want.escalation_delay_in_minutes} min`));
        return;
      }
      if (!isRecord(rule)) return;
      const delay = rule.escalation_delay_in_minutes;
      if (Number(delay) !== want.escalation_delay_in_minutes) {
        out.push(finding(locator, 'drift-delay', [...rulePath(k), 'escalation_delay_in_minutes'], `policy "${key}" rule ${k + 1} waits ${String(delay)} minutes; the matrix says ${want.escalation_delay_in_minutes}`));
      }
      const got = asList(rule.target).map(targetText);
      const expected = want.target.map((t: PagerdutyTargetRef) => targetText(t));
      if (got.join(',') === expected.join(',')) return;
      const path = [...rulePath(k), 'target'];
      if (sameSet(got, expected)) out.push(finding(locator, 'drift-order', path, `policy "${key}" rule ${k + 1} targets ${list(got)}; the matrix says ${list(expected)}, in that order`));
      else out.push(finding(locator, 'drift-targets', path, `policy "${key}" rule ${k + 1} targets ${list(got)}; the matrix says ${list(expected)}`));
    });
  }

  if (mode !== undefined) out.push(...pullInDrift(locator, resource, config.resource));
  for (const [name, service] of Object.entries(hoursServices(config))) {
    if (!Object.hasOwn(services, name) || !isRecord(services[name])) {
      out.push(finding(locator, 'drift-missing', isRecord(resource) ? ['resource'] : [], `service "${name}" with support hours is missing`));
      continue;
    }
    const body = services[name] as Record<string, unknown>;
    const at: Path = ['resource', 'pagerduty_service', name];
    const theirs = asList(body.support_hours)[0];
    if (JSON.stringify(normalize(theirs)) !== JSON.stringify(normalize(service.support_hours[0]))) {
      out.push(...supportHoursDrift(locator, name, theirs, service.support_hours[0]!, [...at, 'support_hours', ...(Array.isArray(body.support_hours) ? [0] : [])]));
    }
    if (body.escalation_policy !== service.escalation_policy) {
      out.push(finding(locator, 'drift-targets', [...at, 'escalation_policy'], `service "${name}" escalates by ${String(body.escalation_policy)}; the matrix pages ${name} by ${service.escalation_policy}`));
    }
    const rule = asList(body.incident_urgency_rule)[0];
    const urgency = (r: unknown, k: string) => (isRecord(r) ? asList(r[k]).map((u) => (isRecord(u) ? `${String(u.type)} ${String(u.urgency)}` : String(u)))[0] : undefined);
    const want = service.incident_urgency_rule[0]!;
    const ruleAt: Path = [...at, 'incident_urgency_rule', ...(Array.isArray(body.incident_urgency_rule) ? [0] : [])];
    if (!isRecord(rule) || rule.type !== want.type) {
      out.push(finding(locator, 'drift-hours', isRecord(rule) ? [...ruleAt, 'type'] : at, `service "${name}" urgency rule is ${isRecord(rule) ? String(rule.type) : 'missing'}; the matrix needs use_support_hours (high during ${service.support_hours[0]!.start_time}-${service.support_hours[0]!.end_time}, low outside)`));
    } else {
      for (const [k, label] of [['during_support_hours', 'during'], ['outside_support_hours', 'outside']] as const) {
        const got = urgency(rule, k);
        const expected = `${want[k][0]!.type} ${want[k][0]!.urgency}`;
        if (got !== expected) out.push(finding(locator, 'drift-hours', [...ruleAt, k], `service "${name}" urgency ${label} support hours is ${got ?? 'unset'}; the matrix says ${expected}`));
      }
    }
    const actions = asList(body.scheduled_actions);
    const raises = actions.some((a) => isRecord(a) && a.type === 'urgency_change' && a.to_urgency === 'high' && asList(a.at).some((t) => isRecord(t) && t.type === 'named_time' && t.name === 'support_hours_start'));
    if (!raises) {
      out.push(finding(locator, 'drift-hours', body.scheduled_actions === undefined ? at : [...at, 'scheduled_actions'], `service "${name}" does not raise urgency at the start of support hours (scheduled_actions urgency_change to high at support_hours_start); a low-urgency incident from outside them never escalates`));
    }
  }
  return { ok: true, diagnostics: out };
}

/** Pull-in services, their orchestrations (suspend is when the roles are paged) and integrations, against the --pull-in export. */
function pullInDrift(locator: Locator, resource: unknown, want: ReturnType<typeof exportPagerduty>['config']['resource']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kind = (k: string) => (isRecord(resource) && isRecord(resource[k]) ? resource[k] : {});
  const services = kind('pagerduty_service');
  const orchestrations = kind('pagerduty_event_orchestration_service');
  const integrations = kind('pagerduty_service_integration');
  const root: Path = isRecord(resource) ? ['resource'] : [];
  for (const [name, service] of Object.entries(pullInServices({ '//': '', resource: want }))) {
    const body = services[name];
    if (!isRecord(body)) {
      out.push(finding(locator, 'drift-missing', root, `pull-in service "${name}" is missing; ${service.description.replace(/ \(generated by escalate\)\.$/, '')}`));
    } else if (body.escalation_policy !== service.escalation_policy) {
      out.push(finding(locator, 'drift-targets', ['resource', 'pagerduty_service', name, 'escalation_policy'], `pull-in service "${name}" escalates by ${String(body.escalation_policy)}; the matrix pages it by ${service.escalation_policy}`));
    }
    const orchestration = orchestrations[name];
    const wanted = want.pagerduty_event_orchestration_service![name]!;
    const seconds = wanted.catch_all[0]!.actions[0]!.suspend;
    const at: Path = ['resource', 'pagerduty_event_orchestration_service', name];
    if (!isRecord(orchestration)) {
      out.push(finding(locator, 'drift-missing', root, `service orchestration "${name}" is missing; without it every alert sent to "${name}" pages at once, not ${seconds / 60} minutes after the start`));
    } else {
      if (orchestration.service !== wanted.service) out.push(finding(locator, 'drift-targets', [...at, 'service'], `service orchestration "${name}" belongs to ${String(orchestration.service)}; the matrix says ${wanted.service}`));
      if (orchestration.enable_event_orchestration_for_service !== true) {
        out.push(finding(locator, 'drift-delay', orchestration.enable_event_orchestration_for_service === undefined ? at : [...at, 'enable_event_orchestration_for_service'], `service orchestration "${name}" is not enabled for its service (enable_event_orchestration_for_service ${String(orchestration.enable_event_orchestration_for_service ?? 'unset')}); its alerts are not suspended and page at once, not after ${seconds / 60} minutes`));
      }
      const catchAll = asList(orchestration.catch_all)[0];
      const actions = isRecord(catchAll) ? asList(catchAll.actions)[0] : undefined;
      const got = isRecord(actions) ? actions.suspend : undefined;
      if (Number(got) !== seconds || got === undefined) {
        const where: Path = isRecord(actions) && got !== undefined ? [...at, 'catch_all', ...(Array.isArray(orchestration.catch_all) ? [0] : []), 'actions', ...(isRecord(catchAll) && Array.isArray(catchAll.actions) ? [0] : []), 'suspend'] : at;
        out.push(finding(locator, 'drift-delay', where, `service orchestration "${name}" suspends alerts ${got === undefined ? 'not at all (no catch_all suspend)' : `${String(got)} seconds`}; the matrix pulls these roles in after ${seconds} seconds (${seconds / 60} minutes)`));
      }
      const rules = asList(orchestration.set).flatMap((set) => (isRecord(set) ? asList(set.rule) : []));
      if (rules.length > 0) {
        out.push(finding(locator, 'drift-delay', [...at, 'set'], `service orchestration "${name}" has ${rules.length} rule${rules.length === 1 ? '' : 's'}; an alert a rule matches skips the catch_all suspension, so the matrix's pull-in time no longer holds for it`));
      }
    }
    if (!isRecord(integrations[name])) {
      out.push(finding(locator, 'drift-missing', root, `integration "${name}" is missing; no alert can reach pull-in service "${name}"`));
    } else if (integrations[name].service !== want.pagerduty_service_integration![name]!.service) {
      out.push(finding(locator, 'drift-targets', ['resource', 'pagerduty_service_integration', name, 'service'], `integration "${name}" sends to ${String(integrations[name].service)}; the matrix says ${want.pagerduty_service_integration![name]!.service}`));
    }
  }
  return out;
}

/** Which support-hours field differs, each at its own line. */
function supportHoursDrift(locator: Locator, name: string, theirs: unknown, want: Record<string, unknown>, at: Path): Diagnostic[] {
  if (!isRecord(theirs)) return [finding(locator, 'drift-hours', at, `service "${name}" has no support hours; the matrix says ${want.start_time}-${want.end_time} in ${want.time_zone}`)];
  const out: Diagnostic[] = [];
  for (const [k, v] of Object.entries(want)) {
    if (JSON.stringify(normalize(theirs[k])) === JSON.stringify(normalize(v))) continue;
    out.push(finding(locator, 'drift-hours', [...at, k], `service "${name}" support hours ${k} is ${JSON.stringify(theirs[k]) ?? 'unset'}; the matrix says ${JSON.stringify(v)}`));
  }
  return out;
}

/** iCalendar: events compared by UID and by meaning (see ics-drift.ts), each difference where it is in the file. */
export function icsDrift(matrix: Matrix, text: string): DriftResult {
  if (!/^BEGIN:VCALENDAR\r?$/m.test(text)) return { ok: false, reason: 'not an iCalendar file (no BEGIN:VCALENDAR)', line: 1, column: 1 };
  return icsMeaningDrift(exportIcs(matrix).text, text, matrix.reviewed);
}
