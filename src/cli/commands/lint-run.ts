/** `escalate lint`: load each file, collect diagnostics, report, pick the exit code. */
import type { FileReport } from '../../lint/report.js';
import { summarize } from '../../lint/report.js';
import { formatStylish } from '../../lint/reporters/stylish.js';
import { formatJson } from '../../lint/reporters/json.js';
import { colorsFor } from '../colors.js';
import { EXIT, type Io } from '../io.js';
import { loadMatrixFile, resolveMatrixPath } from '../matrix-file.js';
import type { LintOptions } from './lint.js';

export async function runLint(files: string[], options: LintOptions, io: Io): Promise<number> {
  const paths = files.length > 0 ? files : [resolveMatrixPath(options.matrix, io)];
  const reports: FileReport[] = paths.map((path) => {
    const { result } = loadMatrixFile(path, io);
    return { file: path, diagnostics: result.diagnostics };
  });
  const output = options.format === 'json' ? formatJson(reports) : formatStylish(reports, await colorsFor(io));
  io.stdout.write(output);
  return summarize(reports).errors > 0 ? EXIT.findings : EXIT.ok;
}
