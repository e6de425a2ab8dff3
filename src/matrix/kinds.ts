/**
 * Names the matrix format fixes, kept apart from the zod schema (`schema.ts`, which re-exports
 * them) so code that needs only a name does not build the schema at start-up.
 */
export const TARGET_KINDS = [
  'acknowledge',
  'assign_owner',
  'notify_client',
  'escalate_after',
  'update_every',
  'workaround',
  'resolution',
  'rca',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const PAGERDUTY_TARGET_KINDS = ['user', 'schedule', 'escalation_policy'] as const;
