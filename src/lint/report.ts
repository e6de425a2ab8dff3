/** What a lint run found in one file: plain data for the reporters. */
import type { Diagnostic } from '../diagnostics.js';

export interface FileReport {
  /** The path as the user gave it. */
  file: string;
  diagnostics: Diagnostic[];
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
}

export function summarize(reports: readonly FileReport[]): Summary {
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    for (const d of report.diagnostics) {
      if (d.level === 'error') errors++;
      else warnings++;
    }
  }
  return { files: reports.length, errors, warnings };
}
