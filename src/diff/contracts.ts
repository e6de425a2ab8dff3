/** Customer tiers, named clients and time-bound exceptions, with their target overrides. */
import type { Area } from './types.js';
import type { Path } from '../diagnostics.js';
import { TARGET_KINDS, type Matrix, type Targets } from '../matrix/schema.js';
import { brief, byKey, durationDirection, field, indexById, sameDuration, setField, type Sides, type Sink } from './compare.js';

type Overrides = Readonly<Record<string, Targets>> | undefined;

export function diffTiers(sides: Sides, out: Sink): void {
  byKey(sides.old.tiers, sides.new.tiers, {
    removed: (id, t) => out.push({ area: 'tiers', kind: 'removed', path: ['tiers', id], subject: `tier ${id}`, old: brief(t.description ?? id), direction: 'neutral' }),
    added: (id, t) => out.push({ area: 'tiers', kind: 'added', path: ['tiers', id], subject: `tier ${id}`, new: brief(t.description ?? id), direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `tier ${id}`;
      field(out, 'tiers', ['tiers', id, 'description'], subject, 'description', a.description, b.description);
      field(out, 'tiers', ['tiers', id, 'calendar'], subject, 'calendar', a.calendar, b.calendar);
      diffOverrides(sides, out, 'tiers', ['tiers', id], subject, a.targets, b.targets);
      setField(out, 'tiers', ['tiers', id, 'notify'], subject, 'notify', a.notify ?? [], b.notify ?? []);
    },
  });
}

export function diffClients(sides: Sides, out: Sink): void {
  byKey(sides.old.clients, sides.new.clients, {
    removed: (id, c) => out.push({ area: 'clients', kind: 'removed', path: ['clients', id], subject: `client ${id}`, old: `${c.name} (tier ${c.tier})`, direction: 'neutral' }),
    added: (id, c) => out.push({ area: 'clients', kind: 'added', path: ['clients', id], subject: `client ${id}`, new: `${c.name} (tier ${c.tier})`, direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `client ${id}`;
      field(out, 'clients', ['clients', id, 'name'], subject, 'name', a.name, b.name);
      field(out, 'clients', ['clients', id, 'tier'], subject, 'tier', a.tier, b.tier);
      diffOverrides(sides, out, 'clients', ['clients', id], subject, a.targets, b.targets);
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
      setField(out, 'exceptions', at('severities'), subject, 'severities', a.severities ?? [], b.severities ?? []);
      setField(out, 'exceptions', at('clients'), subject, 'clients', a.clients ?? [], b.clients ?? []);
      diffOverrides(sides, out, 'exceptions', ['exceptions', id], subject, a.targets, b.targets);
      setField(out, 'exceptions', at('notify'), subject, 'notify', a.notify ?? [], b.notify ?? []);
      field(out, 'exceptions', at('owner'), subject, 'owner', a.owner, b.owner);
    },
  });
}

/**
 * Target overrides by severity. An override that appears or disappears is judged by the
 * time that applies afterwards: dropping a 15m override where the severity allows 30m is looser.
 */
function diffOverrides(sides: Sides, out: Sink, area: Area, path: Path, subject: string, before: Overrides, after: Overrides): void {
  const severities = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  for (const severity of severities) {
    const a = before?.[severity];
    const b = after?.[severity];
    for (const kind of TARGET_KINDS) {
      const x = a?.[kind];
      const y = b?.[kind];
      if (sameDuration(x, y)) continue;
      const direction = durationDirection(x ?? base(sides.old, severity, kind), y ?? base(sides.new, severity, kind));
      field(out, area, [...path, 'targets', severity, kind], `${subject} ${severity}`, kind, x, y, direction);
    }
  }
}

const base = (matrix: Matrix, severity: string, kind: (typeof TARGET_KINDS)[number]) =>
  matrix.severities.find((s) => s.id === severity)?.targets?.[kind];
