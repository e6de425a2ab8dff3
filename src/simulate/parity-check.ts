/**
 * `export pagerduty --check FILE --parity DATE`: the week holding DATE simulated on the
 * configuration in FILE (not on a fresh export), every difference from the matrix as a
 * located diagnostic, consecutive starts with the same difference counted in one. Data that
 * does not look like a policy or a service is left out, never trusted. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { PagerdutyConfig, PagerdutyPolicy, PagerdutyService, PagerdutyServiceOrchestration } from '../export/pagerduty.js';
import { isPullInName } from '../export/pagerduty.js';
import type { Matrix } from '../matrix/schema.js';
import { isValidTimeZone } from '../time/zone.js';
import { pagerdutyNotes, pagerdutyParity, type ParityKind } from './parity-pagerduty.js';
import { weekSimulation } from './week.js';

export const PARITY_CHECKS: { id: string; rationale: string; level: 'error' | 'warning' }[] = [
  { id: 'parity-holiday', level: 'error', rationale: 'PagerDuty support hours have no holidays: on a matrix holiday it pages at high urgency and escalates by the clock.' },
  { id: 'parity-low-urgency', level: 'error', rationale: 'Outside support hours PagerDuty opens a low-urgency incident that does not escalate until they start, later than the matrix pages.' },
  { id: 'parity-later', level: 'error', rationale: 'PagerDuty pages a role later than the matrix says.' },
  { id: 'parity-not-paged', level: 'error', rationale: 'The matrix pages a role that the policy in use never pages.' },
  { id: 'parity-earlier', level: 'warning', rationale: 'PagerDuty pages a role earlier than the matrix says (its delays count wall-clock time).' },
  { id: 'parity-acknowledged', level: 'warning', rationale: 'An acknowledged PagerDuty incident stops escalating, while the matrix keeps pulling roles in at later steps.' },
];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

/** The policies and services of a Terraform JSON document, keeping only what has the shape PagerDuty takes. */
export function pagerdutyConfigFrom(data: unknown): PagerdutyConfig {
  const resource = isRecord(data) && isRecord(data.resource) ? data.resource : {};
  const policies: Record<string, PagerdutyPolicy> = {};
  const services: Record<string, PagerdutyService> = {};
  for (const [key, p] of Object.entries(isRecord(resource.pagerduty_escalation_policy) ? resource.pagerduty_escalation_policy : {})) {
    if (!isRecord(p) || !Array.isArray(p.rule)) continue;
    const rule = p.rule
      .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.escalation_delay_in_minutes === 'number' && Number.isFinite(r.escalation_delay_in_minutes) && Array.isArray(r.target))
      .map((r) => ({
        escalation_delay_in_minutes: Math.max(0, Math.min(r.escalation_delay_in_minutes as number, 525_600)),
        target: (r.target as unknown[]).filter((t): t is { type: 'user_reference' | 'schedule_reference'; id: string } => isRecord(t) && typeof t.id === 'string'),
      }));
    policies[key] = { name: typeof p.name === 'string' ? p.name : key, description: '', num_loops: 0, rule };
  }
  const orchestrations: Record<string, PagerdutyServiceOrchestration> = {};
  for (const [key, s] of Object.entries(isRecord(resource.pagerduty_service) ? resource.pagerduty_service : {})) {
    // A pull-in service (--pull-in separate-services): its policy, and the suspend of its orchestration.
    if (isPullInName(key) && isRecord(s) && typeof s.escalation_policy === 'string') {
      services[key] = { name: key, description: '', escalation_policy: s.escalation_policy } as unknown as PagerdutyService;
      const o = isRecord(resource.pagerduty_event_orchestration_service) ? resource.pagerduty_event_orchestration_service[key] : undefined;
      if (isRecord(o)) {
        const suspend = (Array.isArray(o.catch_all) ? o.catch_all : []).flatMap((c) => (isRecord(c) && Array.isArray(c.actions) ? c.actions : [])).map((a) => (isRecord(a) ? a.suspend : undefined)).find((v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0);
        orchestrations[key] = { service: '', enable_event_orchestration_for_service: o.enable_event_orchestration_for_service as true, set: [], catch_all: suspend === undefined ? [] : [{ actions: [{ suspend }] }] };
      }
      continue;
    }
    if (!isRecord(s) || !Array.isArray(s.support_hours)) continue;
    const hours = s.support_hours.filter(
      (h): h is PagerdutyService['support_hours'][number] =>
        isRecord(h) && typeof h.time_zone === 'string' && isValidTimeZone(h.time_zone) && Array.isArray(h.days_of_week) && h.days_of_week.every((d) => typeof d === 'number') && typeof h.start_time === 'string' && TIME.test(h.start_time) && typeof h.end_time === 'string' && TIME.test(h.end_time),
    );
    if (hours.length === 0) continue;
    services[key] = { name: key, description: '', escalation_policy: '', support_hours: hours, incident_urgency_rule: [], scheduled_actions: [] };
  }
  return { '//': '', resource: { pagerduty_escalation_policy: policies, pagerduty_service: services, pagerduty_event_orchestration_service: orchestrations } };
}

/** Parity findings for the week holding `date`, as diagnostics at the policy they concern (`lineOf` finds it in the file). */
export function parityDiagnostics(matrix: Matrix, data: unknown, date: string, lineOf: (key: string) => number): { ok: true; diagnostics: Diagnostic[] } | { ok: false; reason: string } {
  const simulated = weekSimulation(matrix, date);
  if (!simulated.ok) return simulated;
  const config = pagerdutyConfigFrom(data);
  const findings = pagerdutyParity(simulated.result, config);
  const groups = new Map<string, { kind: ParityKind; severity: string; count: number; first: string; message: string }>();
  for (const f of findings) {
    const key = `${f.severity}|${f.kind}|${f.role ?? ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { kind: f.kind, severity: f.severity, count: 1, first: f.at, message: f.message });
  }
  const diagnostics: Diagnostic[] = [...groups.values()].map((g) => {
    const code = `parity-${g.kind}`;
    const level = PARITY_CHECKS.find((c) => c.id === code)!.level;
    const line = lineOf(g.severity);
    return { code, level, message: `${g.message} (${g.count} of ${simulated.result.instants.length} hourly starts in the week from ${simulated.result.sweep!.from.slice(0, 10)}; first ${g.first})`, path: [], line, column: 1 };
  });
  for (const note of new Set((simulated.result.instants[0]?.severities ?? []).map((sim) => pagerdutyNotes(sim, config)).filter((n): n is string => n !== undefined))) {
    diagnostics.push({ code: 'parity-acknowledged', level: 'warning', message: note, path: [], line: 1, column: 1 });
  }
  return { ok: true, diagnostics };
}
