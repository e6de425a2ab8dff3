/** Roles and contacts, calendars, upkeep and lint settings. */
import type { Calendar } from '../matrix/schema.js';
import { workingCalendar } from '../time/working-time.js';
import { workingHolidays } from './clocks.js';
import { byKey, durationField, field, setField, textItems, type Sides, type Sink } from './compare.js';
import type { Direction } from './types.js';

export function diffRoles(sides: Sides, out: Sink): void {
  byKey(sides.old.roles, sides.new.roles, {
    removed: (id, r) => out.push({ area: 'roles', kind: 'removed', path: ['roles', id], subject: `role ${id}`, old: `${r.title} (${r.contact})`, direction: 'neutral' }),
    added: (id, r) => out.push({ area: 'roles', kind: 'added', path: ['roles', id], subject: `role ${id}`, new: `${r.title} (${r.contact})`, direction: 'neutral' }),
    both: (id, a, b) => {
      for (const name of ['title', 'contact', 'client_contact', 'backup', 'side', 'description'] as const) {
        field(out, 'roles', ['roles', id, name], `role ${id}`, name, a[name], b[name]);
      }
    },
  });
}

/**
 * Calendars. Targets on a calendar count only its working time, so less of it is looser:
 * shorter hours, fewer working days, more holidays on working days; more is stricter. A
 * calendar no severity or tier uses on either side commits to nothing and stays neutral.
 */
export function diffCalendars(sides: Sides, out: Sink): void {
  byKey(sides.old.calendars, sides.new.calendars, {
    removed: (id, c) => out.push({ area: 'calendars', kind: 'removed', path: ['calendars', id], subject: `calendar ${id}`, old: `${c.days.join(' ')} ${c.hours}`, direction: 'neutral' }),
    added: (id, c) => out.push({ area: 'calendars', kind: 'added', path: ['calendars', id], subject: `calendar ${id}`, new: `${c.days.join(' ')} ${c.hours}`, direction: 'neutral' }),
    both: (id, a, b) => {
      const subject = `calendar ${id}`;
      const used = inUse(sides, id);
      const judged = (direction: Direction) => (used ? direction : 'neutral');
      const x = workingCalendar(a, sides.old.timezone);
      const y = workingCalendar(b, sides.new.timezone);
      field(out, 'calendars', ['calendars', id, 'timezone'], subject, 'timezone', a.timezone, b.timezone);
      setField(out, 'calendars', ['calendars', id, 'days'], subject, 'days', a.days, b.days, judged(more(x.days.size, y.days.size)));
      field(out, 'calendars', ['calendars', id, 'hours'], subject, 'hours', a.hours, b.hours, judged(more(x.close - x.open, y.close - y.open)));
      // `holidays` holds the holidays file's dates too; a new file path is shown beside them.
      field(out, 'calendars', ['calendars', id, 'holidays_from'], subject, 'holidays_from', a.holidays_from, b.holidays_from);
      setField(out, 'calendars', ['calendars', id, 'holidays'], subject, 'holidays', a.holidays ?? [], b.holidays ?? [], judged(holidayDirection(a, b, sides)));
    },
  });
}

/** More working time is stricter, less is looser. */
const more = (before: number, after: number): Direction => (after > before ? 'stricter' : after < before ? 'looser' : 'neutral');

/** Holidays added on working days take time away (looser); removed ones give it back (stricter); by how many. */
function holidayDirection(a: Calendar, b: Calendar, sides: Sides): Direction {
  const before = a.holidays ?? [];
  const after = b.holidays ?? [];
  const clockA = { kind: 'working', id: '', calendar: workingCalendar(a, sides.old.timezone) } as const;
  const clockB = { kind: 'working', id: '', calendar: workingCalendar(b, sides.new.timezone) } as const;
  const added = workingHolidays(clockB, after.filter((d) => !before.includes(d)));
  const removed = workingHolidays(clockA, before.filter((d) => !after.includes(d)));
  return more(added, removed);
}

/** Whether a severity or tier runs on this calendar, on either side. */
const inUse = (sides: Sides, id: string) =>
  [sides.old, sides.new].some((m) => m.severities.some((s) => s.calendar === id) || Object.values(m.tiers ?? {}).some((t) => t.calendar === id));

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
