/**
 * Day-one import: helpdesk tickets from a CSV export become incident records, planned
 * against the matrix from each ticket's creation, with its first response as the
 * acknowledgement and its resolution as resolved, so last quarter can be reported on.
 * Pure: the CSV text, the matrix and the mapping in; records and row problems out.
 */
import type { Matrix } from '../matrix/schema.js';
import { formatInstant, matrixInstant } from '../time/instant.js';
import { planIncident } from '../triage/plan.js';
import { buildResult } from '../triage/result.js';
import { parseCsv } from './csv.js';
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

export function importTickets(matrix: Matrix, text: string, options: ImportOptions): { records: Imported[]; problems: string[]; unmatched: string[] } | { error: string } {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { error: parsed.reason };
  const [header, ...rows] = parsed.rows;
  if (!header) return { error: 'the file is empty' };
  const index: Partial<Record<ImportField, number>> = {};
  for (const [field, column] of Object.entries(options.columns) as [ImportField, string][]) {
    const at = header.findIndex((h) => h.trim().toLowerCase() === column.trim().toLowerCase());
    if (at >= 0) index[field] = at;
  }
  for (const needed of ['created', 'priority'] as const) {
    if (index[needed] === undefined) {
      const missing = `no "${options.columns[needed] ?? needed}" column for ${needed}; the header has: ${header.join(', ')}`;
      const fits = presetFor(header, options.columns);
      if (fits) return { error: `the header is that of a ${PRESET_NAMES[fits] ?? fits} export: add --preset ${fits} (${missing})` };
      return { error: `${missing}; map it with --column ${needed}=NAME` };
    }
  }
  const records: Imported[] = [];
  const problems: string[] = [];
  const names = new Set<string>();
  const unmatched = new Set<string>();
  rows.forEach((row, i) => {
    const cell = (field: ImportField) => (index[field] !== undefined ? (row[index[field]!] ?? '').trim() : '');
    const id = cell('id') || `row-${i + 2}`;
    const where = `line ${i + 2}${cell('id') ? ` (${cell('id')})` : ''}`;
    const org = cell('organisation');
    if (org !== '' && Object.keys(organisation(matrix, org, options.organisations)).length === 0) unmatched.add(org);
    const result = ticket(matrix, cell, { ...options, line: i + 2, measured: measuredBy(index) });
    if ('problem' in result) {
      problems.push(`${where}: ${result.problem}`);
      return;
    }
    let name = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || `row-${i + 2}`;
    while (names.has(name)) name = `${name}-${i + 2}`;
    names.add(name);
    records.push({ name: `${name}.json`, record: result.record });
  });
  return { records, problems, unmatched: [...unmatched].sort() };
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
