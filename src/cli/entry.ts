/** The bundle entry: the process edge (real streams, real clock, exit code). */
import { main } from './main.js';
import type { Io } from './io.js';

export function runProcess(argv: readonly string[]): void {
  // A closed pipe (`escalate docs | head -1`) is not an error: stop quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.on('SIGINT', () => {
    process.stderr.write('\nescalate: interrupted\n');
    process.exit(130);
  });

  // ESCALATE_NOW pins the clock for end-to-end tests (an instant with its offset); see CONTRIBUTING.md.
  const pinned = process.env.ESCALATE_NOW;
  const fixed = pinned ? new Date(pinned) : undefined;
  if (fixed && (Number.isNaN(fixed.getTime()) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(pinned!.trim()))) {
    process.stderr.write(`escalate: ESCALATE_NOW "${pinned}" is not an instant with an offset, like 2026-03-29T03:30:00+02:00\n`);
    process.exitCode = 2;
    return;
  }
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: {
      write: (text) => void process.stdout.write(text),
      isTTY: Boolean(process.stdout.isTTY),
      // Read when the card is drawn, so a resized terminal gets the width it has then.
      get columns() {
        return process.stdout.columns;
      },
    },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
    // Read only when a command asks (triage): opening stdin loads Node's file-stream and
    // readline modules (~2 ms), which lint and docs never need.
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    now: () => (fixed ? new Date(fixed.getTime()) : new Date()),
    hostClock: true,
  };

  void main({ argv, io }).then((code) => {
    process.exitCode = code;
  });
}
