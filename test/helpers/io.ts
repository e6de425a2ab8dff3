/** An in-memory Io for running the program in-process: captured output, no terminal, a pinned clock. */
import type { Io } from '../../src/cli/io.js';
import { ROOT } from './cli.js';

export interface MemoryIo {
  io: Io;
  stdout(): string;
  stderr(): string;
}

export function memoryIo(overrides: Partial<Io> = {}): MemoryIo {
  let out = '';
  let err = '';
  const io: Io = {
    cwd: ROOT,
    env: { NO_COLOR: '1' },
    stdout: { write: (t) => void (out += t), isTTY: false },
    stderr: { write: (t) => void (err += t), isTTY: false },
    stdinIsTTY: false,
    now: () => new Date('2026-11-24T10:00:00Z'),
    ...overrides,
  };
  return { io, stdout: () => out, stderr: () => err };
}
