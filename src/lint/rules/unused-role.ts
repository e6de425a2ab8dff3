import type { Matrix, Question } from '../../matrix/schema.js';
import { findingAt, type Rule } from '../rule.js';

/** Every role id the matrix refers to, wherever it may. */
export function usedRoles(matrix: Matrix, questions: readonly Question[]): Set<string> {
  const used = new Set<string>([matrix.owner]);
  const add = (...roles: (string | undefined)[]) => roles.forEach((r) => r !== undefined && used.add(r));
  for (const s of matrix.severities) {
    add(s.owner, s.client?.contact, s.client?.by, s.governance?.rca_owner);
    for (const step of s.escalation ?? []) add(...step.notify, step.approval);
  }
  for (const question of questions) for (const a of question.answers) if (a.outcome?.owner !== undefined) used.add(a.outcome.owner);
  for (const route of Object.values(matrix.routes ?? {})) add(route.to);
  for (const tier of Object.values(matrix.tiers ?? {})) add(...(tier.notify ?? []));
  for (const client of Object.values(matrix.clients ?? {})) add(...(client.notify ?? []));
  for (const e of matrix.exceptions ?? []) add(e.approved_by, e.owner, ...(e.notify ?? []));
  for (const entry of matrix.authority ?? []) add(entry.role);
  return used;
}

export const unusedRole: Rule = {
  id: 'unused-role',
  group: 'ownership',
  level: 'warning',
  rationale: 'A role nothing refers to is either forgotten in a path or stale; both mislead the reader.',
  check({ matrix, tree, locator }) {
    const used = usedRoles(matrix, tree().questions);
    return Object.keys(matrix.roles).flatMap((id) =>
      used.has(id) ? [] : [findingAt(locator, ['roles', id], `role "${id}" is defined but never used: no level, step, route, outcome or contract refers to it`, 'key')],
    );
  },
};
