import type { GovernanceTrigger, Matrix } from '../../matrix/schema.js';
import { findingAt, type Finding, type Rule } from '../rule.js';
import type { Locator } from '../../matrix/locate.js';

/** Why a structured governance trigger could never trigger, or counts something other than it says; empty when sound. */
function problems(matrix: Matrix, t: GovernanceTrigger): { key: keyof GovernanceTrigger; message: string }[] {
  const out: { key: keyof GovernanceTrigger; message: string }[] = [];
  const chosen = t.severities ? matrix.severities.filter((s) => t.severities!.includes(s.id)) : matrix.severities;
  if (t.breaches && t.breaches !== 'any' && chosen.length > 0 && chosen.every((s) => s.targets?.[t.breaches as keyof NonNullable<typeof s.targets>] === undefined)) {
    const named = chosen.map((s) => s.id);
    const which = t.severities ? `${named.join(', ')} ${named.length === 1 ? 'has' : 'have'} no ${t.breaches} target` : `no severity has ${/^[aeiou]/.test(t.breaches) ? 'an' : 'a'} ${t.breaches} target`;
    out.push({ key: 'breaches', message: `governance trigger "${t.id}" watches for a breached ${t.breaches} target, but ${which}, so it can never trigger` });
  }
  if (t.per === 'client' && Object.keys(matrix.clients ?? {}).length === 0) out.push({ key: 'per', message: `governance trigger "${t.id}" counts per client, but the matrix defines no clients` });
  if (t.per === 'tier' && Object.keys(matrix.tiers ?? {}).length === 0) out.push({ key: 'per', message: `governance trigger "${t.id}" counts per tier, but the matrix defines no tiers` });
  if (t.within && !t.more_than) out.push({ key: 'within', message: `governance trigger "${t.id}" has a window but no count; within only matters with more_than (like more_than: 2)` });
  if (t.per && !t.more_than) out.push({ key: 'per', message: `governance trigger "${t.id}" counts per ${t.per} but has no count; per only matters with more_than (like more_than: 2)` });
  if (t.more_than && !t.within) out.push({ key: 'more_than', message: `governance trigger "${t.id}" counts more than ${t.more_than} incidents with no window, so whether it triggers depends on the report's range; add within (like 90d for a quarter)` });
  return out;
}

function findings(matrix: Matrix, locator: Locator): Finding[] {
  return (matrix.governance_review ?? []).flatMap((t, i) =>
    typeof t === 'string' ? [] : problems(matrix, t).map((p) => findingAt(locator, ['governance_review', i, p.key], p.message, 'key')),
  );
}

export const governanceTrigger: Rule = {
  id: 'governance-trigger',
  group: 'upkeep',
  level: 'warning',
  rationale: 'A governance trigger that can never fire, or whose count depends on who runs the report, leaves the review meeting without its agenda.',
  check({ matrix, locator }) {
    return findings(matrix, locator);
  },
};
