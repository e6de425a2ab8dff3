import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export const TEMPLATES = { support: 'saas-support', msp: 'msp', 'client-vendor': 'client-vendor' } as const;
export type TemplateName = keyof typeof TEMPLATES;

export function registerInit(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('init')
    .summary('write a starter matrix from one of the shipped examples')
    .argument('[file]', 'where to write it', 'escalation-matrix.yaml')
    .addOption(new Option('-t, --template <name>', 'which example to start from').choices(Object.keys(TEMPLATES)).default('support'))
    .option('--force', 'replace an existing file')
    .action(async (file: string, options: { template: TemplateName; force?: boolean }) => {
      const { runInit } = await import('./init-run.js');
      setExit(runInit(file, options, io));
    });
}
