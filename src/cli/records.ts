/** Record files: reading one or a folder of them, and appending to one under a lock. The file-system edge of status, report and event. */
import { closeSync, opendirSync, openSync, realpathSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { RECORD_MAX_BYTES, TIME_SPAN_MS } from '../record/limits.js';
import { join, resolve, sep } from 'node:path';
import { parseEventTime } from '../record/at.js';
import { readRecord, readRecordLean, type ReadResult } from '../record/read.js';
import type { RecordCore } from '../record/evaluate.js';
import type { IncidentRecord } from '../record/schema.js';
import { readBounded, writeFileAtomic } from './files.js';
import { eachHistoryRecord } from './history.js';
import { fsReason, readListedText, readText } from './matrix-file.js';
import { usageError, type Io } from './io.js';

/**
 * `--as-of` for status and report, read like triage --at: without an offset, in the zone of
 * the matrix the records were triaged against. Records from matrices in different zones
 * need a time that means one instant in all of them (with an offset, `now`, `2 h ago`).
 */
export function asOfTime(text: string | undefined, zones: readonly string[], io: Io): Date {
  const now = io.now();
  if (text === undefined) return now;
  const unique = [...new Set(zones)].sort();
  if (unique.length === 0) unique.push('UTC');
  let found: Date | undefined;
  for (const zone of unique) {
    const parsed = parseEventTime(text, zone, now);
    if (!parsed.ok) throw usageError(`--as-of ${parsed.reason}`);
    if (found !== undefined && found.getTime() !== parsed.date.getTime()) {
      throw usageError(`--as-of "${text}" has no offset, and the records were triaged against matrices in different time zones (${unique.join(', ')}); add an offset, like 2026-03-27T18:00+01:00`);
    }
    found = parsed.date;
  }
  // Triage's rule for --at: judging walks the calendar from each record to this moment.
  if (Math.abs(found!.getTime() - now.getTime()) > TIME_SPAN_MS) throw usageError(`--as-of "${text}" is more than 100 years from now; check the year`);
  return found!;
}

/**
 * The record files read so far in one run, by their real folder and name: given again (the
 * same path twice, a folder and a file in it, a link to either) a file is read once, so an
 * incident is counted once whatever the arguments.
 */
export class ReadFiles {
  private readonly byFolder = new Map<string, Set<string>>();
  /** Whether `name` in the real folder `folder` was read already; marks it if not. */
  readBefore(folder: string, name: string): boolean {
    let names = this.byFolder.get(folder);
    if (!names) this.byFolder.set(folder, (names = new Set()));
    if (names.has(name)) return true;
    names.add(name);
    return false;
  }
  /** The same for a file given by its own path (a link is followed to the file). */
  fileReadBefore(path: string): boolean {
    const real = safeRealpath(path);
    const cut = real.lastIndexOf(sep);
    return this.readBefore(cut === 0 ? sep : real.slice(0, cut), real.slice(cut + 1));
  }
  /** Whether the file at `path` (a link followed) is one of those marked, without marking it: a report never writes over a record it read. */
  has(path: string): boolean {
    const real = safeRealpath(path);
    const cut = real.lastIndexOf(sep);
    return this.byFolder.get(cut === 0 ? sep : real.slice(0, cut))?.has(real.slice(cut + 1)) === true;
  }
}

export interface LoadedRecord<T> {
  /** As the user named it, or relative to the folder given. */
  file: string;
  record: T;
}

/** One record, whole; any problem is a one-line exit-2 error naming the file. */
export function loadRecord(path: string, io: Io): IncidentRecord {
  if (path.endsWith('.jsonl')) throw usageError(`record ${path}: an imported history (one ticket a line) is read by status and report; events are added to a record file`);
  const text = readText(path, io, 'record');
  return unwrap(readRecord(text), path);
}

function unwrap<T>(result: ReadResult<T>, path: string): T {
  if (result.ok) return result.record;
  throw usageError(`record ${path}: ${result.reason}`);
}

/**
 * The records a path names: the file itself, or every `*.json` file in the folder and its
 * subfolders, in name order, and every ticket line of the imported histories (`*.jsonl`). Unreadable or invalid files are returned as problems, not thrown.
 */
export function loadRecords(path: string, io: Io): { records: LoadedRecord<RecordCore>[]; problems: string[] } {
  const records: LoadedRecord<RecordCore>[] = [];
  const problems: string[] = [];
  for (const item of eachRecord(path, io)) {
    if ('problem' in item) problems.push(item.problem);
    else records.push(item);
  }
  return { records, problems };
}

/**
 * The same records one at a time, read when asked for: a caller that judges each and keeps
 * only the judgement holds one record in memory, whatever the number of files.
 */
export function* eachRecord(path: string, io: Io, read = new ReadFiles()): Generator<LoadedRecord<RecordCore> | { problem: string }> {
  const listing = recordFolderListing(path, io, read);
  if (listing === undefined) {
    if (read.fileReadBefore(resolve(io.cwd, path))) return; // named before in this run
    // Imported history (one ticket a line): each line is a record, read a line at a time.
    if (path.endsWith('.jsonl')) yield* eachHistoryRecord(resolve(io.cwd, path), path);
    else yield { file: path, record: unwrap(readRecordLean(readText(path, io, 'record')), path) };
    return;
  }
  for (const name of listing.names) yield* listedRecords(listing.top + name, listing.shown + name);
}

/** The record a folder listing named (`file`, shown as `shown`), or each ticket of an imported history; problems as items, never thrown. */
export function* listedRecords(file: string, shown: string): Generator<LoadedRecord<RecordCore> | { problem: string }> {
  if (file.endsWith('.jsonl')) {
    yield* eachHistoryRecord(file, shown);
    return;
  }
  let item: LoadedRecord<RecordCore> | { problem: string };
  try {
    const result = readRecordLean(readListedText(file, 'record'));
    item = result.ok ? { file: shown, record: result.record } : { problem: `record ${shown}: ${result.reason}` };
  } catch (error) {
    item = { problem: error instanceof Error ? error.message : String(error) };
  }
  yield item;
}

/**
 * The record files under a folder, listed before any is read (see jsonFiles), each as its
 * path from the folder: `top + name` is the file, `shown + name` its name in messages.
 * Undefined when the path is no folder.
 */
export function recordFolderListing(path: string, io: Io, read = new ReadFiles()): { top: string; shown: string; names: string[] } | undefined {
  const full = resolve(io.cwd, path);
  try {
    if (!statSync(full).isDirectory()) return undefined;
  } catch (error) {
    throw usageError(`cannot read ${path}: ${fsReason(error)}`);
  }
  const names: string[] = [];
  try {
    for (const relativePath of jsonFiles(full, read)) names.push(relativePath);
  } catch (error) {
    // A folder that cannot be listed: its records would be left out of every figure.
    if (error instanceof UnlistedFolder) throw usageError(`cannot read the folder ${error.relativePath === '' ? path : join(path, error.relativePath)}: ${fsReason(error.cause)}, so its records cannot be read`);
    throw error;
  }
  // As join(top, name) would write it, without a join for each of many thousand files.
  return { top: join(full, 'x').slice(0, -1), shown: join(path, 'x').slice(0, -1), names };
}

/**
 * Every `*.json` under a folder, as its path from the folder, in name order,
 * following symlinks to files and folders (a record reached through a link is read like any
 * other); a folder reached twice (a link cycle, or two links to one place) is walked once,
 * and a file reached twice is read once. Walked as it is read: what is held is the names of
 * the folders met and of the files read in each (for links to them), not every path.
 */
function* jsonFiles(top: string, read: ReadFiles): Generator<string> {
  const root = safeRealpath(top);
  /** Real folders walked; the files read (in this walk and before it in the run) are in `read`. */
  const folders = new Set<string>([root]);
  function* walk(folder: string, real: string, relativePath: string): Generator<string> {
    // Names, and the kind of each entry that is not a plain file (few): a folder of a hundred
    // thousand records is walked holding its names. The entries are read a batch at a time, so
    // each dies young instead of living on in a list as long as the folder (which a report over
    // 100,000 records held in memory until its end: 13 MB of its peak). Names sort natively (by
    // UTF-16 code units, as `<` compares them).
    const names: string[] = [];
    const others = new Map<string, number>();
    try {
      const entries = opendirSync(folder, { bufferSize: 1024 });
      try {
        for (let d = entries.readSync(); d !== null; d = entries.readSync()) {
          names.push(d.name);
          if (!d.isFile()) others.set(d.name, d.isDirectory() ? 1 : d.isSymbolicLink() ? 3 : 0);
        }
      } finally {
        entries.closeSync();
      }
    } catch (error) {
      throw new UnlistedFolder(relativePath, error);
    }
    names.sort();
    const prefix = relativePath === '' ? '' : `${relativePath}${sep}`;
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const kind = others.get(name) ?? 2;
      let directory = kind === 1;
      let file = kind === 2;
      const link = kind === 3;
      // Something else named like a record (a FIFO, a socket, a device): listed, so reading it
      // names it as a record that could not be read, never skipped without a word.
      if (kind === 0) {
        if (isRecordFile(name) && !read.readBefore(real, name)) yield prefix + name;
        continue;
      }
      // Only a link or a folder needs the full path: a plain record is named from the folder's.
      if (!link && !directory && !(file && isRecordFile(name))) continue;
      const shown = prefix + name;
      if (file) {
        // A plain file, where its folder really is: no path to make, no system call.
        if (!read.readBefore(real, name)) yield shown;
        continue;
      }
      const path = join(folder, name);
      if (link) {
        try {
          const target = statSync(path);
          directory = target.isDirectory();
          file = target.isFile();
        } catch {
          // A broken link: named as a problem when it looks like a record.
          if (isRecordFile(name)) yield shown;
          continue;
        }
      }
      if (!directory && !(file && isRecordFile(name))) continue;
      // An entry that is no link is where its folder really is: no system call to find it.
      if (directory) {
        const where = link ? safeRealpath(path) : join(real, name);
        if (folders.has(where)) continue;
        folders.add(where);
        yield* walk(path, where, shown);
      } else {
        // A link is followed to the file it names; a plain file is where its folder is.
        if (link ? read.fileReadBefore(path) : read.readBefore(real, name)) continue;
        yield shown;
      }
    }
  }
  yield* walk(top, root, '');
}

