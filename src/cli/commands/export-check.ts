/** `escalate export TOOL --check FILE`: the configuration in use against the matrix, reported like lint. */
import { resolve } from 'node:path';
import type { Matrix } from '../../matrix/schema.js';
import type { FileReport } from '../../lint/report.js';
import { EXIT, usageError, type Io } from '../io.js';
import { formatReports } from '../reports.js';
import { readText } from '../matrix-file.js';
import type { ExportOptions, ExportTool } from './export.js';

export async function runDriftCheck(tool: ExportTool, matrix: Matrix, file: string, format: ExportOptions['format'], io: Io, parity?: string, pullIn?: ExportOptions['pullIn']): Promise<number> {
  const text = readText(resolve(io.cwd, file), io, 'configuration');
  const drift = await import('../../export/drift.js');
  if (tool === 'pagerduty' && /\.tf$/.test(file)) {
    throw usageError(`${file}: --check reads Terraform JSON (.tf.json); write the PagerDuty resources as JSON, or convert the HCL first (for example with hcl2json)`);
  }
  const result = tool === 'alertmanager' ? drift.alertmanagerDrift(matrix, text) : tool === 'pagerduty' ? drift.pagerdutyDrift(matrix, text, pullIn) : drift.icsDrift(matrix, text);
  if (!result.ok) throw usageError(`${file}:${result.line}:${result.column}: ${result.reason}`);
  const diagnostics = [...result.diagnostics];
  let parityRules: { id: string; rationale: string; level: 'error' | 'warning' }[] = [];
  if (parity !== undefined && tool !== 'pagerduty') {
    const { toolParityDiagnostics, TOOL_PARITY_CHECKS } = await import('../../simulate/parity-tools.js');
    const checked = toolParityDiagnostics(tool, matrix, text, parity);
    if (!checked.ok) throw usageError(`--parity ${checked.reason}`);
    diagnostics.push(...checked.diagnostics);
    parityRules = TOOL_PARITY_CHECKS;
  } else if (parity !== undefined) {
    const { parityDiagnostics, PARITY_CHECKS } = await import('../../simulate/parity-check.js');
    const lines = text.split('\n');
    const lineOf = (severity: string) => Math.max(1, lines.findIndex((l) => l.includes(`"${/^[a-z_]/.test(severity) ? severity.replace(/-/g, '_') : `_${severity.replace(/-/g, '_')}`}"`)) + 1);
    let data: unknown;
    try {
      data = JSON.parse(text) as unknown;
    } catch (error) {
      throw usageError(`${file}: --parity reads JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    const checked = parityDiagnostics(matrix, data, parity, lineOf);
    if (!checked.ok) throw usageError(`--parity ${checked.reason}`);
    diagnostics.push(...checked.diagnostics);
    parityRules = PARITY_CHECKS;
  }
  const reports: FileReport[] = [{ file, kind: 'paging', diagnostics }];
  io.stdout.write(await formatReports(reports, format, io, async () => [...drift.DRIFT_CHECKS.map(({ id, rationale }) => ({ id, rationale, level: 'error' as const })), ...parityRules]));
  // A route that cannot be checked is said (a warning), not judged: only drift fails the check.
  return diagnostics.some((d) => d.level === 'error') ? EXIT.findings : EXIT.ok;
}
