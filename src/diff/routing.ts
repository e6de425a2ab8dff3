/** Triggers and cross-functional routes. */
import { brief, byKey, field, indexById, setField, severityDirection, type Sides, type Sink } from './compare.js';

export function diffTriggers(sides: Sides, out: Sink): void {
  byKey(indexById(sides.old.triggers), indexById(sides.new.triggers), {
    removed: (id, t) => out.push({ area: 'triggers', kind: 'removed', path: ['triggers', id], subject: `trigger ${id}`, old: brief(`${t.kind}: ${t.when}`), direction: 'neutral' }),
    added: (id, t) => out.push({ area: 'triggers', kind: 'added', path: ['triggers', id], subject: `trigger ${id}`, new: brief(`${t.kind}: ${t.when}`), direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `trigger ${id}`;
      field(out, 'triggers', ['triggers', id, 'when'], subject, 'when', a.when, b.when);
      field(out, 'triggers', ['triggers', id, 'kind'], subject, 'kind', a.kind, b.kind);
      field(out, 'triggers', ['triggers', id, 'review_as'], subject, 'review as', a.review_as, b.review_as, severityDirection(sides, a.review_as, b.review_as));
      field(out, 'triggers', ['triggers', id, 'route'], subject, 'route', a.route, b.route);
    },
  });
}

export function diffRoutes(sides: Sides, out: Sink): void {
  byKey(sides.old.routes, sides.new.routes, {
    removed: (id, r) => out.push({ area: 'routes', kind: 'removed', path: ['routes', id], subject: `route ${id}`, old: `to ${r.to}`, direction: 'neutral' }),
    added: (id, r) => out.push({ area: 'routes', kind: 'added', path: ['routes', id], subject: `route ${id}`, new: `to ${r.to}`, direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `route ${id}`;
      field(out, 'routes', ['routes', id, 'to'], subject, 'to', a.to, b.to);
      setField(out, 'routes', ['routes', id, 'when'], subject, 'when', a.when, b.when);
      field(out, 'routes', ['routes', id, 'via'], subject, 'via', a.via, b.via);
    },
  });
}
