/**
 * The schema's fast path for a valid matrix: the rules of `schema.ts` written as plain code,
 * which builds in microseconds where the zod schema takes milliseconds at each start-up.
 * `acceptMatrix(data)` returns exactly what `matrixSchema.safeParse(data).data` would (strict
 * objects rebuilt in the schema's key order, defaults filled in, lists and records copied),
 * or `undefined` whenever it is not sure; the loader then asks the zod schema, so every
 * message stays the schema's. It may refuse what the schema accepts, never the reverse:
 * `test/matrix/fast.test.ts` holds the two to the same answer on every example and fixture
 * and on random damage to them.
 */
import { parseDuration } from '../time/duration.js';
import { isValidTimeZone } from '../time/zone.js';

export const NO: unique symbol = Symbol('no');
export type Check = (value: unknown) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

export const str: Check = (v) => (typeof v === 'string' ? v : NO);
export const text: Check = (v) => (typeof v === 'string' && v.length > 0 ? v : NO);
export const bool: Check = (v) => (typeof v === 'boolean' ? v : NO);
const pattern = (re: RegExp): Check => (v) => (typeof v === 'string' && re.test(v) ? v : NO);
export const oneOf = (...values: unknown[]): Check => (v) => (values.includes(v) ? v : NO);
const id = pattern(/^[a-z0-9][a-z0-9_-]*$/);

const duration: Check = (v) => (typeof v === 'string' && parseDuration(v).ok ? v : NO);
const positiveDuration: Check = (v) => {
  if (typeof v !== 'string') return NO;
  const parsed = parseDuration(v);
  return parsed.ok && parsed.minutes > 0 ? v : NO;
};

function isRealDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
const date: Check = (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v) ? v : NO);
const dateTime: Check = (v) => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?(Z|[+-]\d{2}:\d{2})?$/.test(v) || !isRealDate(v)) return NO;
  const clock = v.slice(11, 16);
  return clock === '' || (Number(clock.slice(0, 2)) <= 23 && Number(clock.slice(3, 5)) <= 59) ? v : NO;
};
const timeZone: Check = (v) => (typeof v === 'string' && isValidTimeZone(v) ? v : NO);
const hours: Check = (v) => (typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(v) && v.slice(0, 5) < v.slice(6) ? v : NO);
const holidayFile: Check = (v) =>
  typeof v === 'string' && v.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(v) && !v.startsWith('/') && !/^[A-Za-z]:/.test(v) && !v.includes('\\') && !v.split('/').includes('..') ? v : NO;
const intFrom = (least: number): Check => (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= least ? v : NO);

export const list = (item: Check, least = 0): Check => (v) => {
  if (!Array.isArray(v) || v.length < least) return NO;
  const out: unknown[] = [];
  for (let i = 0; i < v.length; i++) {
    if (!(i in v)) return NO;
    const checked = item(v[i]);
    if (checked === NO) return NO;
    out.push(checked);
  }
  return out;
};

export const record = (key: Check, value: Check): Check => (v) => {
  if (!isObject(v)) return NO;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (k === '__proto__' || key(k) === NO) return NO;
    const checked = value(v[k]);
    if (checked === NO) return NO;
    out[k] = checked;
  }
  return Object.getOwnPropertySymbols(v).length === 0 ? out : NO;
};

/** A field of a strict object: required, optional, or with a default when absent. */
export interface Field {
  check: Check;
  optional?: boolean;
  absent?: unknown;
}
export const opt = (check: Check): Field => ({ check, optional: true });
const withDefault = (check: Check, value: unknown): Field => ({ check, absent: value });

/** A strict object; `also` is a refinement over its output, run when every field passed. */
export const object = (shape: Record<string, Check | Field>, also?: (out: Record<string, unknown>) => boolean): Check => {
  const fields = Object.entries(shape).map(([key, f]) => [key, typeof f === 'function' ? { check: f } : f] as const);
  return (v) => {
    if (!isObject(v)) return NO;
    let known = 0;
    const out: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) {
        if ('absent' in field) out[key] = field.absent;
        else if (!field.optional) return NO;
        continue;
      }
      known++;
      const checked = field.check(v[key]);
      if (checked === NO || checked === undefined) return NO;
      out[key] = checked;
    }
    if (known !== Object.keys(v).length || Object.getOwnPropertySymbols(v).length > 0) return NO;
    return also && !also(out) ? NO : out;
  };
};

