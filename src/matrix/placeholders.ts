/**
 * The placeholders a communication template may use. Rendering is plain substitution of
 * these names; any other `{{name}}` is a lint error, never an empty string.
 */
export const PLACEHOLDERS = {
  matrix: 'the matrix name',
  severity: 'severity id, like sev1',
  severity_name: 'severity name, like Critical',
  severity_definition: 'the severity definition',
  owner: 'owning role title',
  owner_contact: 'owning role contact',
  client: 'client name (or "the client")',
  tier: 'the contract tier that applied',
  started_at: 'incident start time',
  acknowledge_by: 'acknowledgment deadline',
  assign_owner_by: 'owner-assignment deadline',
  notify_client_by: 'client-notification deadline',
  escalate_at: 'time of the next escalation',
  workaround_by: 'workaround deadline',
  resolution_by: 'resolution deadline',
  rca_by: 'root-cause analysis due time',
  next_update: 'time of the next status update',
  update_every: 'update cadence, like 30m',
  impact: 'current impact (given by the responder)',
  actions: 'actions taken so far (given by the responder)',
  next_step: 'the next step (given by the responder)',
} as const;

export type Placeholder = keyof typeof PLACEHOLDERS;

const PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every placeholder used in a template text, with its offset in the text. */
export function placeholdersIn(text: string): { name: string; offset: number }[] {
  return [...text.matchAll(PATTERN)].map((match) => ({ name: match[1]!, offset: match.index }));
}

export const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name);
