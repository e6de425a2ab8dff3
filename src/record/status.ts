/**
 * `escalate status` as data and as a card: per record what is done (on time, or late by how
 * much), what is overdue now, what falls due next, and whom to pull in. Pure.
 */
import type { Colors } from '../cli/colors.js';
import { clockText, timeText, dayText } from '../time/display.js';
import { formatInstant } from '../time/instant.js';
import { minutesFrom, spanText } from '../time/relative.js';
import type { Evaluation, TargetMark } from './evaluate.js';
import type { Warning } from './warn.js';

const iso = (d: Date, zone: string) => formatInstant(d, zone);

export interface StatusJson {
  file: string;
  severity: { id: string; name: string };
  open: boolean;
  /** False when judged before the incident started: nothing is due yet. */
  started: boolean;
  started_at: string;
  resolved_at?: string;
  as_of: string;
  /** True when anything is overdue now; the exit code is 1 when any record has this. */
  overdue: boolean;
  targets: {
    kind: string;
    label: string;
    target: string;
    due: string;
    state: TargetMark['state'];
    clock: string;
    done_at?: string;
    by?: string;
    late_minutes?: number;
  }[];
  updates?: { every: string; kept: number; missed: number; next?: { due: string; overdue: boolean; late_minutes?: number } };
  escalation: {
    step: number;
    after: string;
    at: string;
    layer?: string;
    state: string;
    done_at?: string;
    late_minutes?: number;
    notify: { role: string; title: string; contact: string }[];
  }[];
  /** The earliest deadline not met yet and not overdue. */
  next?: { what: string; due: string; minutes_from_now: number };
  /** Escalation steps whose time has come and that nobody recorded: pull these roles in now. */
  pull_in_now: { step: number; layer?: string; roles: { role: string; title: string; contact: string }[] }[];
  /** The next escalation step while the incident is open. */
  pull_in_next?: { step: number; at: string; layer?: string; roles: { role: string; title: string; contact: string }[] };
}

export function statusJson(file: string, e: Evaluation): StatusJson {
  const z = e.zone;
  const nextCandidates: { what: string; due: Date }[] = [];
  for (const t of e.targets) if (t.state === 'due') nextCandidates.push({ what: t.label, due: t.due });
  if (e.cadence.next && !e.cadence.next.overdue) nextCandidates.push({ what: 'Next status update', due: e.cadence.next.due });
  nextCandidates.sort((a, b) => a.due.getTime() - b.due.getTime());
  const next = e.open || nextCandidates.length > 0 ? nextCandidates[0] : undefined;
  const upcoming = e.open ? e.steps.find((s) => s.state === 'upcoming') : undefined;
  return {
    file,
    severity: { id: e.plan.severity.id, name: e.plan.severity.name },
    open: e.open,
    started: e.started,
    started_at: iso(e.start, z),
    ...(e.resolvedAt ? { resolved_at: iso(e.resolvedAt, z) } : {}),
    as_of: iso(e.asOf, z),
    overdue: e.overdue,
    targets: e.targets.map((t) => ({
      kind: t.kind,
      label: t.label,
      target: t.target,
      due: iso(t.due, z),
      state: t.state,
      clock: t.clock,
      ...(t.doneAt ? { done_at: iso(t.doneAt, z) } : {}),
      ...(t.by ? { by: t.by } : {}),
      ...(t.lateMinutes !== undefined ? { late_minutes: t.lateMinutes } : {}),
    })),
    ...(e.cadence.every
      ? {
          updates: {
            every: e.cadence.every,
            kept: e.cadence.kept,
            missed: e.cadence.missed,
            ...(e.cadence.next
              ? { next: { due: iso(e.cadence.next.due, z), overdue: e.cadence.next.overdue, ...(e.cadence.next.lateMinutes !== undefined ? { late_minutes: e.cadence.next.lateMinutes } : {}) } }
              : {}),
          },
        }
      : {}),
    escalation: e.steps.map((s) => ({
      step: s.index,
      after: s.after,
      at: iso(s.at, z),
      ...(s.layer ? { layer: s.layer } : {}),
      state: s.state,
      ...(s.doneAt ? { done_at: iso(s.doneAt, z) } : {}),
      ...(s.lateMinutes !== undefined ? { late_minutes: s.lateMinutes } : {}),
      notify: s.notify,
    })),
    ...(next ? { next: { what: next.what, due: iso(next.due, z), minutes_from_now: minutesFrom(e.asOf, next.due) } } : {}),
    pull_in_now: e.steps.filter((s) => s.state === 'due').map((s) => ({ step: s.index, ...(s.layer ? { layer: s.layer } : {}), roles: s.notify })),
    ...(upcoming ? { pull_in_next: { step: upcoming.index, at: iso(upcoming.at, z), ...(upcoming.layer ? { layer: upcoming.layer } : {}), roles: upcoming.notify } } : {}),
  };
}

const WORKING = (clock: string) => (clock === '24x7' ? '' : ' working');

/** A clock time, without the day when it is the same day as `ref`. */
function when(d: Date, ref: Date, zone: string): string {
  return dayText(d, zone) === dayText(ref, zone) ? timeText(d, zone) : clockText(d, zone);
}

