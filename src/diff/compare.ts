/** Small comparison helpers every area differ shares. */
import type { Path } from '../diagnostics.js';
import type { Matrix } from '../matrix/schema.js';
import { parseDuration } from '../time/duration.js';
import type { Area, Change, Direction, Value } from './types.js';

export interface Sides {
  old: Matrix;
  new: Matrix;
}

/** Where an area differ puts what it finds. */
export type Sink = Change[];

type Scalar = string | number | boolean | undefined;

/** Records one field of a subject when it differs; absent on one side means added or removed. */
export function field(
  out: Sink,
  area: Area,
  path: Path,
  subject: string,
  name: string | undefined,
  before: Scalar,
  after: Scalar,
  direction: Direction = 'neutral',
): void {
  if (before === after) return;
  out.push(change(area, path, subject, name, before, after, direction));
}

/** One change of a field: absent before means added, absent after means removed. */
function change(area: Area, path: Path, subject: string, name: string | undefined, before: Value | undefined, after: Value | undefined, direction: Direction): Change {
  return {
    area,
    kind: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
    path,
    subject,
    ...(name ? { field: name } : {}),
    ...(before === undefined ? {} : { old: before }),
    ...(after === undefined ? {} : { new: after }),
    direction,
  };
}

/** Whether two lists hold the same ids, in any order and however often. */
function sameSet(before: readonly string[], after: readonly string[]): boolean {
  const a = [...new Set(before)].sort();
  const b = [...new Set(after)].sort();
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** A short list of ids whose order carries no meaning (roles notified, days): one change with both lists. */
export function setField(
  out: Sink,
  area: Area,
  path: Path,
  subject: string,
  name: string,
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
  direction: Direction = 'neutral',
): void {
  if (sameSet(before ?? [], after ?? [])) return;
  out.push(change(area, path, subject, name, before, after, direction));
}

/** A list of sentences (checklists, follow-ups): each item added or removed is its own change. */
export function textItems(
  out: Sink,
  area: Area,
  path: Path,
  subject: string,
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
): void {
  const a = before ?? [];
  const b = after ?? [];
  for (const item of a) if (!b.includes(item)) out.push({ area, kind: 'removed', path, subject, old: item, direction: 'neutral' });
  for (const item of b) if (!a.includes(item)) out.push({ area, kind: 'added', path, subject, new: item, direction: 'neutral' });
}

/** Walks two records by key: removed keys, added keys, then keys on both sides, in a stable order. */
export function byKey<T>(
  before: Readonly<Record<string, T>> | undefined,
  after: Readonly<Record<string, T>> | undefined,
  visit: { removed(key: string, value: T): void; added(key: string, value: T): void; both(key: string, a: T, b: T): void },
): void {
  const a = before ?? {};
  const b = after ?? {};
  for (const key of Object.keys(a)) if (!Object.hasOwn(b, key)) visit.removed(key, a[key]!);
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) visit.added(key, b[key]!);
  for (const key of Object.keys(b)) if (Object.hasOwn(a, key)) visit.both(key, a[key]!, b[key]!);
}

/**
 * Lists of items with an `id`, as records, keeping their order. Ids should be unique, but an
 * id given twice loses nothing: its second item is keyed `id#2` (ids cannot hold `#`), the
 * third `id#3`, so the n-th item with an id pairs with the n-th one on the other side.
 */
export function indexById<T extends { id: string }>(items: readonly T[] | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  const seen = new Map<string, number>();
  for (const item of items ?? []) {
    let n = seen.get(item.id) ?? 0;
    let key: string;
    do key = ++n === 1 ? item.id : `${item.id}#${n}`;
    while (Object.hasOwn(out, key));
    seen.set(item.id, n);
    out[key] = item;
  }
  return out;
}

/** How a list that means "all" when omitted (an exception's severities or clients) reads. */
export const ALL = 'all';

/**
 * A list of ids where leaving it out means all of them (which severities an exception,
 * template or authority covers; which clients an exception covers): one change, with a
 * missing list shown as `all` rather than as nothing.
 */
export function scopeField(
  out: Sink,
  area: Area,
  path: Path,
  subject: string,
  name: string,
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
  direction: Direction = 'neutral',
): void {
  if (before === undefined && after === undefined) return;
  if (before !== undefined && after !== undefined && sameSet(before, after)) return;
  out.push({ area, kind: 'changed', path, subject, field: name, old: before ?? ALL, new: after ?? ALL, direction });
}

const minutes = (text: string | undefined): number | undefined => {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.minutes : undefined;
};

/** Two durations the same length, however written (`60m` and `1h`), are no change. */
export function sameDuration(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return before === after;
  return minutes(before) === minutes(after);
}

/**
 * A time allowed got shorter (stricter) or longer (looser). A time newly promised is
 * stricter; one no longer promised is looser.
 */
export function durationDirection(before: string | undefined, after: string | undefined): Direction {
  if (before === undefined) return after === undefined ? 'neutral' : 'stricter';
  if (after === undefined) return 'looser';
  const a = minutes(before) ?? 0;
  const b = minutes(after) ?? 0;
  return b < a ? 'stricter' : b > a ? 'looser' : 'neutral';
}

/** A duration field: recorded only when the length differs, marked stricter or looser. */
export function durationField(out: Sink, area: Area, path: Path, subject: string, name: string | undefined, before: string | undefined, after: string | undefined): void {
  if (sameDuration(before, after)) return;
  field(out, area, path, subject, name, before, after, durationDirection(before, after));
}

/**
 * Whether `after` is a more or less severe level than `before`. Levels are ranked by their
 * place in the list (first = most severe), in the new matrix when both exist there.
 */
export function severityDirection(sides: Sides, before: string | undefined, after: string | undefined): Direction {
  if (before === undefined || after === undefined || before === after) return 'neutral';
  for (const matrix of [sides.new, sides.old]) {
    const a = matrix.severities.findIndex((s) => s.id === before);
    const b = matrix.severities.findIndex((s) => s.id === after);
    if (a >= 0 && b >= 0) return b < a ? 'stricter' : 'looser';
  }
  return 'neutral';
}

/** How formally the client is told, from most to least. */
const NOTIFY_RANK = { formal: 0, informal: 1, none: 2 } as const;
export function clientNotifyDirection(before: keyof typeof NOTIFY_RANK | undefined, after: keyof typeof NOTIFY_RANK | undefined): Direction {
  const a = before === undefined ? NOTIFY_RANK.none : NOTIFY_RANK[before];
  const b = after === undefined ? NOTIFY_RANK.none : NOTIFY_RANK[after];
  return b < a ? 'stricter' : b > a ? 'looser' : 'neutral';
}

/** Shortens free text for a one-line description. */
export function brief(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
