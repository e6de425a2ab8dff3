/**
 * The matrix as an Alertmanager configuration: a route tree that sends alerts labelled
 * with a severity (and optionally a tier and a client) to the receivers of the roles the
 * matrix pages at once, `time_intervals` from the calendars and their holidays, and a
 * routing test script for `amtool`. Pure: text in, text out.
 *
 * Alertmanager routes an alert once; it has no timed escalation. Later steps of a path
 * are listed as warnings, never dropped silently.
 */
import { canonicalZone } from '../time/zone.js';
import { Scalar, stringify } from 'yaml';
import { CONTROL_CHARACTERS } from '../matrix/controls.js';
import type { Calendar, Matrix, Severity } from '../matrix/schema.js';
import { ROUND_THE_CLOCK } from '../matrix/references.js';
import { afterMinutes, isInternal, outcomeRoleWarnings, targetFor } from './paging.js';
import type { ExportWarning } from './warnings.js';
import { answerId } from '../triage/engine.js';

export interface AlertmanagerRoute {
  receiver?: string;
  matchers?: string[];
  continue?: boolean;
  group_by?: string[];
  active_time_intervals?: string[];
  mute_time_intervals?: string[];
  routes?: AlertmanagerRoute[];
}

export interface TimeInterval {
  weekdays?: string[];
  times?: { start_time: string; end_time: string }[];
  days_of_month?: string[];
  months?: string[];
  years?: string[];
  location?: string;
}

export interface AlertmanagerConfig {
  route: AlertmanagerRoute;
  receivers: { name: string }[];
  time_intervals?: { name: string; time_intervals: TimeInterval[] }[];
}

/** One routing test: labels and the receivers they must reach, in order. */
export interface RoutingTest {
  name: string;
  labels: Record<string, string>;
  receivers: string[];
}

export interface AlertmanagerExport {
  config: AlertmanagerConfig;
  warnings: ExportWarning[];
}

const WEEKDAYS: Record<string, string> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A label matcher; the value is quoted the way Alertmanager's parser reads it. */
const matcher = (label: string, value: string) => `${label}=${JSON.stringify(value)}`;
export const holidaysName = (calendar: string) => `${calendar}-holidays`;
const unique = <T>(items: T[]) => [...new Set(items)];

/** The roles a severity pages at once: the steps at the earliest time, then the owner. */
export function immediateRoles(severity: Severity): string[] {
  const steps = severity.escalation ?? [];
  const first = Math.min(...steps.map((s) => afterMinutes(s.after)));
  return unique([...steps.filter((s) => afterMinutes(s.after) === first).flatMap((s) => s.notify), severity.owner]);
}

const calendarOf = (matrix: Matrix, id: string | undefined): Calendar | undefined =>
  id !== undefined && id !== ROUND_THE_CLOCK && matrix.calendars && Object.hasOwn(matrix.calendars, id) ? matrix.calendars[id] : undefined;

/** The receivers for a list of roles: internal roles with an Alertmanager target, each once. */
function receiversOf(matrix: Matrix, roles: readonly string[]): string[] {
  return unique(roles.filter((r) => isInternal(matrix, r)).flatMap((r) => targetFor(matrix, r)?.alertmanager ?? []));
}

/** Which calendar an alert for this severity and tier runs on; undefined for round the clock. */
export function calendarFor(matrix: Matrix, severity: Severity, tierId: string | undefined): string | undefined {
  const tier = tierId !== undefined && matrix.tiers && Object.hasOwn(matrix.tiers, tierId) ? matrix.tiers[tierId] : undefined;
  const id = tier?.calendar ?? severity.calendar;
  return calendarOf(matrix, id) ? id : undefined;
}

/**
 * The receivers an alert with these labels must reach: the severity's immediate roles, then
 * the roles its tier and its client add, each receiver once. The route tree is built to give
 * exactly this; `amtool config routes test` checks it does.
 */
