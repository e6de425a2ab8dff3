import { placeholdersIn } from '../../matrix/placeholders.js';
import type { Matrix, Role, Severity, Template } from '../../matrix/schema.js';
import { findingAt, type Finding, type Rule } from '../rule.js';
import { lineStarts, placeholderSpans } from './template-placeholder.js';

/**
 * A role's contact is internal (a pager, an internal channel or extension) unless the role is
 * on the client's side; `client_contact` is what a client may be given instead.
 */
export const clientFacingContact = (role: Role): string | undefined => (role.side === 'client' ? role.contact : role.client_contact);

/** Whether `template` is the one a message of its kind and audience picks for `severity` (comms/render.ts). */
function serves(matrix: Matrix, template: Template, severity: Severity): boolean {
  const fits = (matrix.templates ?? []).filter((t) => t.kind === template.kind && t.audience === template.audience && (!t.severities || t.severities.includes(severity.id)));
  return (fits.find((t) => t.severities !== undefined) ?? fits[0]) === template;
}

/** Every role that can own an incident of `severity`: its owner, an answer's owner for it, an exception's owner. */
function possibleOwners(matrix: Matrix, severity: Severity): string[] {
  const owners = [severity.owner];
  for (const question of Object.values(matrix.triage?.questions ?? {})) {
    for (const answer of question.answers) if (answer.outcome?.severity === severity.id && answer.outcome.owner) owners.push(answer.outcome.owner);
  }
  for (const e of matrix.exceptions ?? []) if (e.owner && (!e.severities || e.severities.includes(severity.id))) owners.push(e.owner);
  return [...new Set(owners)];
}

export const templateInternalContact: Rule = {
  id: 'template-internal-contact',
  group: 'upkeep',
  level: 'error',
  rationale: 'A client template must not hand the client an internal contact (a pager, an internal channel or extension); give the owning roles a client_contact or leave {{owner_contact}} out.',
  check({ matrix, locator, source }) {
    const out: Finding[] = [];
    let starts: number[] | undefined;
    (matrix.templates ?? []).forEach((template, t) => {
      if (template.audience !== 'client') return;
      const served = matrix.severities.filter((s) => serves(matrix, template, s));
      const internal = [...new Set(served.flatMap((s) => possibleOwners(matrix, s)))].filter((id) => {
        const role = Object.hasOwn(matrix.roles, id) ? matrix.roles[id] : undefined;
        return role !== undefined && clientFacingContact(role) === undefined;
      });
      if (internal.length === 0) return;
      for (const field of ['subject', 'body'] as const) {
        const text = template[field];
        if (text === undefined) continue;
        const path = ['templates', t, field];
        let spans: ReturnType<typeof placeholderSpans> | undefined;
        placeholdersIn(text).forEach((p, n) => {
          if (p.name !== 'owner_contact') return;
          const roles = internal.map((id) => `${matrix.roles[id]!.title} (${matrix.roles[id]!.contact})`).join(', ');
          const message = `template ${t + 1} (${template.kind}, client) renders {{owner_contact}}, and the owner can be ${roles}: an internal contact; give ${internal.length === 1 ? 'the role' : 'each role'} a client_contact the client may use (${internal.join(', ')}), or leave {{owner_contact}} out`;
          spans ??= placeholderSpans(source, (starts ??= lineStarts(source)), locator.value(path));
          const at = spans[n]?.name === p.name ? spans[n] : undefined;
          out.push(at ? { path, message, line: at.line, column: at.column } : findingAt(locator, path, message));
        });
      }
    });
    return out;
  },
};
