/**
 * Parity with PagerDuty: the same starts evaluated on what `escalate export pagerduty`
 * writes (escalation policies, and services with support hours), read as PagerDuty
 * behaves, not as the exporter meant it: an incident inside support hours is high urgency
 * and escalates rule by rule on the wall clock; outside them it is low urgency, its first
 * rule is notified and nothing escalates until support hours start (the urgency change);
 * support hours know weekdays and times, never holidays; an acknowledged incident stops
 * escalating. Each start lists where PagerDuty pages someone else, earlier, later or not at
 * all compared with the matrix. Support hours are evaluated here from the exported data
 * with the time core, independently of how the exporter derived them. Pure.
 */
import type { PagerdutyConfig, PagerdutyService } from '../export/pagerduty.js';
import { isPullInName, resourceName } from '../export/pagerduty.js';
import { clockText } from '../time/display.js';
import { formatInstant, instantOf, matrixInstant } from '../time/instant.js';
import type { SimulateResult, Simulation } from './result-schema.js';
import { completed, type Steps } from './steps.js';

export const PARITY_KINDS = ['holiday', 'low-urgency', 'earlier', 'later', 'not-paged', 'held', 'other-receiver', 'missing-holiday', 'extra-holiday', 'hours'] as const;
export type ParityKind = (typeof PARITY_KINDS)[number];

export interface ParityFinding {
  at: string;
  severity: string;
  kind: ParityKind;
  role?: string;
  /** ics: the matrix calendar the finding is about. */
  calendar?: string;
  /** When the matrix pages the role. */
  matrix_at?: string;
  /** When PagerDuty would, if at all. */
  tool_at?: string;
  message: string;
}

const DAY = 86_400_000;

/** Monday = 1 … Sunday = 7, and seconds after local midnight, of an instant in a zone. */
function localClock(at: number, zone: string): { weekday: number; seconds: number; date: string } {
  const iso = formatInstant(new Date(at), zone);
  const date = iso.slice(0, 10);
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { weekday, seconds: Number(iso.slice(11, 13)) * 3600 + Number(iso.slice(14, 16)) * 60 + Number(iso.slice(17, 19)), date };
}

const secondsOf = (hhmmss: string) => Number(hhmmss.slice(0, 2)) * 3600 + Number(hhmmss.slice(3, 5)) * 60 + Number(hhmmss.slice(6, 8) || 0);

/** Whether PagerDuty is inside the service's support hours at an instant. */
export function inSupportHours(service: PagerdutyService, at: number): boolean {
  return service.support_hours.some((h) => {
    const local = localClock(at, h.time_zone);
    return h.days_of_week.includes(local.weekday) && local.seconds >= secondsOf(h.start_time) && local.seconds < secondsOf(h.end_time);
  });
}

/** The next start of support hours at or after an instant (within two weeks), when PagerDuty turns the urgency high. */
export function nextSupportStart(service: PagerdutyService, at: number): number | undefined {
  let best: number | undefined;
  for (const h of service.support_hours) {
    for (let d = -1; d <= 14; d++) {
      const { date } = localClock(at + d * DAY, h.time_zone);
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
      if (!h.days_of_week.includes(weekday)) continue;
      const opens = matrixInstant(`${date}T${h.start_time.slice(0, 5)}`, h.time_zone);
      if (opens.ok && opens.date.getTime() >= at && (best === undefined || opens.date.getTime() < best)) best = opens.date.getTime();
    }
  }
  return best;
}

/**
 * When a pull-in service of the severity (`--pull-in separate-services`: a service whose
 * orchestration suspends each alert, then pages its one-rule policy, acknowledged or not)
 * pages the target `id` for an alert sent at `start`; undefined when none does. A disabled
 * orchestration suspends nothing. Read from the file's data, not from how the exporter named
 * the minutes.
 */
export function pullInPageAt(config: PagerdutyConfig, key: string, id: string, start: number): number | undefined {
  let best: number | undefined;
  for (const [name, service] of Object.entries(config.resource.pagerduty_service ?? {})) {
    if (!isPullInName(name) || !name.startsWith(`${key}-pull-in-`)) continue;
    const ref = /^\$\{pagerduty_escalation_policy\.([^.}]+)\.id\}$/.exec(typeof service.escalation_policy === 'string' ? service.escalation_policy : '');
    const policy = ref ? config.resource.pagerduty_escalation_policy[ref[1]!] : undefined;
    if (!policy?.rule[0]?.target.some((t) => t.id === id)) continue;
    const orchestration = config.resource.pagerduty_event_orchestration_service?.[name];
    const enabled = orchestration !== undefined && (orchestration.enable_event_orchestration_for_service as unknown) === true;
    const suspend = enabled ? (orchestration.catch_all.flatMap((c) => c.actions).find((a) => typeof a.suspend === 'number')?.suspend ?? 0) : 0;
    const at = start + suspend * 1000;
    if (best === undefined || at < best) best = at;
  }
  return best;
}

