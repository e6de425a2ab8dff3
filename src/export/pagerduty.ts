/**
 * The matrix as Terraform JSON for the PagerDuty provider: one `pagerduty_escalation_policy`
 * per severity (a rule per point in time of the path, the delay to the next point, targets
 * from `paging`), and a `pagerduty_service` with support hours for each severity on a
 * business calendar. What PagerDuty cannot express is listed in the file (a `//` comment
 * property, which Terraform ignores) and returned as warnings. Pure.
 */
import { canonicalZone } from '../time/zone.js';
import type { Matrix, Severity } from '../matrix/schema.js';
import { ROUND_THE_CLOCK } from '../matrix/references.js';
import { durationMinutes } from '../time/duration.js';
import { afterMinutes, isInternal, outcomeRoleWarnings, targetFor } from './paging.js';
import type { ExportWarning } from './warnings.js';

export interface PagerdutyTargetRef {
  type: 'user_reference' | 'schedule_reference';
  id: string;
}

export interface PagerdutyRule {
  escalation_delay_in_minutes: number;
  target: PagerdutyTargetRef[];
}

export interface PagerdutyPolicy {
  name: string;
  description: string;
  num_loops: number;
  rule: PagerdutyRule[];
}

export interface PagerdutyService {
  name: string;
  description: string;
  escalation_policy: string;
  support_hours: { type: 'fixed_time_per_day'; time_zone: string; days_of_week: number[]; start_time: string; end_time: string }[];
  incident_urgency_rule: {
    type: 'use_support_hours';
    during_support_hours: { type: 'constant'; urgency: 'high' | 'low' }[];
    outside_support_hours: { type: 'constant'; urgency: 'high' | 'low' }[];
  }[];
  /** Urgency back to high at the start of support hours: a low-urgency incident from the evening escalates in the morning. */
  scheduled_actions: { type: 'urgency_change'; to_urgency: 'high'; at: { type: 'named_time'; name: 'support_hours_start' }[] }[];
}

/** A pull-in service (--pull-in): no support hours, so its pages come at the suspended time at the default (high) urgency. */
export interface PagerdutyPullInService {
  name: string;
  description: string;
  escalation_policy: string;
}

/** A service orchestration that holds every alert of its service for `suspend` seconds before it triggers an incident. */
export interface PagerdutyServiceOrchestration {
  service: string;
  enable_event_orchestration_for_service: true;
  set: { id: 'start' }[];
  catch_all: { actions: { suspend: number }[] }[];
}

/** The Events API v2 integration of a pull-in service: its integration_key is where the alerting tool sends the alert too. */
export interface PagerdutyServiceIntegration {
  name: string;
  service: string;
  type: 'events_api_v2_inbound_integration';
}

export interface PagerdutyConfig {
  '//': string;
  resource: {
    pagerduty_escalation_policy: Record<string, PagerdutyPolicy>;
    /**
     * Services with support hours, keyed by severity. With --pull-in the record also holds the
     * pull-in services (keys matching isPullInName), which have none: read those through
     * pullInServices(); the behaviour table and the parity simulation read the default export.
     */
    pagerduty_service?: Record<string, PagerdutyService>;
    pagerduty_event_orchestration_service?: Record<string, PagerdutyServiceOrchestration>;
    pagerduty_service_integration?: Record<string, PagerdutyServiceIntegration>;
  };
}

/**
 * How a role the matrix pulls in by time stays pulled in when someone acknowledges:
 * `separate-services` gives each later point in time of a path its own service, one-rule
 * policy, Events API v2 integration and service orchestration whose catch-all `suspend`s every
 * alert for the minutes from the start, so PagerDuty creates that incident (and pages those
 * roles) then, acknowledged or not, unless a resolve event for the alert arrived first.
 * The severity's own policy keeps only the first point.
 */
export const PULL_IN_MODES = ['separate-services'] as const;
export type PullInMode = (typeof PULL_IN_MODES)[number];
export interface PagerdutyOptions {
  pullIn?: PullInMode;
}

/** One later point in time of a path, exported as its own service (--pull-in separate-services). */
interface PullIn {
  severity: Severity;
  index: number;
  policyName: string;
  after: number;
  afterText: string;
  roles: string[];
  targets: PagerdutyTargetRef[];
  delay: number;
  step: number;
}

