/**
 * `--format json`: a stable, documented shape (see README, "Lint output").
 * { version: 1, summary: { files, errors, warnings },
 *   files: [{ file, errors, warnings, diagnostics: [{ code, level, message, line, column, endLine?, endColumn?, path }] }] }
 */
import { formatPath } from '../../diagnostics.js';
import { summarize, type FileReport } from '../report.js';

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((report) => {
    const { errors, warnings } = summarize([report]);
    return {
      file: report.file,
      errors,
      warnings,
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
  const { errors, warnings } = summarize(reports);
  return `${JSON.stringify({ version: 1, summary: { files: reports.length, errors, warnings }, files }, null, 2)}\n`;
}
