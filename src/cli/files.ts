/**
 * The file-system edge for files the user names. Reading: only regular files, their kind
 * and size checked with stat before a byte is read (a FIFO never blocks, /dev/zero never
 * fills memory, a sparse 200 MB file is refused unread), then read up to a limit. Writing:
 * only to a regular file or a new path, atomically (temporary file + rename), through
 * symlinks (dangling ones too) to their target, keeping the target's mode, never splitting
 * hard links and never clobbering by accident; what is written passes the same safeText as
 * everything printed.
 */
import { chmodSync, chownSync, closeSync, constants, existsSync, fstatSync, fsyncSync, linkSync, lstatSync, openSync, readFileSync, readlinkSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitError, inLines, safeText, usageError } from './io.js';

/** What a path is when it is not a regular file, said plainly; undefined for a regular file. */
export function otherKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

/** A failure whose message is already the reason shown to the user. */
const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

function kindFailure(stats: Stats): Error | undefined {
  const kind = otherKind(stats);
  if (kind === undefined) return undefined;
  // "it is a directory" keeps the EISDIR code, so callers that treat a folder apart still can.
  return stats.isDirectory() ? failure('EISDIR', 'it is a directory') : failure('ENOTREG', `it is not a regular file but ${kind}`);
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
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENAMETOOLONG':
      return 'the name is too long for the file system';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENXIO':
      return 'it is not a regular file but a socket or a device with nothing behind it';
    default:
      return error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A file over the limit, refused by its size; `limit` in bytes. */
export class TooLargeError extends Error {
  readonly code = 'ETOOLARGE';
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`it is ${megabytes(size)}, over the limit of ${megabytes(limit)}`);
  }
}

const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Reads a regular file of at most `limit` bytes as UTF-8. Throws an error whose code
 * says why (ENOENT, EISDIR, ENOTREG, ETOOLARGE, ...): the kind and size are checked with
 * stat before opening, and again with fstat on the opened descriptor (opened non-blocking,
 * so a FIFO swapped in meanwhile cannot block); the read itself stops at the limit.
 */
export function readBounded(path: string, limit: number): string {
  return readBoundedBytes(path, limit).toString('utf8');
}

/** readBounded's bytes as they are on disk, for a comparison that undecodable bytes must not pass (docs --check). */
export function readBoundedBytes(path: string, limit: number): Buffer {
  const before = statSync(path);
  const early = kindFailure(before);
  if (early) throw early;
  if (before.size > limit) throw new TooLargeError(before.size, limit);
  const fd = openSync(path, READ_FLAGS);
  try {
    const stats = fstatSync(fd);
    const late = kindFailure(stats);
    if (late) throw late;
    if (stats.size > limit) throw new TooLargeError(stats.size, limit);
    // One byte more than fstat said tells a file that grew meanwhile: never return part of it.
    const buffer = Buffer.allocUnsafe(Math.min(limit, stats.size) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
    if (length > limit) throw new TooLargeError(length, limit);
    throw failure('ECHANGED', 'it grew while it was read; try again once it is written');
  } finally {
    closeSync(fd);
  }
}

/** Reused by readListedFile: reading ten thousand records allocates one buffer, not ten thousand. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * readBounded for a path a folder listing has just said is a regular file (a record in a
 * folder): no stat before opening (open is non-blocking, so a FIFO swapped in meanwhile
 * cannot block, and fstat on the descriptor still refuses anything but a regular file within
 * the limit), read into a reused buffer, and done when the read returns the size fstat gave:
 * four system calls a file.
 */
export function readListedFile(path: string, limit: number): string {
  const fd = openSync(path, READ_FLAGS);
  try {
    const stats = fstatSync(fd);
    const late = kindFailure(stats);
    if (late) throw late;
    if (stats.size > limit) throw new TooLargeError(stats.size, limit);
    const want = Math.min(limit, stats.size) + 1;
    if (scratch.length < want) scratch = Buffer.allocUnsafe(Math.max(want, Math.min(limit + 1, scratch.length * 2)));
    let length = 0;
    while (length < want) {
      const read = readSync(fd, scratch, length, want - length, null);
      if (read === 0) return scratch.toString('utf8', 0, length);
      length += read;
      // Fewer bytes than asked, and all fstat said: the end of the file.
      if (length === stats.size) return scratch.toString('utf8', 0, length);
    }
    if (length > limit) throw new TooLargeError(length, limit);
    throw failure('ECHANGED', 'it grew while it was read; try again once it is written');
  } finally {
    closeSync(fd);
  }
}

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an error. */
  overwrite: boolean;
  /** The error when the file exists and may not be replaced (default: pass --force). */
  whenExists?: string;
}

