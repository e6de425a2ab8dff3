/**
 * Day-one import: helpdesk tickets from a CSV export become incident records, planned
 * against the matrix from each ticket's creation, with its first response as the
 * acknowledgement and its resolution as resolved, so last quarter can be reported on.
 * Pure: the CSV text, the matrix and the mapping in; records and row problems out.
 */
import type { Matrix } from '../matrix/schema.js';
import { formatInstant, localTimeExists, matrixInstant } from '../time/instant.js';
import { planIncident } from '../triage/plan.js';
import { buildResult } from '../triage/result.js';
import { csvRows } from './csv.js';
import type { IncidentRecord, RecordEvent, TargetKindName } from './schema.js';

/** What a column can mean. */
export const IMPORT_FIELDS = ['id', 'created', 'first_response', 'first_response_minutes', 'resolved', 'priority', 'organisation'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column names of real helpdesk exports; each can be overridden with --column. */
export const PRESETS: Record<string, Partial<Record<ImportField, string>>> = {
  generic: { id: 'id', created: 'created', first_response: 'first_response', resolved: 'resolved', priority: 'priority', organisation: 'organisation' },
  zendesk: { id: 'Id', created: 'Created at', first_response_minutes: 'First reply time in minutes', resolved: 'Solved at', priority: 'Priority', organisation: 'Organization' },
  freshdesk: { id: 'Ticket ID', created: 'Created time', first_response: 'Initial response time', resolved: 'Resolved time', priority: 'Priority', organisation: 'Company Name' },
};

/** Helpdesk priorities, most urgent first: each maps to the severity of the same rank (the last for the rest). */
const PRIORITY_WORDS = [['urgent', 'critical', 'p1'], ['high', 'p2'], ['medium', 'normal', 'p3'], ['low', 'p4']];

export interface ImportOptions {
  columns: Partial<Record<ImportField, string>>;
  /** Priority value (case-insensitive) → severity id. */
  priorities: Record<string, string>;
  /** Organisation value (case-insensitive) → `client:ID` or `tier:ID`. */
  organisations: Record<string, string>;
  /** The zone of times written without an offset. */
  zone: string;
  /** Who the events are recorded by, like `import (tickets.csv)`. */
  by: string;
  /** The CSV file's name, kept in each record. */
  source: string;
  sha256: string;
  file?: string;
}

export interface Imported {
  /** A file name for the record, from the ticket id. */
  name: string;
  record: IncidentRecord;
}

const PRESET_NAMES: Record<string, string> = { freshdesk: 'Freshdesk', zendesk: 'Zendesk' };

/** The preset, other than the columns in use, whose columns a header has (created and priority at least). */
export function presetFor(header: readonly string[], columns: Partial<Record<ImportField, string>>): string | undefined {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  for (const [name, preset] of Object.entries(PRESETS)) {
    if (preset === columns || (preset.created === columns.created && preset.priority === columns.priority)) continue;
    const mapped = Object.values(preset);
    if (names.has(preset.created!.toLowerCase()) && names.has(preset.priority!.toLowerCase()) && mapped.filter((c) => names.has(c.toLowerCase())).length >= 3) return name;
  }
  return undefined;
}

/** The longest ticket id taken (it names the record file, and file names have a limit). */
export const MAX_TICKET_ID = 200;
/** How much of a header an error quotes back: a 200,000-column header is named, never echoed whole. */
const HEADER_SHOWN = 200;

/** One step of an import, a row at a time: a ticket's record, a row problem, or an error that stops it. */
export type ImportItem =
  | { kind: 'ticket'; id: string; name: string; line: number; record: IncidentRecord }
  | { kind: 'problem'; line: number; problem: string }
  | { kind: 'unmatched'; organisation: string }
  | { kind: 'error'; error: string };

/** The header, quoted back briefly. */
function shownHeader(header: string[]): string {
  const text = header.join(', ');
  return text.length <= HEADER_SHOWN ? text : `${text.slice(0, HEADER_SHOWN)}… (${header.length} columns)`;
}

/**
 * The tickets of a CSV export, one row at a time, so an import holds one record at a time
 * whatever the size of the export. A ticket id seen again is the same incident (the later
 * row is the newer state); the reader of these items decides which to keep.
 */
export function* importRows(matrix: Matrix, text: string, options: ImportOptions): Generator<ImportItem> {
  const rows = csvRows(text);
  const first = rows.next();
  if (first.done) {
    yield { kind: 'error', error: 'the file is empty' };
    return;
  }
  if ('error' in first.value) {
    yield { kind: 'error', error: first.value.error };
    return;
  }
  const header = first.value.row;
  const index: Partial<Record<ImportField, number>> = {};
  for (const [field, column] of Object.entries(options.columns) as [ImportField, string][]) {
    const at = header.findIndex((h) => h.trim().toLowerCase() === column.trim().toLowerCase());
    if (at >= 0) index[field] = at;
  }
  for (const needed of ['created', 'priority'] as const) {
    if (index[needed] === undefined) {
      const missing = `no "${options.columns[needed] ?? needed}" column for ${needed}; the header has: ${shownHeader(header)}`;
      const fits = presetFor(header, options.columns);
      yield { kind: 'error', error: fits ? `the header is that of a ${PRESET_NAMES[fits] ?? fits} export: add --preset ${fits} (${missing})` : `${missing}; map it with --column ${needed}=NAME` };
      return;
    }
  }
  const names = new Map<string, string>();
  const unmatched = new Set<string>();
  const measured = measuredBy(index);
  for (const item of rows) {
    if ('error' in item) {
      yield { kind: 'error', error: item.error };
      return;
    }
    const { row, line } = item;
    const cell = (field: ImportField) => (index[field] !== undefined ? (row[index[field]!] ?? '').trim() : '');
    const rawId = cell('id');
    if (rawId.length > MAX_TICKET_ID) {
      yield { kind: 'problem', line, problem: `line ${line}, column ${options.columns.id}: the ticket id is ${rawId.length} characters; at most ${MAX_TICKET_ID}` };
      continue;
    }
    const id = rawId || `row-${line}`;
    const where = `line ${line}${rawId ? ` (${rawId})` : ''}`;
    const org = cell('organisation');
    if (org !== '' && !unmatched.has(org) && Object.keys(organisation(matrix, org, options.organisations)).length === 0) {
      unmatched.add(org);
      yield { kind: 'unmatched', organisation: org };
    }
    const result = ticket(matrix, cell, { ...options, line, measured });
    if ('problem' in result) {
      yield { kind: 'problem', line, problem: `${where}: ${result.problem}` };
      continue;
    }
    let name = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || `row-${line}`;
    // Two ids that read the same as a file name ("a/b", "a-b") stay two records.
    const owner = names.get(name);
    if (owner !== undefined && owner !== id) name = `${name}-${line}`;
    if (names.size < 1_000_000) names.set(name, id);
    yield { kind: 'ticket', id, name: `${name}.json`, line, record: result.record };
  }
}

export function importTickets(matrix: Matrix, text: string, options: ImportOptions): { records: Imported[]; problems: string[]; unmatched: string[] } | { error: string } {
  const byId = new Map<string, Imported>();
  const problems: string[] = [];
  const unmatched: string[] = [];
  for (const item of importRows(matrix, text, options)) {
    if (item.kind === 'error') return { error: item.error };
    if (item.kind === 'problem') problems.push(item.problem);
    else if (item.kind === 'unmatched') unmatched.push(item.organisation);
    // A ticket seen twice is one incident: the later row wins.
    else {
      byId.delete(item.id);
      byId.set(item.id, { name: item.name, record: item.record });
    }
  }
  return { records: [...byId.values()], problems, unmatched: unmatched.sort() };
}

/** The targets the mapped columns can tell. */
function measuredBy(index: Partial<Record<ImportField, number>>): TargetKindName[] {
  const out: TargetKindName[] = [];
  if (index.first_response !== undefined || index.first_response_minutes !== undefined) out.push('acknowledge');
  if (index.resolved !== undefined) out.push('workaround', 'resolution');
  return out;
}

function ticket(
  matrix: Matrix,
  cell: (field: ImportField) => string,
  options: ImportOptions & { line: number; measured: TargetKindName[] },
): { record: IncidentRecord } | { problem: string } {
  const time = (field: ImportField) => {
    const text = cell(field);
    if (text === '') return undefined;
    const parsed = matrixInstant(text, options.zone);
    // A local time the clocks skip is the export's mistake or a lost offset: reported, never moved.
    const exists = parsed.ok ? localTimeExists(text, options.zone) : { ok: true as const };
    if (!exists.ok) return new Error(`${options.columns[field]}: ${exists.reason}; write it with its offset`);
    return parsed.ok ? parsed.date : new Error(`${options.columns[field]} "${text}" is not a date and time; ISO 8601 like 2026-03-27 16:30 or 2026-03-27T16:30:00+01:00`);
  };
  const created = time('created');
  if (created === undefined) return { problem: `${options.columns.created} is empty` };
  if (created instanceof Error) return { problem: created.message };
  const severity = severityFor(matrix, cell('priority'), options.priorities);
  if (!severity) return { problem: `priority "${cell('priority')}" maps to no severity; map it with --priority "${cell('priority')}=SEVERITY"` };
  let first = time('first_response');
  const minutes = cell('first_response_minutes');
  if (first === undefined && minutes !== '') {
    if (!/^\d+(\.\d+)?$/.test(minutes)) return { problem: `${options.columns.first_response_minutes} "${minutes}" is not a number of minutes` };
    first = new Date(created.getTime() + Math.round(Number(minutes)) * 60_000);
  }
  if (first instanceof Error) return { problem: first.message };
  const resolved = time('resolved');
  if (resolved instanceof Error) return { problem: resolved.message };
  for (const [what, at] of [['first response', first], ['resolution', resolved]] as const) {
    if (at && at.getTime() < created.getTime()) return { problem: `the ${what} is before the ticket was created` };
  }
  const contract = organisation(matrix, cell('organisation'), options.organisations);
  const planned = planIncident(matrix, severity, { start: created, now: created, ...contract });
  if (!planned.ok) return { problem: planned.reason };
  const result = buildResult(matrix, planned.plan, { path: [], decidedBy: 'severity', sha256: options.sha256, ...(options.file ? { file: options.file } : {}) });
  const event = (type: 'acknowledged' | 'resolved', at: Date): RecordEvent => ({ type, at: formatInstant(at, matrix.timezone), by: options.by, recorded_at: formatInstant(at, matrix.timezone) });
  const events = [...(first ? [event('acknowledged', first)] : []), ...(resolved ? [event('resolved', resolved)] : [])];
  return { record: { ...result, events, imported: { from: options.source, line: options.line, measured: options.measured } } };
}

function severityFor(matrix: Matrix, priority: string, map: Record<string, string>): string | undefined {
  const key = priority.toLowerCase();
  const mapped = Object.entries(map).find(([k]) => k.toLowerCase() === key)?.[1];
  if (mapped !== undefined) return mapped;
  const direct = matrix.severities.find((s) => s.id.toLowerCase() === key || s.name.toLowerCase() === key);
  if (direct) return direct.id;
  const rank = PRIORITY_WORDS.findIndex((words) => words.includes(key));
  if (rank < 0) return undefined;
  return matrix.severities[Math.min(rank, matrix.severities.length - 1)]!.id;
}

/** An organisation named in the mapping, or matching a client's id or name, or a tier's id. */
function organisation(matrix: Matrix, org: string, map: Record<string, string>): { client?: string; tier?: string } {
  if (org === '') return {};
  const mapped = Object.entries(map).find(([k]) => k.toLowerCase() === org.toLowerCase())?.[1];
  if (mapped !== undefined) {
    const [kind, id] = mapped.includes(':') ? (mapped.split(/:(.*)/s) as [string, string]) : ['client', mapped];
    return kind === 'tier' ? { tier: id } : { client: id };
  }
  const lower = org.toLowerCase();
  for (const [id, client] of Object.entries(matrix.clients ?? {})) if (id.toLowerCase() === lower || client.name.toLowerCase() === lower) return { client: id };
  for (const id of Object.keys(matrix.tiers ?? {})) if (id.toLowerCase() === lower) return { tier: id };
  return {};
}
