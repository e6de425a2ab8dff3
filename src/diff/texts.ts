/** Templates, the handoff packet, frontline authority, governance thresholds and the closing checklist. */
import type { GovernanceTrigger, Template } from '../matrix/schema.js';
import { triggerCondition } from '../matrix/governance.js';
import { brief, byKey, field, indexById, scopeField, textItems, type Sides, type Sink } from './compare.js';
import { pairBy } from './pair.js';

/** A threshold as diff compares it: structured ones by their text and condition, so a changed count shows. */
const thresholdKey = (t: string | GovernanceTrigger) => (typeof t === 'string' ? t : `${t.text} (${t.id}: ${triggerCondition(t)})`);

const audienceOf = (t: Template) => t.audience ?? 'client';
const scope = (t: Template) => (t.severities?.length ? [...t.severities].sort().join(', ') : 'all severities');
const templateName = (t: Template) => `${t.kind} template (${audienceOf(t)}, ${scope(t)})`;

export function diffTemplates(sides: Sides, out: Sink): void {
  const before = sides.old.templates ?? [];
  const after = sides.new.templates ?? [];
  const pairs = pairBy(before, after, [
    (a, b) => a.kind === b.kind && audienceOf(a) === audienceOf(b) && scope(a) === scope(b),
    (a, b) => a.kind === b.kind && audienceOf(a) === audienceOf(b),
    (a, b) => a.kind === b.kind && a.body === b.body,
  ]);
  for (const i of pairs.removed) {
    const t = before[i]!;
    out.push({ area: 'templates', kind: 'removed', path: ['templates', i], subject: templateName(t), old: brief(t.subject ?? t.body), direction: 'neutral' });
  }
  for (const j of pairs.added) {
    const t = after[j]!;
    out.push({ area: 'templates', kind: 'added', path: ['templates', j], subject: templateName(t), new: brief(t.subject ?? t.body), direction: 'neutral' });
  }
  for (const [i, j] of pairs.pairs) {
    const a = before[i]!;
    const b = after[j]!;
    const subject = templateName(b);
    field(out, 'templates', ['templates', j, 'audience'], subject, 'audience', audienceOf(a), audienceOf(b));
    scopeField(out, 'templates', ['templates', j, 'severities'], subject, 'severities', a.severities, b.severities);
    field(out, 'templates', ['templates', j, 'subject'], subject, 'subject', a.subject, b.subject);
    field(out, 'templates', ['templates', j, 'body'], subject, 'body', a.body, b.body);
  }
}

export function diffHandoff(sides: Sides, out: Sink): void {
  byKey(indexById(sides.old.handoff), indexById(sides.new.handoff), {
    removed: (id, f) => out.push({ area: 'handoff', kind: 'removed', path: ['handoff', id], subject: `handoff field ${id}`, old: f.label, direction: 'neutral' }),
    added: (id, f) => out.push({ area: 'handoff', kind: 'added', path: ['handoff', id], subject: `handoff field ${id}`, new: f.label, direction: 'neutral' }),
    both: (id, a, b) => {
      field(out, 'handoff', ['handoff', id, 'label'], `handoff field ${id}`, 'label', a.label, b.label);
      field(out, 'handoff', ['handoff', id, 'help'], `handoff field ${id}`, 'help', a.help, b.help);
    },
  });
}

export function diffAuthority(sides: Sides, out: Sink): void {
  const before = sides.old.authority ?? [];
  const after = sides.new.authority ?? [];
  const pairs = pairBy(before, after, [(a, b) => a.role === b.role && a.may === b.may]);
  const name = (a: { role: string; may: string }) => `${a.role} may ${brief(a.may, 50)}`;
  for (const i of pairs.removed) {
    const a = before[i]!;
    out.push({ area: 'authority', kind: 'removed', path: ['authority', i], subject: `authority of ${a.role}`, old: brief(a.may), direction: 'neutral' });
  }
  for (const j of pairs.added) {
    const a = after[j]!;
    out.push({ area: 'authority', kind: 'added', path: ['authority', j], subject: `authority of ${a.role}`, new: brief(a.may), direction: 'neutral' });
  }
  for (const [i, j] of pairs.pairs) {
    const a = before[i]!;
    const b = after[j]!;
    field(out, 'authority', ['authority', j, 'limit'], name(b), 'limit', a.limit, b.limit);
    scopeField(out, 'authority', ['authority', j, 'severities'], name(b), 'severities', a.severities, b.severities);
  }
}

export function diffGovernance(sides: Sides, out: Sink): void {
  textItems(out, 'governance', ['governance_review'], 'governance review threshold', sides.old.governance_review?.map(thresholdKey), sides.new.governance_review?.map(thresholdKey));
  textItems(out, 'governance', ['closing'], 'closing step', sides.old.closing, sides.new.closing);
}