/** A folder of the walk that could not be listed (`relativePath` from the folder walked). */
class UnlistedFolder extends Error {
  constructor(
    readonly relativePath: string,
    cause: unknown,
  ) {
    super(`cannot list ${relativePath}`, { cause });
  }
}

/** A record (`*.json`) or an imported history of records (`*.jsonl`). */
const isRecordFile = (name: string) => name.endsWith('.json') || name.endsWith('.jsonl');

const safeRealpath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** How long an append waits for another one to finish. */
const LOCK_WAIT_MS = 5_000;
/** A lock that names no owner (written by an older escalate, or cut off) is stale after this. */
const OWNERLESS_STALE_MS = 10 * 60_000;

interface LockOwner {
  pid?: number;
  since?: string;
}

function readOwner(lock: string): { text: string; owner: LockOwner; mtime: number } | undefined {
  try {
    const text = readBounded(lock, 4096);
    const mtime = statSync(lock).mtimeMs;
    try {
      const data = JSON.parse(text) as LockOwner;
      return { text, mtime, owner: typeof data === 'object' && data !== null ? data : {} };
    } catch {
      return { text, mtime, owner: {} };
    }
  } catch {
    return undefined;
  }
}

/** Whether a process with this id runs on this machine (a lock is only ever taken on a local file). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const ageText = (since: string | undefined, now: number) => {
  const t = since === undefined ? NaN : Date.parse(since);
  if (!Number.isFinite(t)) return 'of unknown age';
  const s = Math.max(0, Math.round((now - t) / 1000));
  return s < 120 ? `${s} s old` : `${Math.round(s / 60)} min old`;
};

/**
 * Changes a record under a lock file (`FILE.lock` beside the real file a link points to,
 * created exclusively, holding the owner's pid and start time): reads it afresh, lets
 * `change` build the new record, checks its size, writes it atomically (temp file, then
 * rename). Two appends at once, through a link and a path alike, run one after the other, so
 * neither loses the other's event. A lock whose owner no longer runs (a writer killed
 * mid-append) is taken over, with a message saying so.
 */
