/** Whom a role tells: the client where it is the one who tells, and the roles its contracts add. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { code, inline } from '../escape.js';
import { sentenceList } from '../markdown.js';
import { roleReach, severityLabel } from '../format.js';

export function informs(matrix: Matrix, roleId: string, owned: readonly Severity[]): string[] {
  const out: string[] = [];
  for (const s of matrix.severities) {
    const rule = s.client;
    if (!rule || rule.by !== roleId || rule.notify === 'none') continue;
    const who = rule.contact ? roleReach(matrix, rule.contact) : 'the client';
    const details = [
      rule.notify === 'formal' ? 'formal notice' : 'informal',
      ...(rule.channel ? [inline(rule.channel)] : []),
      ...(s.targets?.notify_client ? [`within ${s.targets.notify_client}`] : []),
      ...(s.targets?.update_every ? [`updates every ${s.targets.update_every}`] : []),
    ];
    out.push(`${severityLabel(s)}: ${who} — ${details.join(', ')}.`);
  }
  if (owned.length) {
    for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
      if (tier.notify?.length) out.push(`For clients in tier ${code(id)}, also tell ${sentenceList(tier.notify.map((r) => roleReach(matrix, r)))}.`);
    }
    for (const client of Object.values(matrix.clients ?? {})) {
      if (client.notify?.length) out.push(`For ${inline(client.name)}, also tell ${sentenceList(client.notify.map((r) => roleReach(matrix, r)))}.`);
    }
    const ownedIds = new Set(owned.map((s) => s.id));
    const templates = (matrix.templates ?? []).filter((t) => !t.severities || t.severities.some((id) => ownedIds.has(id)));
    if (templates.length) {
      const names = templates.map((t) => `${t.kind} (${t.audience})`);
      out.push(`Templates for your levels: ${[...new Set(names)].join(', ')}; the full sheet has their text.`);
    }
  }
  return out;
}
