import { isPlaceholder, PLACEHOLDERS, placeholdersIn } from '../../matrix/placeholders.js';
import { didYouMean } from '../../matrix/suggest.js';
import type { Span } from '../../matrix/locate.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

const RAW = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Line starts of the source, to turn a line and column into an offset and back. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * Where the n-th placeholder of a value sits in the file: the n-th `{{…}}` in the raw text
 * of the value's span. A block scalar (`body: |`) keeps its placeholders verbatim, so the
 * order matches; when it does not (an escape inside braces), the value's start is used.
 */
export function placeholderSpans(source: string, starts: number[], span: Span): { line: number; column: number; name: string }[] {
  const from = (starts[span.line - 1] ?? 0) + span.column - 1;
  const to = (starts[span.endLine - 1] ?? source.length) + span.endColumn - 1;
  return [...source.slice(from, to).matchAll(RAW)].map((m) => ({ name: m[1]!, ...positionOf(starts, from + m.index) }));
}

export const templatePlaceholder: Rule = {
  id: 'template-placeholder',
  group: 'upkeep',
  level: 'error',
  rationale: 'Templates are filled by plain substitution; an unknown placeholder would reach the client as a blank or raw braces.',
  check({ matrix, locator, source }) {
    const out: Finding[] = [];
    let starts: number[] | undefined;
    (matrix.templates ?? []).forEach((template, i) => {
      for (const field of ['subject', 'body'] as const) {
        const text = template[field];
        if (text === undefined) continue;
        const unknown = placeholdersIn(text)
          .map((p, n) => ({ ...p, n }))
          .filter((p) => !isPlaceholder(p.name));
        if (unknown.length === 0) continue;
        const path = ['templates', i, field];
        const span = locator.value(path);
        const raw = placeholderSpans(source, (starts ??= lineStarts(source)), span);
        for (const p of unknown) {
          const hint = didYouMean(p.name, Object.keys(PLACEHOLDERS));
          const message = `template ${i + 1} (${template.kind}) uses the unknown placeholder {{${p.name}}}${hint || `; the placeholders are ${Object.keys(PLACEHOLDERS).join(', ')}`}`;
          const at = raw[p.n]?.name === p.name ? raw[p.n] : undefined;
          out.push(at ? { path, message, line: at.line, column: at.column } : findingAt(locator, path, message));
        }
      }
    });
    return out;
  },
};
