import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';
import { collect } from '../flags.js';

export interface ImportOptions {
  matrix?: string;
  outDir: string;
  preset: 'generic' | 'zendesk' | 'freshdesk';
  column?: string[];
  priority?: string[];
  org?: string[];
  tz?: string;
  force?: boolean;
  skipInvalid?: boolean;
}

export function registerImport(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('import')
    .summary('turn a helpdesk CSV export into incident records, to report on history from day one')
    .description(
      'Read tickets from a CSV export (created, first response, resolved, priority, organisation) and write them as one history file (FOLDER/imports/NAME-DATE.jsonl, one line per ticket, read by status and report like records), each planned against the matrix from its creation: the first response becomes "acknowledged", the resolution "resolved". Priority maps to severity (urgent/high/medium/low to the severities in order, or --priority), organisation to a client (by id or name) or a tier (--org NAME=tier:ID).',
    )
    .argument('<csv>', 'the CSV export')
    .requiredOption('--out-dir <folder>', 'the folder of the records; the history goes to its imports/ subfolder (the folder must exist)')
    .option('-m, --matrix <file>', 'the matrix (default: $ESCALATE_MATRIX, then escalation-matrix.yaml here or above)')
    .addOption(new Option('--preset <name>', 'column names of a helpdesk export').choices(['generic', 'zendesk', 'freshdesk']).default('generic'))
    .option('--column <field=Name>', 'the column for a field: id, created, first_response, first_response_minutes, resolved, priority, organisation (repeatable)', collect)
    .option('--priority <value=severity>', 'map a priority value to a severity id (repeatable)', collect)
    .option('--org <name=client:ID|tier:ID>', 'map an organisation to a client or a tier (repeatable)', collect)
    .option('--tz <zone>', 'the IANA time zone of times without an offset, like America/New_York (default: the matrix time zone)')
    .option('--force', 'import an export already imported again, and replace record files named after a ticket that were not written by an import')
    .option('--skip-invalid', 'import the valid rows even when some are not: they are listed on stderr, and the exit code is 1')
    .action(async (csv: string, options: ImportOptions) => {
      const { runImport } = await import('./import-run.js');
      setExit(await runImport(csv, options, io));
    });
}
