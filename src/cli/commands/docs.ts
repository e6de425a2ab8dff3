import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export interface DocsOptions {
  matrix?: string;
  out?: string;
  check?: boolean;
  role?: string;
  asOf?: string;
}

export function registerDocs(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('docs')
    .summary('render the markdown reference sheet (--check in CI)')
    .description(
      'Render the matrix as one markdown reference sheet: severities, targets, roles, escalation paths, client communication, triage tree (Mermaid and a list) and the rest. The same matrix always gives the same bytes. With --role, render a one-page card for one role instead. With --out FILE --check, write nothing: exit 0 when FILE is current, 1 with a diff when stale.',
    )
    .option('-m, --matrix <file>', 'the matrix file (default: $ESCALATE_MATRIX, then escalation-matrix.yaml here or above)')
    .option('-o, --out <file>', 'write the sheet to FILE (atomically) instead of stdout')
    .option('--check', 'with --out: exit 1 and show a diff when FILE is stale or missing; write nothing')
    .option('-r, --role <role>', 'render the one-page card of this role (a role id from the matrix)')
    .option('--as-of <date>', 'judge the review date and exception windows on this date (YYYY-MM-DD or "today"); without it the sheet makes no date judgement')
    .action(async (options: DocsOptions) => {
      const { runDocs } = await import('./docs-run.js');
      setExit(await runDocs(options, io));
    });
}
