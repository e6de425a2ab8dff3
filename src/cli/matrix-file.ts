/** Finding and reading matrix files: the file-system edge shared by every command. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadMatrix, type LoadResult } from '../matrix/load.js';
import type { Matrix } from '../matrix/schema.js';
import { ExitError, EXIT, usageError, type Io } from './io.js';

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

/** Reads a text file, turning every file-system failure into a one-line exit-2 error. */
export function readText(path: string, io: Io, what = 'file'): string {
  const full = resolve(io.cwd, path);
  try {
    // A FIFO or device would block or never end: only regular files are read.
    const stats = statSync(full);
    if (stats.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    return readFileSync(full, 'utf8');
  } catch (error) {
    throw usageError(`cannot read ${what} ${path}: ${fsReason(error)}`);
  }
}

export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTREG':
      return 'it is not a regular file';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

export interface LoadedFile {
  path: string;
  text: string;
  result: LoadResult;
}

export function loadMatrixFile(path: string, io: Io): LoadedFile {
  const text = readText(path, io, 'matrix');
  return { path, text, result: loadMatrix(text) };
}

/** For commands that need a usable matrix: errors are printed as located lines, exit 1. */
export function requireMatrix(file: LoadedFile): Matrix {
  if (file.result.matrix) return file.result.matrix;
  const errors = file.result.diagnostics.filter((d) => d.level === 'error');
  const lines = errors.slice(0, 5).map((d) => `${file.path}:${d.line}:${d.column}: ${d.message} (${d.code})`);
  if (errors.length > 5) lines.push(`… and ${errors.length - 5} more; run escalate lint ${file.path}`);
  throw new ExitError(EXIT.findings, `the matrix has errors:\n${lines.join('\n')}`);
}
