/** Roles and contacts, grouped by side, with what each is accountable for. */
import type { Matrix } from '../../matrix/schema.js';
import { cell, code, inline } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { SIDE_LABELS } from '../format.js';

export const ROLES_HEADING = 'Roles and contacts';

const SIDES = ['internal', 'client', 'vendor'] as const;

export function rolesSection(matrix: Matrix): string {
  const roles = Object.entries(matrix.roles);
  const ordered = SIDES.flatMap((side) => roles.filter(([, role]) => role.side === side));
  const rows = ordered.map(([id, role]) => [
    `${inline(role.title)} (${code(id)})`,
    SIDE_LABELS[role.side],
    cell(role.contact),
    role.backup ? cell(role.backup) : '',
    accountableFor(matrix, id),
    role.description ? cell(role.description) : '',
  ]);
  return blocks(
    `## ${ROLES_HEADING}`,
    'Accountability always sits with a role, never a named person: the contact reaches whoever holds the role now. `escalate docs --role ROLE` prints a one-page card for one role.',
    table(['Role', 'Side', 'Contact', 'Backup', 'Accountable for', 'What it does'], rows),
  );
}

/** The short answer to "what is this role on the hook for": levels, routes, RCAs, the matrix itself. */
function accountableFor(matrix: Matrix, id: string): string {
  const parts: string[] = [];
  const owned = matrix.severities.filter((s) => s.owner === id).map((s) => code(s.id));
  if (owned.length) parts.push(`owner of ${owned.join(', ')}`);
  const routes = Object.entries(matrix.routes ?? {})
    .filter(([, r]) => r.to === id)
    .map(([rid]) => code(rid));
  if (routes.length) parts.push(`route ${routes.join(', ')}`);
  const rca = matrix.severities.filter((s) => s.governance?.rca_owner === id).map((s) => code(s.id));
  if (rca.length) parts.push(`RCA for ${rca.join(', ')}`);
  const tells = matrix.severities.filter((s) => s.client?.by === id && s.client.notify !== 'none').map((s) => code(s.id));
  if (tells.length) parts.push(`tells the client (${tells.join(', ')})`);
  if (matrix.owner === id) parts.push('keeping this matrix current');
  return parts.join('; ');
}