export function formatStatusCard(file: string, e: Evaluation, c: Colors): string {
  const z = e.zone;
  const out: string[] = [];
  const sev = e.plan.severity;
  if (!e.started) {
    out.push(`${c.bold(`${sev.id.toUpperCase()} · ${sev.name}`)}  ${file}  ${c.dim('not started yet')}`);
    out.push(c.dim(`starts ${clockText(e.start, z)} · as of ${clockText(e.asOf, z)} ${z}`));
    return `${out.join('\n')}\n`;
  }
  const age = spanText(Math.max(0, minutesFrom(e.start, e.resolvedAt ?? e.asOf)));
  const state = e.open ? `open since ${clockText(e.start, z)} (${age})` : `resolved ${clockText(e.resolvedAt!, z)} after ${age}`;
  const flag = e.overdue ? c.red(c.bold('OVERDUE')) : e.open ? c.green('on track') : c.dim('closed');
  out.push(`${c.bold(`${sev.id.toUpperCase()} · ${sev.name}`)}  ${file}  ${flag}`);
  out.push(c.dim(`${state} · as of ${clockText(e.asOf, z)} ${z}`));
  const rows: [string, string, string, string][] = [];
  for (const t of e.targets) {
    const due = `due ${when(t.due, e.start, z)}`;
    const unit = WORKING(t.clock);
    switch (t.state) {
      case 'on_time':
        rows.push([c.green('done'), t.label, 'on time', `${due}, at ${when(t.doneAt!, e.start, z)} by ${t.by}`]);
        break;
      case 'late':
        rows.push([c.yellow('late'), t.label, `late by ${spanText(t.lateMinutes!)}${unit}`, `${due}, at ${when(t.doneAt!, e.start, z)} by ${t.by}`]);
        break;
      case 'overdue':
        rows.push([c.red('OVERDUE'), t.label, `by ${spanText(t.lateMinutes!)}${unit}`, due]);
        break;
      case 'missed':
        rows.push([c.red('missed'), t.label, `resolved ${spanText(t.lateMinutes!)}${unit} after it fell due`, due]);
        break;
      case 'not_needed':
        rows.push([c.dim('—'), t.label, 'not needed', `resolved before it fell due (${when(t.due, e.start, z)})`]);
        break;
      default: {
        const m = minutesFrom(e.asOf, t.due);
        rows.push(['due', t.label, m >= 0 ? `in ${spanText(m)}` : `passed ${spanText(m)} ago, no${unit} time lost yet`, `${clockText(t.due, z)}`]);
      }
    }
  }
  if (e.cadence.every) {
    const tally = `every ${e.cadence.every}: ${e.cadence.kept} kept, ${e.cadence.missed} missed`;
    const n = e.cadence.next;
    if (n?.overdue) rows.push([c.red('OVERDUE'), 'Next status update', `by ${spanText(n.lateMinutes ?? 0)}`, `due ${when(n.due, e.start, z)}; ${tally}`]);
    else if (n) rows.push(['due', 'Next status update', `in ${spanText(Math.max(0, minutesFrom(e.asOf, n.due)))}`, `${clockText(n.due, z)}; ${tally}`]);
    else rows.push([e.cadence.missed > 0 ? c.yellow('updates') : c.green('updates'), 'Status updates', `${e.cadence.kept} kept, ${e.cadence.missed} missed`, `every ${e.cadence.every}`]);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => visible(r[i]!).length), 0));
  for (const r of rows) out.push(`  ${pad(r[0], widths[0]!)}  ${pad(r[1], widths[1]!)}  ${pad(r[2], widths[2]!)}  ${c.dim(r[3])}`.trimEnd());
  for (const s of e.steps) {
    const who = s.notify.map((r) => `${r.title} (${r.contact})`).join(', ') || 'no roles';
    const label = `step ${s.index}${s.layer ? ` ${s.layer}` : ''}`;
    if (s.state === 'due') out.push(`  ${c.red('Pull in now:')} ${who} · ${label}, due ${when(s.at, e.start, z)}`);
  }
  const upcoming = e.open ? e.steps.find((s) => s.state === 'upcoming') : undefined;
  if (upcoming) {
    const who = upcoming.notify.map((r) => `${r.title} (${r.contact})`).join(', ') || 'no roles';
    out.push(`  Pull in next: ${who} · step ${upcoming.index}${upcoming.layer ? ` ${upcoming.layer}` : ''} at ${clockText(upcoming.at, z)} if still unresolved`);
  }
  return `${out.join('\n')}\n`;
}

// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - visible(s).length));

/** A `--warn-within` warning as data: what falls overdue, when it is due, minutes from now to then. */
export function warningJson(w: Warning, e: Evaluation) {
  return {
    what: w.what,
    ...(w.what === 'target' ? { kind: w.kind } : {}),
    label: w.label,
    due: iso(w.due, e.zone),
    minutes_from_now: minutesFrom(e.asOf, w.due),
    ...(w.what === 'step' ? { step: w.step, ...(w.layer ? { layer: w.layer } : {}), roles: w.roles } : {}),
  };
}

/** The card's `--warn-within` lines: one per thing that falls overdue within the window. */
export function formatWarnings(warnings: readonly Warning[], window: string, e: Evaluation, c: Colors): string {
  return warnings
    .map((w) => {
      const m = minutesFrom(e.asOf, w.due);
      const when = m > 0 ? `in ${spanText(m)}` : m === 0 ? 'now' : `${spanText(-m)} ago`;
      const who = w.what === 'step' ? `: ${w.roles.map((r) => `${r.title} (${r.contact})`).join(', ') || 'no roles'}` : '';
      return `  ${c.yellow(`Overdue within ${window}:`)} ${w.label}${who} · due ${clockText(w.due, e.zone)} (${when})\n`;
    })
    .join('');
}
