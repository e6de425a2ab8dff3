import type { Command } from 'commander';
import type { Io } from '../io.js';
import { registerLint } from './lint.js';
import { registerSchema } from './schema.js';
import { registerInit } from './init.js';
import { registerTriage } from './triage.js';
import { registerDiff } from './diff.js';
import { registerDocs } from './docs.js';
import { registerEvent } from './event.js';
import { registerStatus } from './status.js';
import { registerReport } from './report.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerSimulate } from './simulate.js';

export type SetExit = (code: number) => void;

/** The commands whose --json also prints a refusal on stdout, as {"error":{"code","message"}} (docs/triage.md, docs/simulate.md). */
export const JSON_REFUSALS: ReadonlySet<string> = new Set(['triage', 'simulate']);

/** Every command, in the order `--help` lists them. */
const COMMANDS: Record<string, (program: Command, io: Io, setExit: SetExit) => void> = {
  lint: registerLint,
  init: registerInit,
  triage: registerTriage,
  simulate: registerSimulate,
  schema: registerSchema,
  diff: registerDiff,
  docs: registerDocs,
  event: registerEvent,
  status: registerStatus,
  report: registerReport,
  import: registerImport,
  export: registerExport,
};

/**
 * Registers the command the first argument names, or every command otherwise (help, a typo
 * that deserves a suggestion, options before the command such as `--help lint`). Setting up
 * the other five costs ~1 ms that a lint in CI or a triage mid-incident never uses.
 */
export function registerCommands(program: Command, io: Io, setExit: SetExit, argv: readonly string[]): void {
  const named = argv[0];
  const only = named !== undefined && Object.hasOwn(COMMANDS, named) ? COMMANDS[named] : undefined;
  if (only) return only(program, io, setExit);
  for (const register of Object.values(COMMANDS)) register(program, io, setExit);
}
