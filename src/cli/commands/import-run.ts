/**
 * `escalate import CSV --out-dir DIR`: helpdesk tickets to imported history, one JSON Lines
 * file per import (DIR/imports/NAME-DATE.jsonl, src/record/history.ts). Nothing is written
 * when a row is invalid (unless --skip-invalid).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HISTORY_FOLDER, HISTORY_MAX_BYTES, historyHeader, ticketIdOf, ticketOf, type HistoryPlan } from '../../record/history.js';
import { IMPORT_FIELDS, PRESETS, importRows, type ImportField } from '../../record/import.js';
import type { TargetKindName } from '../../record/schema.js';
import { localDate } from '../../time/instant.js';
import { useHostClock } from '../../time/offset.js';
import { isValidTimeZone } from '../../time/zone.js';
import { fsReason, removeTemp, writeLinesAtomic, writeTempLines, type StreamStats } from '../files.js';
import { fileLines, historyFiles, historyHeaderOf } from '../history.js';
import { EXIT, markCommitted, usageError, type Io } from '../io.js';
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

/** `stats`, for tests: what the history's writer held at most at once (counted, never timed). */
export async function runImport(csv: string, options: ImportOptions, io: Io, stats?: StreamStats): Promise<number> {
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
  const source = csv.split(/[\\/]/).pop()!;
  const importOptions = {
    columns,
    priorities,
    organisations,
    zone: options.tz ?? matrix.timezone,
    by: `import (${source})`,
    source,
    sha256: createHash('sha256').update(file.text).digest('hex'),
    file: path,
  };
  const exportSha = createHash('sha256').update(text).digest('hex');
  // The same export imported again: nothing to do, unless --force (another mapping, say).
  const earlier = historyFiles(outDir).map((f) => ({ file: f, header: historyHeaderOf(f) }));
  const same = earlier.find((e) => e.header?.source.sha256 === exportSha);
  const shownPath = (f: string) => join(options.outDir, relative(outDir, f));
  if (same && !options.force) {
    io.stdout.write(`${shownPath(same.file)} already holds this export (sha256 ${exportSha.slice(0, 12)}…): nothing written (--force imports it again)\n`);
    return EXIT.ok;
  }
  // One pass over the rows, one record in memory at a time: every problem (all or nothing),
  // the last row of each ticket id, the plan of each severity and contract (the header holds
  // them once), and each ticket's line, written to a temporary file as it is made.
  const problems: string[] = [];
  let problemCount = 0;
  const unmatched: string[] = [];
  const last = new Map<string, number>();
  const plans = new Map<string, { plan: HistoryPlan; json: string }>();
  const legacy = legacyRecordNames(outDir);
  const legacyHit = new Map<string, string>();
  let measured: TargetKindName[] | undefined;
  function* ticketLines(): Generator<string> {
    for (const item of importRows(matrix, text, importOptions)) {
      if (item.kind === 'error') throw usageError(`${csv}: ${item.error}`);
      if (item.kind === 'problem') {
        problemCount++;
        if (problems.length < 5 || options.skipInvalid) problems.push(item.problem);
      } else if (item.kind === 'unmatched') unmatched.push(item.organisation);
      else {
        last.set(item.id, item.line);
        measured ??= item.record.imported?.measured ?? [];
        const { key, plan, line } = ticketOf(item.record, item.id, measured);
        const json = JSON.stringify(plan);
        const known = plans.get(key);
        if (known === undefined) plans.set(key, { plan, json });
        else if (known.json !== json) throw new Error(`ticket ${item.id}: its plan differs from the plan of ${key}`);
        if (legacy.has(item.name)) legacyHit.set(item.id, item.name);
        // Only a ticket's last row is kept: the rows before it are left out when the history is written.
        if (problemCount === 0 || options.skipInvalid) yield JSON.stringify(line);
      }
    }
  }
  const body = writeTempLines(outDir, ticketLines());
  try {
    if (problemCount > 0 && !options.skipInvalid) {
      const shown = problems.slice(0, 5).map((p) => `${csv}: ${p}`);
      if (problemCount > 5) shown.push(`… and ${problemCount - 5} more`);
      throw usageError(`${problemCount} row${problemCount === 1 ? '' : 's'} cannot be imported, so nothing was written (--skip-invalid imports the rest):\n${shown.join('\n')}`);
    }
    // Record files of an older import (one file per ticket) are replaced by this history; a
    // record by that name not written by an import is kept (its ticket left out) unless --force.
    const superseded: string[] = [];
    let kept = 0;
    for (const [id, name] of legacyHit) {
      const target = join(outDir, name);
      if (options.force || wasImported(target, io)) superseded.push(target);
      else {
        kept++;
        last.delete(id);
      }
    }
    legacyHit.clear();
    const folder = join(outDir, HISTORY_FOLDER);
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw usageError(`cannot create the folder ${join(options.outDir, HISTORY_FOLDER)}: ${code === 'EEXIST' ? 'a file by that name is in the way (imported history goes in a folder of that name)' : fsReason(error)}`);
    }
    const target = same?.file ?? freshName(folder, source, localDate(io.now(), matrix.timezone));
    const header = historyHeader({
      source: { file: source, sha256: exportSha },
      by: importOptions.by,
      matrix: { name: matrix.name, timezone: matrix.timezone, sha256: importOptions.sha256, file: path },
      timezone: matrix.timezone,
      measured: measured ?? [],
      tickets: last.size,
      plans: Object.fromEntries([...plans].map(([key, { plan }]) => [key, plan])),
    });
    // The history: the header, then the line of each ticket's last row, read back a line at a time.
    function* lines(): Generator<string> {
      yield JSON.stringify(header);
      for (const item of fileLines(body, { maxFile: Infinity })) {
        if (!('text' in item)) throw new Error(`${body}:${item.line}: not a line import wrote`);
        const { id, row } = JSON.parse(item.text) as { id: string; row: number };
        if (last.get(id) === row) yield item.text;
      }
    }
    const bytes = writeLinesAtomic(target, lines(), { overwrite: same !== undefined, limit: HISTORY_MAX_BYTES, ...(stats ? { stats } : {}) });
    markCommitted(`the history was written to ${shownPath(target)}`);
    // Tickets of earlier imports that this one holds again: the newer export wins.
    let replaced = 0;
    for (const { file: other, header: otherHeader } of earlier) {
      if (other === target || otherHeader === undefined) continue;
      replaced += dropTickets(other, last);
    }
    for (const old of superseded) {
      try {
        unlinkSync(old);
      } catch {
        // gone already
      }
    }
    for (const p of problems) io.stderr.write(`skipped ${csv}: ${p}\n`);
    unmatched.sort();
    if (unmatched.length > 0) {
      io.stderr.write(`note: ${unmatched.length} organisation${unmatched.length === 1 ? '' : 's'} matched no client or tier, so their tickets use the severity's own targets: ${unmatched.join(', ')} (map them with --org NAME=client:ID)\n`);
    }
    const n = last.size;
    const size = bytes < 10_240 ? `${bytes} bytes` : bytes < 10_485_760 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
    io.stdout.write(
      `wrote ${n} ticket${n === 1 ? '' : 's'} to ${shownPath(target)} (${size})${replaced ? `, replacing ${replaced} of an earlier import` : ''}${superseded.length ? `, replacing ${superseded.length} record file${superseded.length === 1 ? '' : 's'} of an earlier import (removed)` : ''}${kept ? `, kept ${kept} record${kept === 1 ? '' : 's'} that already existed and were not imported (--force replaces them)` : ''}${problemCount ? `, skipped ${problemCount} invalid row${problemCount === 1 ? '' : 's'}` : ''}\n`,
    );
    return problemCount > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    removeTemp(body);
  }
}

