import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';
import { collect } from '../flags.js';

export const LINT_FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;

export interface LintOptions {
  matrix?: string;
  format: (typeof LINT_FORMATS)[number];
  /** `--rule ID=off|warn|error`, in the order given. */
  rule?: string[];
  today?: string;
  /** A cases file, or false for `--no-cases`. */
  cases?: string | false;
  coverage?: boolean;
  maxWarnings?: string;
  quiet?: boolean;
}

export function registerLint(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('lint')
    .summary('check matrix files: schema, references, soundness rules and matrix tests, with file:line:col')
    .description(
      'Check one or more matrix files (paths, or quoted globs like "teams/*.yaml"). Without FILE, lints --matrix, then $ESCALATE_MATRIX, then escalation-matrix.yaml (or .yml) in this folder or the nearest parent. Matrix tests in NAME.cases.yaml beside NAME.yaml run too. docs/rules.md lists every rule with its level; docs/lint.md the output formats.',
    )
    .argument('[files...]', 'matrix files or globs to check')
    .option('-m, --matrix <file>', 'the matrix file, when no FILE is given')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
    .option('--rule <id=level>', 'set a rule to off, warn or error for this run (repeatable)', collect)
    .option('--today <date>', 'the date review and expiry rules compare against, YYYY-MM-DD (default: today)')
    .option('--cases <file>', 'run the matrix tests in FILE (default: NAME.cases.yaml beside NAME.yaml)')
    .option('--no-cases', 'do not run matrix tests')
    .option('--coverage', 'list the triage outcomes no matrix test reaches (as case-coverage warnings)')
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings (a whole number: 0 allows none)')
    .option('-q, --quiet', 'report errors only; warnings are neither shown nor counted')
    .action(async (files: string[], options: LintOptions) => {
      const { runLint } = await import('./lint-run.js');
      setExit(await runLint(files, options, io));
    });
}
