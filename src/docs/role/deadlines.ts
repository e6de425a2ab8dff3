/** The targets of the levels a role owns, and every contract or exception that changes them. */
import type { Matrix, Severity } from '../../matrix/schema.js';
import { code, inline } from '../escape.js';
import { blocks, bullets, table } from '../markdown.js';
import { calendarLabel, changeText, dateTimeText, severityLabel, TARGET_LABELS, targetChanges, usedTargetKinds } from '../format.js';

export function deadlines(matrix: Matrix, owned: readonly Severity[]): string {
  if (owned.length === 0) return '';
  const kinds = usedTargetKinds(matrix).filter((kind) => owned.some((s) => s.targets?.[kind] !== undefined));
  const rows = owned.map((s) => [severityLabel(s), calendarLabel(s.calendar), ...kinds.map((k) => s.targets?.[k] ?? '')]);
  const ownedIds = new Set(owned.map((s) => s.id));
  const changes: string[] = [];
  const collect = (who: string, overrides: Record<string, NonNullable<Severity['targets']>> | undefined) => {
    for (const [sid, targets] of Object.entries(overrides ?? {})) {
      if (!ownedIds.has(sid)) continue;
      const base = owned.find((s) => s.id === sid)?.targets;
      const list = targetChanges(base, targets).map((c) => `${TARGET_LABELS[c.kind].toLowerCase()} ${changeText(c)}`);
      if (list.length) changes.push(`${who}, ${code(sid)}: ${list.join(', ')}`);
    }
  };
  for (const [id, tier] of Object.entries(matrix.tiers ?? {})) collect(`Tier ${code(id)}`, tier.targets);
  for (const client of Object.values(matrix.clients ?? {})) collect(`Client ${inline(client.name)}`, client.targets);
  for (const e of matrix.exceptions ?? []) collect(`Exception ${code(e.id)} (until ${dateTimeText(e.until, matrix.timezone)})`, e.targets);
  return blocks(
    'Counted from the incident start.',
    table(['Level', 'Runs on', ...kinds.map((k) => TARGET_LABELS[k])], rows),
    changes.length ? blocks('Contracts and exceptions change some of them (from the standard target):', bullets(changes)) : undefined,
  );
}
