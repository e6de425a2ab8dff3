/**
 * A quick first reading of YAML that lint, triage and the other commands read at start-up
 * (a matrix, a cases file). yaml, which gives every node its place in the text for located
 * findings, takes about three times as long cold as js-yaml, which gives data only. A clean
 * file, by far the common case, needs no place at all: it is read here, and yaml reads it
 * only if a finding needs a line (see `lazyLocator`).
 *
 * The quick reading answers only where yaml's reading would give the same data and no
 * finding of its own; anything else is left to yaml, so every message, line and refusal is
 * yaml's as before. Left to yaml: text holding a tab, CR, anchor, alias, tag, directive,
 * document marker, complex key, merge key or a line over 1,000 characters (even inside a
 * quoted text: the reading is
 * only skipped), text js-yaml refuses (a duplicate key, a syntax error, nesting past
 * QUICK_MAX_DEPTH), a document that is not a mapping, any key that yaml's core schema
 * would not read as the same text (`1`, `true`, `~`, `0x10`, the empty key), any number
 * that is not finite, and any text a core-schema scalar could be written as (a quoted
 * "12" stays a text in both, but is left to yaml rather than reasoned about). That the
 * two readings agree on every text it answers is tested against yaml on the examples, the
 * test fixtures and generated matrices (test/matrix/quick-yaml.test.ts).
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Locator } from './locate.js';

/** Deeper than any matrix or cases file (about ten levels), well under the loaders' nesting limit. */
export const QUICK_MAX_DEPTH = 50;

/**
 * Text left to yaml: a tab or CR anywhere, `&`, `*`, `!` (anchors, aliases, tags), `<<`
 * (merge keys), a line starting `%` (directive), `---` or `...` (document markers), or a
 * complex key (`?` opening a line or a flow entry).
 */
const LEFT_TO_YAML = /[\t\r&*!]|<<|^(?:%|---|\.\.\.)|^[ ]*(?:-[ ]+)*\?(?:[ ]|$)|[[{,][ ]*\?(?:[ ]|$)/m;

/** What yaml's core schema reads as null, a boolean or a number: such a key or text is left to yaml. */
const CORE_NON_TEXT = /^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|-?Infinity|NaN)$/;

/** The mapping `text` holds, read quickly; undefined where yaml must read it (see above). */
export function quickMapping(text: string): Record<string, unknown> | undefined {
  // Lines first: the pattern's repetitions then stay within a line of at most 1,000 characters.
  if (longLine(text) || LEFT_TO_YAML.test(text)) return undefined;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, maxDepth: QUICK_MAX_DEPTH, maxAliases: 0 });
  } catch {
    return undefined; // js-yaml's own refusal: yaml says what and where
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  return plain(data) ? (data as Record<string, unknown>) : undefined;
}

/**
 * Whether a line is longer than an implicit key may be (1,024 characters, which yaml enforces
 * and js-yaml does not): one such line and yaml decides. A scan for line ends, no regex.
 */
function longLine(text: string): boolean {
  for (let from = 0; from < text.length; ) {
    const end = text.indexOf('\n', from);
    const stop = end === -1 ? text.length : end;
    if (stop - from > 1000) return true;
    from = stop + 1;
  }
  return false;
}

/** Whether every key, text and number is one yaml's core schema reads the same way. */
function plain(value: unknown): boolean {
  if (typeof value === 'string') return !CORE_NON_TEXT.test(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!plain(item)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (CORE_NON_TEXT.test(key) || !plain((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** A locator made when first asked (yaml's full reading of the text), for a quick reading that turns out to need a place. */
export function lazyLocator(make: () => Locator): Locator {
  let real: Locator | undefined;
  const get = () => (real ??= make());
  return { value: (path) => get().value(path), key: (path) => get().key(path) };
}
