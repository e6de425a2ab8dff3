/** Record files: reading one or a folder of them, and appending to one under a lock. The file-system edge of status, report and event. */
import { closeSync, openSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseEventTime } from '../record/at.js';
import { readRecord, readRecordLean, type ReadResult } from '../record/read.js';
import type { RecordCore } from '../record/evaluate.js';
import type { IncidentRecord } from '../record/schema.js';
import { writeFileAtomic } from './files.js';
import { fsReason, readText } from './matrix-file.js';
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
  return found!;
}

export interface LoadedRecord<T> {
  /** As the user named it, or relative to the folder given. */
  file: string;
  record: T;
}

/** One record, whole; any problem is a one-line exit-2 error naming the file. */
export function loadRecord(path: string, io: Io): IncidentRecord {
  const text = readText(path, io, 'record');
  return unwrap(readRecord(text), path);
}

function unwrap<T>(result: ReadResult<T>, path: string): T {
  if (result.ok) return result.record;
  throw usageError(`record ${path}: ${result.reason}`);
}

/**
 * The records a path names: the file itself, or every `*.json` file in the folder and its
 * subfolders, in name order. Unreadable or invalid files are returned as problems, not thrown.
 */
export function loadRecords(path: string, io: Io): { records: LoadedRecord<RecordCore>[]; problems: string[] } {
  const full = resolve(io.cwd, path);
  let isFolder = false;
  try {
    isFolder = statSync(full).isDirectory();
  } catch (error) {
    throw usageError(`cannot read ${path}: ${fsReason(error)}`);
  }
  if (!isFolder) return { records: [{ file: path, record: unwrap(readRecordLean(readText(path, io, 'record')), path) }], problems: [] };
  const records: LoadedRecord<RecordCore>[] = [];
  const problems: string[] = [];
  for (const file of jsonFiles(full)) {
    const shown = join(path, relative(full, file));
    try {
      const result = readRecordLean(readText(file, io, 'record'));
      if (result.ok) records.push({ file: shown, record: result.record });
      else problems.push(`record ${shown}: ${result.reason}`);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { records, problems };
}

function jsonFiles(folder: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(path);
  }
  return out;
}

/** How long an append waits for another one to finish. */
const LOCK_WAIT_MS = 5_000;

/**
 * Changes a record under a lock file (`FILE.lock`, created exclusively): reads it afresh,
 * lets `change` build the new record, writes it atomically (temp file, then rename). Two
 * appends at once run one after the other, so neither loses the other's event.
 */
export function updateRecord(path: string, io: Io, change: (record: IncidentRecord) => IncidentRecord): IncidentRecord {
  const full = resolve(io.cwd, path);
  const lock = `${full}.lock`;
  const started = Date.now();
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw usageError(`cannot lock record ${path}: ${fsReason(error)}`);
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw usageError(`record ${path} is being changed by another escalate (${path}.lock exists); try again, or delete the lock file if no other run is going on`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
  try {
    const next = change(loadRecord(path, io));
    writeFileAtomic(full, `${JSON.stringify(next, null, 2)}\n`, { overwrite: true });
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
