/** The edge between the pure core and the process: everything a command may touch. */
export interface Output {
  write(text: string): void;
  isTTY: boolean;
  /** The terminal width, when the stream is a terminal that reports one. */
  readonly columns?: number;
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

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

/** "Could not run as asked": a missing file, a bad option value. */
export const usageError = (message: string) => new ExitError(EXIT.usage, message);