/** Temporary files not yet renamed into place; removed if a signal ends the process mid-write. */
const pending = new Set<string>();
export function removePendingFiles(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

/**
 * The checks both atomic writes make before writing anything: the path a symlink names, the
 * file there if any (refused when it is not a regular file, exists without `overwrite`, or has
 * several hard links), and a temporary name beside it, short and fixed in length.
 */
function prepareTarget(target: string, overwrite: boolean | undefined, whenExists: string) {
  const path = followLinks(target);
  const existing = statIfAny(path, target);
  if (existing) {
    const kind = otherKind(existing);
    if (kind !== undefined) throw usageError(`cannot write ${target}: it is not a regular file but ${kind}; escalate writes only regular files`);
    if (!overwrite) throw usageError(whenExists);
    if (existing.nlink > 1) {
      throw usageError(`cannot write ${target}: it has ${existing.nlink} hard links, and replacing it would leave the other names with the old text; remove the extra links or write to another file`);
    }
  }
  const temp = join(dirname(path), `.escalate-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}.tmp`);
  return { path, existing, temp };
}

/**
 * The refusals a write to `target` would meet, made before anything is written (see
 * prepareTarget; and a folder that does not exist): a command that writes several files
 * checks them all first, so a refusal of the second never leaves the first written.
 */
export function checkTarget(target: string, { overwrite, whenExists = `${target} already exists; pass --force to replace it` }: WriteOptions): void {
  const { path } = prepareTarget(target, overwrite, whenExists);
  if (!existsSync(dirname(path))) throw usageError(`cannot write ${target}: no such file or folder: the folder ${dirname(path)} does not exist; create it first (mkdir -p ${dirname(path)})`);
}

/**
 * Writes `text` to `target` atomically. Refused before anything is written (exit 2): a
 * target that is not a regular file (device, FIFO, socket, directory), an existing file
 * without `overwrite`, and a file with several hard links (replacing it would split them:
 * the other names would keep the old text). A symlink, dangling or not, is followed to the
 * path it names, which is written; the link stays. An existing target keeps its mode (and,
 * where permitted, its owner). The temporary name is short and fixed in length, so any name
 * the file system accepts can be written.
 */
export function writeFileAtomic(target: string, text: string, { overwrite, whenExists = `${target} already exists; pass --force to replace it` }: WriteOptions): void {
  const { path, existing, temp } = prepareTarget(target, overwrite, whenExists);
  pending.add(temp);
  let created = false;
  try {
    // Files are an output edge too: the bytes are those a terminal would get (see safeText).
    writeFileSync(temp, safeText(text), { flag: 'wx' });
    created = true;
    if (existing) keepOwnership(temp, existing);
    if (overwrite) renameSync(temp, path);
    else linkSync(temp, path); // fails with EEXIST instead of replacing
  } catch (error) {
    const exists = created && (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw usageError(exists ? whenExists : `cannot write ${target}: ${missingFolder(error, path) ?? fsReason(error)}`);
  } finally {
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // renamed into place
      }
    }
    pending.delete(temp);
  }
}

/** What a streamed write held at most at once, for tests that prove it bounded by counting. */
export interface StreamStats {
  maxBuffered: number;
  bytes: number;
}

/** How much a streamed write gathers before it writes: a few lines' worth, whatever the number of lines. */
export const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * Writes lines to `target` atomically, as writeFileAtomic does (same refusals, temporary
 * file + rename or link, mode and owner kept), but a chunk at a time: memory holds at most
 * one chunk and one line, whatever the number of lines. Each line ends with a newline and
 * passes safeText. Past `limit` bytes the write stops and nothing is left behind.
 */
export function writeLinesAtomic(target: string, lines: Iterable<string>, options: WriteOptions & { limit?: number; stats?: StreamStats }): number {
  return writeTextsAtomic(target, (function* () {
    for (const line of lines) yield `${safeText(line)}\n`;
  })(), options);
}

/**
 * Writes text made in pieces to `target` atomically, as writeLinesAtomic does, never holding
 * all of it: the pieces are joined into chunks of whole lines (as the terminal gets them), and
 * each chunk passes safeText. For a report over a hundred thousand records (160 MB of JSON).
 */
