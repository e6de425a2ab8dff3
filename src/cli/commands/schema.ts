import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export interface SchemaOptions {
  check?: boolean;
  write?: boolean;
  triageResult?: boolean;
}

export function registerSchema(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('schema')
    .summary('print the JSON Schema of the matrix format (for editors and validators)')
    .description(
      "Print the JSON Schema (draft-07) generated from the matrix format, with every field's description. With --check, compare the schemas in the package's schemas/ folder and exit 1 when any is stale; with --write (in a source checkout of escalate), regenerate them.",
    )
    .option('--check', 'exit 1 when the committed schema files differ from the format')
    .option('--write', 'rewrite the committed schema files (in a source checkout)')
    .option('--triage-result', 'print the JSON Schema of `escalate triage --json` output instead')
    .action(async (options: SchemaOptions) => {
      const { runSchema } = await import('./schema-run.js');
      setExit(await runSchema(options, io));
    });
}
