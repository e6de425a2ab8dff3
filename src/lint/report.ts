/** What a lint run found in each file: plain data for the reporters. */
import type { Diagnostic } from '../diagnostics.js';

export interface FileReport {
  /** The path as the user gave it. */
  file: string;
  /** A matrix, the matrix tests beside one, a holidays file it names, or a paging configuration checked for drift (`export --check`). */
  kind: 'matrix' | 'cases' | 'paging' | 'holidays';
  diagnostics: Diagnostic[];
  /** For a cases file: how many cases passed and failed. */
  cases?: { passed: number; failed: number };
  /** For a matrix linted with --coverage: how many triage outcomes its cases reach. */
  coverage?: { outcomes: number; covered: number };
}

export interface Summary {
  /** Matrix (or paging configuration) files checked (cases files are counted under `cases`). */
  files: number;
  errors: number;
  warnings: number;
  cases?: { passed: number; failed: number };
}

export function summarize(reports: readonly FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  let passed = 0;
  let failed = 0;
  let withCases = false;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (d.level === 'error') errors++;
      else warnings++;
    }
    if (report.cases) {
      withCases = true;
      passed += report.cases.passed;
      failed += report.cases.failed;
    }
  }
  const files = reports.filter((r) => r.kind !== 'cases' && r.kind !== 'holidays').length;
  return { files, errors, warnings, ...(withCases ? { cases: { passed, failed } } : {}) };
}

/** `--quiet`: errors only; warnings are neither shown nor counted. */
export function errorsOnly(reports: readonly FileReport[]): FileReport[] {
  return reports.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.level === 'error') }));
}
