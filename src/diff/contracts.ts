/**
 * Customer tiers, named clients and time-bound exceptions, with their target overrides.
 *
 * An override is judged by the time that applies to an incident before and after, as triage
 * resolves it (severity < tier < client < exception), on the clock it runs on: a client's
 * override replaces its tier's, a tier's replaces the severity's and may switch the calendar.
 */
import type { Area, Direction } from './types.js';
import type { Path } from '../diagnostics.js';
import { TARGET_KINDS, type Matrix, type MatrixException, type Targets, type TargetKind } from '../matrix/schema.js';
import { elapsedClock } from '../time/clock.js';
import type { ContractRequest } from '../triage/contract.js';
import { applied, clockDirection, combine, sameTime, timeDirection, timed, type Applied } from './clocks.js';
import { brief, byKey, field, indexById, scopeField, setField, type Sides, type Sink } from './compare.js';

type Overrides = Readonly<Record<string, Targets>> | undefined;

export function diffTiers(sides: Sides, out: Sink): void {
  byKey(sides.old.tiers, sides.new.tiers, {
    removed: (id, t) => out.push({ area: 'tiers', kind: 'removed', path: ['tiers', id], subject: `tier ${id}`, old: brief(t.description ?? id), direction: 'neutral' }),
    added: (id, t) => out.push({ area: 'tiers', kind: 'added', path: ['tiers', id], subject: `tier ${id}`, new: brief(t.description ?? id), direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `tier ${id}`;
      const request = { tier: id };
      field(out, 'tiers', ['tiers', id, 'description'], subject, 'description', a.description, b.description);
      field(out, 'tiers', ['tiers', id, 'calendar'], subject, 'calendar', a.calendar, b.calendar, calendarDirection(sides, request));
      diffOverrides(sides, out, 'tiers', ['tiers', id], subject, a.targets, b.targets, request);
      setField(out, 'tiers', ['tiers', id, 'notify'], subject, 'notify', a.notify ?? [], b.notify ?? []);
    },
  });
}

export function diffClients(sides: Sides, out: Sink): void {
  // Requiring a contract makes scripted triage stop until one is named: stricter.
  const [was, is] = [sides.old.require_contract === true, sides.new.require_contract === true];
  field(out, 'clients', ['require_contract'], 'matrix', 'contract required in triage', was, is, was === is ? 'neutral' : is ? 'stricter' : 'looser');
  byKey(sides.old.clients, sides.new.clients, {
    removed: (id, c) => out.push({ area: 'clients', kind: 'removed', path: ['clients', id], subject: `client ${id}`, old: `${c.name} (tier ${c.tier})`, direction: 'neutral' }),
    added: (id, c) => out.push({ area: 'clients', kind: 'added', path: ['clients', id], subject: `client ${id}`, new: `${c.name} (tier ${c.tier})`, direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `client ${id}`;
      field(out, 'clients', ['clients', id, 'name'], subject, 'name', a.name, b.name);
      field(out, 'clients', ['clients', id, 'tier'], subject, 'tier', a.tier, b.tier);
      diffOverrides(sides, out, 'clients', ['clients', id], subject, a.targets, b.targets, { client: id });
      setField(out, 'clients', ['clients', id, 'notify'], subject, 'notify', a.notify ?? [], b.notify ?? []);
      field(out, 'clients', ['clients', id, 'note'], subject, 'note', a.note, b.note);
    },
  });
}

export function diffExceptions(sides: Sides, out: Sink): void {
  const window = (e: { from: string; until: string; reason: string }) => brief(`${e.from} to ${e.until}: ${e.reason}`);
  byKey(indexById(sides.old.exceptions), indexById(sides.new.exceptions), {
    removed: (id, e) => out.push({ area: 'exceptions', kind: 'removed', path: ['exceptions', id], subject: `exception ${id}`, old: window(e), direction: 'neutral' }),
    added: (id, e) => out.push({ area: 'exceptions', kind: 'added', path: ['exceptions', id], subject: `exception ${id}`, new: window(e), direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `exception ${id}`;
      const at = (name: string) => ['exceptions', id, name];
      field(out, 'exceptions', at('reason'), subject, 'reason', a.reason, b.reason);
      field(out, 'exceptions', at('from'), subject, 'from', a.from, b.from);
      field(out, 'exceptions', at('until'), subject, 'until', a.until, b.until);
      field(out, 'exceptions', at('approved_by'), subject, 'approved by', a.approved_by, b.approved_by);
      const scope = new ExceptionScope(sides, a, b);
      scopeField(out, 'exceptions', at('severities'), subject, 'severities', a.severities, b.severities, scope.direction('severities'));
      scopeField(out, 'exceptions', at('clients'), subject, 'clients', a.clients, b.clients, scope.direction('clients'));
      diffExceptionOverrides(sides, out, ['exceptions', id], subject, a, b, scope);
      setField(out, 'exceptions', at('notify'), subject, 'notify', a.notify ?? [], b.notify ?? []);
      field(out, 'exceptions', at('owner'), subject, 'owner', a.owner, b.owner);
    },
  });
}

/** Severities on both sides, in the new order. */
const commonSeverities = (sides: Sides) => sides.new.severities.map((s) => s.id).filter((id) => sides.old.severities.some((s) => s.id === id));

/** A tier's calendar, judged by the clock each severity runs on for the tier before and after (it falls back to the severity's own). */
function calendarDirection(sides: Sides, request: ContractRequest): Direction {
  return combine(
    commonSeverities(sides).map((severity) => {
      const a = applied(sides.old, severity, request);
      const b = applied(sides.new, severity, request);
      return a && b ? clockDirection(a.clock, b.clock) : 'neutral';
    }),
  );
}

/**
 * Target overrides of a tier or client, by severity: each field whose written time differs,
 * judged by the time that applies to an incident for that tier or client before and after.
 * Adding a 45m client override where the tier allows 30m is looser; dropping a 15m tier
 * override where the severity allows 30m is looser.
 */
function diffOverrides(sides: Sides, out: Sink, area: Area, path: Path, subject: string, before: Overrides, after: Overrides, request: ContractRequest): void {
  for (const severity of overriddenSeverities(before, after)) {
    const a = applied(sides.old, severity, request);
    const b = applied(sides.new, severity, request);
    for (const kind of TARGET_KINDS) {
      const x = before?.[severity]?.[kind];
      const y = after?.[severity]?.[kind];
      if (x === y) continue;
      if (a && b && sameTime(x, y, a.clock, b.clock)) continue;
      const direction = a && b ? timeDirection(timed(a.targets[kind], a.clock), timed(b.targets[kind], b.clock)) : fallback(sides, severity, kind, x, y);
      if (direction === undefined) continue;
      field(out, area, [...path, 'targets', severity, kind], `${subject} ${severity}`, kind, x, y, direction);
    }
  }
}

const overriddenSeverities = (before: Overrides, after: Overrides) => [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];

/**
 * When an override cannot be placed on both sides (its severity is gone, or an exception
 * covers no incident on both): the override, else the severity's own target, on the
 * severity's clock.
 */
function fallback(sides: Sides, severity: string, kind: TargetKind, x: string | undefined, y: string | undefined): Direction | undefined {
  const a = applied(sides.old, severity, {});
  const b = applied(sides.new, severity, {});
  const clocks = { old: a?.clock ?? elapsedClock, new: b?.clock ?? elapsedClock };
  if (sameTime(x, y, clocks.old, clocks.new)) return undefined;
  return timeDirection(timed(x ?? a?.targets[kind], clocks.old), timed(y ?? b?.targets[kind], clocks.new));
}

/** An incident an exception may apply to: no contract, a tier, or a client. */
type Context = ContractRequest;

/** Every kind of incident a matrix knows: without a contract, for each tier, for each client. */
const contexts = (matrix: Matrix): Context[] => [
  {},
  ...Object.keys(matrix.tiers ?? {}).map((tier) => ({ tier })),
  ...Object.keys(matrix.clients ?? {}).map((client) => ({ client })),
];
const contextKey = (c: Context) => (c.client !== undefined ? `client ${c.client}` : c.tier !== undefined ? `tier ${c.tier}` : '');

/** Whether an exception covers a severity, and an incident of this kind (one with `clients` only covers those clients). */
const coversSeverity = (e: MatrixException, severity: string) => !e.severities || e.severities.includes(severity);
const coversContext = (e: MatrixException, c: Context) => !e.clients || (c.client !== undefined && e.clients.includes(c.client));

/**
 * What an exception does to the incidents it covers, before and after, to judge its scope
 * and its overrides. It is judged on its own, against the contract without exceptions.
 */
class ExceptionScope {
  private readonly memo = new Map<string, Applied | undefined>();

  constructor(
    private readonly sides: Sides,
    readonly before: MatrixException,
    readonly after: MatrixException,
  ) {}

  base(side: 'old' | 'new', severity: string, context: Context): Applied | undefined {
    const key = `${side}\u0000${severity}\u0000${contextKey(context)}`;
    if (!this.memo.has(key)) this.memo.set(key, applied(this.sides[side], severity, context));
    return this.memo.get(key);
  }

  /**
   * Narrowing or widening which severities or clients the exception covers. An incident it
   * no longer covers goes back to the contract's targets; one it newly covers gets the
   * exception's. So narrowing an exception that tightened targets is looser, and narrowing
   * one that loosened them is stricter.
   */
  direction(dimension: 'severities' | 'clients'): Direction {
    const { before, after } = this;
    const moved = (severity: string, context: Context) =>
      dimension === 'severities' ? coversSeverity(before, severity) !== coversSeverity(after, severity) : coversContext(before, context) !== coversContext(after, context);
    const covers = (e: MatrixException, severity: string, context: Context) => coversSeverity(e, severity) && coversContext(e, context);
    const found: Direction[] = [];
    // Incidents no longer covered, on the old side: the exception's time, then the contract's.
    for (const severity of this.sides.old.severities.map((s) => s.id)) {
      for (const context of contexts(this.sides.old)) {
        if (!moved(severity, context) || !covers(before, severity, context) || covers(after, severity, context)) continue;
        const base = this.base('old', severity, context);
        if (!base) continue;
        for (const kind of TARGET_KINDS) {
          const own = before.targets?.[severity]?.[kind];
          if (own !== undefined) found.push(timeDirection({ duration: own, clock: base.clock }, timed(base.targets[kind], base.clock)));
        }
      }
    }
    // Incidents newly covered, on the new side: the contract's time, then the exception's.
    for (const severity of this.sides.new.severities.map((s) => s.id)) {
      for (const context of contexts(this.sides.new)) {
        if (!moved(severity, context) || !covers(after, severity, context) || covers(before, severity, context)) continue;
        const base = this.base('new', severity, context);
        if (!base) continue;
        for (const kind of TARGET_KINDS) {
          const own = after.targets?.[severity]?.[kind];
          if (own !== undefined) found.push(timeDirection(timed(base.targets[kind], base.clock), { duration: own, clock: base.clock }));
        }
      }
    }
    return combine(found);
  }

  /** The incidents covered on both sides, with the contract on each side; empty when there are none. */
  shared(severity: string): { old: Applied; new: Applied }[] {
    const out: { old: Applied; new: Applied }[] = [];
    if (!coversSeverity(this.before, severity) || !coversSeverity(this.after, severity)) return out;
    const known = new Set(contexts(this.sides.old).map(contextKey));
    for (const context of contexts(this.sides.new)) {
      if (!known.has(contextKey(context)) || !coversContext(this.before, context) || !coversContext(this.after, context)) continue;
      const a = this.base('old', severity, context);
      const b = this.base('new', severity, context);
      if (a && b) out.push({ old: a, new: b });
    }
    return out;
  }
}

/**
 * An exception's overrides: judged on every incident it covers on both sides, by the time
 * that applies there (the override, else the contract's). Looser when it is looser for any
 * of them: loosening an override to 20m is looser for a tier whose own target is 10m.
 */
function diffExceptionOverrides(sides: Sides, out: Sink, path: Path, subject: string, a: MatrixException, b: MatrixException, scope: ExceptionScope): void {
  for (const severity of overriddenSeverities(a.targets, b.targets)) {
    const shared = scope.shared(severity);
    for (const kind of TARGET_KINDS) {
      const x = a.targets?.[severity]?.[kind];
      const y = b.targets?.[severity]?.[kind];
      if (x === y) continue;
      if (shared.length > 0 && shared.every((c) => sameTime(x, y, c.old.clock, c.new.clock))) continue;
      const direction =
        shared.length > 0
          ? combine(shared.map((c) => timeDirection(timed(x ?? c.old.targets[kind], c.old.clock), timed(y ?? c.new.targets[kind], c.new.clock))))
          : fallback(sides, severity, kind, x, y);
      if (direction === undefined) continue;
      field(out, 'exceptions', [...path, 'targets', severity, kind], `${subject} ${severity}`, kind, x, y, direction);
    }
  }
}
