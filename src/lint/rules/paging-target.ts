import type { Path } from '../../diagnostics.js';
import { isInternal, pagedRoles, targetFor, toolsInUse } from '../../export/paging.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const pagingTarget: Rule = {
  id: 'paging-target',
  group: 'ownership',
  level: 'warning',
  rationale: 'Once `paging` maps roles onto a tool, a role the path pages with no target for that tool is left out of the export: nobody would be paged.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    const tools = toolsInUse(matrix);
    if (tools.length === 0) return out;
    const reported = new Set<string>();
    // Reported once per role, where it is first paged.
    const check = (role: string, path: Path, pagedBy: string) => {
      if (reported.has(role) || !isInternal(matrix, role)) return;
      reported.add(role);
      const missing = tools.filter((tool) => targetFor(matrix, role)?.[tool] === undefined);
      if (missing.length === 0) return;
      const exports = missing.map((tool) => `\`escalate export ${tool}\``).join(' and ');
      out.push(findingAt(locator, path, `role "${role}" is paged by ${pagedBy} but has no ${missing.join(' or ')} target under paging; ${exports} would leave it out`));
    };
    matrix.severities.forEach((severity, i) => {
      for (const paged of pagedRoles(matrix, severity, i)) check(paged.role, paged.path, severity.id);
    });
    // Roles a tier or client adds to every incident are paged too.
    const contracts: ['tiers' | 'clients', string, { notify?: string[] | undefined }][] = [
      ...Object.entries(matrix.tiers ?? {}).map(([id, tier]) => ['tiers', id, tier] as ['tiers', string, typeof tier]),
      ...Object.entries(matrix.clients ?? {}).map(([id, client]) => ['clients', id, client] as ['clients', string, typeof client]),
    ];
    for (const [section, id, entry] of contracts) {
      (entry.notify ?? []).forEach((role, k) => check(role, [section, id, 'notify', k], `${section === 'tiers' ? 'tier' : 'client'} "${id}"`));
    }
    return out;
  },
};