/** The resource name of a pull-in: the severity's, then the minutes from the start. */
export const pullInName = (severityResource: string, after: number) => `${severityResource}-pull-in-${after}m`;
/** Whether a resource name is one escalate writes for a pull-in. */
export const isPullInName = (name: string) => /-pull-in-\d+m$/.test(name);
/** The pull-in services of an export, typed as what they are. */
export const pullInServices = (config: PagerdutyConfig): Record<string, PagerdutyPullInService> =>
  Object.fromEntries(Object.entries(config.resource.pagerduty_service ?? {}).filter(([k]) => isPullInName(k)));
/** The services with support hours of an export. */
export const hoursServices = (config: PagerdutyConfig): Record<string, PagerdutyService> =>
  Object.fromEntries(Object.entries(config.resource.pagerduty_service ?? {}).filter(([k]) => !isPullInName(k)));

export interface PagerdutyExport {
  config: PagerdutyConfig;
  warnings: ExportWarning[];
}

const DAY_NUMBER: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
/** When nothing says how long the last rule waits: PagerDuty needs a number, and loops are off. */
export const LAST_RULE_DELAY = 30;

/** A Terraform resource name for a severity id (names start with a letter or underscore). */
/**
 * Terraform reads every string of Terraform JSON as a template: `${…}` is an expression and
 * `%{…}` a directive. `$${` and `%%{` are the literal texts, so every string that comes from
 * the matrix is written through this (a `$$${` in the matrix stays literal too).
 */
export const terraformLiteral = (text: string): string => text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

/** The characters PagerDuty refuses in escalation policy and service names. */
export const PAGERDUTY_NAME_FORBIDDEN = /[\\/&<>]/;
/** A name PagerDuty accepts: each forbidden character becomes "-". */
export const pagerdutyName = (name: string): string => name.replace(/[\\/&<>]/g, '-');

/** Every string of a configuration as a Terraform literal, except the references escalate writes itself (`keep`). */
function literalStrings<T>(value: T, keep: (key: string) => boolean): T {
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') return keep(key) ? v : terraformLiteral(v);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [terraformLiteral(k), walk(x, k)]));
    return v;
  };
  return walk(value, '') as T;
}

export const resourceName = (severityId: string) => (/^[a-z_]/.test(severityId) ? severityId : `_${severityId}`).replace(/-/g, '_');

export function exportPagerduty(matrix: Matrix, options: PagerdutyOptions = {}): PagerdutyExport {
  const warnings: ExportWarning[] = [];
  const policies: Record<string, PagerdutyPolicy> = {};
  const services: Record<string, PagerdutyService | PagerdutyPullInService> = {};
  const orchestrations: Record<string, PagerdutyServiceOrchestration> = {};
  const integrations: Record<string, PagerdutyServiceIntegration> = {};
  matrix.severities.forEach((severity, i) => {
    const pullIns: PullIn[] = [];
    const policy = policyFor(matrix, severity, i, warnings, options.pullIn ? pullIns : undefined);
    if (!policy) return;
    const name = resourceName(severity.id);
    policies[name] = policy;
    const service = serviceFor(matrix, severity, i, name, warnings);
    if (service) services[name] = service;
    for (const p of pullIns) {
      const key = pullInName(name, p.after);
      policies[key] = pullInPolicy(p);
      services[key] = {
        name: `${p.policyName}, pull-in after ${p.afterText}`,
        description: `Alerts of ${severity.id} sent here page ${p.roles.join(', ')} ${p.afterText} after they arrive, acknowledged or not (generated by escalate).`,
        escalation_policy: `\${pagerduty_escalation_policy.${key}.id}`,
      };
      orchestrations[key] = {
        service: `\${pagerduty_service.${key}.id}`,
        enable_event_orchestration_for_service: true,
        set: [{ id: 'start' }],
        catch_all: [{ actions: [{ suspend: p.after * 60 }] }],
      };
      integrations[key] = { name: 'escalate pull-in (Events API v2)', service: `\${pagerduty_service.${key}.id}`, type: 'events_api_v2_inbound_integration' };
    }
  });
  contractWarnings(matrix, warnings);
  warnings.push(...outcomeRoleWarnings(matrix, 'PagerDuty'));
  const config: PagerdutyConfig = literalStrings(
    {
      '//': comment(matrix, warnings, options),
      resource: {
        pagerduty_escalation_policy: policies,
        ...(Object.keys(services).length > 0 ? { pagerduty_service: services as Record<string, PagerdutyService> } : {}),
        ...(Object.keys(orchestrations).length > 0 ? { pagerduty_event_orchestration_service: orchestrations, pagerduty_service_integration: integrations } : {}),
      },
    },
    (key) => key === 'escalation_policy' || key === 'service',
  );
  return { config, warnings };
}

