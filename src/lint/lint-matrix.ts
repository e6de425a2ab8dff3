/**
 * Lints one matrix text: the loader's format checks, then, when the matrix loaded
 * without errors, every soundness rule at its configured level. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import { byPosition } from '../diagnostics.js';
import { loadMatrix, type LoadResult } from '../matrix/load.js';
import { resolveLevels, type ResolvedLevels, type RuleSettings } from './config.js';
import { MATRIX_RULES } from './registry.js';
import type { RuleContext } from './rule.js';
import { buildTreeIndex, type TreeIndex } from './tree-index.js';

export interface LintOptions {
  /** Today as YYYY-MM-DD. */
  today: string;
  /** Rule levels for this run (`--rule`), over the matrix's own `lint.rules`. */
  rules?: RuleSettings;
}

export interface MatrixLint {
  load: LoadResult;
  diagnostics: Diagnostic[];
  levels: ResolvedLevels;
}

export function lintMatrix(source: string, given: LintOptions): MatrixLint {
  const options: Partial<LintOptions> = typeof given === 'object' && given !== null ? given : {};
  const load = loadMatrix(source);
  const matrix = load.matrix;
  const levels = resolveLevels(matrix?.lint?.rules, options.rules ?? {}, load.locator);
  if (!matrix) return { load, diagnostics: load.diagnostics, levels };

  let tree: TreeIndex | undefined;
  const ctx: RuleContext = { matrix, locator: load.locator, source, today: String(options.today ?? ''), tree: () => (tree ??= buildTreeIndex(matrix)) };
  const diagnostics = [...load.diagnostics, ...levels.diagnostics];
  for (const rule of MATRIX_RULES) {
    const level = levels.level(rule.id);
    if (level === 'off') continue;
    for (const finding of rule.check(ctx)) diagnostics.push({ code: rule.id, level, ...finding });
  }
  return { load, diagnostics: diagnostics.sort(byPosition), levels };
}
