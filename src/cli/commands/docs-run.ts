/** `escalate docs`: load the matrix, render the sheet or a role card, print, write or check it. */
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Matrix } from '../../matrix/schema.js';
import { date as dateSchema } from '../../matrix/schema.js';
import { didYouMean } from '../../matrix/suggest.js';
import { renderSheet, type SheetOptions } from '../../docs/sheet.js';
import { renderRoleCard } from '../../docs/role-card.js';
import { localDate } from '../../time/instant.js';
import { useHostClock } from '../../time/offset.js';
import { unifiedDiff } from '../../docs/line-diff.js';
import { colorsFor, type Colors } from '../colors.js';
import { fileReadAt, readBoundedBytes, TooLargeError, writeFileAtomic } from '../files.js';
import { EXIT, safeText, usageError, type Io } from '../io.js';
import { fsReason, loadMatrixFile, matrixFilesRead, requireMatrix, resolveMatrixPath } from '../matrix-file.js';
import type { DocsOptions } from './docs.js';

/** Diff lines shown by --check before the rest is summed up; enough to see what changed. */
const MAX_DIFF_LINES = 200;

export async function runDocs(options: DocsOptions, io: Io): Promise<number> {
  if (options.check && options.out === undefined) {
    throw usageError('--check compares the sheet with a file: pass --out FILE too, like: escalate docs --out docs/escalation.md --check');
  }
  const matrixPath = resolveMatrixPath(options.matrix, io);
  const matrix = requireMatrix(await loadMatrixFile(matrixPath, io));
  const sheetOptions: SheetOptions = { source: basename(matrixPath) };
  if (options.asOf !== undefined) sheetOptions.asOf = asOfDate(options.asOf, matrix, io);
  // The file gets the same safe bytes as the terminal (control characters escaped), so --check compares like with like.
  const text = safeText(render(matrix, options.role, sheetOptions, matrixPath));

  if (options.out === undefined) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  const outPath = resolve(io.cwd, options.out);
  // Never over a file the sheet is made from: the matrix, or a holidays file it names.
  const clash = fileReadAt(outPath, matrixFilesRead(matrixPath, matrix, io));
  if (clash) throw usageError(`--out ${options.out} is ${clash.what}; write the sheet to a markdown file`);
  const current = readCurrent(outPath, options.out, options.check ? 'check' : 'write', text);
  if (options.check) return check(current, text, options, matrixPath, io);
  // The same judgement as --check: a file --check calls current is left as it is, any other is replaced.
  if (current.kind === 'bytes' && isCurrent(current.bytes, text)) {
    io.stdout.write(`✓ ${options.out} is current (unchanged)\n`);
    return EXIT.ok;
  }
  assertFolder(outPath, options.out);
  writeFileAtomic(outPath, text, { overwrite: true });
  io.stdout.write(`wrote ${options.out}\n`);
  return EXIT.ok;
}

function render(matrix: Matrix, role: string | undefined, options: SheetOptions, matrixPath: string): string {
  if (role === undefined) return renderSheet(matrix, options);
  if (!Object.hasOwn(matrix.roles, role)) {
    const ids = Object.keys(matrix.roles);
    throw usageError(`unknown role "${role}"${didYouMean(role, ids)}; the roles in ${matrixPath} are: ${ids.join(', ')}`);
  }
  return renderRoleCard(matrix, role, options);
}

/** `--as-of`: a calendar date, or "today" in the matrix time zone (the one place docs reads the clock, and only when asked). */
function asOfDate(value: string, matrix: Matrix, io: Io): string {
  if (value === 'today') {
    useHostClock(io.hostClock === true);
    return localDate(io.now(), matrix.timezone);
  }
  const parsed = dateSchema.safeParse(value);
  if (!parsed.success) throw usageError(`--as-of ${value}: ${parsed.error.issues[0]?.message ?? 'not a date'} (or pass "today")`);
  return parsed.data;
}

type Current = { kind: 'missing' } | { kind: 'bytes'; bytes: Buffer } | { kind: 'large'; size: number };

/**
 * The file as it is now: missing (or cannot exist, under a regular file), its bytes, or only
 * its size when that is far beyond the sheet's (it cannot be current, and is not read). Not a
 * regular file (a device, FIFO, socket or folder), or unreadable: it can be neither checked
 * nor replaced, exit 2, before anything is written.
 */