function pullInPolicy(p: PullIn): PagerdutyPolicy {
  return {
    name: `${p.policyName}, pull-in after ${p.afterText}`,
    description: `${p.roles.join(', ')}, pulled into ${p.severity.id} ${p.afterText} after the start whether or not anyone acknowledged (generated by escalate from the matrix; edit the matrix, not this policy)`,
    num_loops: 0,
    rule: [{ escalation_delay_in_minutes: p.delay, target: p.targets }],
  };
}

function policyFor(matrix: Matrix, severity: Severity, index: number, warnings: ExportWarning[], pullIns?: PullIn[]): PagerdutyPolicy | undefined {
  const at = (j: number) => ['severities', index, 'escalation', j];
  const points = new Map<number, { targets: PagerdutyTargetRef[]; step: number }>();
  (severity.escalation ?? []).forEach((step, j) => {
    const after = afterMinutes(step.after);
    const point = points.get(after) ?? { targets: [], step: j };
    points.set(after, point);
    for (const role of step.notify) {
      const target = ruleTarget(matrix, severity, role, step.after, at(j), warnings);
      if (target && !point.targets.some((t) => t.id === target.id && t.type === target.type)) point.targets.push(target);
    }
    if (step.approval !== undefined) {
      warnings.push({ code: 'approval', path: [...at(j), 'approval'], message: `${severity.id}: the step after ${step.after} needs approval by "${step.approval}"; PagerDuty escalates without approvals` });
    }
    if (step.notify_client) {
      warnings.push({ code: 'client-layer', path: [...at(j), 'notify_client'], message: `${severity.id}: the client is formally notified at ${step.after}; PagerDuty pages responders, it does not tell the client` });
    }
  });
  if ((severity.escalation ?? []).length === 0) {
    const target = ruleTarget(matrix, severity, severity.owner, '0m', ['severities', index, 'owner'], warnings);
    if (target) points.set(0, { targets: [target], step: -1 });
  }
  const rules = [...points.entries()].filter(([, p]) => p.targets.length > 0).sort(([a], [b]) => a - b);
  if (rules.length === 0) {
    warnings.push({ code: 'no-target', path: ['severities', index], message: `${severity.id}: no role on its path has a PagerDuty target; no escalation policy is written for it` });
    return undefined;
  }
  const [firstAfter] = rules[0]!;
  if (firstAfter > 0) {
    warnings.push({ code: 'first-step-delayed', path: at(rules[0]![1].step), message: `${severity.id}: the first paged step is after ${firstAfter} minutes; PagerDuty pages the first rule at once` });
  }
  const last = severity.targets?.escalate_after ? durationMinutes(severity.targets.escalate_after) : LAST_RULE_DELAY;
  const ruleList = rules.map(([after, point], k) => ({
    escalation_delay_in_minutes: k + 1 < rules.length ? rules[k + 1]![0] - after : last,
    target: point.targets,
  }));
  const name = policyName(matrix, severity, index, warnings);
  if (pullIns === undefined) {
    unacknowledgedWarnings(severity, rules, warnings, at);
  } else {
    rules.slice(1).forEach(([after, point]) => {
      const steps = (severity.escalation ?? []).filter((s) => afterMinutes(s.after) === after);
      const pullIn: PullIn = { severity, index, policyName: name, after, afterText: steps[0]?.after ?? `${after}m`, roles: [...new Set(steps.flatMap((s) => s.notify))].filter((r) => isInternal(matrix, r)), targets: point.targets, delay: last, step: point.step };
      pullIns.push(pullIn);
      pullInWarning(pullIn, resourceName(severity.id), warnings, at);
    });
  }
  return {
    name,
    description: `${severity.definition} (generated by escalate from the matrix; edit the matrix, not this policy)`,
    num_loops: 0,
    rule: pullIns === undefined ? ruleList : [{ escalation_delay_in_minutes: last, target: ruleList[0]!.target }],
  };
}

/**
 * What a pull-in service does and does not do, said at the step it comes from: PagerDuty
 * creates its incident when the suspension ends (acknowledged or not), but only for alerts the
 * alerting tool sends to its integration too, and only a resolve event for that alert stops it.
 */
