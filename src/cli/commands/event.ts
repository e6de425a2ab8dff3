import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export interface EventOptions {
  at?: string;
  by?: string;
  note?: string;
  step?: string;
  layer?: string;
  to?: string;
  role?: string;
  matrix?: string;
  json?: boolean;
}

export const EVENT_HELP = 'acknowledged, owner-assigned, client-notified, update-sent, escalated, workaround, resolved, rca-delivered, severity-changed, note';

export function registerEvent(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('event')
    .summary('append what happened (acknowledged, escalated, resolved, ...) to an incident record')
    .description(
      [
        `Append one event to an incident record written by \`escalate triage --record\`. TYPE is one of: ${EVENT_HELP}.`,
        'Events are only ever appended: the record is rewritten atomically under a lock, so an earlier event is never lost, and a record of a newer format is refused untouched. severity-changed re-plans every deadline from the moment of the change with the matrix (--matrix, else the file the record names).',
      ].join('\n\n'),
    )
    .argument('<record>', 'the record file (JSON)')
    .argument('<type>', 'what happened')
    .option('--at <time>', 'when it happened: "now" (default), "10 min ago", or ISO 8601 (without an offset, in the matrix time zone)')
    .option('--by <who>', 'who did it: a name or handle, like "Priya Shah" (default: $ESCALATE_BY)')
    .option('--note <text>', 'a note kept with the event (the text of a note event)')
    .option('--step <n>', 'escalated: the escalation step reached, 1 for the first')
    .addOption(new Option('--layer <layer>', 'escalated: the layer reached').choices(['operational', 'management', 'client', 'executive']))
    .option('--to <severity>', 'severity-changed: the new severity id')
    .option('--role <id>', 'owner-assigned: the role that now owns the incident')
    .option('-m, --matrix <file>', 'severity-changed: the matrix to re-plan with')
    .option('--json', 'print the appended event as JSON')
    .action(async (record: string, type: string, options: EventOptions) => {
      const { runEvent } = await import('./event-run.js');
      setExit(await runEvent(record, type, options, io));
    });
}
