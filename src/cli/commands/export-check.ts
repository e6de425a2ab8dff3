/** `escalate export TOOL --check FILE`: the configuration in use against the matrix, reported like lint. */
import { resolve } from 'node:path';
import type { Matrix } from '../../matrix/schema.js';
import type { FileReport } from '../../lint/report.js';
import { EXIT, usageError, type Io } from '../io.js';
import { formatReports } from '../reports.js';
import { readText } from '../matrix-file.js';
import type { ExportOptions, ExportTool } from './export.js';

export async function runDriftCheck(tool: ExportTool, matrix: Matrix, file: string, format: ExportOptions['format'], io: Io): Promise<number> {
  const text = readText(resolve(io.cwd, file), io, 'configuration');
  const drift = await import('../../export/drift.js');
  if (tool === 'pagerduty' && /\.tf$/.test(file)) {
    throw usageError(`${file}: --check reads Terraform JSON (.tf.json); write the PagerDuty resources as JSON, or convert the HCL first (for example with hcl2json)`);
  }
  const result = tool === 'alertmanager' ? drift.alertmanagerDrift(matrix, text) : tool === 'pagerduty' ? drift.pagerdutyDrift(matrix, text) : drift.icsDrift(matrix, text);
  if (!result.ok) throw usageError(`${file}:${result.line}:${result.column}: ${result.reason}`);
  const reports: FileReport[] = [{ file, kind: 'paging', diagnostics: result.diagnostics }];
  io.stdout.write(await formatReports(reports, format, io, async () => drift.DRIFT_CHECKS.map(({ id, rationale }) => ({ id, rationale, level: 'error' as const }))));
  // A route that cannot be checked is said (a warning), not judged: only drift fails the check.
  return result.diagnostics.some((d) => d.level === 'error') ? EXIT.findings : EXIT.ok;
}
