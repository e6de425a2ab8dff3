/** Human output, grouped by file: `line:col  level  message  rule-id`, then a summary. */
import type { Colors } from '../../cli/colors.js';
import { summarize, type FileReport } from '../report.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatStylish(reports: readonly FileReport[], c: Colors): string {
  const out: string[] = [];
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    out.push(c.bold(report.file));
    const width = Math.max(...report.diagnostics.map((d) => `${d.line}:${d.column}`.length));
    for (const d of report.diagnostics) {
      const where = `${d.line}:${d.column}`.padEnd(width);
      const level = d.level === 'error' ? c.red('error  ') : c.yellow('warning');
      out.push(`  ${c.dim(where)}  ${level}  ${d.message}  ${c.dim(d.code)}`);
    }
    out.push('');
  }
  const { files, errors, warnings } = summarize(reports);
  const problems = errors + warnings;
  if (problems === 0) {
    out.push(c.green(`✓ ${plural(files, 'file')} checked, no problems`));
  } else {
    const line = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}`;
    out.push(errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
  }
  return `${out.join('\n')}\n`;
}
