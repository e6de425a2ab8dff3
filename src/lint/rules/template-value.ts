import type { Placeholder } from '../../matrix/placeholders.js';
import { placeholdersIn } from '../../matrix/placeholders.js';
import type { Matrix, Severity, TargetKind, Template } from '../../matrix/schema.js';
import { contracts, minutes } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';
import { lineStarts, placeholderSpans } from './template-placeholder.js';

/** Placeholders whose value is a target of the severity (or of the contract that applies). */
const NEEDS: Partial<Record<Placeholder, TargetKind>> = {
  acknowledge_by: 'acknowledge',
  assign_owner_by: 'assign_owner',
  notify_client_by: 'notify_client',
  workaround_by: 'workaround',
  resolution_by: 'resolution',
  rca_by: 'rca',
  next_update: 'update_every',
  update_every: 'update_every',
  escalate_at: 'escalate_after',
};

/** Whether `template` is the one a message of its kind and audience picks for `severity` (comms/render.ts). */
function serves(matrix: Matrix, template: Template, severity: Severity): boolean {
  const fits = (matrix.templates ?? []).filter(
    (t) => t.kind === template.kind && t.audience === template.audience && (!t.severities || t.severities.includes(severity.id)),
  );
  return (fits.find((t) => t.severities !== undefined) ?? fits[0]) === template;
}

export const templateValue: Rule = {
  id: 'template-value',
  group: 'upkeep',
  level: 'error',
  rationale: 'A placeholder with no value for a level the template serves reaches the reader as a gap like "[rca_by]"; give the level the target or narrow the template.',
  check({ matrix, locator, source }) {
    const out: Finding[] = [];
    const all = contracts(matrix);
    /** The severities (by index) whose contracts give `kind` no value, with the contracts that lack it. */
    const lacking = (kind: TargetKind, indexes: number[]) =>
      indexes.filter((i) => {
        const severity = matrix.severities[i]!;
        if (kind === 'escalate_after' && (severity.escalation ?? []).some((s) => (minutes(s.after) ?? 0) > 0)) return false;
        return all.some((contract) => contract.value(i, kind) === undefined);
      });
    let starts: number[] | undefined;
    (matrix.templates ?? []).forEach((template, t) => {
      const served = matrix.severities.flatMap((s, i) => (serves(matrix, template, s) ? [i] : []));
      for (const field of ['subject', 'body'] as const) {
        const text = template[field];
        if (text === undefined) continue;
        const used = placeholdersIn(text);
        const path = ['templates', t, field];
        let raw: ReturnType<typeof placeholderSpans> | undefined;
        const seen = new Set<string>();
        used.forEach((p, n) => {
          const kind = NEEDS[p.name as Placeholder];
          if (kind === undefined || seen.has(p.name)) return;
          seen.add(p.name);
          const missing = lacking(kind, served);
          if (missing.length === 0) return;
          const first = matrix.severities[missing[0]!]!;
          const line = locator.value(['severities', missing[0]!, first.targets ? 'targets' : 'id']).line;
          const ids = missing.map((i) => matrix.severities[i]!.id).join(', ');
          const message = `template ${t + 1} (${template.kind}, ${template.audience}) uses {{${p.name}}}, but ${ids} ${missing.length === 1 ? 'has' : 'have'} no ${kind} target (${first.id} at line ${line}): the ${template.audience === 'client' ? 'client' : 'reader'} would read "[${p.name}]"; add the target or limit the template with severities: [...]`;
          raw ??= placeholderSpans(source, (starts ??= lineStarts(source)), locator.value(path));
          const at = raw[n]?.name === p.name ? raw[n] : undefined;
          out.push(at ? { path, message, line: at.line, column: at.column } : findingAt(locator, path, message));
        });
      }
    });
    return out;
  },
};