function pullInWarning(p: PullIn, severityResource: string, warnings: ExportWarning[], at: (j: number) => (string | number)[]): void {
  const key = pullInName(severityResource, p.after);
  const many = p.roles.length > 1;
  warnings.push({
    code: 'pull-in',
    path: at(p.step),
    message: `${p.severity.id}: ${p.roles.join(', ')} (after ${p.afterText}) ${many ? 'are' : 'is'} paged by service "${key}", whose orchestration suspends each alert ${p.after * 60} seconds, acknowledged or not; only if the alerting tool sends every ${p.severity.id} alert to its integration too, and a resolve event (not resolving the first incident by hand) stops it${p.severity.calendar !== undefined && p.severity.calendar !== ROUND_THE_CLOCK ? `; the suspension counts wall-clock time, not working time on calendar "${p.severity.calendar}"` : ''}`,
  });
}

function ruleTarget(matrix: Matrix, severity: Severity, role: string, after: string, path: (string | number)[], warnings: ExportWarning[]): PagerdutyTargetRef | undefined {
  if (!isInternal(matrix, role)) {
    warnings.push({ code: 'not-paged', path, message: `${severity.id}: "${role}" (after ${after}) is a ${matrix.roles[role]?.side ?? 'unknown'}-side role; PagerDuty does not page it, it is told as the matrix says` });
    return undefined;
  }
  const target = targetFor(matrix, role)?.pagerduty;
  if (target?.user !== undefined) return { type: 'user_reference', id: target.user };
  if (target?.schedule !== undefined) return { type: 'schedule_reference', id: target.schedule };
  if (target?.escalation_policy !== undefined) {
    warnings.push({
      code: 'policy-target',
      path,
      message: `${severity.id}: "${role}" (after ${after}) maps to escalation policy ${target.escalation_policy}; a rule targets users and schedules only, so page that policy's service yourself or map the role to a schedule`,
    });
    return undefined;
  }
  warnings.push({ code: 'no-target', path, message: `${severity.id}: role "${role}" (after ${after}) has no PagerDuty target under paging; it is left out of the policy` });
  return undefined;
}

function serviceFor(matrix: Matrix, severity: Severity, index: number, policyName: string, warnings: ExportWarning[]): PagerdutyService | undefined {
  const calendarId = severity.calendar;
  if (calendarId === undefined || calendarId === ROUND_THE_CLOCK || !matrix.calendars || !Object.hasOwn(matrix.calendars, calendarId)) return undefined;
  const calendar = matrix.calendars[calendarId]!;
  const [start, end] = calendar.hours.split('-') as [string, string];
  warnings.push({
    code: 'business-hours',
    path: ['severities', index, 'calendar'],
    message: `${severity.id}: its targets count working time on calendar "${calendarId}"; PagerDuty delays count wall-clock minutes; outside ${calendar.hours} an incident is low urgency and does not escalate until support hours start, when it turns high`,
  });
  // Each date once: a date the matrix lists twice is one holiday, as in the ics export.
  const holidays = [...new Set(calendar.holidays ?? [])];
  if (holidays.length > 0) {
    warnings.push({
      code: 'holidays',
      path: ['calendars', calendarId, 'holidays'],
      message: `${severity.id}: calendar "${calendarId}" has ${holidays.length} holidays (${holidays.join(', ')}); PagerDuty support hours have no holidays, so those days page at high urgency`,
    });
  }
  return {
    name: pagerdutyName(`${matrix.name}: ${severity.id} ${severity.name}`),
    description: `Incidents of ${severity.id}, on calendar "${calendarId}" (generated by escalate).`,
    escalation_policy: `\${pagerduty_escalation_policy.${policyName}.id}`,
    support_hours: [
      {
        type: 'fixed_time_per_day',
        time_zone: canonicalZone(calendar.timezone ?? matrix.timezone),
        days_of_week: calendar.days.map((d) => DAY_NUMBER[d]!),
        start_time: `${start}:00`,
        end_time: end === '24:00' ? '23:59:59' : `${end}:00`,
      },
    ],
    incident_urgency_rule: [
      { type: 'use_support_hours', during_support_hours: [{ type: 'constant', urgency: 'high' }], outside_support_hours: [{ type: 'constant', urgency: 'low' }] },
    ],
    scheduled_actions: [{ type: 'urgency_change', to_urgency: 'high', at: [{ type: 'named_time', name: 'support_hours_start' }] }],
  };
}