function readCurrent(path: string, shown: string, verb: 'check' | 'write', sheet: string): Current {
  // A checkout may have turned LF into CRLF: twice the sheet, and some room, is the most a current file holds.
  const limit = 2 * Buffer.byteLength(sheet) + 65_536;
  try {
    return { kind: 'bytes', bytes: readBoundedBytes(path, limit) };
  } catch (error) {
    if (error instanceof TooLargeError) return { kind: 'large', size: error.size };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    throw usageError(`cannot ${verb} ${shown}: ${fsReason(error)}`);
  }
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Whether the file is the sheet: byte for byte, or with every line ending turned into CRLF
 * by a checkout (the one difference docs.md allows). Bytes, not decoded text: decoding reads
 * an invalid byte as U+FFFD, and line splitting drops a missing final newline, so a file
 * that is not the sheet could pass. --check and the writer's "unchanged" both ask this.
 */
function isCurrent(bytes: Buffer, sheet: string): boolean {
  const lf = Buffer.from(sheet, 'utf8');
  if (bytes.equals(lf)) return true;
  const lineEnds = lf.reduce((n, byte) => (byte === LF ? n + 1 : n), 0);
  return bytes.length === lf.length + lineEnds && bytes.equals(Buffer.from(sheet.replace(/\n/g, '\r\n'), 'utf8'));
}

/**
 * Where a stale file first differs from the sheet, for the differences a line diff of the
 * decoded text cannot show (an undecodable byte read as U+FFFD, a CR on some lines only, a
 * byte-order mark): compared with the sheet in the file's own line endings, judged by its first line.
 */
function firstDifference(bytes: Buffer, sheet: string): string {
  const firstLf = bytes.indexOf(LF);
  const crlf = firstLf > 0 && bytes[firstLf - 1] === CR;
  const expected = Buffer.from(crlf ? sheet.replace(/\n/g, '\r\n') : sheet, 'utf8');
  let at = 0;
  while (at < bytes.length && at < expected.length && bytes[at] === expected[at]) at++;
  const lineStart = at === 0 ? 0 : bytes.lastIndexOf(LF, at - 1) + 1;
  const line = bytes.subarray(0, lineStart).reduce((n, byte) => (byte === LF ? n + 1 : n), 1);
  const byte = (b: number | undefined) => (b === undefined ? 'the end' : `0x${b.toString(16).padStart(2, '0')}`);
  return `line ${line}, byte ${at - lineStart + 1} of the line: ${byte(bytes[at])} on disk, ${byte(expected[at])} in the sheet`;
}

/** A missing or non-folder parent gets a message about the folder, not about a temporary file. */
function assertFolder(path: string, shown: string): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw usageError(`cannot write ${shown}: ${dirname(shown)} is a file, not a folder`);
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitError') throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw usageError(`cannot write ${shown}: the folder ${dirname(shown)} does not exist; create it first (mkdir -p ${dirname(shown)})`);
    throw usageError(`cannot write ${shown}: ${fsReason(error)}`);
  }
}

async function check(current: Current, text: string, options: DocsOptions, matrixPath: string, io: Io): Promise<number> {
  const out = options.out!;
  const fix = `regenerate it with: ${regenerate(options, matrixPath)}`;
  if (current.kind === 'missing') {
    io.stderr.write(`✖ ${out} is missing; ${fix}\n`);
    return EXIT.findings;
  }
  if (current.kind === 'large') {
    io.stderr.write(`✖ ${out} is stale: it is ${current.size} bytes, far more than the ${Buffer.byteLength(text)} of the sheet from ${matrixPath}; ${fix}\n`);
    return EXIT.findings;
  }
  if (isCurrent(current.bytes, text)) {
    io.stdout.write(`✓ ${out} is current\n`);
    return EXIT.ok;
  }
  // The diff is of the text as an editor shows it (a byte-order mark dropped, CRLF read as LF),
  // so it shows what changed; what it cannot show is said by firstDifference.
  const onDisk = new TextDecoder().decode(current.bytes).replace(/\r\n/g, '\n');
  const diff = unifiedDiff(onDisk, text, { from: `${out} (on disk)`, to: `${out} (from ${matrixPath})`, maxLines: MAX_DIFF_LINES });
  if (diff === '') {
    io.stderr.write(`✖ ${out} is stale: it no longer matches ${matrixPath}, in bytes a line diff does not show (${firstDifference(current.bytes, text)}); ${fix}\n`);
    return EXIT.findings;
  }
  io.stderr.write(`✖ ${out} is stale: it no longer matches ${matrixPath}; ${fix}\n`);
  io.stdout.write(colorDiff(diff, await colorsFor(io)));
  return EXIT.findings;
}

function regenerate(options: DocsOptions, matrixPath: string): string {
  const parts = ['escalate docs', `--matrix ${quote(matrixPath)}`];
  if (options.role !== undefined) parts.push(`--role ${quote(options.role)}`);
  if (options.asOf !== undefined) parts.push(`--as-of ${quote(options.asOf)}`);
  parts.push(`--out ${quote(options.out!)}`);
  return parts.join(' ');
}

const quote = (word: string): string => (/^[\w./@:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

function colorDiff(diff: string, colors: Colors): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('---') || line.startsWith('+++')) return colors.bold(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      if (line.startsWith('-')) return colors.red(line);
      if (line.startsWith('+')) return colors.green(line);
      return line;
    })
    .join('\n');
}
