import type { Command } from 'commander';
import type { Io } from '../io.js';
import { registerLint } from './lint.js';
import { registerSchema } from './schema.js';
import { registerInit } from './init.js';
import { registerTriage } from './triage.js';
import { registerDiff } from './diff.js';
import { registerDocs } from './docs.js';

export type SetExit = (code: number) => void;

export function registerCommands(program: Command, io: Io, setExit: SetExit): void {
  registerLint(program, io, setExit);
  registerInit(program, io, setExit);
  registerTriage(program, io, setExit);
  registerSchema(program, io, setExit);
  registerDiff(program, io, setExit);
  registerDocs(program, io, setExit);
}