export function expectedReceivers(matrix: Matrix, severity: Severity, tierId?: string, clientId?: string, outcome?: string): string[] {
  const extra = outcome === undefined ? [] : (outcomeRoutes(matrix).find((o) => o.label === outcome && o.severity === severity.id)?.receivers ?? []);
  if (extra.length > 0) return unique([...extra, ...expectedReceivers(matrix, severity, tierId, clientId)]);
  const tier = tierId !== undefined && matrix.tiers && Object.hasOwn(matrix.tiers, tierId) ? matrix.tiers[tierId] : undefined;
  const client = clientId !== undefined && matrix.clients && Object.hasOwn(matrix.clients, clientId) ? matrix.clients[clientId] : undefined;
  const found = receiversOf(matrix, [...immediateRoles(severity), ...(tier?.notify ?? []), ...(client?.notify ?? [])]);
  return found.length > 0 ? found : [rootReceiver(matrix)];
}

/** Where an alert goes that no severity route matches: the matrix owner's receiver. */
export function rootReceiver(matrix: Matrix): string {
  return receiversOf(matrix, [matrix.owner, ...matrix.severities.map((s) => s.owner)])[0] ?? 'escalate-unrouted';
}

/** The `outcome` label of a triage answer: `QUESTION.ANSWER`, the ids triage records. */
export const outcomeLabel = (question: string, answer: string) => `${question}.${answer}`;

export interface OutcomeRoute {
  label: string;
  severity: string;
  /** The outcome's owner (when not the severity's) and its inform roles, internal ones with a receiver. */
  receivers: string[];
}

/** Triage outcomes whose owner or inform roles the severity alone does not page: routed by an `outcome` label. */
export function outcomeRoutes(matrix: Matrix): OutcomeRoute[] {
  const out: OutcomeRoute[] = [];
  for (const [qid, question] of Object.entries(matrix.triage?.questions ?? {})) {
    for (const answer of question.answers) {
      const outcome = answer.outcome;
      const severity = outcome && matrix.severities.find((s) => s.id === outcome.severity);
      if (!outcome || !severity) continue;
      const roles = [...(outcome.owner !== undefined && outcome.owner !== severity.owner ? [outcome.owner] : []), ...(outcome.inform ?? [])];
      const immediate = receiversOf(matrix, immediateRoles(severity));
      const receivers = receiversOf(matrix, roles).filter((r) => !immediate.includes(r));
      if (receivers.length > 0) out.push({ label: outcomeLabel(qid, answerId(answer)), severity: severity.id, receivers });
    }
  }
  return out;
}

