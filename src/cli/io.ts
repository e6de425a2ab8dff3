/** The edge between the pure core and the process: everything a command may touch. */
import { escapeCode, escapeControls } from '../matrix/controls.js';

export interface Output {
  write(text: string): void;
  isTTY: boolean;
  /** The terminal width, when the stream is a terminal that reports one. */
  readonly columns?: number;
  /**
   * When text written is still waiting to pass on (a pipe whose reader is slower than the
   * writer: Node queues what the pipe cannot take yet), a promise that settles once it has
   * passed, or once the output fails; undefined when nothing waits.
   */
  drained?(): Promise<void> | undefined;
  /** True once the output has failed or its reader has gone (a closed pipe): nothing more will be written. */
  readonly closed?: boolean;
}

export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Output;
  stderr: Output;
  /** Whether a person can answer prompts; may be a getter, read only by commands that prompt. */
  readonly stdinIsTTY: boolean;
  /**
   * Whether time-zone offsets may be read from this process's own clock, which is faster
   * than Intl at start-up (see time/offset.ts). Only the real process edge sets it.
   */
  readonly hostClock?: boolean;
  /** The clock, injected so every time-dependent behaviour is testable. */
  now(): Date;
}

/** A command's expected failure: a one-line message and an exit code. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2, warning: 3, hungUp: 129, interrupted: 130 } as const;

/**
 * Whether an error says the terminal has gone (hung up: a closed terminal window, a dropped
 * SSH session): reading it or switching its mode fails with EIO. A prompt that meets it ends
 * the run as a hang-up does, not as an internal error.
 */
export function terminalGone(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException | undefined;
  return e instanceof Error && (e.code === 'EIO' || e.errno === -5) && (e.syscall === 'setRawMode' || e.syscall === 'read' || /^(setRawMode|read) EIO\b/.test(e.message));
}

/** "Could not run as asked": a missing file, a bad option value. */
export const usageError = (message: string) => new ExitError(EXIT.usage, message);

/** Where the committed work is noted: shared by every bundle of the program (each carries its own copy of this module, and the entry reads it). */
const COMMITTED_SLOT = Symbol.for('escalate.committed-work');
const committedSlot = globalThis as { [COMMITTED_SLOT]?: string };
/**
 * Says that the run's work is safely done (an event, a record or a history written): a signal
 * that arrives after this, or standard output that fails (`>/dev/full`), ends the run with
 * its own exit code and a line saying the work is kept, not 143 or 2 as if it failed (a
 * script that retries on failure would make the change twice).
 */
export const markCommitted = (what: string): void => {
  committedSlot[COMMITTED_SLOT] = what;
};
export const committedWork = (): string | undefined => committedSlot[COMMITTED_SLOT];
/** A run starts with nothing done (a program that runs main more than once). */
export const clearCommitted = (): void => {
  delete committedSlot[COMMITTED_SLOT];
};

/**
 * The output edge. Everything a command prints passes through `safeText` once, on its way
 * to stdout or stderr: matrix text is data, so the control characters it may carry (ESC,
 * OSC links, bare CR, bidi overrides; see matrix/controls.ts) are shown as `\u001b`, and a
 * line that would start a CI log command (`::error::…`, `##[…`, `##vso[…`) has its first
 * character escaped the same way. `\u001b` is also the JSON spelling, so JSON output keeps
 * its meaning. The program's own colours and `--format github` annotations are the only
 * exceptions: they are marked with a per-process key that matrix text cannot know
 * (`styleCode`, `workflowCommands`) and turned into the real bytes after escaping.
 */
const MARK_SLOT = Symbol.for('escalate.output-mark');

/** Shared by every bundle of the program (each carries its own copy of this module). */
function outputMark(): string {
  const slot = globalThis as { [MARK_SLOT]?: string };
  return (slot[MARK_SLOT] ??= `\u2063${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}\u2063`);
}

/** A colour's escape sequence in the form the edge lets through (`\x1b[31m` → marked). */
export const styleCode = (code: string): string => code.replaceAll('\x1b', outputMark());

/** Output lines that are meant as CI workflow commands (only `lint --format github`). */
export const workflowCommands = (text: string): string => text.replace(/^::/gm, `${outputMark()}::`);

