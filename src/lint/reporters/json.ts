/**
 * `--format json`: a stable, documented shape (docs/lint.md, "Output formats"). Fields are only
 * ever added, never renamed or removed; `version` changes if that promise is broken.
 *
 * { version: 1,
 *   summary: { files, errors, warnings, cases?: { passed, failed } },
 *   files: [{ file, kind: "matrix" | "cases" | "holidays" | "paging", errors, warnings,
 *             cases?: { passed, failed }, coverage?: { outcomes, covered },
 *             diagnostics: [{ code, level, message, line, column, endLine?, endColumn?, path }] }] }
 *
 * `summary.files` counts matrices (and, for `export --check`, paging configurations); a cases
 * file appears in `files` with `kind: "cases"`, a holidays file with findings with `kind: "holidays"`.
 */
import { formatPath } from '../../diagnostics.js';
import { summarize, type FileReport } from '../report.js';

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((report) => {
    let errors = 0;
    for (const d of report.diagnostics) if (d.level === 'error') errors++;
    return {
      file: report.file,
      kind: report.kind,
      errors,
      warnings: report.diagnostics.length - errors,
      ...(report.cases ? { cases: report.cases } : {}),
      ...(report.coverage ? { coverage: report.coverage } : {}),
      diagnostics: report.diagnostics.map((d) => ({
        code: d.code,
        level: d.level,
        message: d.message,
        line: d.line,
        column: d.column,
        ...(d.endLine !== undefined ? { endLine: d.endLine, endColumn: d.endColumn } : {}),
        path: formatPath(d.path),
      })),
    };
  });
  return `${JSON.stringify({ version: 1, summary: summarize(reports), files }, null, 2)}\n`;
}