export function exportAlertmanager(matrix: Matrix): AlertmanagerExport {
  const warnings: ExportWarning[] = [];
  const usedCalendars = new Set<string>();
  const leaf = (receiver: string, calendarId: string | undefined, matchers?: string[]): AlertmanagerRoute => {
    const route: AlertmanagerRoute = { receiver };
    if (matchers) route.matchers = matchers;
    const calendar = calendarOf(matrix, calendarId);
    if (calendar && calendarId !== undefined) {
      usedCalendars.add(calendarId);
      route.active_time_intervals = [calendarId];
      if ((calendar.holidays ?? []).length > 0) route.mute_time_intervals = [holidaysName(calendarId)];
    }
    route.continue = true;
    return route;
  };

  const tiers = Object.entries(matrix.tiers ?? {});
  const clients = Object.entries(matrix.clients ?? {});
  const severityRoutes = matrix.severities.map((severity, i): AlertmanagerRoute => {
    const immediate = receiversOf(matrix, immediateRoles(severity));
    const base = calendarFor(matrix, severity, undefined);
    const children: AlertmanagerRoute[] = [];
    // A tier on another calendar gets its own branch: time intervals are not inherited by child routes.
    const ownBranch = new Set(tiers.filter(([tid]) => calendarFor(matrix, severity, tid) !== base).map(([tid]) => tid));
    for (const tid of ownBranch) {
      const cal = calendarFor(matrix, severity, tid);
      const tierReceivers = receiversOf(matrix, [...immediateRoles(severity), ...(matrix.tiers![tid]!.notify ?? [])]);
      const routes = tierReceivers.map((r) => leaf(r, cal));
      for (const [cid, client] of clients) {
        if (client.tier !== tid) continue;
        for (const r of receiversOf(matrix, client.notify ?? [])) if (!tierReceivers.includes(r)) routes.push(leaf(r, cal, [matcher('client', cid)]));
      }
      if (routes.length > 0) children.push({ matchers: [matcher('tier', tid)], routes });
    }
    children.push(...immediate.map((r) => leaf(r, base)));
    const tierExtras = new Map<string, string[]>();
    for (const [tid, tier] of tiers) {
      if (ownBranch.has(tid)) continue;
      const extra = receiversOf(matrix, tier.notify ?? []).filter((r) => !immediate.includes(r));
      tierExtras.set(tid, extra);
      children.push(...extra.map((r) => leaf(r, base, [matcher('tier', tid)])));
    }
    for (const [cid, client] of clients) {
      if (ownBranch.has(client.tier)) continue;
      const before = [...immediate, ...(tierExtras.get(client.tier) ?? [])];
      children.push(...receiversOf(matrix, client.notify ?? []).filter((r) => !before.includes(r)).map((r) => leaf(r, base, [matcher('client', cid)])));
    }
    limits(matrix, severity, i, warnings);
    if (i === matrix.severities.length - 1) {
      (matrix.exceptions ?? []).forEach((exception, e) =>
        warnings.push({ code: 'exception', path: ['exceptions', e], message: `exception "${exception.id}" (${exception.from} to ${exception.until}) is time-bound and not in the route tree; re-export while it is active if it adds roles` }),
      );
    }
    const route: AlertmanagerRoute = { matchers: [matcher('severity', severity.id)] };
    if (children.length > 0) route.routes = children;
    return route;
  });

  // Outcome routes come first and continue, so an alert labelled with its triage outcome also reaches the severity's receivers.
  const outcomes = outcomeRoutes(matrix).flatMap((o) => {
    const severity = matrix.severities.find((s) => s.id === o.severity)!;
    return o.receivers.map((r) => leaf(r, calendarFor(matrix, severity, undefined), [matcher('outcome', o.label), matcher('severity', o.severity)]));
  });
  const routed = new Set(outcomeRoutes(matrix).map((o) => o.label));
  for (const w of outcomeRoleWarnings(matrix, 'Alertmanager')) {
    const [, , qid, , k] = w.path as [string, string, string, string, number];
    const answer = matrix.triage!.questions[qid]!.answers[k]!;
    const label = outcomeLabel(qid, answerId(answer));
    warnings.push(
      routed.has(label)
        ? { code: 'outcome-label', path: w.path, message: `${w.message.split(';')[0]}; routed only for alerts labelled outcome="${label}" (alerts carry no triage answer unless you add it)` }
        : w,
    );
  }
  const receivers = unique([rootReceiver(matrix), ...outcomes.flatMap(collectReceivers), ...severityRoutes.flatMap(collectReceivers)]).map((name) => ({ name }));
  const config: AlertmanagerConfig = {
    route: { receiver: rootReceiver(matrix), group_by: ['alertname', 'severity', 'tier', 'client', 'outcome'], routes: [...outcomes, ...severityRoutes] },
    receivers,
  };
  const intervals = [...usedCalendars].sort().flatMap((id) => timeIntervals(matrix, id));
  if (intervals.length > 0) config.time_intervals = intervals;
  return { config, warnings };
}

function collectReceivers(route: AlertmanagerRoute): string[] {
  return [...(route.receiver ? [route.receiver] : []), ...(route.routes ?? []).flatMap(collectReceivers)];
}

