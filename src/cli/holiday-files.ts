/**
 * Reading the holidays files a matrix names (`holidays_from`). A file is resolved relative to
 * the matrix file and must stay inside the matrix's folder: the path itself is checked by the
 * schema (relative, no ".."); here its real path, symbolic links followed, must be there too.
 * It is then read like every file escalate reads (a regular file, its size checked before a
 * byte is read, at most HOLIDAY_FILE_MAX_BYTES) and parsed by the pure iCalendar reader.
 */
import { realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { HolidayFileRef, HolidaysRead } from '../matrix/holiday-files.js';
import type { RecurrenceWindow } from '../matrix/ics-holidays.js';
import type { Locator } from '../matrix/locate.js';
import { fsReason, readBounded, TooLargeError } from './files.js';
import type { Io } from './io.js';

/** A government feed for ten years is tens of kilobytes; this is far more than any needs. */
export const HOLIDAY_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Reads every holidays file a matrix names, each once however many calendars name it.
 * `read` returns a file's text by its path relative to the matrix folder (the working tree by
 * default; `diff` passes one that reads a git revision).
 */
export async function readHolidayFiles(matrixPath: string, refs: readonly HolidayFileRef[], window: RecurrenceWindow, locator: Locator, io: Io, read?: (path: string) => string): Promise<HolidaysRead> {
  const out: HolidaysRead = { holidays: {}, matrix: [], files: [] };
  if (refs.length === 0) return out;
  const { parseIcsHolidays } = await import('../matrix/ics-holidays.js');
  const parsed = new Map<string, { dates: string[] } | { failure: string }>();
  const holidays: Record<string, readonly string[]> = {};
  for (const { calendar, path } of refs) {
    let result = parsed.get(path);
    if (result === undefined) {
      const shown = join(dirname(matrixPath), path);
      try {
        const text = read ? read(path) : readInside(resolve(io.cwd, matrixPath), path);
        const ics = parseIcsHolidays(text, window);
        if (ics.diagnostics.length > 0) out.files.push({ file: shown, diagnostics: ics.diagnostics });
        result = ics.diagnostics.some((d) => d.level === 'error') ? { failure: `${shown} has errors` } : { dates: ics.dates };
      } catch (error) {
        result = { failure: `cannot read ${shown}: ${error instanceof TooLargeError ? error.message.replace('the limit', 'the limit for a holidays file') : fsReason(error)}` };
      }
      parsed.set(path, result);
    }
    if ('dates' in result) holidays[calendar] = result.dates;
    else {
      const span = locator.value(['calendars', calendar, 'holidays_from']);
      out.matrix.push({ code: 'holidays-file', level: 'error', message: `calendar "${calendar}": ${result.failure}`, path: ['calendars', calendar, 'holidays_from'], line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn });
    }
  }
  out.holidays = holidays;
  return out;
}

/** The text of `path` (relative to the matrix file), refused when its real path leaves the matrix's folder. */
function readInside(matrixFile: string, path: string): string {
  const folder = realpathSync(dirname(matrixFile));
  const target = realpathSync(resolve(dirname(matrixFile), path));
  if (!target.startsWith(folder.endsWith(sep) ? folder : folder + sep)) {
    throw Object.assign(new Error("it is a symbolic link to a file outside the matrix's folder; keep the holidays file beside the matrix"), { code: 'EOUTSIDE' });
  }
  return readBounded(target, HOLIDAY_FILE_MAX_BYTES);
}
