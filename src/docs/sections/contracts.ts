/** Customer tiers and named clients: contractual targets and extra roles, shown as changes. */
import type { Matrix, Targets } from '../../matrix/schema.js';
import { cell, code, inline } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { calendarLabel, changeText, roleTitle, severityById, severityRef, TARGET_LABELS, targetChanges } from '../format.js';

export const CONTRACTS_HEADING = 'Customer tiers and clients';

export function contractsSection(matrix: Matrix): string | undefined {
  const tiers = Object.entries(matrix.tiers ?? {});
  const clients = Object.entries(matrix.clients ?? {});
  if (tiers.length === 0 && clients.length === 0) return undefined;
  const tierTable = tiers.length
    ? blocks(
        '### Tiers',
        table(
          ['Tier', 'Who', 'Runs on', 'Also told of every incident', 'Clients'],
          tiers.map(([id, t]) => [
            code(id),
            t.description ? cell(t.description) : '',
            t.calendar ? calendarLabel(t.calendar) : "each level's own",
            (t.notify ?? []).map((r) => roleTitle(matrix, r)).join(', '),
            clients
              .filter(([, c]) => c.tier === id)
              .map(([, c]) => inline(c.name))
              .join(', '),
          ]),
        ),
      )
    : undefined;
  const clientTable = clients.length
    ? blocks(
        '### Named clients',
        table(
          ['Client', 'Name', 'Tier', 'Also told', 'Note'],
          clients.map(([id, c]) => [code(id), inline(c.name), code(c.tier), (c.notify ?? []).map((r) => roleTitle(matrix, r)).join(', '), c.note ? cell(c.note) : '']),
        ),
      )
    : undefined;
  return blocks(
    `## ${CONTRACTS_HEADING}`,
    'A contract changes response targets, calendars and who is told, never the severity level.',
    tierTable,
    clientTable,
    changesBlock(matrix),
  );
}

function changesBlock(matrix: Matrix): string | undefined {
  const rows: string[][] = [];
  for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
    rows.push(...changeRows(matrix, `tier ${code(id)}`, tier.targets, (sid) => severityById(matrix, sid)?.targets));
  }
  for (const [id, client] of Object.entries(matrix.clients ?? {})) {
    const tier = Object.hasOwn(matrix.tiers ?? {}, client.tier) ? matrix.tiers?.[client.tier] : undefined;
    rows.push(...changeRows(matrix, `client ${code(id)}`, client.targets, (sid) => ({ ...severityById(matrix, sid)?.targets, ...tier?.targets?.[sid] })));
  }
  if (rows.length === 0) return undefined;
  return blocks(
    '### Contract target changes',
    "A tier's change is from the level's standard target; a client's change is from its tier's target.",
    table(['Applies to', 'Level', 'Target', 'Change'], rows),
  );
}

/** One row per changed target of one override set (a tier, a client or an exception). */
export function changeRows(
  matrix: Matrix,
  who: string,
  overrides: Record<string, Targets> | undefined,
  base: (severityId: string) => Targets | undefined,
): string[][] {
  return Object.entries(overrides ?? {}).flatMap(([sid, targets]) =>
    targetChanges(base(sid), targets).map((change) => [who, severityRef(matrix, sid), TARGET_LABELS[change.kind], changeText(change)]),
  );
}
