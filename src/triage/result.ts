/**
 * The triage result as data: the plan plus how it was reached, in the stable JSON shape of
 * `result-schema.ts` (every time ISO 8601 with offset). Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import { formatInstant } from '../time/instant.js';
import type { PathEntry } from './engine.js';
import { extraHandoffFields } from './handoff.js';
import type { IncidentPlan, When } from './plan.js';
import { roleView } from './plan.js';
import type { TriageResult } from './result-schema.js';

export interface ResultContext {
  path: PathEntry[];
  decidedBy: 'tree' | 'severity';
  file?: string;
  sha256?: string;
  /** Handoff values collected so far, by field id. */
  handoff?: Readonly<Record<string, string>>;
  message?: TriageResult['message'];
}

const moment = ({ iso, minutesFromNow, relative }: When) => ({ at: iso, minutes_from_now: minutesFromNow, relative });

export function buildResult(matrix: Matrix, plan: IncidentPlan, context: ResultContext): TriageResult {
  const { severity, contract, governance } = plan;
  const values = context.handoff ?? {};
  const fields = plan.handoff.map((f) => (values[f.id]?.trim() ? { ...f, value: values[f.id]!.trim() } : f));
  const extra = extraHandoffFields(matrix, plan.handoff.map((f) => f.id), values);
  return {
    version: 1,
    matrix: {
      name: matrix.name,
      ...(context.file !== undefined ? { file: context.file } : {}),
      ...(context.sha256 !== undefined ? { sha256: context.sha256 } : {}),
      timezone: matrix.timezone,
    },
    started_at: plan.start.iso,
    computed_at: formatInstant(plan.now, plan.zone),
    timezone: plan.zone,
    decided_by: context.decidedBy,
    answers: Object.fromEntries(context.path.map((p) => [p.question, p.answer])),
    path: context.path.map((p) => ({ question: p.question, text: p.text, answer: p.answer, label: p.label, ...(p.unsure ? { unsure: true } : {}) })),
    severity: {
      id: severity.id,
      name: severity.name,
      definition: severity.definition,
      rank: plan.rank,
      examples: severity.examples ?? [],
      ...(severity.promise ? { promise: severity.promise } : {}),
    },
    owner: plan.owner,
    ...(plan.route ? { route: plan.route } : {}),
    ...(plan.note ? { note: plan.note } : {}),
    inform: plan.inform,
    clock: {
      id: plan.clock.id,
      source: plan.clock.source,
      ...(plan.clock.zone ? { timezone: plan.clock.zone } : {}),
      ...(plan.clock.days ? { days: plan.clock.days } : {}),
      ...(plan.clock.hours ? { hours: plan.clock.hours } : {}),
      ...(plan.clock.holidays ? { holidays: plan.clock.holidays } : {}),
    },
    deadlines: plan.deadlines.map((d) => ({
      kind: d.kind,
      label: d.label,
      target: d.target,
      ...moment(d),
      overdue: d.overdue,
      promised: d.promised,
      source: d.source,
    })),
    escalation: plan.escalation.map((s) => ({
      after: s.after,
      ...moment(s),
      ...(s.layer ? { layer: s.layer } : {}),
      notify: s.notify,
      notify_client: s.notifyClient,
      ...(s.approval ? { approval: s.approval } : {}),
      ...(s.note ? { note: s.note } : {}),
      reached: s.reached,
    })),
    ...(plan.client
      ? {
          client: {
            notify: plan.client.notify,
            ...(plan.client.contact ? { contact: plan.client.contact } : {}),
            ...(plan.client.by ? { by: plan.client.by } : {}),
            ...(plan.client.channel ? { channel: plan.client.channel } : {}),
            ...(plan.client.audience ? { audience: plan.client.audience } : {}),
            ...(plan.client.due ? { due: moment(plan.client.due) } : {}),
            ...(plan.client.step ? { step: moment(plan.client.step) } : {}),
          },
        }
      : {}),
    updates: { ...(plan.updates.every ? { every: plan.updates.every } : {}), next: plan.updates.next.map(moment) },
    governance: {
      ...(governance.rca
        ? {
            rca: {
              ...(governance.rca.due ? { due: moment(governance.rca.due) } : {}),
              ...(governance.rca.owner ? { owner: governance.rca.owner } : {}),
            },
          }
        : {}),
      ...(governance.review ? { review: governance.review } : {}),
      agenda: governance.agenda,
      ...(governance.riskEntry ? { risk_entry: governance.riskEntry } : {}),
      follow_ups: governance.followUps,
      review_thresholds: governance.reviewThresholds,
      closing: governance.closing,
    },
    contract: {
      ...(contract.tier ? { tier: contract.tier } : {}),
      ...(contract.client ? { client: contract.client } : {}),
      exceptions: contract.exceptions.map((e) => ({
        id: e.id,
        reason: e.reason,
        from: formatInstant(e.from, plan.zone),
        until: formatInstant(e.until, plan.zone),
        approved_by: roleView(matrix, e.approvedBy),
      })),
      changes: contract.changes,
      added_roles: contract.extraRoles,
      ...(contract.owner ? { owner: contract.owner } : {}),
      calendar: { id: plan.clock.id, source: contract.calendarSource },
    },
    authority: plan.authority,
    handoff: { fields, missing: fields.filter((f) => !('value' in f)).map((f) => f.id), ...(extra.length > 0 ? { extra } : {}) },
    ...(context.message ? { message: context.message } : {}),
  };
}
