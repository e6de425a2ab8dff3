import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

/** The templates of src/init/render.ts, named here so registering init does not load them (a test keeps both lists equal). */
export const TEMPLATE_NAMES = ['support', 'msp', 'client-vendor'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface InitOptions {
  template: TemplateName;
  /** Set by commander: whether --template was given or is the default. */
  templateGiven: boolean;
  team?: string;
  timezone?: string;
  owner?: string;
  ownerTitle?: string;
  ownerContact?: string;
  today?: string;
  ci?: 'github';
  preCommit?: boolean;
  yes?: boolean;
  force?: boolean;
}

export function registerInit(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('init')
    .summary('write a starter matrix for your team, with its matrix tests (and CI, on request)')
    .description(
      'Write a starter matrix for your team from a template, with NAME.cases.yaml beside it (one matrix test per triage outcome) and an editor modeline pointing at the installed schema. On a terminal it asks for what the options do not give; without one (or with --yes) it never asks and takes the defaults. It never replaces a file unless --force is given, and creates a missing folder.',
    )
    .argument('[file]', 'where to write the matrix', 'escalation-matrix.yaml')
    .addOption(new Option('-t, --template <name>', 'which template to start from').choices(TEMPLATE_NAMES).default('support'))
    .option('--team <name>', 'the team name, the matrix name (default: the template\'s, like "Customer support")')
    .option('--timezone <zone>', 'IANA time zone of the team, like Europe/Berlin (default: this machine\'s)')
    .option('--owner <role>', 'the role id that keeps the matrix current: one of the template\'s roles, or a new one (with --owner-contact)')
    .option('--owner-title <title>', 'the title of a new --owner role')
    .option('--owner-contact <contact>', 'how to reach a new --owner role: a queue, pager, channel or shared mailbox')
    .option('--today <date>', 'the review date to write, YYYY-MM-DD (default: today)')
    .addOption(new Option('--ci <provider>', 'also write the CI workflow (.github/workflows/escalation-matrix.yml)').choices(['github']))
    .option('--pre-commit', 'also add the escalate-lint hook to .pre-commit-config.yaml')
    .option('-y, --yes', 'ask nothing, even on a terminal: take the options and the defaults')
    .option('--force', 'replace existing files')
    .action(async (file: string, options: Omit<InitOptions, 'templateGiven'>, command: Command) => {
      const { runInit } = await import('./init-run.js');
      setExit(await runInit(file, { ...options, templateGiven: command.getOptionValueSource('template') === 'cli' }, io));
    });
}
