/** `escalate event RECORD TYPE`: append one event to an incident record, atomically and under a lock. */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { useHostClock } from '../../time/offset.js';
import { clockText } from '../../time/display.js';
import { spanText } from '../../time/relative.js';
import { formatInstant } from '../../time/instant.js';
import { parseEventTime } from '../../record/at.js';
import { evaluate } from '../../record/evaluate.js';
import { EVENT_CLOCK_SKEW_MS } from '../../record/limits.js';
import { EVENT_TYPES, LAYERS, type EventType, type IncidentRecord, type PlanSnapshot, type RecordEvent } from '../../record/schema.js';
import { snapshotOf } from '../../record/snapshot.js';
import { planIncident } from '../../triage/plan.js';
import { buildResult } from '../../triage/result.js';
import { EXIT, markCommitted, usageError, type Io } from '../io.js';
import { loadMatrixFile, requireMatrix, resolveMatrixPath } from '../matrix-file.js';
import { loadRecord, updateRecord } from '../records.js';
import { EVENT_HELP, type EventOptions } from './event.js';

/** Events a little ahead of this machine's clock are another machine's clock, not the future. */
const CLOCK_SKEW_MS = EVENT_CLOCK_SKEW_MS;

export async function runEvent(path: string, typeText: string, options: EventOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const type = typeText.trim().toLowerCase().replace(/-/g, '_') as EventType;
  if (!EVENT_TYPES.includes(type)) throw usageError(`unknown event type "${typeText}"; use one of: ${EVENT_HELP}`);
  const by = options.by ?? io.env.ESCALATE_BY;
  if (by === undefined || by.trim() === '') throw usageError('say who: pass --by NAME or set ESCALATE_BY');
  checkOptions(type, options);
  const now = io.now();
  const first = loadRecord(path, io);
  const zone = first.matrix.timezone;
  const parsed = parseEventTime(options.at ?? 'now', zone, now);
  if (!parsed.ok) throw usageError(`--at ${parsed.reason}`);
  const at = parsed.date;
  if (at.getTime() < new Date(first.started_at).getTime()) {
    throw usageError(`--at ${formatInstant(at, zone)} is before the incident started (${first.started_at}); check the time`);
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw usageError(`--at ${formatInstant(at, zone)} is in the future; record events when they have happened`);

  const base = { at: formatInstant(at, zone), by: by.trim(), recorded_at: formatInstant(now, zone), ...(options.note !== undefined ? { note: options.note } : {}) };
  let event: RecordEvent;
  switch (type) {
    case 'escalated': {
      const step = options.step !== undefined ? stepNumber(options.step, evaluate(first, at).plan) : undefined;
      event = { type, ...base, ...(step !== undefined ? { step } : {}), ...(options.layer ? { layer: options.layer as (typeof LAYERS)[number] } : {}) };
      break;
    }
    case 'owner_assigned':
      event = { type, ...base, ...(options.role ? { role: options.role } : {}) };
      break;
    case 'severity_changed':
      event = await replan(first, options.to!, at, base, options, io);
      break;
    case 'note':
      if (options.note === undefined || options.note.trim() === '') throw usageError('a note event needs its text: --note TEXT');
      event = { type, ...base };
      break;
    default:
      event = { type, ...base };
  }

  const record = updateRecord(path, io, (current) => ({ ...current, events: [...(current.events ?? []), event] }));
  markCommitted(`the ${type.replace(/_/g, '-')} event was written to ${path}`);
  if (options.json) io.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
  else io.stdout.write(`${describe(record, event, now)}\n`);
  return EXIT.ok;
}

function checkOptions(type: EventType, options: EventOptions): void {
  const only: [keyof EventOptions, string, EventType][] = [
    ['step', '--step', 'escalated'],
    ['layer', '--layer', 'escalated'],
    ['to', '--to', 'severity_changed'],
    ['role', '--role', 'owner_assigned'],
    ['matrix', '--matrix', 'severity_changed'],
  ];
  for (const [key, flag, owner] of only) {
    if (options[key] !== undefined && type !== owner) throw usageError(`${flag} goes with ${owner.replace(/_/g, '-')} events, not ${type.replace(/_/g, '-')}`);
  }
  if (type === 'severity_changed' && (options.to === undefined || options.to.trim() === '')) throw usageError('severity-changed needs the new severity: --to ID');
}

/** A step of the plan in force when the escalation happened (a severity change re-plans the steps). */
function stepNumber(text: string, plan: PlanSnapshot): number {
  const n = Number(text);
  const count = plan.escalation.length;
  if (!/^\d+$/.test(text.trim()) || n < 1 || n > count) {
    throw usageError(`--step "${text}" is not a step of this incident; it has ${count} step${count === 1 ? '' : 's'} (1${count > 1 ? `-${count}` : ''}) under the plan in force then (${plan.severity.id})`);
  }
  return n;
}

/** The severity change, with every deadline re-planned from its moment by the matrix. */
async function replan(record: IncidentRecord, to: string, at: Date, base: Omit<RecordEvent, 'type'>, options: EventOptions, io: Io): Promise<RecordEvent> {
  const current = evaluate(record, at).severity;
  if (to === current) throw usageError(`the incident is already ${to}`);
  const path = options.matrix ?? record.matrix.file ?? resolveMatrixPath(undefined, io);
  const file = await loadMatrixFile(path, io);
  const matrix = requireMatrix(file);
  const sha256 = createHash('sha256').update(file.text).digest('hex');
  if (record.matrix.sha256 !== undefined && record.matrix.sha256 !== sha256) {
    io.stderr.write(`note: ${path} changed since the incident was triaged (its digest differs); re-planned with it as it is now\n`);
  }
  const { tier, client } = record.contract;
  const planned = planIncident(matrix, to, { start: at, now: at, displayZone: record.timezone, ...(client ? { client: client.id } : tier ? { tier: tier.id } : {}) });
  if (!planned.ok) throw usageError(`--to: ${planned.reason}`);
  const result = buildResult(matrix, planned.plan, { path: [], decidedBy: 'severity', file: resolve(io.cwd, path) });
  return { type: 'severity_changed', ...base, to, matrix_sha256: sha256, plan: snapshotOf(result) } as RecordEvent;
}

/** `acknowledged Fri 27 Mar 16:52 by dana: late by 7 min (due 16:45)`. */
function describe(record: IncidentRecord, event: RecordEvent, now: Date): string {
  const zone = record.timezone;
  const at = new Date(event.at);
  const head = `recorded ${event.type.replace(/_/g, '-')} ${clockText(at, zone)} by ${event.by}`;
  const evaluation = evaluate(record, now);
  const mark = evaluation.targets.find((t) => t.doneAt?.getTime() === at.getTime() && t.by === event.by);
  if (!mark) return head;
  const unit = mark.clock === '24x7' ? '' : ' of working time';
  return mark.state === 'late'
    ? `${head}: ${mark.label.toLowerCase()} late by ${spanText(mark.lateMinutes ?? 0)}${unit} (due ${clockText(mark.due, zone)})`
    : `${head}: ${mark.label.toLowerCase()} on time (due ${clockText(mark.due, zone)})`;
}
