/**
 * Placeholder values for a triage result: deadlines as clock times in the display zone,
 * the owner and client, and what the responder said (impact, actions, next step). A value
 * the responder has not given becomes a visible gap like `[impact]`, never an empty string.
 */
import type { Placeholder } from '../matrix/placeholders.js';
import type { Matrix } from '../matrix/schema.js';
import { clockText, offsetText } from '../time/display.js';
import { instantOf } from '../time/instant.js';
import type { TriageResult } from '../triage/result-schema.js';
import type { PlaceholderValues } from './render.js';

export interface ResponderText {
  impact?: string;
  actions?: string;
  nextStep?: string;
}

/** Handoff field ids whose value stands in for `{{impact}}` when --impact is not given. */
const IMPACT_FIELDS = ['impact-summary', 'impact', 'affected-systems'];

export function placeholderValues(result: TriageResult, responder: ResponderText): { values: PlaceholderValues; gaps: Placeholder[] } {
  const zone = result.timezone;
  const time = (iso: string | undefined) => (iso ? `${clockText(instantOf(iso), zone)} (${offsetText(instantOf(iso), zone)})` : undefined);
  const deadline = (kind: string) => time(result.deadlines.find((d) => d.kind === kind)?.at);
  const nextStep = result.escalation.find((s) => !s.reached);
  const given = [...result.handoff.fields, ...(result.handoff.extra ?? [])];
  const impactField = given.find((f) => IMPACT_FIELDS.includes(f.id) && f.value !== undefined)?.value;
  const raw: Record<Placeholder, string | undefined> = {
    matrix: result.matrix.name,
    severity: result.severity.id,
    severity_name: result.severity.name,
    severity_definition: result.severity.definition,
    owner: result.owner.title,
    owner_contact: result.owner.contact,
    client: result.contract.client?.name ?? 'the client',
    tier: result.contract.tier?.id ?? 'standard terms',
    started_at: time(result.started_at),
    acknowledge_by: deadline('acknowledge'),
    assign_owner_by: deadline('assign_owner'),
    notify_client_by: deadline('notify_client'),
    escalate_at: time(nextStep?.at) ?? deadline('escalate_after'),
    workaround_by: deadline('workaround'),
    resolution_by: deadline('resolution'),
    rca_by: deadline('rca'),
    next_update: time(result.updates.next[0]?.at),
    update_every: result.updates.every,
    impact: responder.impact ?? impactField,
    actions: responder.actions,
    next_step: responder.nextStep,
  };
  const gaps: Placeholder[] = [];
  const values = Object.fromEntries(
    (Object.entries(raw) as [Placeholder, string | undefined][]).map(([name, value]) => {
      if (value !== undefined && value.trim() !== '') return [name, value];
      gaps.push(name);
      return [name, `[${name}]`];
    }),
  ) as Record<Placeholder, string>;
  return { values, gaps };
}

/**
 * What a client template takes instead of the internal values: the owner's `client_contact`
 * (a client-side owner's own contact), or the gap `[owner_contact]` when the role has none,
 * so an internal contact (a pager, an internal channel or extension) never reaches a client.
 */
export function clientValues(matrix: Matrix, result: TriageResult): { values: Partial<Record<Placeholder, string>>; gaps: Placeholder[] } {
  const role = Object.hasOwn(matrix.roles, result.owner.role) ? matrix.roles[result.owner.role] : undefined;
  const contact = role?.side === 'client' ? role.contact : role?.client_contact;
  return contact !== undefined && contact.trim() !== '' ? { values: { owner_contact: contact }, gaps: [] } : { values: { owner_contact: '[owner_contact]' }, gaps: ['owner_contact'] };
}
