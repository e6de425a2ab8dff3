/**
 * A quick first reading of YAML that lint, triage and the other commands read at start-up
 * (a matrix, a cases file). yaml, which gives every node its place in the text for located
 * findings, takes about three times as long cold as js-yaml, which gives data only. A clean
 * file, by far the common case, needs no place at all: it is read here, and yaml reads it
 * only if a finding needs a line (see `lazyLocator`).
 *
 * The quick reading answers only where yaml's reading gives the same data and no finding of
 * its own; anything else is left to yaml, so every message, line and refusal is yaml's as
 * before. What is left to yaml is listed at LEFT_TO_YAML and below: texts where the two
 * parsers were found to differ (by the tests and by a review's fuzzing of YAML's edge
 * syntax: comment lines between a key and its value, escapes, block scalar indicators, a
 * js-yaml bug with `- "x" k: v`), texts a parser or a JavaScript pattern could read two ways,
 * and any key or text a core-schema scalar could be written as. That the two readings agree
 * is tested against yaml on every YAML file the project ships or tests with, random edits of
 * the examples, short texts of YAML's trickiest tokens and generated documents
 * (test/matrix/quick-yaml.test.ts; `npm run fuzz` runs it longer).
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Locator } from './locate.js';

/** Deeper than any matrix or cases file (about ten levels), well under the loaders' nesting limit. */
export const QUICK_MAX_DEPTH = 50;

/**
 * Text left to yaml:
 * - a tab, CR, NEL, line or paragraph separator or byte-order mark anywhere (JavaScript's
 *   patterns and the two parsers each treat some of them as line ends); `&`, `*`, `!`
 *   (anchors, aliases, tags); `<<`
 *   (merge keys); a line starting `%` (directive), `---` or `...` (document markers);
 * - a complex key (`?` opening a line or a flow entry);
 * - a comment line whose `#` is not followed by a space, and a line of spaces only (after a
 *   comment, yaml may read what follows as part of an implicit key, and refuse it; see also
 *   linesLeftToYaml);
 * - a backslash before a line end or `U` (escaped line breaks before blank lines, and
 *   8-digit escapes past U+10FFFF, are read differently);
 * - a block scalar header with an indentation indicator or `+` (`|1`, `>+`: whitespace-only
 *   content is read differently);
 * - a list item starting with a quoted or flow node followed by anything but a comment on
 *   its line (js-yaml moves `- "x" k: v` at its parent's indentation into the parent mapping).
 */
const LEFT_TO_YAML = new RegExp(
  [
    /[\t\r\u0085\u2028\u2029\uFEFF&*!]|<<|^%|^[ ]*(?:---|\.\.\.)/.source,
    /^[ ]*(?:-[ ]+)*\?(?:[ ]|$)|[[{,][ ]*\?(?:[ ]|$)/.source,
    /^[ ]*#[^ \n]|^[ ]+$/.source,
    /\\(?:\n|U)/.source,
    /[|>](?:[0-9+]|-[0-9])/.source,
    /^[ ]*(?:-[ ]+)+(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[[{][^\n]*[\]}])[ ]*[^ \n#,\]}]/.source,
  ].join('|'),
  'm',
);

/** What yaml's core schema reads as null, a boolean or a number: such a key or text is left to yaml. */
const CORE_NON_TEXT = /^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|-?Infinity|NaN)$/;

/** The mapping `text` holds, read quickly; undefined where yaml must read it (see above). */
export function quickMapping(text: string): Record<string, unknown> | undefined {
  // Lines first: the pattern's repetitions then stay within a line of at most 1,000 characters.
  if (linesLeftToYaml(text) || LEFT_TO_YAML.test(text)) return undefined;
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
 * Whether a line is left to yaml, in one scan for line ends (no regex):
 * - a line longer than an implicit key may be (1,024 characters, which yaml enforces and
 *   js-yaml does not);
 * - a comment line less indented than the next line with content: yaml may then read that
 *   content as part of an implicit key and refuse it (`a:\n#\n  x\nb:`), where js-yaml
 *   reads it as the value. Comments at the indentation of what follows (the usual way) pass.
 */
function linesLeftToYaml(text: string): boolean {
  let comment = -1; // indentation of the deepest comment line since content, or -1
  for (let from = 0; from < text.length; ) {
    const end = text.indexOf('\n', from);
    const stop = end === -1 ? text.length : end;
    if (stop - from > 1000) return true;
    let indent = from;
    while (indent < stop && text.charCodeAt(indent) === 32) indent++;
    if (indent < stop) {
      if (text.charCodeAt(indent) === 35) comment = Math.max(comment, indent - from);
      else {
        if (comment >= 0 && indent - from > comment) return true;
        comment = -1;
      }
    }
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
  return { value: (path) => get().value(path), key: (path) => get().key(path), splitAtComma: (path) => get().splitAtComma(path) };
}
