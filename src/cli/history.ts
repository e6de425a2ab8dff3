/**
 * The file edge of imported history (src/record/history.ts): a JSON Lines file read a line
 * at a time in bounded chunks, each line judged as a record with its problems located at
 * `file:line:col`; and the headers of the history files an import folder holds.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_FOLDER, HISTORY_LINE_MAX_BYTES, HISTORY_MAX_BYTES, readHistoryHeader, readTicketLine, type HistoryHeader, type HistoryRecord } from '../record/history.js';
import { fsReason, otherKind } from './files.js';

/** How much is read from the file at once. */
export const READ_CHUNK_BYTES = 64 * 1024;

/** What a line reader held at most at once (bytes of one unfinished line plus one chunk), for tests that count it. */
export interface ReadStats {
  maxHeld: number;
  lines: number;
}

export type LineItem = { line: number; text: string } | { line: number; tooLong: number } | { line: number; notUtf8: true };

const decoder = new TextDecoder('utf-8', { fatal: true });
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * The lines of a regular file one at a time, read a chunk at a time: a line over `maxLine`
 * bytes is reported by its length and skipped, never held; a BOM before the first line and
 * the CR of a CRLF end are dropped; empty lines are skipped. Throws (with a reason) a file
 * that is not a regular file or is over `maxFile` bytes, checked before a byte is read.
 */
export function* fileLines(path: string, { maxLine = HISTORY_LINE_MAX_BYTES, maxFile = HISTORY_MAX_BYTES, chunk = READ_CHUNK_BYTES, stats }: { maxLine?: number; maxFile?: number; chunk?: number; stats?: ReadStats } = {}): Generator<LineItem> {
  const fd = openSync(path, READ_FLAGS);
  try {
    const info = fstatSync(fd);
    const kind = otherKind(info);
    if (kind !== undefined) throw Object.assign(new Error(`it is not a regular file but ${kind}`), { code: 'ENOTREG' });
    if (info.size > maxFile) throw Object.assign(new Error(`it is ${(info.size / 1048576).toFixed(1)} MB, over the limit of ${(maxFile / 1048576).toFixed(1)} MB for an imported history`), { code: 'ETOOLARGE' });
    const buffer = Buffer.allocUnsafe(chunk);
    let parts: Buffer[] = [];
    let held = 0;
    let length = 0;
    let line = 1;
    let total = 0;
    // `whole`: a line that lies within one chunk, decoded from it without a copy.
    const finish = function* (whole?: Buffer): Generator<LineItem> {
      const at = line++;
      if (stats) stats.lines++;
      if (length > maxLine) {
        yield { line: at, tooLong: length };
      } else if (whole !== undefined || held > 0) {
        let bytes = whole ?? (parts.length === 1 ? parts[0]! : Buffer.concat(parts, held));
        if (at === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
        if (bytes.length > 0) {
          let text: string | undefined;
          try {
            text = decoder.decode(bytes);
          } catch {
            text = undefined;
          }
          yield text === undefined ? { line: at, notUtf8: true } : { line: at, text };
        }
      }
      parts = [];
      held = 0;
      length = 0;
    };
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxFile) throw Object.assign(new Error(`it grew past the limit of ${(maxFile / 1048576).toFixed(1)} MB while it was read`), { code: 'ETOOLARGE' });
      let from = 0;
      while (from < read) {
        const nl = buffer.indexOf(0x0a, from);
        const end = nl < 0 || nl >= read ? read : nl;
        const piece = end - from;
        length += piece;
        if (end < read && held === 0 && length === piece && length <= maxLine) {
          if (stats) stats.maxHeld = Math.max(stats.maxHeld, chunk);
          yield* finish(buffer.subarray(from, end));
          from = end + 1;
          continue;
        }
        // A line past the limit is only counted from here on: never held.
        if (length <= maxLine && piece > 0) {
          parts.push(Buffer.from(buffer.subarray(from, end)));
          held += piece;
        }
        if (stats) stats.maxHeld = Math.max(stats.maxHeld, held + chunk);
        if (end === read) break;
        yield* finish();
        from = end + 1;
      }
    }
    if (length > 0) yield* finish();
  } finally {
    closeSync(fd);
  }
}

/** A ticket judged like a record, or a problem located at `file:line:col`. */
export type HistoryItem = { file: string; record: HistoryRecord } | { problem: string };

/** The most problems one history file reports line by line; the rest are counted. */
const SHOWN_PROBLEMS = 5;

/**
 * The tickets of one history file as records, a line at a time. `shown` names the file in
 * messages; each ticket is named `shown:line`. Problems are items, never thrown: the header's
 * stops the file, a line's skips that line (the first few are located, the rest counted).
 */
export function* eachHistoryRecord(path: string, shown: string, stats?: ReadStats): Generator<HistoryItem> {
  let header: HistoryHeader | undefined;
  let count = 0;
  let problems = 0;
  let last = 0;
  const located = (line: number, col: number, reason: string) => `${shown}:${line}:${col}: ${reason}`;
  try {
    for (const item of fileLines(path, stats ? { stats } : {})) {
      last = item.line;
      let problem: string | undefined;
      if (header !== undefined) count++;
      if ('tooLong' in item) problem = located(item.line, 1, `the line is ${item.tooLong} bytes, over the limit of ${HISTORY_LINE_MAX_BYTES} bytes (4 MiB) a line may hold`);
      else if ('notUtf8' in item) problem = located(item.line, 1, 'the line is not UTF-8 text');
      else if (header === undefined) {
        const read = readHistoryHeader(item.text);
        if (!read.ok) {
          yield { problem: located(item.line, read.col, read.reason) };
          return;
        }
        header = read.value;
        continue;
      } else {
        const read = readTicketLine(header, item.text);
        if (read.ok) {
          yield { file: `${shown}:${item.line} (${read.value.id})`, record: read.value.record };
          continue;
        }
        problem = located(item.line, read.col, read.reason);
      }
      if (header === undefined) {
        yield { problem };
        return;
      }
      problems++;
      if (problems <= SHOWN_PROBLEMS) yield { problem };
    }
  } catch (error) {
    yield { problem: `cannot read ${shown}: ${fsReason(error)}` };
    return;
  }
  if (problems > SHOWN_PROBLEMS) yield { problem: `${shown}: … and ${problems - SHOWN_PROBLEMS} more lines that cannot be read` };
  if (header === undefined) yield { problem: `${shown}:1:1: empty: an imported history starts with its header line` };
  else if (count !== header.tickets) {
    yield { problem: `${shown}:${last}:1: the header says ${header.tickets} ticket${header.tickets === 1 ? '' : 's'} and the file holds ${count} lines after it: it was cut short or added to; import the export again` };
  }
}

/** The header of a history file, or undefined when it is not one (or cannot be read). */
export function historyHeaderOf(path: string): HistoryHeader | undefined {
  try {
    for (const item of fileLines(path)) {
      if (!('text' in item)) return undefined;
      const read = readHistoryHeader(item.text);
      return read.ok ? read.value : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The history files of an import folder (`DIR/imports/*.jsonl`), by name. */
export function historyFiles(outDir: string): string[] {
  try {
    return readdirSync(join(outDir, HISTORY_FOLDER))
      .filter((n) => n.endsWith('.jsonl') && !n.startsWith('.'))
      .sort()
      .map((n) => join(outDir, HISTORY_FOLDER, n));
  } catch {
    return [];
  }
}
