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
      "Print the JSON Schema (draft-07) generated from the matrix format, with every field's description. With --check FILE..., check each file and exit 1 when one falls short: a matrix must follow the format and its editor modeline must point at this version's schema; a JSON Schema copy must match this version. --check without FILE checks the matrix found like every command finds it (escalation-matrix.yaml here or in a parent, or $ESCALATE_MATRIX), or with none the installed schema; in a source checkout of escalate it checks the committed schemas/ files, which --write regenerates.",
    )
    .argument('[file...]', 'with --check: matrices or JSON Schema copies to check')
    .option('--check', 'check the named files (or the matrix found here); exit 1 when one is stale or wrong')
    .option('--write', 'rewrite the committed schema files (in a source checkout)')
    .option('--triage-result', 'print the JSON Schema of `escalate triage --json` output instead')
    .action(async (files: string[], options: SchemaOptions) => {
      const { runSchema } = await import('./schema-run.js');
      setExit(await runSchema(files, options, io));
    });
}
