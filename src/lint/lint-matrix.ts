/**
 * Lints one matrix text: the loader's format checks, then, when the matrix loaded
 * without errors, every soundness rule at its configured level. Pure.
 */
import type { Diagnostic } from '../diagnostics.js';
import { byPosition } from '../diagnostics.js';
import { loadMatrix, withoutBom, type LoadResult } from '../matrix/load.js';
import { withFileHolidays, type FileHolidays } from '../matrix/holiday-files.js';
import { resolveLevels, type ResolvedLevels, type RuleSettings } from './config.js';
import { MATRIX_RULES } from './registry.js';
import type { RuleContext } from './rule.js';
import { buildTreeIndex, type TreeIndex } from './tree-index.js';

export interface LintOptions {
  /** Today as YYYY-MM-DD. */
  today: string;
  /** Rule levels for this run (`--rule`), over the matrix's own `lint.rules`. */
  rules?: RuleSettings;
  /** The matrix already loaded from `source` (to read its holidays files first). */
  load?: LoadResult;
  /** Dates read from the calendars' holidays files, merged into the matrix for every rule and case. */
  fileHolidays?: FileHolidays;
  /** Findings about the holidays files at the matrix's lines: when there are any, the matrix is not used. */
  holidayDiagnostics?: readonly Diagnostic[];
}

export interface MatrixLint {
  load: LoadResult;
  diagnostics: Diagnostic[];
  levels: ResolvedLevels;
}

export function lintMatrix(source: string, given: LintOptions): MatrixLint {
  const options: Partial<LintOptions> = typeof given === 'object' && given !== null ? given : {};
  const loaded = options.load ?? loadMatrix(source);
  const holidayErrors = options.holidayDiagnostics ?? [];
  // A holidays file that cannot be read leaves the calendars unknown: like a format error, no rule runs.
  const load: LoadResult = holidayErrors.length > 0 ? { ...loaded, matrix: undefined, diagnostics: [...loaded.diagnostics, ...holidayErrors].sort(byPosition) } : loaded;
  const inline = load.matrix;
  const levels = resolveLevels(inline?.lint?.rules, options.rules ?? {}, load.locator);
  if (!inline) return { load, diagnostics: load.diagnostics, levels };
  const fileHolidays = options.fileHolidays ?? {};
  const matrix = withFileHolidays(inline, fileHolidays);

  let tree: TreeIndex | undefined;
  // Rules see the matrix as written (positions of its own holidays), with the file dates beside
  // it, and the text the locator counts in (a byte-order mark is not a column of line 1).
  const ctx: RuleContext = { matrix: inline, fileHolidays, locator: load.locator, source: withoutBom(source), today: String(options.today ?? ''), tree: () => (tree ??= buildTreeIndex(inline)) };
  const diagnostics = [...load.diagnostics, ...levels.diagnostics];
  for (const rule of MATRIX_RULES) {
    const level = levels.level(rule.id);
    if (level === 'off') continue;
    for (const finding of rule.check(ctx)) diagnostics.push({ code: rule.id, level, ...finding });
  }
  return { load: { ...load, matrix }, diagnostics: diagnostics.sort(byPosition), levels };
}