export function updateRecord(path: string, io: Io, change: (record: IncidentRecord) => IncidentRecord): IncidentRecord {
  const full = safeRealpath(resolve(io.cwd, path));
  const lock = `${full}.lock`;
  const started = Date.now();
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw usageError(`cannot lock record ${path}: ${fsReason(error)}`);
      const held = readOwner(lock);
      const pid = held?.owner.pid;
      const dead = pid !== undefined && Number.isInteger(pid) && pid > 0 ? !alive(pid) : held !== undefined && Date.now() - held.mtime > OWNERLESS_STALE_MS;
      if (held && dead) {
        // Take over only the lock that was read: another writer may have taken it over already.
        if (readOwner(lock)?.text === held.text) {
          try {
            unlinkSync(lock);
            const since = held.owner.since ?? new Date(held.mtime).toISOString();
            io.stderr.write(`note: took over the lock of record ${path} from an escalate that stopped (${pid !== undefined ? `pid ${pid}` : 'no owner recorded'}, lock ${ageText(since, io.now().getTime())})\n`);
          } catch {
            // gone already
          }
        }
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        const who = pid !== undefined ? ` (pid ${pid}, lock ${ageText(held?.owner.since, io.now().getTime())})` : ` (${path}.lock exists)`;
        throw usageError(`record ${path} is being changed by another escalate${who}; try again when it has finished`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, since: io.now().toISOString() }));
    const next = change(loadRecord(path, io));
    const text = `${JSON.stringify(next, null, 2)}\n`;
    const bytes = Buffer.byteLength(text);
    if (bytes > RECORD_MAX_BYTES) {
      throw usageError(`record ${path} would grow to ${bytes} bytes with this event, past the ${RECORD_MAX_BYTES} bytes (4 MiB) a record may hold; nothing was written. Start a new record for the rest of the incident`);
    }
    writeFileAtomic(full, text, { overwrite: true });
    return next;
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}
