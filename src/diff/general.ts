/** Roles and contacts, calendars, upkeep and lint settings. */
import { byKey, durationField, field, setField, textItems, type Sides, type Sink } from './compare.js';

export function diffRoles(sides: Sides, out: Sink): void {
  byKey(sides.old.roles, sides.new.roles, {
    removed: (id, r) => out.push({ area: 'roles', kind: 'removed', path: ['roles', id], subject: `role ${id}`, old: `${r.title} (${r.contact})`, direction: 'neutral' }),
    added: (id, r) => out.push({ area: 'roles', kind: 'added', path: ['roles', id], subject: `role ${id}`, new: `${r.title} (${r.contact})`, direction: 'neutral' }),
    both: (id, a, b) => {
      for (const name of ['title', 'contact', 'backup', 'side', 'description'] as const) {
        field(out, 'roles', ['roles', id, name], `role ${id}`, name, a[name], b[name]);
      }
    },
  });
}

export function diffCalendars(sides: Sides, out: Sink): void {
  byKey(sides.old.calendars, sides.new.calendars, {
    removed: (id, c) => out.push({ area: 'calendars', kind: 'removed', path: ['calendars', id], subject: `calendar ${id}`, old: `${c.days.join(' ')} ${c.hours}`, direction: 'neutral' }),
    added: (id, c) => out.push({ area: 'calendars', kind: 'added', path: ['calendars', id], subject: `calendar ${id}`, new: `${c.days.join(' ')} ${c.hours}`, direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `calendar ${id}`;
      field(out, 'calendars', ['calendars', id, 'timezone'], subject, 'timezone', a.timezone, b.timezone);
      setField(out, 'calendars', ['calendars', id, 'days'], subject, 'days', a.days, b.days);
      field(out, 'calendars', ['calendars', id, 'hours'], subject, 'hours', a.hours, b.hours);
      setField(out, 'calendars', ['calendars', id, 'holidays'], subject, 'holidays', a.holidays ?? [], b.holidays ?? []);
    },
  });
}

export function diffUpkeep(sides: Sides, out: Sink): void {
  const a = sides.old;
  const b = sides.new;
  field(out, 'upkeep', ['name'], 'matrix', 'name', a.name, b.name);
  field(out, 'upkeep', ['description'], 'matrix', 'description', a.description, b.description);
  field(out, 'upkeep', ['owner'], 'matrix', 'owner', a.owner, b.owner);
  field(out, 'upkeep', ['reviewed'], 'matrix', 'reviewed', a.reviewed, b.reviewed);
  durationField(out, 'upkeep', ['review_every'], 'matrix', 'review every', a.review_every, b.review_every);
  textItems(out, 'upkeep', ['review_triggers'], 'review trigger', a.review_triggers, b.review_triggers);
  field(out, 'upkeep', ['timezone'], 'matrix', 'timezone', a.timezone, b.timezone);
}

export function diffSettings(sides: Sides, out: Sink): void {
  byKey(sides.old.lint?.rules, sides.new.lint?.rules, {
    removed: (rule, level) => field(out, 'settings', ['lint', 'rules', rule], `lint rule ${rule}`, 'level', level, undefined),
    added: (rule, level) => field(out, 'settings', ['lint', 'rules', rule], `lint rule ${rule}`, 'level', undefined, level),
    both: (rule, a, b) => field(out, 'settings', ['lint', 'rules', rule], `lint rule ${rule}`, 'level', a, b),
  });
}
