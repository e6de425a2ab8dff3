/** Writing files safely: atomically (temp file + rename), never half-written, never clobbered by accident. */
import { existsSync, linkSync, lstatSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fsReason } from './matrix-file.js';
import { usageError } from './io.js';

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an error. */
  overwrite: boolean;
}

export function writeFileAtomic(target: string, text: string, { overwrite }: WriteOptions): void {
  const path = throughSymlink(target);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
  } catch (error) {
    throw usageError(`cannot write ${path}: ${fsReason(error)}`);
  }
  try {
    if (overwrite) renameSync(temp, path);
    else linkSync(temp, path); // fails with EEXIST instead of replacing
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw usageError(exists ? `${path} already exists; pass --force to replace it` : `cannot write ${path}: ${fsReason(error)}`);
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}

/** A symlinked file is replaced where it points, so the link itself survives the write. */
function throughSymlink(path: string): string {
  try {
    return lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch {
    return path; // missing, or a dangling link: write the path as named and let the write report it
  }
}

let root: string | undefined;
/** The installed package's own folder (holding package.json, schemas/, examples/). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'escalation-matrix') return (root = dir);
    } catch {
      // not here; keep walking up
    }
    if (dirname(dir) === dir) throw new Error('cannot find the escalate package folder');
  }
}

export const packagePath = (...parts: string[]) => resolve(packageRoot(), ...parts);
