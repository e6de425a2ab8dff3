import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';
import { collect } from '../flags.js';

export interface SimulateOptions {
  matrix?: string;
  severity?: string[];
  answer?: string[];
  client?: string;
  tier?: string;
  at?: string;
  from?: string;
  to?: string;
  every?: string;
  week?: string;
  svg?: boolean;
  parity?: 'pagerduty' | 'alertmanager' | 'ics' | 'all';
  tz?: string;
  json?: boolean;
  markdown?: boolean;
}

export function registerSimulate(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('simulate')
    .summary('what if an incident started at a chosen time: who is paged when, every deadline, which calendar rule applied')
    .description(
      [
        'Plan incidents as triage would, for a chosen start (or every start in a range) without an incident: who is paged or pulled in at which instant, every deadline as a clock time, and the calendar rule, holiday or exception that shaped them.',
        'Without --severity or --answer, every severity of the matrix is simulated. Nothing is asked: simulate never prompts.',
      ].join('\n\n'),
    )
    .option('-m, --matrix <file>', 'the matrix file (default: $ESCALATE_MATRIX, then escalation-matrix.yaml here or above)')
    .option('-s, --severity <id>', 'simulate this severity (repeatable; default: every severity)', collect)
    .option('-a, --answer <question=answer>', 'answer a triage question by choice id or label; the answers must reach an outcome (repeatable)', collect)
    .option('--client <id>', 'apply this client\u2019s contract (its tier, targets and extra roles)')
    .option('--tier <id>', 'apply this customer tier\u2019s targets, calendar and extra roles')
    .option('--at <time>', 'when the incident starts: now (default), "20 min ago", 03:10 or ISO 8601 (without an offset, in the matrix time zone)')
    .option('--from <time>', 'sweep: the first start (any --at form); needs --to')
    .option('--to <time>', 'sweep: the last start (any --at form)')
    .option('--every <duration>', 'sweep: the step between starts, like 1h or 30m (default 1h)')
    .option('--week <date>', 'sweep the week (Monday to Sunday, every hour) holding this date, YYYY-MM-DD, in the display zone')
    .addOption(new Option('--parity <tool>', 'also evaluate each start on what escalate export writes for the tool, and list where it pages someone else, earlier, later or not at all (ics: where the calendar file shows other working hours or holidays; all: each tool in turn)').choices(['pagerduty', 'alertmanager', 'ics', 'all']))
    .option('--tz <zone>', 'show times in this IANA time zone instead of the matrix one')
    .addOption(new Option('--json', 'print the simulation as JSON (schemas/simulate-result.schema.json)').conflicts('markdown'))
    .addOption(new Option('--markdown', 'print the simulation as markdown, for a pull request or a review (for a sweep, the table alternative to --svg)').conflicts('svg'))
    .addOption(new Option('--svg', 'draw a sweep as an SVG coverage picture: hours × severity, coloured by who is paged first and shaded by how fast acknowledgement is due').conflicts('json'))
    .action(async (options: SimulateOptions) => {
      const { runSimulate } = await import('./simulate-run.js');
      setExit(await runSimulate(options, io));
    });
}
