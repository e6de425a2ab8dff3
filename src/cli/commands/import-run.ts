/** `escalate import CSV --out-dir DIR`: helpdesk tickets to incident records. Nothing is written when a row is invalid (unless --skip-invalid). */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IMPORT_FIELDS, PRESETS, importRows, type ImportField } from '../../record/import.js';
import { useHostClock } from '../../time/offset.js';
import { isValidTimeZone } from '../../time/zone.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, usageError, type Io } from '../io.js';
import { loadMatrixFile, readText, requireMatrix, resolveMatrixPath } from '../matrix-file.js';
import type { ImportOptions } from './import.js';

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.lastIndexOf('=');
    if (at <= 0 || at === value.length - 1) throw usageError(`${flag} "${value}" is not NAME=VALUE`);
    out[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return out;
}

export async function runImport(csv: string, options: ImportOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const outDir = resolve(io.cwd, options.outDir);
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw usageError(`--out-dir ${options.outDir} is not a folder; create it first`);
  const columns = { ...PRESETS[options.preset] };
  for (const [field, name] of Object.entries(pairs(options.column, '--column'))) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw usageError(`--column ${field}: not a field; use one of ${IMPORT_FIELDS.join(', ')}`);
    columns[field as ImportField] = name;
  }
  const organisations = pairs(options.org, '--org');
  for (const [name, target] of Object.entries(organisations)) {
    if (!/^(client|tier):./.test(target)) throw usageError(`--org "${name}=${target}": say client:ID or tier:ID`);
  }
  const path = resolveMatrixPath(options.matrix, io);
  const file = await loadMatrixFile(path, io);
  const matrix = requireMatrix(file);
  if (options.tz !== undefined && !isValidTimeZone(options.tz)) throw usageError(`--tz "${options.tz}" is not a time zone; use an IANA name like Europe/Berlin`);
  const priorities = pairs(options.priority, '--priority');
  for (const [value, id] of Object.entries(priorities)) {
    if (!matrix.severities.some((s) => s.id === id)) throw usageError(`--priority "${value}=${id}": unknown severity; known: ${matrix.severities.map((s) => s.id).join(', ')}`);
  }
  for (const target of Object.values(organisations)) {
    const [kind, id] = target.split(/:(.*)/s) as [string, string];
    const known = kind === 'tier' ? Object.keys(matrix.tiers ?? {}) : Object.keys(matrix.clients ?? {});
    if (!known.includes(id)) throw usageError(`--org ...=${target}: the matrix has no ${kind} "${id}"${known.length ? `; known: ${known.join(', ')}` : ''}`);
  }
  const text = readText(csv, io, 'CSV file');
  const importOptions = {
    columns,
    priorities,
    organisations,
    zone: options.tz ?? matrix.timezone,
    by: `import (${csv.split(/[\\/]/).pop()})`,
    source: csv.split(/[\\/]/).pop()!,
    sha256: createHash('sha256').update(file.text).digest('hex'),
    file: path,
  };
  // Two passes over the rows, one record in memory at a time: the first finds every problem
  // (all or nothing) and the last row of each ticket id; the second writes.
  const problems: string[] = [];
  let problemCount = 0;
  const unmatched: string[] = [];
  const last = new Map<string, number>();
  for (const item of importRows(matrix, text, importOptions)) {
    if (item.kind === 'error') throw usageError(`${csv}: ${item.error}`);
    if (item.kind === 'problem') {
      problemCount++;
      if (problems.length < 5 || options.skipInvalid) problems.push(item.problem);
    } else if (item.kind === 'unmatched') unmatched.push(item.organisation);
    else last.set(item.name, item.line);
  }
  if (problemCount > 0 && !options.skipInvalid) {
    const shown = problems.slice(0, 5).map((p) => `${csv}: ${p}`);
    if (problemCount > 5) shown.push(`… and ${problemCount - 5} more`);
    throw usageError(`${problemCount} row${problemCount === 1 ? '' : 's'} cannot be imported, so nothing was written (--skip-invalid imports the rest):\n${shown.join('\n')}`);
  }
  let written = 0;
  let updated = 0;
  let kept = 0;
  for (const item of importRows(matrix, text, importOptions)) {
    // A ticket id seen twice is one incident: only its last row is written.
    if (item.kind !== 'ticket' || last.get(item.name) !== item.line) continue;
    const target = join(outDir, item.name);
    const exists = existsSync(target);
    // Re-importing a newer export updates the records an import wrote; a record written by hand is kept unless --force.
    if (exists && !options.force && !wasImported(target, io)) {
      kept++;
      continue;
    }
    writeFileAtomic(target, `${JSON.stringify(item.record, null, 2)}\n`, { overwrite: exists });
    if (exists) updated++;
    else written++;
  }
  for (const p of problems) io.stderr.write(`skipped ${csv}: ${p}\n`);
  unmatched.sort();
  if (unmatched.length > 0) {
    io.stderr.write(`note: ${unmatched.length} organisation${unmatched.length === 1 ? '' : 's'} matched no client or tier, so their tickets use the severity's own targets: ${unmatched.join(', ')} (map them with --org NAME=client:ID)\n`);
  }
  io.stdout.write(
    `wrote ${written} record${written === 1 ? '' : 's'} to ${options.outDir}${updated ? `, updated ${updated} from an earlier import` : ''}${kept ? `, kept ${kept} that already existed and were not imported (--force replaces them)` : ''}${problemCount ? `, skipped ${problemCount} invalid row${problemCount === 1 ? '' : 's'}` : ''}\n`,
  );
  return problemCount > 0 ? EXIT.findings : EXIT.ok;
}

/** Whether the record at `path` was written by an import (it holds `imported`). */
function wasImported(path: string, io: Io): boolean {
  try {
    const data = JSON.parse(readText(path, io, 'record')) as { imported?: unknown };
    return typeof data === 'object' && data !== null && typeof data.imported === 'object' && data.imported !== null;
  } catch {
    return false;
  }
}
