/**
 * The file-system edge for files the user names. Reading: only regular files, their kind
 * and size checked with stat before a byte is read (a FIFO never blocks, /dev/zero never
 * fills memory, a sparse 200 MB file is refused unread), then read up to a limit. Writing:
 * only to a regular file or a new path, atomically (temporary file + rename), through
 * symlinks (dangling ones too) to their target, keeping the target's mode, never splitting
 * hard links and never clobbering by accident; what is written passes the same safeText as
 * everything printed.
 */
import { accessSync, chmodSync, chownSync, closeSync, constants, copyFileSync, existsSync, fstatSync, fsyncSync, linkSync, lstatSync, openSync, readFileSync, readlinkSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file would be larger than this process may write (ulimit -f)';
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
  /** How messages name the file (default: the path as given). */
  shown?: string;
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

/** A temporary name beside `path`: short and fixed in length, so any name the file system accepts can be written. */
const tempBeside = (path: string) => join(dirname(path), `.escalate-${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}.tmp`);

/** Removes a temporary file this run made (or its backup of a replaced file). */
function discard(temp: string): void {
  try {
    unlinkSync(temp);
  } catch {
    // gone already (renamed into place)
  }
  pending.delete(temp);
}

const alreadyExists = (target: string) => `${target} already exists; pass --force to replace it`;

interface Target {
  /** As the caller named it, for messages. */
  target: string;
  /** Where its symlinks lead: the file written. */
  path: string;
  existing: Stats | undefined;
  overwrite: boolean;
  whenExists: string;
}

/**
 * The checks every atomic write makes before writing anything: the path a symlink names, the
 * file there if any (refused when it is not a regular file, exists without `overwrite`, or has
 * several hard links).
 */
function prepareTarget(file: string, { overwrite, whenExists: given, shown }: WriteOptions): Target {
  const target = shown ?? file;
  const whenExists = given ?? alreadyExists(target);
  const path = followLinks(file);
  const existing = statIfAny(path, target);
  if (existing) {
    const kind = otherKind(existing);
    if (kind !== undefined) throw usageError(`cannot write ${target}: it is not a regular file but ${kind}; escalate writes only regular files`);
    if (!overwrite) throw usageError(whenExists);
    if (existing.nlink > 1) {
      throw usageError(`cannot write ${target}: it has ${existing.nlink} hard links, and replacing it would leave the other names with the old text; remove the extra links or write to another file`);
    }
  }
  return { target, path, existing, overwrite, whenExists };
}

/**
 * That the folder the file goes in exists and takes a new file from this process, as far as
 * can be known before trying: access(2) answers for the permission bits and a read-only file
 * system, and in a folder with the sticky bit (like /tmp) only a file's owner, or the
 * folder's, may replace it. What no check can foresee (a full disk) fails the write itself,
 * which then leaves nothing behind.
 */
function checkFolder({ target, path, existing }: Target): void {
  const folder = dirname(path);
  let stats: Stats;
  try {
    stats = statSync(folder);
  } catch (error) {
    throw usageError(`cannot write ${target}: ${missingFolder(error, path) ?? fsReason(error)}`);
  }
  if (!stats.isDirectory()) throw usageError(`cannot write ${target}: ${fsReason({ code: 'ENOTDIR' })}`);
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw usageError(`cannot write ${target}: the folder ${folder} takes no new file: ${fsReason(error)}`);
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (existing && uid !== undefined && uid !== 0 && (stats.mode & 0o1000) !== 0 /* the sticky bit */ && existing.uid !== uid && stats.uid !== uid) {
    throw usageError(`cannot write ${target}: ${fsReason({ code: 'EPERM' })}: in the folder ${folder} only the file's owner may replace it`);
  }
}

/** Two targets that lead to one file (by a link, or a folder reached two ways): the second would silently replace the first. */
function refuseSameFile(targets: readonly Target[]): void {
  if (targets.length < 2) return;
  const places = targets.map(({ path }) => {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  });
  places.forEach((place, i) => {
    const first = places.indexOf(place);
    if (first < i) throw usageError(`${targets[first]!.target} and ${targets[i]!.target} are the same file; write each to its own file`);
  });
}

/**
 * The refusals a write to `target` would meet, made before anything is written (see
 * prepareTarget and checkFolder): a command that must do something else first (init makes
 * its folders) checks every target before that, so a refusal never leaves anything done.
 */
export function checkTarget(target: string, options: WriteOptions): void {
  checkFolder(prepareTarget(target, options));
}

/** What a streamed write held at most at once, for tests that prove it bounded by counting. */
export interface StreamStats {
  maxBuffered: number;
  bytes: number;
}

/** How much a streamed write gathers before it writes: a few lines' worth, whatever the number of lines. */
export const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * Fills the new file `temp` with `texts`, a chunk of about STREAM_CHUNK_BYTES at a time, and
 * returns the bytes written. Any failure on the way (a full disk, a file-size limit, a
 * `limit` passed, a text that fails to be made) removes the file before the error goes on: the
 * file exists from the open on, so a write that fails after it must never leave it behind.
 */
function fillTemp(temp: string, texts: Iterable<string>, { limit = Infinity, stats, sync = true }: { limit?: number; stats?: StreamStats; sync?: boolean } = {}): number {
  pending.add(temp);
  let fd: number | undefined;
  let created = false;
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
    // A full disk may only show when the data reaches it: before the rename, never after.
    if (sync) fsyncSync(fd);
    const open = fd;
    fd = undefined;
    closeSync(open);
    return bytes;
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // the error that matters is the one being thrown
      }
    }
    if (created) discard(temp);
    else pending.delete(temp); // never made (or another file by that name, which is not ours to remove)
    throw error;
  }
}