const texts = list(text);
const role = object({
  title: text,
  contact: text,
  side: withDefault(oneOf('internal', 'client', 'vendor'), 'internal'),
  client_contact: opt(text),
  backup: opt(text),
  description: opt(text),
});
const pagerdutyId = pattern(/^[A-Z0-9]{2,20}$/);
const pagerdutyTarget = object(
  { user: opt(pagerdutyId), schedule: opt(pagerdutyId), escalation_policy: opt(pagerdutyId) },
  (t) => Object.keys(t).length === 1,
);
const pagingTarget = object({ alertmanager: opt(text), pagerduty: opt(pagerdutyTarget) });
const targetKinds = ['acknowledge', 'assign_owner', 'notify_client', 'escalate_after', 'update_every', 'workaround', 'resolution', 'rca'];
const targets = object(Object.fromEntries(targetKinds.map((k) => [k, opt(positiveDuration)])));
const escalationStep = object({
  after: duration,
  layer: opt(oneOf('operational', 'management', 'client', 'executive')),
  notify: list(id, 1),
  notify_client: opt(bool),
  approval: opt(id),
  note: opt(text),
});
const clientRule = object({
  notify: oneOf('formal', 'informal', 'none'),
  contact: opt(id),
  by: opt(id),
  channel: opt(text),
  audience: opt(oneOf('external', 'internal')),
});
const governance = object({
  rca_owner: opt(id),
  review: opt(text),
  risk_entry: opt(object({ after: intFrom(1), within: duration })),
  follow_ups: opt(texts),
});
const severity = object({
  id,
  name: text,
  definition: text,
  impact: opt(object({ scope: opt(text), business: opt(text), workaround: opt(text) })),
  examples: opt(texts),
  owner: id,
  calendar: opt(str),
  targets: opt(targets),
  promise: opt(oneOf('workaround', 'resolution')),
  escalation: opt(list(escalationStep)),
  client: opt(clientRule),
  handoff: opt(list(str)),
  governance: opt(governance),
});
const outcome = object({ severity: id, owner: opt(id), route: opt(str), note: opt(text), inform: opt(list(id)) });
const answer = object(
  { id: opt(id), label: text, unsure: opt(bool), next: opt(str), outcome: opt(outcome) },
  (a) => (a.next === undefined) !== (a.outcome === undefined),
);
const question = object({ ask: text, help: opt(text), answers: list(answer, 1) });
const triage = object({ start: str, questions: record(id, question) });
const calendar = object({
  timezone: opt(timeZone),
  days: list(oneOf('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'), 1),
  hours,
  holidays: opt(list(date)),
  holidays_from: opt(holidayFile),
});
const trigger = object({
  id,
  when: text,
  kind: oneOf('sla', 'outage', 'security', 'billing', 'repeat', 'deadline', 'other'),
  review_as: opt(id),
  route: opt(str),
});
const route = object({ to: id, when: texts, via: opt(text) });
const targetOverrides = record(str, targets);
const tier = object({ description: opt(text), calendar: opt(str), targets: opt(targetOverrides), notify: opt(list(id)) });
const client = object({ name: text, tier: str, targets: opt(targetOverrides), notify: opt(list(id)), note: opt(text) });
const exception = object({
  id,
  reason: text,
  from: dateTime,
  until: dateTime,
  approved_by: id,
  severities: opt(list(id)),
  clients: opt(list(str)),
  targets: opt(targetOverrides),
  notify: opt(list(id)),
  owner: opt(id),
});
const template = object({
  kind: oneOf('acknowledge', 'update', 'resolution'),
  severities: opt(list(id)),
  audience: withDefault(oneOf('client', 'internal'), 'client'),
  subject: opt(text),
  body: text,
});
const handoffField = object({ id, label: text, help: opt(text) });
const authority = object({ role: id, may: text, limit: opt(text), severities: opt(list(id)) });
const governanceTrigger = object({
  id,
  text,
  severities: opt(list(id)),
  breaches: opt(oneOf('acknowledge', 'assign_owner', 'notify_client', 'escalate_after', 'workaround', 'resolution', 'rca', 'any')),
  more_than: opt(intFrom(0)),
  within: opt(duration),
  per: opt(oneOf('client', 'tier')),
});
const governanceEntry: Check = (v) => (typeof v === 'string' ? text(v) : governanceTrigger(v));

const matrix = object({
  $schema: opt(str),
  version: oneOf(1),
  name: text,
  description: opt(text),
  owner: id,
  reviewed: date,
  review_every: duration,
  review_triggers: opt(texts),
  timezone: timeZone,
  calendars: opt(record(id, calendar)),
  roles: record(id, role),
  paging: opt(record(id, pagingTarget)),
  severities: list(severity, 1),
  triggers: opt(list(trigger)),
  routes: opt(record(id, route)),
  triage: opt(triage),
  tiers: opt(record(id, tier)),
  clients: opt(record(id, client)),
  require_contract: opt(bool),
  exceptions: opt(list(exception)),
  templates: opt(list(template)),
  handoff: opt(list(handoffField)),
  authority: opt(list(authority)),
  governance_review: opt(list(governanceEntry)),
  closing: opt(texts),
  lint: opt(object({ rules: opt(record(str, oneOf('off', 'warn', 'error'))) })),
});

/** What the matrix schema makes of `data` when it surely accepts it, else `undefined`. */
export function acceptMatrix(data: unknown): unknown {
  const out = matrix(data);
  return out === NO ? undefined : out;
}
