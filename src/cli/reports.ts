/**
 * Findings in the format the user chose, for every command that reports like lint (lint
 * itself, `export --check`). Reporters load lazily: only the one asked for.
 */
import type { FileReport } from '../lint/report.js';
import type { RuleDescriptor } from '../lint/reporters/sarif.js';
import type { LINT_FORMATS } from './commands/lint.js';
import { workflowCommands, type Io } from './io.js';

export type ReportFormat = (typeof LINT_FORMATS)[number];

/** `rules` describes every id a report may hold, for SARIF's rule table; loaded only for SARIF. */
export async function formatReports(reports: FileReport[], name: ReportFormat, io: Io, rules: () => Promise<readonly RuleDescriptor[]>): Promise<string> {
  switch (name) {
    case 'json':
      return (await import('../lint/reporters/json.js')).formatJson(reports);
    case 'github':
      // The one output whose `::` lines are meant as workflow commands; the edge defuses any other.
      return workflowCommands((await import('../lint/reporters/github.js')).formatGithub(reports));
    case 'sarif': {
      const [{ formatSarif }, { VERSION }, described] = await Promise.all([import('../lint/reporters/sarif.js'), import('../version.js'), rules()]);
      return formatSarif(reports, { name: 'escalate', version: VERSION, rules: described });
    }
    default: {
      const [{ formatStylish }, { colorsFor }] = await Promise.all([import('../lint/reporters/stylish.js'), import('./colors.js')]);
      return formatStylish(reports, await colorsFor(io));
    }
  }
}