/** One file of an atomic write: where, what (already safe text, in pieces), and how. */
export interface FileWrite extends WriteOptions {
  target: string;
  texts: Iterable<string>;
  /** Past this many bytes the write stops and nothing is left behind. */
  limit?: number;
  stats?: StreamStats;
}

/** A failure of the write to `t`, as the one line the user reads. */
function writeFailure(error: unknown, t: Target, placing: boolean, unrestored: string[] = []): Error {
  if (error instanceof ExitError) return error;
  // Placing a file that must not replace one: a file appeared there since the check.
  if (placing && !t.overwrite && (error as NodeJS.ErrnoException).code === 'EEXIST') return usageError(t.whenExists);
  const lost = unrestored.length === 0 ? '' : `; could not put back ${unrestored.join(', ')}`;
  return usageError(`cannot write ${t.target}: ${missingFolder(error, t.path) ?? fsReason(error)}${lost}`);
}

/**
 * Writes files all or nothing (every target of `init`, `export --out --tests`, ...), each as
 * writeFileAtomic writes one. Every target is checked before anything is written (its kind,
 * hard links, an existing file without `overwrite`, its folder, two targets that are one file);
 * then every temporary file is written, each beside its target, so a full disk or a failing
 * text stops the run with only temporary files to remove; only then is each renamed (or, without
 * `overwrite`, hard-linked) into place. Should that still fail halfway, the files already
 * replaced get their old text back, each kept under a second name (a hard link) until the last
 * is in place, and the new ones are removed. Returns the bytes written to each file.
 */
export function writeFilesAtomic(writes: readonly FileWrite[]): number[] {
  const targets = writes.map((w) => prepareTarget(w.target, w));
  targets.forEach(checkFolder);
  refuseSameFile(targets);

  const temps: string[] = [];
  const bytes: number[] = [];
  let at = 0;
  try {
    for (; at < writes.length; at++) {
      const { texts, limit, stats } = writes[at]!;
      const temp = tempBeside(targets[at]!.path);
      bytes.push(fillTemp(temp, texts, { ...(limit !== undefined ? { limit } : {}), ...(stats ? { stats } : {}) }));
      temps.push(temp);
      const { existing } = targets[at]!;
      if (existing) keepOwnership(temp, existing);
    }
  } catch (error) {
    temps.forEach(discard);
    throw writeFailure(error, targets[at]!, false);
  }

  const backups: (string | undefined)[] = [];
  at = 0;
  try {
    for (; at < writes.length; at++) {
      const { path, existing, overwrite } = targets[at]!;
      const temp = temps[at]!;
      // The last file needs no second name: if it cannot be placed, it was never replaced.
      backups.push(existing && at < writes.length - 1 ? keepOld(path) : undefined);
      if (overwrite) {
        renameSync(temp, path);
        pending.delete(temp);
      } else {
        linkSync(temp, path); // fails with EEXIST instead of replacing
        discard(temp);
      }
    }
  } catch (error) {
    // Undo the files placed, last first: the old file back by its second name (a rename, so
    // it is whole at every moment), a new one removed.
    const unrestored: string[] = [];
    for (let i = at - 1; i >= 0; i--) {
      const backup = backups[i];
      try {
        if (backup !== undefined) renameSync(backup, targets[i]!.path);
        else unlinkSync(targets[i]!.path);
      } catch {
        // The second name then holds the only copy of the old text: kept, and named.
        unrestored.push(backup !== undefined ? `${targets[i]!.target} (its old text is in ${backup})` : `${targets[i]!.target} (written new, not removed)`);
      }
      if (backup !== undefined) pending.delete(backup);
    }
    for (let i = at; i < writes.length; i++) {
      discard(temps[i]!);
      const backup = backups[i];
      if (backup !== undefined) discard(backup);
    }
    throw writeFailure(error, targets[at]!, true, unrestored);
  }
  for (const backup of backups) if (backup !== undefined) discard(backup);
  return bytes;
}

