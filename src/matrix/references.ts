/**
 * Cross-references checked over the raw document, not the schema output: a role named
 * by a severity must exist even while another part of the file has a structural error.
 * Every read is defensive because the data has not been validated.
 */
import type { Diagnostic, Path } from '../diagnostics.js';
import type { Locator } from './locate.js';
import { didYouMean, didYouMeanNotSibling } from './suggest.js';

type Kind = 'role' | 'severity' | 'question' | 'route' | 'calendar' | 'tier' | 'client' | 'handoff field';

const SECTION: Record<Kind, string> = {
  role: 'roles',
  severity: 'severities',
  question: 'triage.questions',
  route: 'routes',
  calendar: 'calendars',
  tier: 'tiers',
  client: 'clients',
  'handoff field': 'handoff',
};

/** Calendar id meaning "round the clock"; always defined. */
export const ROUND_THE_CLOCK = '24x7';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const entries = (value: unknown): [string, unknown][] => (isRecord(value) ? Object.entries(value) : []);
const get = (value: unknown, key: string): unknown => (isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined);

export function checkReferences(data: unknown, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids: Record<Kind, Set<string>> = {
    role: new Set(entries(get(data, 'roles')).map(([k]) => k)),
    severity: new Set(),
    question: new Set(entries(get(get(data, 'triage'), 'questions')).map(([k]) => k)),
    route: new Set(entries(get(data, 'routes')).map(([k]) => k)),
    calendar: new Set([ROUND_THE_CLOCK, ...entries(get(data, 'calendars')).map(([k]) => k)]),
    tier: new Set(entries(get(data, 'tiers')).map(([k]) => k)),
    client: new Set(entries(get(data, 'clients')).map(([k]) => k)),
    'handoff field': new Set(list(get(data, 'handoff')).map((f) => get(f, 'id')).filter((v): v is string => typeof v === 'string')),
  };

  // Ids in lists must be unique: a second item with the same id would be ignored by everything that looks it up.
  const uniqueIds = (section: string, what: string, into?: Set<string>) => {
    const seen = new Map<string, number>();
    list(get(data, section)).forEach((item, i) => {
      const itemId = get(item, 'id');
      if (typeof itemId !== 'string') return;
      const first = seen.get(itemId);
      if (first !== undefined) {
        const span = locator.value([section, i, 'id']);
        const earlier = locator.value([section, first, 'id']).line;
        out.push({ code: 'duplicate-id', level: 'error', message: `${what} "${itemId}" is defined twice (first on line ${earlier}); ids must be unique`, path: [section, i, 'id'], line: span.line, column: span.column });
      } else seen.set(itemId, i);
      into?.add(itemId);
    });
  };
  uniqueIds('severities', 'severity', ids.severity);
  uniqueIds('triggers', 'trigger');
  uniqueIds('exceptions', 'exception');
  uniqueIds('handoff', 'handoff field');
  uniqueIds('governance_review', 'governance trigger');

  // A role missing is usually a role renamed or removed, and "did you mean l2" for a removed l1
  // would hand L1's duties to L2. So an unknown role is only matched to a defined role that
  // nothing references (the likely new name); otherwise the message lists the defined roles.
  const referencedRoles = new Set<string>();
  const unknownRoles: { value: string; finish: (suggestion: string) => void }[] = [];
  const known = (kind: Kind) => {
    const all = [...ids[kind]];
    const shown = kind === 'role' ? all : all.slice(0, 8);
    return all.length ? ` (${shown.join(', ')}${all.length > shown.length ? ', …' : ''})` : ', which is empty';
  };
  const ref = (kind: Kind, path: Path, value: unknown) => {
    if (typeof value !== 'string') return;
    if (kind === 'role') referencedRoles.add(value);
    if (ids[kind].has(value)) return;
    const span = locator.value(path);
    const diagnostic = (suggestion: string): Diagnostic => ({
      code: `unknown-${kind.replace(' ', '-')}`,
      level: 'error',
      message: `unknown ${kind} "${value}"${suggestion}; ${kind} ids come from ${SECTION[kind]}${known(kind)}`,
      path,
      line: span.line,
      column: span.column,
      endLine: span.endLine,
      endColumn: span.endColumn,
    });
    if (kind !== 'role') return void out.push(diagnostic(didYouMean(value, ids[kind])));
    const at = out.length;
    out.push(diagnostic(''));
    unknownRoles.push({ value, finish: (suggestion) => void (out[at] = diagnostic(suggestion)) });
  };
  const refs = (kind: Kind, path: Path, value: unknown) => list(value).forEach((item, i) => ref(kind, [...path, i], item));
  const keyRefs = (kind: Kind, path: Path, value: unknown) =>
    entries(value).forEach(([key]) => {
      if (ids[kind].has(key)) return;
      const span = locator.key([...path, key]);
      const at = out.length;
      const diagnostic = (suggestion: string): Diagnostic => ({ code: `unknown-${kind}`, level: 'error', message: `unknown ${kind} "${key}"${suggestion}; ${kind} ids come from ${SECTION[kind]}${kind === 'role' ? known(kind) : ''}`, path: [...path, key], line: span.line, column: span.column });
      out.push(diagnostic(kind === 'role' ? '' : didYouMean(key, ids[kind])));
      if (kind === 'role') unknownRoles.push({ value: key, finish: (suggestion) => void (out[at] = diagnostic(suggestion)) });
    });

  ref('role', ['owner'], get(data, 'owner'));
  keyRefs('role', ['paging'], get(data, 'paging'));

  list(get(data, 'severities')).forEach((severity, i) => {
    const at = ['severities', i];
    ref('role', [...at, 'owner'], get(severity, 'owner'));
    ref('calendar', [...at, 'calendar'], get(severity, 'calendar'));
    refs('handoff field', [...at, 'handoff'], get(severity, 'handoff'));
    list(get(severity, 'escalation')).forEach((step, j) => {
      refs('role', [...at, 'escalation', j, 'notify'], get(step, 'notify'));
      ref('role', [...at, 'escalation', j, 'approval'], get(step, 'approval'));
    });
    const client = get(severity, 'client');
    ref('role', [...at, 'client', 'contact'], get(client, 'contact'));
    ref('role', [...at, 'client', 'by'], get(client, 'by'));
    ref('role', [...at, 'governance', 'rca_owner'], get(get(severity, 'governance'), 'rca_owner'));
  });

  const triage = get(data, 'triage');
  ref('question', ['triage', 'start'], get(triage, 'start'));
  entries(get(triage, 'questions')).forEach(([qid, question]) => {
    list(get(question, 'answers')).forEach((answer, a) => {
      const at = ['triage', 'questions', qid, 'answers', a];
      ref('question', [...at, 'next'], get(answer, 'next'));
      const outcome = get(answer, 'outcome');
      ref('severity', [...at, 'outcome', 'severity'], get(outcome, 'severity'));
      ref('role', [...at, 'outcome', 'owner'], get(outcome, 'owner'));
      ref('route', [...at, 'outcome', 'route'], get(outcome, 'route'));
      refs('role', [...at, 'outcome', 'inform'], get(outcome, 'inform'));
    });
  });

  list(get(data, 'triggers')).forEach((trigger, i) => {
    ref('severity', ['triggers', i, 'review_as'], get(trigger, 'review_as'));
    ref('route', ['triggers', i, 'route'], get(trigger, 'route'));
  });
  list(get(data, 'governance_review')).forEach((threshold, i) => refs('severity', ['governance_review', i, 'severities'], get(threshold, 'severities')));
  entries(get(data, 'routes')).forEach(([rid, route]) => ref('role', ['routes', rid, 'to'], get(route, 'to')));

  entries(get(data, 'tiers')).forEach(([tid, tier]) => {
    ref('calendar', ['tiers', tid, 'calendar'], get(tier, 'calendar'));
    keyRefs('severity', ['tiers', tid, 'targets'], get(tier, 'targets'));
    refs('role', ['tiers', tid, 'notify'], get(tier, 'notify'));
  });
  entries(get(data, 'clients')).forEach(([cid, client]) => {
    ref('tier', ['clients', cid, 'tier'], get(client, 'tier'));
    keyRefs('severity', ['clients', cid, 'targets'], get(client, 'targets'));
    refs('role', ['clients', cid, 'notify'], get(client, 'notify'));
  });
  list(get(data, 'exceptions')).forEach((exception, i) => {
    const at = ['exceptions', i];
    ref('role', [...at, 'approved_by'], get(exception, 'approved_by'));
    ref('role', [...at, 'owner'], get(exception, 'owner'));
    refs('severity', [...at, 'severities'], get(exception, 'severities'));
    refs('client', [...at, 'clients'], get(exception, 'clients'));
    keyRefs('severity', [...at, 'targets'], get(exception, 'targets'));
    refs('role', [...at, 'notify'], get(exception, 'notify'));
  });
  list(get(data, 'templates')).forEach((template, i) => refs('severity', ['templates', i, 'severities'], get(template, 'severities')));
  list(get(data, 'authority')).forEach((entry, i) => {
    ref('role', ['authority', i, 'role'], get(entry, 'role'));
    refs('severity', ['authority', i, 'severities'], get(entry, 'severities'));
  });
  const unreferenced = [...ids.role].filter((id) => !referencedRoles.has(id));
  for (const u of unknownRoles) u.finish(didYouMeanNotSibling(u.value, unreferenced));
  return out;
}
