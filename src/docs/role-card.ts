/**
 * A one-page card for one role: what it owns, its deadlines, when it escalates and to whom,
 * whom it informs. Built from the same matrix as the sheet, so the two cannot disagree.
 */
import type { Matrix } from '../matrix/schema.js';
import { code, inline, leading, paragraphs } from './escape.js';
import { blocks, bullets, heading } from './markdown.js';
import { SIDE_LABELS, type SheetOptions } from './format.js';
import { authority, ownership } from './role/ownership.js';
import { deadlines } from './role/deadlines.js';
import { escalations, handoffs, pulledIn } from './role/timeline.js';
import { informs } from './role/informs.js';

export function renderRoleCard(matrix: Matrix, roleId: string, options: SheetOptions = {}): string {
  const role = Object.hasOwn(matrix.roles, roleId) ? matrix.roles[roleId] : undefined;
  if (!role) throw new Error(`unknown role "${roleId}"`);
  const owned = matrix.severities.filter((s) => s.owner === roleId);
  const from = options.source ? ` from ${code(options.source)}` : '';
  const head = blocks(
    heading(1, `Role card: ${leading(role.title)}`),
    // The name begins the quote's line: a name like `# x` or `1. x` must stay text of the quote.
    `> ${leading(matrix.name)} · role ${code(roleId)} · ${SIDE_LABELS[role.side]}. Generated${from} by \`escalate docs --role ${roleId}\`; the full sheet has the rest.`,
    `**Contact:** ${inline(role.contact)}${role.backup ? ` · **Backup:** ${inline(role.backup)}` : ''}`,
    role.description ? paragraphs(role.description) : undefined,
  );
  const body = [
    section('What you own', bullets(ownership(matrix, roleId, owned))),
    section('Your deadlines', deadlines(matrix, owned)),
    section('When you are pulled in', bullets(pulledIn(matrix, roleId))),
    section('When to escalate, and to whom', escalations(matrix, roleId, owned)),
    section('Whom you inform', bullets(informs(matrix, roleId, owned))),
    section('What you may do without escalating', bullets(authority(matrix, roleId))),
    // The handoff packet travels between the teams handling the incident, not to the client.
    role.side === 'client' ? undefined : section('What a handoff must carry', bullets(handoffs(matrix, roleId))),
  ].filter((s): s is string => s !== undefined);
  const content = body.length ? body : ['*This role has no duties in the matrix yet.*'];
  return `${blocks(head, ...content)}\n`;
}

const section = (title: string, content: string): string | undefined => (content ? blocks(`## ${title}`, content) : undefined);