/** A calendar's working time, and its holidays as a second interval that mutes the first. */
export function timeIntervals(matrix: Matrix, id: string): { name: string; time_intervals: TimeInterval[] }[] {
  const calendar = matrix.calendars![id]!;
  const location = canonicalZone(calendar.timezone ?? matrix.timezone);
  const [start, end] = calendar.hours.split('-') as [string, string];
  const out: { name: string; time_intervals: TimeInterval[] }[] = [{ name: id, time_intervals: [{ weekdays: calendar.days.map((d) => WEEKDAYS[d]!), times: [{ start_time: start, end_time: end }], location }] }];
  // A date listed twice (by hand, or once by hand and once from a feed) is one interval.
  const holidays = [...new Set(calendar.holidays ?? [])];
  if (holidays.length > 0) {
    out.push({
      name: holidaysName(id),
      time_intervals: holidays.map((date) => {
        const [y, m, d] = date.split('-') as [string, string, string];
        return { days_of_month: [String(Number(d))], months: [MONTHS[Number(m) - 1]!], years: [y], location } as TimeInterval;
      }),
    });
  }
  return out;
}

/** What the route tree cannot say about a severity, said plainly. */
function limits(matrix: Matrix, severity: Severity, index: number, warnings: ExportWarning[]): void {
  const steps = severity.escalation ?? [];
  const first = Math.min(...steps.map((s) => afterMinutes(s.after)));
  steps.forEach((step, j) => {
    if (afterMinutes(step.after) === first) return;
    warnings.push({
      code: 'timed-step',
      path: ['severities', index, 'escalation', j],
      message: `${severity.id}: the step after ${step.after} (${step.notify.join(', ')}) is not routed; Alertmanager routes an alert once and has no timed escalation (export pagerduty keeps the delays)`,
    });
  });
  for (const role of immediateRoles(severity)) {
    if (!isInternal(matrix, role)) {
      warnings.push({ code: 'not-paged', path: ['severities', index], message: `${severity.id}: "${role}" is a ${matrix.roles[role]?.side ?? 'unknown'}-side role; it is told as the matrix says, not paged` });
    } else if (targetFor(matrix, role)?.alertmanager === undefined) {
      warnings.push({ code: 'no-target', path: ['severities', index], message: `${severity.id}: role "${role}" has no alertmanager receiver under paging; it is left out of the route` });
    }
  }
  if (receiversOf(matrix, immediateRoles(severity)).length === 0) {
    warnings.push({ code: 'no-target', path: ['severities', index], message: `${severity.id}: no role it pages at once has a receiver; its alerts go to the root receiver "${rootReceiver(matrix)}"` });
  }
  if (severity.client && severity.client.notify !== 'none') {
    warnings.push({ code: 'client-layer', path: ['severities', index, 'client'], message: `${severity.id}: telling the client (${severity.client.notify}) is not an alert route; the client layer stays with the people the matrix names` });
  }
}

/** Routing tests: one per severity, then one per matrix case that names a client or tier. */
export function routingTests(matrix: Matrix, cases: readonly { name: string; client?: string | undefined; tier?: string | undefined; expect: { severity: string } }[]): RoutingTest[] {
  const out: RoutingTest[] = [];
  const seen = new Set<string>();
  const add = (name: string, severityId: string, client?: string, tier?: string) => {
    const severity = matrix.severities.find((s) => s.id === severityId);
    if (!severity) return;
    const tierId = tier ?? (client !== undefined ? matrix.clients?.[client]?.tier : undefined);
    const labels: Record<string, string> = { severity: severityId };
    if (tierId !== undefined) labels.tier = tierId;
    if (client !== undefined) labels.client = client;
    const key = JSON.stringify(labels);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ name, labels, receivers: expectedReceivers(matrix, severity, tierId, client) });
  };
  for (const c of cases) add(c.name, c.expect.severity, c.client, c.tier);
  for (const s of matrix.severities) add(`every ${s.id} alert`, s.id);
  for (const o of outcomeRoutes(matrix)) {
    const severity = matrix.severities.find((s) => s.id === o.severity)!;
    out.push({ name: `${o.severity} with triage outcome ${o.label}`, labels: { severity: o.severity, outcome: o.label }, receivers: expectedReceivers(matrix, severity, undefined, undefined, o.label) });
  }
  for (const [cid, client] of Object.entries(matrix.clients ?? {})) for (const s of matrix.severities) add(`${s.id} for client ${cid}`, s.id, cid, client.tier);
  return out;
}

