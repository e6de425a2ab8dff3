/** Finding and reading matrix files: the file-system edge shared by every command. */
import { RECORD_MAX_BYTES } from '../record/limits.js';
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadMatrix, MAX_MATRIX_CHARS, tooLarge, type LoadResult } from '../matrix/load.js';
import { fsReason, readBounded, readListedFile, TooLargeError, type FileRead } from './files.js';
import type { Matrix } from '../matrix/schema.js';
import type { Diagnostic } from '../diagnostics.js';
import { byPosition } from '../diagnostics.js';
import { holidayFileRefs, recurrenceWindow, withFileHolidays } from '../matrix/holiday-files.js';
import { readHolidayFiles } from './holiday-files.js';
import { ExitError, EXIT, usageError, type Io } from './io.js';
import { oneLine } from '../quote.js';

export { fsReason } from './files.js';

export const DEFAULT_NAMES = ['escalation-matrix.yaml', 'escalation-matrix.yml'];

/** `--matrix`, then `ESCALATE_MATRIX`, then `escalation-matrix.yaml`/`.yml` here or in the nearest parent. */
export function resolveMatrixPath(explicit: string | undefined, io: Io): string {
  if (explicit) return explicit;
  if (io.env.ESCALATE_MATRIX) return io.env.ESCALATE_MATRIX;
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    for (const name of DEFAULT_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return relative(io.cwd, candidate) || candidate;
    }
    if (dirname(dir) === dir) break;
  }
  throw usageError('no matrix found: pass --matrix FILE, set ESCALATE_MATRIX, or add escalation-matrix.yaml to this folder or a parent');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The most each kind of file may hold; a larger one is refused by its size, unread. */
export const READ_LIMITS = {
  matrix: MAX_MATRIX_CHARS,
  'cases file': MAX_MATRIX_CHARS,
  'answers file': 1024 * 1024,
  record: RECORD_MAX_BYTES,
  // A helpdesk export of a busy quarter: tens of thousands of tickets.
  'CSV file': 64 * 1024 * 1024,
  // A paging tool's configuration checked for drift (Alertmanager YAML, Terraform JSON, iCalendar).
  configuration: MAX_MATRIX_CHARS,
  file: MAX_MATRIX_CHARS,
} as const;
export type FileRole = keyof typeof READ_LIMITS;

/**
 * Reads a text file, turning every file-system failure (too large included) into a one-line
 * exit-2 error.
 */
export function readText(path: string, io: Io, what: FileRole = 'file'): string {
  try {
    return readBounded(resolve(io.cwd, path), READ_LIMITS[what]);
  } catch (error) {
    throw readFailure(path, what, error);
  }
}

/** readText of a file a folder listing has just said is a regular file (an absolute path; see readListedFile): no working folder needed, so a worker thread reads it alike. */
export function readListedText(path: string, what: FileRole): string {
  try {
    return readListedFile(path, READ_LIMITS[what]);
  } catch (error) {
    throw readFailure(path, what, error);
  }
}

function readFailure(path: string, what: FileRole, error: unknown): Error {
  const reason = error instanceof TooLargeError ? `${error.message.replace('the limit', `the limit for ${article(what)}`)}` : fsReason(error);
  return usageError(`cannot read ${what} ${oneLine(path)}: ${reason}`);
}

const article = (what: string) => (what === 'file' ? 'a file' : /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`);

export interface LoadedFile {
  path: string;
  text: string;
  result: LoadResult;
  /** Findings inside the holidays files the matrix names, by the file's path. */
  holidayFiles?: { file: string; diagnostics: Diagnostic[] }[];
}

/** Loads a matrix file and the holidays files it names, their dates merged into its calendars. */
export async function loadMatrixFile(path: string, io: Io): Promise<LoadedFile> {
  const read = readMatrixText(path, io);
  const result = read.text === undefined ? tooLarge(read.size) : loadMatrix(read.text);
  return { path, text: read.text ?? '', ...(await withHolidayFiles(path, result, io)) };
}

/**
 * A loaded matrix with its holidays files read and merged; when one cannot be read or has
 * errors, the matrix is unusable, with a finding at its `holidays_from` line.
 */
export async function withHolidayFiles(path: string, result: LoadResult, io: Io, readAt?: (relative: string) => string): Promise<Pick<LoadedFile, 'result' | 'holidayFiles'>> {
  const refs = result.matrix ? holidayFileRefs(result.matrix) : [];
  if (refs.length === 0 || !result.matrix) return { result };
  const read = await readHolidayFiles(path, refs, recurrenceWindow(result.matrix), result.locator, io, readAt);
  const failed = read.matrix.length > 0;
  const merged: LoadResult = failed ? { ...result, matrix: undefined, diagnostics: [...result.diagnostics, ...read.matrix].sort(byPosition) } : { ...result, matrix: withFileHolidays(result.matrix, read.holidays) };
  return { result: merged, ...(read.files.length > 0 ? { holidayFiles: read.files } : {}) };
}

/**
 * A matrix file's text, or its size alone when that is over the limit: a finding
 * (`file-too-large`, exit 1) like any other reason the file is not a matrix, found unread.
 */
export function readMatrixText(path: string, io: Io): { text: string } | { text?: undefined; size: number } {
  try {
    return { text: readBounded(resolve(io.cwd, path), READ_LIMITS.matrix) };
  } catch (error) {
    if (error instanceof TooLargeError) return { size: error.size };
    throw usageError(`cannot read matrix ${oneLine(path)}: ${fsReason(error)}`);
  }
}

/**
 * The files loading the matrix at `path` read: the matrix and each holidays file its calendars
 * name (once, by the first calendar that names it), for a command that must not write over them.
 */
export function matrixFilesRead(path: string, matrix: Matrix, io: Io): FileRead[] {
  const matrixFile = resolve(io.cwd, path);
  const reads: FileRead[] = [{ path: matrixFile, what: 'the matrix itself' }];
  const seen = new Set<string>();
  for (const { calendar, path: file } of holidayFileRefs(matrix)) {
    if (seen.has(file)) continue;
    seen.add(file);
    reads.push({ path: resolve(dirname(matrixFile), file), what: `the holidays file of calendar "${calendar}" (holidays_from: ${file})` });
  }
  return reads;
}

/** For commands that need a usable matrix: errors are printed as located lines, exit 1. */
export function requireMatrix(file: LoadedFile): Matrix {
  if (file.result.matrix) return file.result.matrix;
  const errors = [
    ...(file.holidayFiles ?? []).flatMap((f) => f.diagnostics.filter((d) => d.level === 'error').map((d) => ({ file: f.file, d }))),
    ...file.result.diagnostics.filter((d) => d.level === 'error').map((d) => ({ file: file.path, d })),
  ];
  // Each error is a line of its own; a file name holding a line break must not make two.
  const lines = errors.slice(0, 5).map(({ file: at, d }) => `${oneLine(at)}:${d.line}:${d.column}: ${d.message} (${d.code})`);
  if (errors.length > 5) lines.push(`… and ${errors.length - 5} more; run escalate lint ${oneLine(file.path)}`);
  throw new ExitError(EXIT.findings, `the matrix has errors:\n${lines.join('\n')}`);
}
