import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export interface LintOptions {
  matrix?: string;
  format: 'stylish' | 'json';
}

export function registerLint(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('lint')
    .summary('check matrix files: schema, references and rules, with file:line:col')
    .description(
      'Check one or more matrix files. Without FILE, lints --matrix, then $ESCALATE_MATRIX, then\nescalation-matrix.yaml (or .yml) in this folder or the nearest parent.',
    )
    .argument('[files...]', 'matrix files to check')
    .option('-m, --matrix <file>', 'the matrix file, when no FILE is given')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .action(async (files: string[], options: LintOptions) => {
      const { runLint } = await import('./lint-run.js');
      setExit(await runLint(files, options, io));
    });
}
