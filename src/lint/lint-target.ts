/**
 * One lint target: a matrix and, when there is one, its matrix tests. Returns a report per
 * file (the matrix first). Pure: the texts are passed in; the cases code and its date
 * library are imported only when there are cases or coverage to compute.
 */
import { byPosition } from '../diagnostics.js';
import type { RuleSettings } from './config.js';
import { lintMatrix } from './lint-matrix.js';
import type { FileReport } from './report.js';
import { loadMatrix } from '../matrix/load.js';
import { holidayFileRefs, recurrenceWindow, type HolidayFileRef, type HolidaysRead } from '../matrix/holiday-files.js';
import type { Locator } from '../matrix/locate.js';

export interface TargetSource {
  matrix: { file: string; text: string };
  cases?: { file: string; text: string };
}

export interface TargetOptions {
  today: string;
  rules?: RuleSettings;
  /** List the triage outcomes no case reaches. */
  coverage?: boolean;
  /** Reads the holidays files a matrix names (the file system is the caller's). */
  readHolidays?: (refs: HolidayFileRef[], window: { from: string; to: string }, locator: Locator) => Promise<HolidaysRead>;
}

export async function lintTarget(source: TargetSource, options: TargetOptions): Promise<FileReport[]> {
  const load = loadMatrix(source.matrix.text);
  const refs = load.matrix ? holidayFileRefs(load.matrix) : [];
  const read = refs.length > 0 && options.readHolidays ? await options.readHolidays(refs, recurrenceWindow(load.matrix!), load.locator) : undefined;
  const lint = lintMatrix(source.matrix.text, {
    today: options.today,
    ...(options.rules ? { rules: options.rules } : {}),
    load,
    ...(read ? { fileHolidays: read.holidays, holidayDiagnostics: read.matrix } : {}),
  });
  const report: FileReport = { file: source.matrix.file, kind: 'matrix', diagnostics: lint.diagnostics };
  const reports = [report, ...(read?.files ?? []).map((f): FileReport => ({ file: f.file, kind: 'holidays', diagnostics: f.diagnostics }))];
  const matrix = lint.load.matrix;
  let reached: ReadonlySet<string> = new Set();
  if (source.cases) {
    const { loadCases } = await import('./cases/load.js');
    const loaded = loadCases(source.cases.text);
    const cases: FileReport = { file: source.cases.file, kind: 'cases', diagnostics: loaded.diagnostics };
    if (matrix && loaded.cases) {
      const { runCases } = await import('./cases/run.js');
      const run = await runCases(matrix, loaded.cases, loaded.locator, lint.levels.level('case-failed'), loaded.indexes);
      cases.diagnostics = [...cases.diagnostics, ...run.diagnostics].sort(byPosition);
      cases.cases = { passed: run.passed, failed: run.failed };
      reached = run.reached;
    }
    reports.push(cases);
  }
  if (options.coverage && matrix) {
    const { outcomeCoverage } = await import('./cases/coverage.js');
    const coverage = outcomeCoverage(matrix, lint.load.locator, reached, lint.levels.level('case-coverage'));
    report.coverage = { outcomes: coverage.outcomes, covered: coverage.covered };
    report.diagnostics = [...report.diagnostics, ...coverage.diagnostics].sort(byPosition);
  }
  return reports;
}