/** ES2024's String methods (Node 20 has them; the TypeScript library here is ES2023). */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

const CI_COMMAND = /(^|\n)((?:[ \t]|\x1b\[[0-9;]*m)*)(::|##\[|##vso\[)/g;

/**
 * The one function that makes text safe to print. `atLineStart` says whether the text
 * begins a line of the stream (a CI command is only read at the start of a line).
 */
export function safeText(given: string, atLineStart = true): string {
  const mark = outputMark();
  // A lone surrogate (`"\ud800"` in a matrix) is written as U+FFFD by any UTF-8 encoder: made
  // so here, the text compared (docs --check, export --check) is the text written.
  const text = (given as WellFormed).isWellFormed() ? given : (given as WellFormed).toWellFormed();
  const controlled = escapeControls(text);
  // Only the program's own colours and workflow commands carry the mark: most text has none.
  const marked = controlled.includes(mark);
  const escaped = marked ? controlled.replaceAll(`${mark}[`, '\x1b[') : controlled;
  // Text with no `::` and no `##` holds no CI command: a scan for two strings instead of the
  // pattern at every line (a report writes tens of megabytes).
  const defused =
    escaped.includes('::') || escaped.includes('##')
      ? escaped.replace(CI_COMMAND, (whole: string, start: string, lead: string, command: string, offset: number) =>
          offset === 0 && start === '' && !atLineStart ? whole : `${start}${lead}${escapeCode(command[0]!)}${command.slice(1)}`,
        )
      : escaped;
  return marked ? defused.replaceAll(`${mark}::`, '::') : defused;
}

/** An output whose every write goes through `safeText`, remembering where lines start. */
export function safeOutput(output: Output): Output {
  let atLineStart = true;
  return {
    write(text: string) {
      if (text === '') return;
      output.write(safeText(text, atLineStart));
      atLineStart = text.endsWith('\n');
    },
    get isTTY() {
      return output.isTTY;
    },
    // The terminal's width as it is when asked (the card is drawn to fit it).
    get columns() {
      return output.columns;
    },
    drained: () => output.drained?.(),
    get closed() {
      return output.closed;
    },
  };
}

/**
 * Writes text made in pieces in chunks of whole lines (the output edge reads a line at once),
 * never holding all of it: the next chunk is made only once the output has passed on the
 * last (into a pipe, Node queues what the reader has not taken yet; not waiting, a report of
 * 164 MB read through a pipe held it all), and none once the output has closed. The pieces
 * of a chunk are gathered in a list and joined into one flat string: appended one at a time
 * they made a rope that the edge's scan had to flatten first (16 MB of report took ~4× as
 * long to pass the edge, and ~1.5× as long to make).
 */
export async function writeInLines(output: Output, pieces: Iterable<string>): Promise<void> {
  for (const chunk of inLines(pieces)) {
    output.write(chunk);
    const wait = output.drained?.();
    if (wait !== undefined) await wait;
    // The reader has gone (`| head`): the rest would be made for nothing.
    if (output.closed === true) return;
  }
}

/**
 * `pieces` joined into chunks of about 64 KB, each ending at a line end (the last may not):
 * what writeInLines writes, and what a file written a chunk at a time is made of.
 */
export function* inLines(pieces: Iterable<string>): Generator<string> {
  const CHUNK = 1 << 16;
  let parts: string[] = [];
  let length = 0;
  let flushAt = CHUNK;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length < flushAt) continue;
    const text = parts.join('');
    const cut = text.lastIndexOf('\n') + 1;
    if (cut === 0) {
      // No line end yet: gather on (to twice as much before looking again).
      parts = [text];
      flushAt = length * 2;
      continue;
    }
    yield text.slice(0, cut);
    const rest = text.slice(cut);
    parts = rest === '' ? [] : [rest];
    length = rest.length;
    flushAt = CHUNK;
  }
  const last = parts.join('');
  if (last !== '') yield last;
}

/** The Io with guarded stdout and stderr; the rest (lazy getters too) is read through from `io`. */
export function safeIo(io: Io): Io {
  return Object.create(io, { stdout: { value: safeOutput(io.stdout), enumerable: true }, stderr: { value: safeOutput(io.stderr), enumerable: true } }) as Io;
}