/** Every start and severity of a simulation, compared with PagerDuty running the exported configuration. */
export function pagerdutyParity(result: SimulateResult, config: PagerdutyConfig): ParityFinding[] {
  return completed(pagerdutyParitySteps(result, config));
}

/** pagerdutyParity, a start at a time (see Steps). */
export function* pagerdutyParitySteps(result: SimulateResult, config: PagerdutyConfig): Steps<ParityFinding[]> {
  const zone = result.timezone;
  const iso = (ms: number) => formatInstant(new Date(ms), zone);
  const when = (ms: number) => clockText(new Date(ms), zone);
  const out: ParityFinding[] = [];
  for (const instant of result.instants) {
    yield;
    const start = instantOf(instant.at).getTime();
    for (const sim of instant.severities) {
      const key = resourceName(sim.severity.id);
      const policy = config.resource.pagerduty_escalation_policy[key];
      const service = config.resource.pagerduty_service?.[key];
      const high = !service || inSupportHours(service, start);
      const highFrom = high ? start : (nextSupportStart(service!, start) ?? Number.POSITIVE_INFINITY);
      const base = { at: instant.at, severity: sim.severity.id };
      if (service && high && sim.calendar.state === 'holiday') {
        out.push({ ...base, kind: 'holiday', message: `${sim.severity.id}: PagerDuty cannot know holiday ${sim.calendar.holiday}: it pages at high urgency and escalates by the clock; the matrix's clock is stopped${sim.calendar.opens_at ? ` until ${when(instantOf(sim.calendar.opens_at).getTime())}` : ''}` });
      }
      if (service && !high) {
        out.push({ ...base, kind: 'low-urgency', message: `${sim.severity.id}: PagerDuty opens it at low urgency outside support hours; nothing escalates until ${Number.isFinite(highFrom) ? when(highFrom) : 'support hours start'}` });
      }
      // When each rule notifies: the first at once, the others after the delays, counted from when the urgency is high.
      const ruleAt: number[] = [];
      let elapsed = 0;
      for (const [k, rule] of (policy?.rule ?? []).entries()) {
        ruleAt.push(k === 0 ? start : highFrom + elapsed);
        elapsed += rule.escalation_delay_in_minutes * 60_000;
      }
      for (const step of sim.paged) {
        const matrixAt = instantOf(step.at).getTime();
        for (const role of step.roles) {
          if (!role.pagerduty) continue;
          const id = role.pagerduty.split(' ').pop()!;
          const k = (policy?.rule ?? []).findIndex((r) => r.target.some((t) => t.id === id));
          const found = { ...base, role: role.role, matrix_at: iso(matrixAt) };
          const pulled = k < 0 ? pullInPageAt(config, key, id, start) : undefined;
          if (k < 0 && pulled !== undefined) {
            if (pulled === matrixAt) continue;
            const kind = pulled < matrixAt ? 'earlier' : 'later';
            out.push({ ...found, kind, tool_at: iso(pulled), message: `${sim.severity.id}: PagerDuty's pull-in service pages ${role.role} at ${when(pulled)}, ${kind} than the matrix (${when(matrixAt)})` });
            continue;
          }
          if (k < 0) {
            out.push({ ...found, kind: 'not-paged', message: `${sim.severity.id}: ${role.role} is paged at ${when(matrixAt)}${role.source ? ` (${role.source})` : ''}; PagerDuty's policy never pages ${role.pagerduty}` });
            continue;
          }
          const toolAt = ruleAt[k]!;
          if (toolAt === matrixAt) continue;
          const kind = toolAt < matrixAt ? 'earlier' : 'later';
          out.push({
            ...found,
            kind,
            ...(Number.isFinite(toolAt) ? { tool_at: iso(toolAt) } : {}),
            message: `${sim.severity.id}: PagerDuty pages ${role.role} ${Number.isFinite(toolAt) ? `at ${when(toolAt)}` : 'only when support hours start'}, ${kind} than the matrix (${when(matrixAt)})`,
          });
        }
      }
    }
  }
  return out;
}

/** What PagerDuty does that no single start shows: an acknowledgement stops the escalation the matrix keeps going. */
export function pagerdutyNotes(sim: Simulation, config?: PagerdutyConfig): string | undefined {
  const ack = sim.deadlines.find((d) => d.kind === 'acknowledge');
  if (!ack) return undefined;
  // A step whose every paged role a pull-in service pages is kept by the clock, acknowledged or not.
  const key = resourceName(sim.severity.id);
  const pulledIn = (step: Simulation['paged'][number]) =>
    config !== undefined && step.roles.every((r) => r.pagerduty === undefined || pullInPageAt(config, key, r.pagerduty.split(' ').pop()!, 0) !== undefined);
  const after = sim.paged.filter((s) => instantOf(s.at).getTime() > instantOf(ack.at).getTime() && !pulledIn(s));
  if (after.length === 0) return undefined;
  return `${sim.severity.id}: PagerDuty stops escalating once someone acknowledges; the matrix's steps after the acknowledge deadline (${after.map((s) => `+${s.after}`).join(', ')}) page only if nobody acknowledged, unless they are added by hand`;
}