/**
 * A shell word for `text`, exactly: single-quoted, or, when it holds a control character
 * (which the file's output edge would write as an escape that a single-quoted word keeps as
 * typed), printf's output with each such character as the octal of its UTF-8 bytes.
 */
const shq = (text: string): string => {
  const quote = (t: string) => `'${t.replace(/'/g, `'\\''`)}'`;
  if (!CONTROL.test(text)) return quote(text);
  let format = '';
  for (const ch of text) {
    if (CONTROL.test(ch)) for (const byte of UTF8.encode(ch)) format += `\\${byte.toString(8).padStart(3, '0')}`;
    else format += ch === '%' ? '%%' : ch === '\\' ? '\\\\' : ch;
  }
  return `"$(printf ${quote(format)})"`;
};
const CONTROL = new RegExp(CONTROL_CHARACTERS.source, 'u');
const UTF8 = new TextEncoder();

/** A string holding a control character, double-quoted in YAML: the output edge writes the character as an escape, which only a double-quoted scalar reads back as the character. */
const yamlExact = (_key: unknown, value: unknown) => (typeof value === 'string' && CONTROL.test(value) ? Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE }) : value);

/** A POSIX shell script running every routing test through amtool; exits 1 when any fails. */
export function routingTestScript(tests: readonly RoutingTest[], source: string): string {
  const lines = [
    '#!/bin/sh',
    `# Routing tests generated by escalate from ${source.replace(/\n/g, ' ')}.`,
    '# Each test gives an alert\'s labels and the receivers the matrix pages at once for them.',
    '# Usage: sh THIS-SCRIPT [alertmanager.yml]',
    'config="${1:-alertmanager.yml}"',
    'failed=0',
    'run() {',
    '  name="$1"; shift',
    '  if out=$(amtool config routes test --config.file="$config" "$@" 2>&1); then echo "ok   $name"; else echo "FAIL $name"; echo "$out" | sed \'s/^/     /\'; failed=$((failed + 1)); fi',
    '}',
  ];
  for (const t of tests) {
    const labels = Object.entries(t.labels).map(([k, v]) => shq(`${k}=${v}`));
    lines.push(`run ${shq(t.name)} --verify.receivers=${shq(t.receivers.join(','))} ${labels.join(' ')}`);
  }
  lines.push(`echo "$failed of ${tests.length} routing tests failed"`, '[ "$failed" -eq 0 ]', '');
  return lines.join('\n');
}

export function alertmanagerYaml(config: AlertmanagerConfig, matrixName: string, warnings: readonly ExportWarning[]): string {
  const header = [
    `# Alertmanager configuration generated by \`escalate export alertmanager\` from "${matrixName.replace(/\n/g, ' ')}".`,
    '# Alerts carry the labels severity (a severity id), tier and client (ids from the matrix).',
    '# Receivers are named only: add their integrations, or merge this route tree into your configuration',
    '# and keep it current with `escalate export alertmanager --check`.',
    ...(warnings.length > 0 ? ['#', '# Not expressible in Alertmanager (see the matrix for these):', ...warnings.map((w) => `# - ${w.message.replace(/\n/g, ' ')}`)] : []),
  ];
  return `${header.join('\n')}\n${stringify(config, yamlExact, { lineWidth: 0 })}`;
}
