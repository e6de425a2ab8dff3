import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export interface StatusOptions {
  asOf?: string;
  json?: boolean;
  all?: boolean;
  warnWithin?: string;
}

export function registerStatus(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('status')
    .summary('what is done, late, overdue and due next on incident records; exit 1 when anything is overdue')
    .description(
      [
        'For each incident record (a file, or every *.json in a folder): the targets met on time or late by how much, what is overdue now, what falls due next, and whom to pull in next. For a folder, only incidents that are open or have something overdue are shown unless --all.',
        'For a cron job or a scheduled CI run: exit 0 when nothing is overdue; 1 when something is (a target, the next status update, or an escalation step nobody recorded); 2 when it could not run (a missing path, or a file that is not a valid record: the others are still shown); with --warn-within, 3 when nothing is overdue yet but something will be within the window if nobody acts (1 and 2 take precedence).',
      ].join('\n\n'),
    )
    .argument('<paths...>', 'record files or folders of them')
    .option('--as-of <time>', 'judge as at this time instead of now ("now", "2 h ago", or ISO 8601; without an offset, in the matrix\u2019s time zone like triage --at)')
    .option('--json', 'print the status as JSON')
    .option('--all', 'also show resolved incidents with nothing overdue')
    .option('--warn-within <duration>', 'also name what falls overdue within this much real time if nobody acts (15m, 1h); exit 3 when something does and nothing is overdue yet')
    .action(async (paths: string[], options: StatusOptions) => {
      const { runStatus } = await import('./status-run.js');
      setExit(await runStatus(paths, options, io));
    });
}
