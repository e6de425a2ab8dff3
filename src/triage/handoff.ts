/**
 * Handoff field values: which ids a matrix knows, and the values given for fields the
 * severity does not require. A value is never silently dropped: an id the matrix does not
 * know is refused (with a "did you mean"), and a known field the severity does not require
 * is kept as an extra field. Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import { didYouMean } from '../matrix/suggest.js';
import { quoted } from '../quote.js';

export interface HandoffFieldView {
  id: string;
  label: string;
  help?: string;
}

/** Every handoff field the matrix knows: the `handoff` list, then ids only a severity names. */
export function knownHandoffFields(matrix: Matrix): HandoffFieldView[] {
  const out: HandoffFieldView[] = (matrix.handoff ?? []).map((f) => ({ id: f.id, label: f.label, ...(f.help ? { help: f.help } : {}) }));
  for (const severity of matrix.severities) {
    for (const id of severity.handoff ?? []) if (!out.some((f) => f.id === id)) out.push({ id, label: id });
  }
  return out;
}

/** The first id that names no handoff field of the matrix, with a one-line reason. */
export function unknownHandoffField(matrix: Matrix, ids: Iterable<string>): { given: string; message: string } | undefined {
  const known = knownHandoffFields(matrix).map((f) => f.id);
  for (const id of ids) {
    if (known.includes(id)) continue;
    const list = known.length > 0 ? `fields: ${known.join(', ')}` : 'the matrix defines no handoff fields';
    return { given: id, message: `no handoff field ${quoted(id)}${didYouMean(id, known)}; ${list}` };
  }
  return undefined;
}

/** Values given for known fields outside `required`, in matrix order. */
export function extraHandoffFields(matrix: Matrix, required: readonly string[], values: Readonly<Record<string, string>>): (HandoffFieldView & { value: string })[] {
  return knownHandoffFields(matrix)
    .filter((f) => !required.includes(f.id) && Object.hasOwn(values, f.id) && values[f.id]!.trim() !== '')
    .map((f) => ({ ...f, value: values[f.id]!.trim() }));
}
