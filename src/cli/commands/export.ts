import { Argument, Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';
import { LINT_FORMATS } from './lint.js';

export const EXPORT_TOOLS = ['alertmanager', 'pagerduty', 'ics'] as const;
export type ExportTool = (typeof EXPORT_TOOLS)[number];

export interface ExportOptions {
  matrix?: string;
  out?: string;
  tests?: string;
  cases?: string;
  json?: boolean;
  check?: string;
  parity?: string;
  pullIn?: 'separate-services';
  format: (typeof LINT_FORMATS)[number];
}

export function registerExport(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('export')
    .summary('write the paging configuration (Alertmanager, PagerDuty Terraform, iCalendar) or check it for drift')
    .description(
      'Export the matrix to a paging tool: `alertmanager` (a route tree by severity, tier and client labels, time intervals from the calendars, and with --tests an amtool routing test script), `pagerduty` (Terraform JSON: one escalation policy per severity, a service with support hours where a calendar maps onto them) or `ics` (each calendar\'s working hours and holidays). What the tool cannot express is listed in the output and on stderr, never dropped. With --check FILE, read the configuration the team runs and exit 1 when receivers, delays, order or targets differ from the matrix, reported in any lint output format.',
    )
    .addArgument(new Argument('<tool>', 'the tool to export to').choices(EXPORT_TOOLS))
    .option('-m, --matrix <file>', 'the matrix file (default: $ESCALATE_MATRIX, then escalation-matrix.yaml here or above)')
    .option('-o, --out <file>', 'write the export to FILE (atomically) instead of stdout')
    .option('--tests <file>', 'alertmanager: also write an amtool routing test script to FILE')
    .option('--cases <file>', 'alertmanager: the matrix tests the routing tests come from (default: NAME.cases.yaml beside NAME.yaml)')
    .option('--json', 'print the export and its warnings as JSON')
    .option('--check <file>', 'compare FILE (the configuration in use) with the matrix; exit 1 on drift; write nothing')
    .option('--parity <date>', 'with --check: also simulate the week holding DATE (YYYY-MM-DD) on the checked configuration; exit 1 where the tool would page someone else, later or not at all (pagerduty: also through a holiday it cannot know; ics: where the file shows other working hours or holidays)')
    .addOption(
      new Option('--pull-in <how>', 'pagerduty: keep the roles the matrix pulls in by time paged when someone acknowledges: separate-services gives each later point of a path its own service whose orchestration suspends each alert until then (the alerting tool must send each alert there too); with --check, compare those too (found by itself when FILE has them)').choices(['separate-services']),
    )
    .addOption(new Option('-f, --format <format>', 'output format of --check').choices(LINT_FORMATS).default('stylish'))
    .action(async (tool: ExportTool, options: ExportOptions) => {
      const { runExport } = await import('./export-run.js');
      setExit(await runExport(tool, options, io));
    });
}
