/** Phrases shared by the sheet and the role cards: roles, severities, times and calendars. */
import type { Calendar, Matrix, Severity, TargetKind, Targets } from '../matrix/schema.js';
import { TARGET_KINDS } from '../matrix/kinds.js';
import { ROUND_THE_CLOCK } from '../matrix/references.js';
import { code, inline } from './escape.js';

export interface SheetOptions {
  /** The matrix file name shown in the sheet; a base name keeps the output independent of the working folder. */
  source?: string;
  /**
   * Judge the review date and exception windows against this date (YYYY-MM-DD). Without it
   * the sheet makes no judgement that depends on the day it is generated.
   */
  asOf?: string;
}

export const TARGET_LABELS: Readonly<Record<TargetKind, string>> = {
  acknowledge: 'Acknowledge',
  assign_owner: 'Assign owner',
  notify_client: 'Notify client',
  escalate_after: 'Escalate after',
  update_every: 'Update every',
  workaround: 'Workaround',
  resolution: 'Resolution',
  rca: 'RCA',
};

export const SIDE_LABELS = { internal: 'internal', client: 'client side', vendor: 'vendor side' } as const;

export function roleTitle(matrix: Matrix, id: string): string {
  const role = Object.hasOwn(matrix.roles, id) ? matrix.roles[id] : undefined;
  return role ? inline(role.title) : code(id);
}

/** A role as someone under pressure needs it: who, and how to reach them. */
export function roleReach(matrix: Matrix, id: string): string {
  const role = Object.hasOwn(matrix.roles, id) ? matrix.roles[id] : undefined;
  if (!role) return code(id);
  return `${inline(role.title)} (${inline(role.contact)}${role.backup ? `; backup ${inline(role.backup)}` : ''})`;
}

export const severityById = (matrix: Matrix, id: string): Severity | undefined => matrix.severities.find((s) => s.id === id);

export const severityLabel = (severity: Severity): string => `${code(severity.id)} ${inline(severity.name)}`;

export function severityRef(matrix: Matrix, id: string): string {
  const severity = severityById(matrix, id);
  return severity ? severityLabel(severity) : code(id);
}

/** When an escalation step happens, from the incident start. */
export const stepWhen = (after: string): string => (/^(0[wdhm])+$/.test(after) ? 'At once' : `After ${after}`);

/** The calendar a severity (or tier) runs on, in a few words. */
export function calendarLabel(id: string | undefined): string {
  if (id === undefined || id === ROUND_THE_CLOCK) return 'round the clock';
  return `${code(id)} business hours`;
}

/** "round the clock" or "on `office` business hours", to follow a verb like "runs". */
export function runsOn(id: string | undefined): string {
  const label = calendarLabel(id);
  return id === undefined || id === ROUND_THE_CLOCK ? label : `on ${label}`;
}

const DAY_NAMES = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;
const DAY_ORDER = Object.keys(DAY_NAMES) as (keyof typeof DAY_NAMES)[];

/** Working days with runs of three or more shortened: `Mon–Fri`, `Mon, Wed, Fri`. */
export function daysText(days: Calendar['days']): string {
  const indexes = [...new Set(days.map((d) => DAY_ORDER.indexOf(d)))].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  }
  return runs
    .flatMap((run) => {
      const names = run.map((i) => DAY_NAMES[DAY_ORDER[i]!]);
      return run.length >= 3 ? [`${names[0]}–${names[names.length - 1]}`] : names;
    })
    .join(', ');
}

export const hoursText = (hours: string): string => hours.replace('-', '–');

/** A matrix date or date-time as people read it; without an offset it is in the matrix time zone. */
export function dateTimeText(value: string, zone: string): string {
  if (value.length === 10) return value;
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(value)?.[1];
  const local = value.slice(0, 16).replace('T', ' ');
  return offset ? `${local} ${offset === 'Z' ? 'UTC' : `UTC${offset}`}` : `${local} ${zone}`;
}

/** The target kinds at least one severity sets, in the format's order. */
export const usedTargetKinds = (matrix: Matrix): TargetKind[] =>
  TARGET_KINDS.filter((kind) => matrix.severities.some((s) => s.targets?.[kind] !== undefined));

export interface TargetChange {
  kind: TargetKind;
  from?: string;
  to: string;
}

/** The targets an override changes, each with the value it replaces (if any). */
export function targetChanges(base: Targets | undefined, override: Targets): TargetChange[] {
  return TARGET_KINDS.flatMap((kind) => {
    const to = override[kind];
    if (to === undefined) return [];
    const from = base?.[kind];
    return [{ kind, ...(from !== undefined ? { from } : {}), to }];
  });
}

export const changeText = (change: TargetChange): string =>
  change.from === undefined ? `none → ${change.to}` : change.from === change.to ? `${change.to} (unchanged)` : `${change.from} → ${change.to}`;