/** `imports/<export name>-<date>.jsonl`, with `-2`, `-3`... when an import of another export by that name was written that day. */
function freshName(folder: string, source: string, date: string): string {
  const stem = source.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'import';
  for (let n = 1; ; n++) {
    const name = join(folder, `${stem}-${date}${n === 1 ? '' : `-${n}`}.jsonl`);
    if (!existsSync(name)) return name;
  }
}

/** The `*.json` names directly in the folder: record files an older import may have written, one per ticket. */
function legacyRecordNames(outDir: string): Set<string> {
  try {
    return new Set(readdirSync(outDir).filter((n) => n.endsWith('.json')));
  } catch {
    return new Set();
  }
}

/**
 * Removes from an earlier history file the tickets `ids` holds (a newer export has them), a
 * line at a time: counted first, then rewritten atomically with its header's count, or
 * removed when no ticket is left. Lines that cannot be read are kept as they are.
 */
function dropTickets(file: string, ids: ReadonlyMap<string, number>): number {
  let total = 0;
  let dropped = 0;
  for (const item of fileLines(file)) {
    if (item.line === 1 || !('text' in item)) continue;
    total++;
    const id = ticketIdOf(item.text);
    if (id !== undefined && ids.has(id)) dropped++;
  }
  if (dropped === 0) return 0;
  if (dropped === total) {
    unlinkSync(file);
    return dropped;
  }
  function* kept(): Generator<string> {
    for (const item of fileLines(file)) {
      if (!('text' in item)) continue;
      if (item.line === 1) {
        yield JSON.stringify({ ...(JSON.parse(item.text) as object), tickets: total - dropped });
        continue;
      }
      const id = ticketIdOf(item.text);
      if (id === undefined || !ids.has(id)) yield item.text;
    }
  }
  writeLinesAtomic(file, kept(), { overwrite: true, limit: HISTORY_MAX_BYTES });
  return dropped;
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