export function writePiecesAtomic(target: string, pieces: Iterable<string>, options: WriteOptions & { stats?: StreamStats }): number {
  return writeTextsAtomic(target, (function* () {
    for (const chunk of inLines(pieces)) yield safeText(chunk);
  })(), options);
}

/** Texts, already safe, written to `target` in chunks of about STREAM_CHUNK_BYTES. */
function writeTextsAtomic(
  target: string,
  texts: Iterable<string>,
  { overwrite, whenExists = `${target} already exists; pass --force to replace it`, limit = Infinity, stats }: WriteOptions & { limit?: number; stats?: StreamStats },
): number {
  const { path, existing, temp } = prepareTarget(target, overwrite, whenExists);
  pending.add(temp);
  let created = false;
  let fd: number | undefined;
  let bytes = 0;
  try {
    fd = openSync(temp, 'wx');
    created = true;
    let chunk = '';
    const flush = () => {
      if (chunk === '') return;
      const buffer = Buffer.from(chunk, 'utf8');
      bytes += buffer.length;
      if (bytes > limit) throw Object.assign(new Error(`it would be over the limit of ${megabytes(limit)}`), { code: 'ETOOLARGE' });
      if (stats) stats.maxBuffered = Math.max(stats.maxBuffered, buffer.length);
      for (let at = 0; at < buffer.length; ) at += writeSync(fd!, buffer, at, buffer.length - at);
      chunk = '';
    };
    for (const text of texts) {
      chunk += text;
      if (chunk.length >= STREAM_CHUNK_BYTES) flush();
    }
    flush();
    if (stats) stats.bytes = bytes;
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (existing) keepOwnership(temp, existing);
    if (overwrite) renameSync(temp, path);
    else linkSync(temp, path); // fails with EEXIST instead of replacing
  } catch (error) {
    if (error instanceof ExitError) throw error;
    const exists = created && (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw usageError(exists ? whenExists : `cannot write ${target}: ${missingFolder(error, path) ?? fsReason(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // renamed into place
      }
    }
    pending.delete(temp);
  }
  return bytes;
}

/**
 * Lines written to a new temporary file in `folder`, a chunk at a time (as writeLinesAtomic
 * holds them), for a command that reads them back before writing its real output: the file
 * is removed if a signal ends the process, and by `removeTemp` once it is read.
 */
export function writeTempLines(folder: string, lines: Iterable<string>): string {
  const temp = join(folder, `.escalate-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}.tmp`);
  pending.add(temp);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    let chunk = '';
    const flush = () => {
      const buffer = Buffer.from(chunk, 'utf8');
      for (let at = 0; at < buffer.length; ) at += writeSync(fd!, buffer, at, buffer.length - at);
      chunk = '';
    };
    for (const line of lines) {
      chunk += `${line}\n`;
      if (chunk.length >= STREAM_CHUNK_BYTES) flush();
    }
    flush();
    closeSync(fd);
    fd = undefined;
    return temp;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeTemp(temp);
    if (error instanceof ExitError) throw error;
    throw usageError(`cannot write a temporary file in ${folder}: ${fsReason(error)}`);
  }
}

/** Removes a file writeTempLines made. */
export function removeTemp(temp: string): void {
  try {
    unlinkSync(temp);
  } catch {
    // gone already
  }
  pending.delete(temp);
}

/** For a write into a folder that does not exist, the reason names the folder and the fix. */
function missingFolder(error: unknown, path: string): string | undefined {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existsSync(dirname(path))) return undefined;
  return `no such file or folder: the folder ${dirname(path)} does not exist; create it first (mkdir -p ${dirname(path)})`;
}

/** The path a chain of symlinks leads to, resolved link by link, so a dangling link names the file to create. */
export function followLinks(target: string): string {
  let path = resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch {
      return path; // missing (or unreadable: the write reports it)
    }
    if (!stats.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw usageError(`cannot write ${target}: ${fsReason({ code: 'ELOOP' })}`);
}

function statIfAny(path: string, shown: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw usageError(`cannot write ${shown}: ${fsReason(error)}`);
  }
}

/** The replacement gets the old file's permission bits (not the umask's) and, when allowed, its owner. */
function keepOwnership(temp: string, existing: Stats): void {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    try {
      chownSync(temp, existing.uid, existing.gid);
    } catch {
      // a file system without owners
    }
  }
  chmodSync(temp, existing.mode & 0o7777); // after chown, which may clear set-id bits
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
