/** The decision tree as a structure: questions, answers and where each answer leads. */
import type { Answer, Question } from '../matrix/schema.js';
import { answerId } from '../triage/engine.js';
import { brief, byKey, field, setField, severityDirection, type Sides, type Sink } from './compare.js';
import { pairBy } from './pair.js';

export function diffTree(sides: Sides, out: Sink): void {
  const a = sides.old.triage;
  const b = sides.new.triage;
  const size = (t: { start: string; questions: Record<string, Question> }) => `${Object.keys(t.questions).length} questions, starting at ${t.start}`;
  if (!a && !b) return;
  if (!a || !b) {
    out.push({ area: 'triage', kind: a ? 'removed' : 'added', path: ['triage'], subject: 'decision tree', ...(a ? { old: size(a) } : {}), ...(b ? { new: size(b) } : {}), direction: 'neutral' });
    return;
  }
  field(out, 'triage', ['triage', 'start'], 'decision tree', 'start', a.start, b.start);
  byKey(a.questions, b.questions, {
    removed: (id, q) => out.push({ area: 'triage', kind: 'removed', path: ['triage', 'questions', id], subject: `question ${id}`, old: brief(q.ask), direction: 'neutral' }),
    added: (id, q) => out.push({ area: 'triage', kind: 'added', path: ['triage', 'questions', id], subject: `question ${id}`, new: brief(q.ask), direction: 'neutral' }),
    both: (id, x, y) => diffQuestion(sides, id, x, y, out),
  });
}

function diffQuestion(sides: Sides, id: string, a: Question, b: Question, out: Sink): void {
  const at = (...rest: string[]) => ['triage', 'questions', id, ...rest];
  field(out, 'triage', at('ask'), `question ${id}`, 'ask', a.ask, b.ask);
  field(out, 'triage', at('help'), `question ${id}`, 'help', a.help, b.help);
  const { pairs, removed, added } = pairBy(a.answers, b.answers, [
    (x, y) => answerId(x) === answerId(y),
    (x, y) => x.label === y.label,
    // Same place and same destination: a relabelled answer whose id follows its label.
    (x, y) => a.answers.indexOf(x) === b.answers.indexOf(y) && edge(x) === edge(y),
  ]);
  for (const i of removed) {
    const x = a.answers[i]!;
    out.push({ area: 'triage', kind: 'removed', path: at('answers', answerId(x)), subject: `${id}=${answerId(x)}`, old: `"${x.label}" → ${edge(x)}`, direction: 'neutral' });
  }
  for (const j of added) {
    const y = b.answers[j]!;
    out.push({ area: 'triage', kind: 'added', path: at('answers', answerId(y)), subject: `${id}=${answerId(y)}`, new: `"${y.label}" → ${edge(y)}`, direction: 'neutral' });
  }
  for (const [i, j] of pairs) {
    const x = a.answers[i]!;
    const y = b.answers[j]!;
    const subject = `${id}=${answerId(y)}`;
    const path = at('answers', answerId(y));
    if (x.label !== y.label) out.push({ area: 'triage', kind: 'relabelled', path: [...path, 'label'], subject, field: 'label', old: x.label, new: y.label, direction: 'neutral' });
    field(out, 'triage', [...path, 'id'], subject, 'id', answerId(x), answerId(y));
    field(out, 'triage', [...path, 'unsure'], subject, 'taken when unsure', x.unsure === true, y.unsure === true);
    if (edge(x) !== edge(y)) {
      out.push({ area: 'triage', kind: 'retargeted', path, subject, old: edge(x), new: edge(y), direction: severityDirection(sides, x.outcome?.severity, y.outcome?.severity) });
    }
    field(out, 'triage', [...path, 'outcome', 'note'], subject, 'note', x.outcome?.note, y.outcome?.note);
    if (x.outcome && y.outcome) setField(out, 'triage', [...path, 'outcome', 'inform'], subject, 'inform', x.outcome.inform ?? [], y.outcome.inform ?? []);
  }
  const order = (list: readonly Answer[], other: readonly Answer[]) => list.map(answerId).filter((k) => other.some((o) => answerId(o) === k));
  const before = order(a.answers, b.answers);
  const after = order(b.answers, a.answers);
  if (before.some((k, i) => k !== after[i])) {
    out.push({ area: 'triage', kind: 'reordered', path: at('answers'), subject: `question ${id} answers`, old: before, new: after, direction: 'neutral' });
  }
}

/** Where an answer leads, in words: another question, or an outcome. */
export function edge(answer: Answer): string {
  if (answer.outcome) {
    const { severity, owner, route } = answer.outcome;
    const extras = [owner ? `owner ${owner}` : undefined, route ? `route ${route}` : undefined].filter(Boolean);
    return extras.length ? `${severity} (${extras.join(', ')})` : severity;
  }
  return answer.next ? `question ${answer.next}` : 'nowhere';
}
