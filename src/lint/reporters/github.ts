/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding:
 * `::error file=F,line=L,col=C,endLine=L,endColumn=C2,title=T::message` (an end only within one line).
 * Escaping follows the Actions toolkit: `%`, CR and LF in the message; also `:` and `,` in
 * property values, so a path or title cannot end the property list early.
 */
import type { FileReport } from '../report.js';

export const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(reports: readonly FileReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const props: [string, string | number][] = [
        ['file', report.file],
        ['line', d.line],
        ['col', d.column],
      ];
      // The runner rejects columns on an annotation spanning several lines: give an end only on one line.
      if (d.endLine === d.line && d.endColumn !== undefined && d.endColumn > d.column) props.push(['endLine', d.endLine], ['endColumn', d.endColumn]);
      props.push(['title', `escalate ${d.code}`]);
      const list = props.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
      out.push(`::${d.level === 'error' ? 'error' : 'warning'} ${list}::${escapeData(`${d.message} (${d.code})`)}`);
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