/** A second name for the file at `path` before it is replaced: a hard link, or a copy where the file system has none. */
function keepOld(path: string): string {
  const backup = tempBeside(path);
  pending.add(backup);
  try {
    linkSync(path, backup);
  } catch {
    try {
      copyFileSync(path, backup, constants.COPYFILE_EXCL);
    } catch (error) {
      // A name taken already is another file's (not ours to remove); a copy cut short is.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') discard(backup);
      else pending.delete(backup);
      throw error;
    }
  }
  return backup;
}

/**
 * Writes `text` to `target` atomically. Refused before anything is written (exit 2): a
 * target that is not a regular file (device, FIFO, socket, directory), an existing file
 * without `overwrite`, a file with several hard links (replacing it would split them: the
 * other names would keep the old text), and a folder that is missing or cannot take a new
 * file. A symlink, dangling or not, is followed to the path it names, which is written; the
 * link stays. An existing target keeps its mode (and, where permitted, its owner). A write
 * that fails (a full disk) leaves the target as it was and no temporary file.
 */
export function writeFileAtomic(target: string, text: string, options: WriteOptions): void {
  // Files are an output edge too: the bytes are those a terminal would get (see safeText).
  writeFilesAtomic([{ target, texts: [safeText(text)], ...options }]);
}

/**
 * Writes lines to `target` atomically, as writeFileAtomic does (same refusals, temporary
 * file + rename or link, mode and owner kept), but a chunk at a time: memory holds at most
 * one chunk and one line, whatever the number of lines. Each line ends with a newline and
 * passes safeText. Past `limit` bytes the write stops and nothing is left behind.
 */
export function writeLinesAtomic(target: string, lines: Iterable<string>, options: WriteOptions & { limit?: number; stats?: StreamStats }): number {
  return writeFilesAtomic([
    {
      target,
      texts: (function* () {
        for (const line of lines) yield `${safeText(line)}\n`;
      })(),
      ...options,
    },
  ])[0]!;
}

/**
 * Writes text made in pieces to `target` atomically, as writeLinesAtomic does, never holding
 * all of it: the pieces are joined into chunks of whole lines (as the terminal gets them), and
 * each chunk passes safeText. For a report over a hundred thousand records (160 MB of JSON).
 */
export function writePiecesAtomic(target: string, pieces: Iterable<string>, options: WriteOptions & { stats?: StreamStats }): number {
  return writeFilesAtomic([
    {
      target,
      texts: (function* () {
        for (const chunk of inLines(pieces)) yield safeText(chunk);
      })(),
      ...options,
    },
  ])[0]!;
}

/**
 * Lines written to a new temporary file in `folder`, a chunk at a time (as writeLinesAtomic
 * holds them), for a command that reads them back before writing its real output: the file
 * is removed if the write fails or a signal ends the process, and by `removeTemp` once it is read.
 */
export function writeTempLines(folder: string, lines: Iterable<string>): string {
  const temp = tempBeside(join(folder, 'x'));
  try {
    // Read back at once and then removed: no need to wait for the disk.
    fillTemp(
      temp,
      (function* () {
        for (const line of lines) yield `${line}\n`;
      })(),
      { sync: false },
    );
    return temp;
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw usageError(`cannot write a temporary file in ${folder}: ${fsReason(error)}`);
  }
}

/** Removes a file writeTempLines made. */
export function removeTemp(temp: string): void {
  discard(temp);
}

/** A file a command reads, and how a message names it. */
export interface FileRead {
  path: string;
  what: string;
}

/**
 * Which of the files a command reads `target` is, if any: the same file by device and inode,
 * so a symlink, a hard link or a folder reached through a link is caught as surely as the
 * same name. A command never writes over its own input (`docs --out` onto the holidays feed
 * its matrix reads would lose the feed and break the matrix). A path with no file yet is none.
 */
export function fileReadAt(target: string, reads: readonly FileRead[]): FileRead | undefined {
  const id = fileId(target);
  return id === undefined ? undefined : reads.find((read) => fileId(read.path) === id);
}

function fileId(path: string): string | undefined {
  try {
    const stats = statSync(path, { bigint: true });
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
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
