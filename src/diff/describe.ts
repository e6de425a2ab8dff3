/** Changes and answer paths in words, shared by every reporter. */
import { brief } from './compare.js';
import { answerText } from './impact.js';
import type { Change, PathImpact, PathOutcome, Value } from './types.js';

export const ARROW = '→';

/** A value for one line of text: lists joined, booleans as yes/no, long text shortened. */
export function formatValue(value: Value | undefined, max = 60): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return brief(value, max);
  return value.length === 0 ? '(none)' : brief(value.join(', '), max);
}

/** The subject and field: "sev2 acknowledge", "route finance to". */
export const changeName = (c: Change) => (c.field && c.kind !== 'renamed' && c.kind !== 'relabelled' && c.kind !== 'retargeted' ? `${c.subject} ${c.field}` : c.subject);

/** One line for a change, without colour: "sev2 acknowledge: 30m → 15m". */
export function describeChange(c: Change, max = 60): string {
  const name = changeName(c);
  switch (c.kind) {
    case 'added':
      return c.new === undefined ? `${name} added` : `${name} added: ${formatValue(c.new, max)}`;
    case 'removed':
      return c.old === undefined ? `${name} removed` : `${name} removed (was ${formatValue(c.old, max)})`;
    case 'renamed':
      return `${name} renamed: ${formatValue(c.old, max)} ${ARROW} ${formatValue(c.new, max)}`;
    case 'relabelled':
      return `${name} relabelled: "${formatValue(c.old, max)}" ${ARROW} "${formatValue(c.new, max)}"`;
    case 'retargeted':
      return `${name}: ${formatValue(c.old, max)} ${ARROW} ${formatValue(c.new, max)}`;
    case 'reordered':
      return `${name} reordered: ${formatValue(c.old, max)} ${ARROW} ${formatValue(c.new, max)}`;
    case 'retimed':
    case 'changed':
      if (Array.isArray(c.old) && Array.isArray(c.new)) return `${name}: ${listDelta(c.old, c.new)}`;
      return `${name}: ${formatValue(c.old, max)} ${ARROW} ${formatValue(c.new, max)}`;
  }
}

/** `+executive, -head-of-support`: what a set of ids gained and lost. */
export function listDelta(before: readonly string[], after: readonly string[]): string {
  const gained = after.filter((x) => !before.includes(x)).map((x) => `+${x}`);
  const lost = before.filter((x) => !after.includes(x)).map((x) => `-${x}`);
  return [...gained, ...lost].join(', ');
}

/** An outcome in full: "sev2 (owner specialist, route engineering to eng-oncall)". */
export function formatOutcome(o: PathOutcome): string {
  const route = o.route ? `, route ${o.route}${o.routeTo ? ` to ${o.routeTo}` : ''}` : '';
  const inform = o.inform ? `, informs ${o.inform.join(', ')}` : '';
  return `${o.severity} (owner ${o.owner}${route}${inform})`;
}

export interface PathWords {
  /** The answers, shortened in the middle when there are very many (JSON keeps them all). */
  answers: string;
  /** The parts of the old outcome that changed, or the whole outcome of a removed path. */
  before: string;
  /** The parts of the new outcome that changed, or the whole outcome of an added path. */
  after: string;
  /** One line: "security=no, scope=many: sev2 → sev1". */
  text: string;
}

/** Answer combinations longer than this are shortened in the middle; the last answers lead to the outcome. */
const MAX_ANSWERS = 12;

/** `security=no, scope=many`, or `q0=n, q1=n, q2=n, … 2489 more …, q2500=y` for a very deep path. */
export function shortAnswerText(answers: PathImpact['answers']): string {
  if (answers.length <= MAX_ANSWERS) return answerText(answers);
  const head = answers.slice(0, 4);
  const tail = answers.slice(-6);
  return `${answerText(head)}, … ${answers.length - 10} more …, ${answerText(tail)}`;
}

export function describePath(p: PathImpact): PathWords {
  const answers = shortAnswerText(p.answers);
  if (p.status === 'added' && p.new) {
    const after = formatOutcome(p.new);
    return { answers, before: 'no path', after, text: `${answers}: new path ${ARROW} ${after}` };
  }
  if (p.status === 'removed' && p.old) {
    const before = formatOutcome(p.old);
    return { answers, before, after: 'no path', text: `${answers}: path removed (was ${before})` };
  }
  const a = p.old!;
  const b = p.new!;
  const parts = p.fields.map((f) => {
    if (f === 'severity') return [a.severity, b.severity];
    if (f === 'owner') return [`owner ${a.owner}`, `owner ${b.owner}`];
    if (f === 'inform') return [`informs ${a.inform?.join(', ') ?? '(none)'}`, `informs ${b.inform?.join(', ') ?? '(none)'}`];
    if (a.route === b.route) return [`route ${a.route ?? '(none)'} to ${a.routeTo ?? '(none)'}`, `route ${b.route ?? '(none)'} to ${b.routeTo ?? '(none)'}`];
    return [`route ${a.route ?? '(none)'}`, `route ${b.route ?? '(none)'}`];
  });
  const before = parts.map(([x]) => x).join(', ');
  const after = parts.map(([, y]) => y).join(', ');
  return { answers, before, after, text: `${answers}: ${parts.map(([x, y]) => `${x} ${ARROW} ${y}`).join('; ')}` };
}

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** "3 changes (1 stricter, 1 looser, 1 neutral); 2 answer paths end differently". */
export function summaryLine(summary: { changes: number; stricter: number; looser: number; neutral: number; affectedPaths: number; affectedAtLeast?: boolean }): string {
  if (summary.changes === 0 && summary.affectedPaths === 0) return 'no semantic changes';
  const parts = [plural(summary.changes, 'change')];
  if (summary.changes > 0) parts[0] += ` (${summary.stricter} stricter, ${summary.looser} looser, ${summary.neutral} neutral)`;
  // Where the comparison stopped counting, the count is a lower bound and says so.
  const least = summary.affectedAtLeast ? 'at least ' : '';
  parts.push(`${least}${plural(summary.affectedPaths, 'answer path')} ${summary.affectedPaths === 1 && !least ? 'ends' : 'end'} differently`);
  return parts.join('; ');
}
