/** Human output, grouped by file: `line:col  level  message  rule-id`, then coverage and a summary. */
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
  const covered = reports.filter((r) => r.coverage);
  for (const report of covered) {
    const { outcomes, covered: reached } = report.coverage!;
    const percent = outcomes === 0 ? 100 : Math.floor((reached / outcomes) * 100);
    const line = `coverage ${reached}/${outcomes} triage outcomes (${percent}%)  ${report.file}`;
    out.push(reached === outcomes ? c.green(line) : c.yellow(line));
  }
  if (covered.length > 0) out.push('');

  const { files, errors, warnings, cases } = summarize(reports);
  const problems = errors + warnings;
  const tests = cases ? (cases.failed === 0 ? `${plural(cases.passed, 'case')} passed` : `${cases.failed} of ${plural(cases.passed + cases.failed, 'case')} failed`) : '';
  if (problems === 0) {
    out.push(c.green(`✓ ${plural(files, 'file')} checked, ${tests ? `${tests}, ` : ''}no problems`));
  } else {
    const line = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}${tests ? `; ${tests}` : ''}`;
    out.push(errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
  }
  return `${out.join('\n')}\n`;
}
