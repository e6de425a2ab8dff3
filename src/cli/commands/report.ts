import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export interface ReportOptions {
  from?: string;
  to?: string;
  asOf?: string;
  format: 'markdown' | 'json' | 'csv';
  timezone?: string;
  /** The same as --timezone, like triage's --tz. */
  tz?: string;
  out?: string;
  force?: boolean;
  matrix?: string;
}

export function registerReport(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('report')
    .summary('review incident records against the matrix: compliance, MTTA/MTTR, escalations, breaches')
    .description(
      'Over a folder of incident records and a date range, per severity, tier and client: compliance per target (on each target\u2019s clock, so business hours count as the matrix says), time to acknowledge and to resolve (median, p90, mean; unacknowledged and unresolved incidents counted beside them), time to escalate per layer, escalation rate, status updates kept, client notices on time, handoff completeness, and every breach with its record. Markdown (with Mermaid charts), JSON or CSV.',
    )
    .argument('<paths...>', 'record files or folders of them')
    .option('--from <date>', 'only incidents that started at or after this (ISO 8601 date or time)')
    .option('--to <date>', 'only incidents that started before this (ISO 8601 date or time; not included)')
    .option('--as-of <time>', 'judge as at this time instead of now; later events and incidents not started by then are left out (without an offset, in the matrix zone)')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json', 'csv']).default('markdown'))
    .option('--timezone <zone>', 'read --from, --to and --as-of without an offset, and show times, in this IANA time zone (default: the zone of the matrix the records were triaged against)')
    .option('--tz <zone>', 'the same as --timezone')
    .option('-o, --out <file>', 'write the report to this file instead of stdout')
    .option('--force', 'with --out, replace an existing file')
    .option('--matrix <file>', 'evaluate this matrix\u2019s structured governance triggers over the incidents in range (markdown and JSON)')
    .action(async (paths: string[], options: ReportOptions) => {
      const { runReport } = await import('./report-run.js');
      setExit(await runReport(paths, options, io));
    });
}
