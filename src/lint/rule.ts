/**
 * A lint rule is data plus one pure check: an id, a default level, a one-line rationale,
 * and a function from the checked matrix to findings. Levels are applied afterwards, from
 * the matrix's `lint.rules` and the run's `--rule` flags.
 */
import type { FileHolidays } from '../matrix/holiday-files.js';
import type { Level, Path } from '../diagnostics.js';
import type { Locator, Span } from '../matrix/locate.js';
import type { Matrix } from '../matrix/schema.js';
import type { TreeIndex } from './tree-index.js';
import type { WorkCounter } from '../work.js';

export type RuleGroup = 'tree' | 'timing' | 'ownership' | 'upkeep' | 'cases' | 'config' | 'text';

export interface RuleContext {
  matrix: Matrix;
  locator: Locator;
  /** The matrix text without a leading byte-order mark (as the locator counts), for findings inside a value (a template body). */
  source: string;
  /** Dates from the calendars' holidays files (`holidays_from`), by calendar id; `matrix` holds only its own. */
  fileHolidays?: FileHolidays;
  /** Today as YYYY-MM-DD, injected: `--today DATE` or the real date at the edge. */
  today: string;
  /** The triage tree as a graph, built once per run and shared by the tree rules. */
  tree(): TreeIndex;
  /** Counts the rules' work where it could grow faster than the matrix; only tests pass one. */
  work?: WorkCounter;
}

/** What a rule reports: where and what. The level comes from the configuration. */
export interface Finding {
  path: Path;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** What every rule has, including those checked outside the matrix (matrix tests, configuration). */
export interface RuleInfo {
  id: string;
  group: RuleGroup;
  /** The level when neither the matrix nor the run says otherwise. */
  level: Level;
  /** One line: why the rule exists. Shown in the docs/rules.md table and in SARIF. */
  rationale: string;
}

/** A rule checked over a matrix that loaded without errors. */
export interface Rule extends RuleInfo {
  check(ctx: RuleContext): Finding[];
}

/** A finding at the value under `path` (or its nearest existing parent). */
export function findingAt(locator: Locator, path: Path, message: string, where: 'value' | 'key' = 'value'): Finding {
  return fromSpan(where === 'key' ? locator.key(path) : locator.value(path), path, message);
}

export function fromSpan(span: Span, path: Path, message: string): Finding {
  return { path, message, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}
