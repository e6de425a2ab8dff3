import type { Command } from 'commander';
import type { Io } from '../io.js';
import { registerLint } from './lint.js';
import { registerSchema } from './schema.js';
import { registerInit } from './init.js';

export type SetExit = (code: number) => void;

export function registerCommands(program: Command, io: Io, setExit: SetExit): void {
  registerLint(program, io, setExit);
  registerInit(program, io, setExit);
  registerSchema(program, io, setExit);
}