/** The policy name, with the characters PagerDuty refuses replaced (and said: lint's `paging-name` finds them first). */
function policyName(matrix: Matrix, severity: Severity, index: number, warnings: ExportWarning[]): string {
  const name = `${matrix.name}: ${severity.id} ${severity.name}`;
  const safe = pagerdutyName(name);
  if (safe !== name) {
    const where: (string | number)[] = PAGERDUTY_NAME_FORBIDDEN.test(severity.name) ? ['severities', index, 'name'] : ['name'];
    warnings.push({ code: 'name-characters', path: where, message: `${severity.id}: PagerDuty refuses \\ / & < > in names; the policy and service are named "${safe}"` });
  }
  return safe;
}

/**
 * PagerDuty moves to the next rule only while nobody has acknowledged: every rule after the
 * first pages its targets only if the incident is still unacknowledged then. The matrix pulls
 * those roles in by time, acknowledged or not, so each such step is named. The provider has no
 * timed action that ignores acknowledgement (incident workflows start on a trigger, not after
 * a delay), so this is said, not worked around.
 */
function unacknowledgedWarnings(severity: Severity, rules: [number, { step: number }][], warnings: ExportWarning[], at: (j: number) => (string | number)[]): void {
  rules.slice(1).forEach(([after, point]) => {
    const steps = (severity.escalation ?? []).filter((s) => afterMinutes(s.after) === after);
    const roles = [...new Set(steps.flatMap((s) => s.notify))];
    const many = roles.length > 1;
    warnings.push({
      code: 'unacknowledged-only',
      path: at(point.step),
      message: `${severity.id}: ${roles.join(', ')} (after ${steps[0]?.after ?? `${after}m`}) ${many ? 'are' : 'is'} paged only if nobody has acknowledged by then; the matrix pulls ${many ? 'them' : 'it'} in at that time either way`,
    });
  });
}

/** Tiers, clients and exceptions change targets, calendars and roles per contract: one policy per severity cannot. */
function contractWarnings(matrix: Matrix, warnings: ExportWarning[]): void {
  for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
    const parts = [tier.targets && 'targets', tier.calendar && `calendar ${tier.calendar}`, tier.notify?.length && `roles ${tier.notify.join(', ')}`].filter(Boolean);
    if (parts.length > 0) warnings.push({ code: 'client-layer', path: ['tiers', id], message: `tier "${id}" changes ${parts.join(', ')}; one PagerDuty policy per severity cannot vary by tier` });
  }
  for (const [id, client] of Object.entries(matrix.clients ?? {})) {
    const parts = [client.targets && 'targets', client.notify?.length && `roles ${client.notify.join(', ')}`].filter(Boolean);
    if (parts.length > 0) warnings.push({ code: 'client-layer', path: ['clients', id], message: `client "${id}" changes ${parts.join(', ')}; one PagerDuty policy per severity cannot vary by client` });
  }
  (matrix.exceptions ?? []).forEach((exception, e) =>
    warnings.push({ code: 'exception', path: ['exceptions', e], message: `exception "${exception.id}" (${exception.from} to ${exception.until}) is time-bound and not in the policies` }),
  );
}

function comment(matrix: Matrix, warnings: readonly ExportWarning[], options: PagerdutyOptions): string {
  const lines = [
    `Generated by \`escalate export pagerduty${options.pullIn ? ` --pull-in ${options.pullIn}` : ''}\` from "${matrix.name}": edit the matrix, then export again; \`escalate export pagerduty --check FILE\` finds drift.`,
  ];
  if (options.pullIn === 'separate-services') {
    lines.push(
      'Pull-in (separate services): each later point in time of a path is its own service, with a one-rule policy paging that point\'s roles, an Events API v2 integration and a service orchestration whose catch_all suspends every alert for the minutes from the start. PagerDuty then creates that incident and pages those roles, acknowledged or not; a resolve event for the alert before then stops it. It does not: receive alerts by itself (send each alert to the severity\'s service and to every pull-in integration_key of that severity), resolve when the first incident is resolved by hand, count working time, or skip holidays. Each severity\'s own policy keeps only its first point.',
    );
  }
  if (warnings.length > 0) lines.push('Not expressible in PagerDuty (see the matrix for these):', ...warnings.map((w) => `- ${w.message}`));
  return lines.join('\n');
}

export const pagerdutyJson = (config: PagerdutyConfig): string => `${JSON.stringify(config, null, 2)}\n`;
