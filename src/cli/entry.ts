/** The bundle entry: the process edge (real streams, real clock, exit code). */
import { main } from './main.js';
import { closeSync, fstatSync, statSync, writeSync } from 'node:fs';
import { committedWork, EXIT, terminalGone, type Io, type Output } from './io.js';

/**
 * How a signal ends the run: its conventional code, or exit 0 when it came after the run's
 * work was safely done (an event written), saying so.
 */
export function signalOutcome(word: string, code: number, committed: string | undefined): { code: number; message: string } {
  if (committed === undefined) return { code, message: `\nescalate: ${word}\n` };
  return { code: EXIT.ok, message: `\nescalate: ${word} after ${committed}; it is kept\n` };
}

/** Also exported so the test suite can run the built program in-process (test/helpers/cli.ts). */
export { main };

/**
 * After a hang-up the terminal is gone, and Node's restore of the terminal's settings as the
 * process exits fails on it, which Node 20 treats as fatal (the process aborts with a native
 * stack instead of exiting 129). Node skips a descriptor that was closed: each of 0-2 that is
 * a terminal no longer (a hung-up terminal answers no terminal request) is closed first. A
 * terminal still there (`kill -HUP` from elsewhere) keeps its descriptor and gets its settings
 * back.
 */
function releaseLostTerminal(): void {
  const { isatty } = require('node:tty') as typeof import('node:tty');
  for (const fd of [0, 1, 2]) {
    try {
      if (fstatSync(fd).isCharacterDevice() && !isatty(fd)) closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/** Signals that end a run, each with its conventional exit code (128 + the signal number). */
const SIGNALS = [
  ['SIGINT', 130, 'interrupted'],
  ['SIGTERM', 143, 'terminated (SIGTERM)'],
  ['SIGHUP', 129, 'hung up (SIGHUP)'],
] as const;

export function runProcess(argv: readonly string[]): void {
  // Standard output that stops taking bytes: a reader that closed the pipe (`escalate docs |
  // head -1`) asked for no more, so the rest is dropped quietly and the exit code stays the
  // command's own verdict (lint with errors still exits 1). Any other failure (a full disk)
  // loses output nobody chose to drop: one line on stderr and exit 2.
  let stdoutOpen = true;
  let stdoutFailure: string | undefined;
  const stdoutFailed = (error: NodeJS.ErrnoException) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    if (error.code !== 'EPIPE') stdoutFailure = error.code === 'ENOSPC' ? 'no space left on the device' : error.message.split('\n')[0];
  };
  const stdout = processOutput(1, stdoutFailed);
  // With stderr gone too there is nowhere left to report anything.
  const stderr = processOutput(2, () => undefined);
  // Writes are synchronous, so a signal never lands halfway through a file: only between steps.
  const end = (word: string, code: number) => {
    // A prompt may have hidden the cursor; give it back.
    if (stdout.isTTY && stdoutOpen) stdout.write('\x1b[?25h');
    const outcome = signalOutcome(word, code, committedWork());
    stderr.write(outcome.message);
    if (code === EXIT.hungUp) releaseLostTerminal();
    process.exit(outcome.code);
  };
  for (const [signal, code, word] of SIGNALS) process.on(signal, () => end(word, code));
  // What no command caught (an error event nobody listens to): one line, never a stack trace.
  // A prompt's terminal that went away (its reader ends, switching its mode fails with EIO)
  // ends the run as a hang-up.
  process.on('uncaughtException', (error) => {
    if (terminalGone(error)) end('hung up (the terminal closed)', EXIT.hungUp);
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    stderr.write(`escalate: internal error: ${message}\n`);
    stderr.write(argv.includes('--debug') && error instanceof Error && error.stack ? `${error.stack}\n` : 'run with --debug for details\n');
    process.exit(EXIT.usage);
  });

  // ESCALATE_NOW pins the clock for end-to-end tests (an instant with its offset); see CONTRIBUTING.md.
  const pinned = process.env.ESCALATE_NOW;
  const fixed = pinned ? new Date(pinned) : undefined;
  if (fixed && (Number.isNaN(fixed.getTime()) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(pinned!.trim()))) {
    stderr.write(`escalate: ESCALATE_NOW "${pinned}" is not an instant with an offset, like 2026-03-29T03:30:00+02:00\n`);
    process.exitCode = 2;
    return;
  }
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdout: {
      write: (text) => void (stdoutOpen && stdout.write(text)),
      get isTTY() {
        return stdout.isTTY;
      },
      // Read when the card is drawn, so a resized terminal gets the width it has then.
      get columns() {
        return stdout.columns;
      },
      drained: () => (stdoutOpen ? stdout.drained?.() : undefined),
      get closed() {
        return !stdoutOpen;
      },
    },
    stderr,
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
    if (code === EXIT.hungUp) releaseLostTerminal();
    // Write errors arrive on a later tick: look once the last write has been handled.
    setImmediate(() => {
      if (stdoutFailure === undefined) return;
      // A change already made (an event appended, a history or record written) stands: the
      // exit says so, so a script that retries on failure does not make it twice.
      const committed = committedWork();
      if (committed !== undefined) {
        stderr.write(`escalate: cannot write to standard output: ${stdoutFailure}; the output is incomplete, but ${committed}; it is kept\n`);
        return;
      }
      stderr.write(`escalate: cannot write to standard output: ${stdoutFailure}; the output is incomplete\n`);
      process.exitCode = EXIT.usage;
    });
  });
}

/**
 * Standard output or error (`fd` 1 or 2). Redirected to a regular file or /dev/null, it is
 * written with plain synchronous writes, as Node's own stream for a file writes it; Node's
 * stream is made only for a terminal or a pipe, on first use: making one loads Node's stream
 * modules (~2 ms of a run that prints one line). A failed write goes to `failed` once, as
 * the stream's error event would, and nothing more is written.
 */
function processOutput(fd: 1 | 2, failed: (error: NodeJS.ErrnoException) => void): Output {
  if (plainFile(fd)) {
    let open = true;
    return {
      write(text) {
        if (!open) return;
        try {
          writeSync(fd, text);
        } catch (error) {
          open = false;
          failed(error as NodeJS.ErrnoException);
        }
      },
      isTTY: false,
    };
  }
  let stream: NodeJS.WriteStream | undefined;
  const real = () => {
    if (stream === undefined) {
      stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', failed);
    }
    return stream;
  };
  return {
    write: (text) => void real().write(text),
    get isTTY() {
      return Boolean(real().isTTY);
    },
    get columns() {
      return real().columns;
    },
    // Past the stream's high-water mark (a pipe the reader has not emptied yet): settled on
    // 'drain', or on an error or close, after which nothing more is written.
    drained: () => {
      const s = stream;
      if (s === undefined || !s.writableNeedDrain) return undefined;
      return new Promise<void>((resolve) => {
        const done = () => {
          s.off('drain', done).off('error', done).off('close', done);
          resolve();
        };
        s.on('drain', done).on('error', done).on('close', done);
      });
    },
  };
}

let devNull: number | undefined;
/** Whether `fd` is a regular file or /dev/null (never a terminal), read from its status without making a stream. */
function plainFile(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    if (stats.isFile()) return true;
    return stats.isCharacterDevice() && stats.rdev === (devNull ??= statSync('/dev/null').rdev);
  } catch {
    return false;
  }
}
