/**
 * Escaping for the places matrix text lands in a sheet: prose, table cells, code fences and
 * Mermaid labels. Matrix text is data, never markup: a `|` must not split a table, a `*`
 * must not start emphasis, a quote must not end a Mermaid label.
 */

/**
 * Characters that change meaning anywhere in a line of CommonMark/GFM. Some only matter in
 * context, and are left alone elsewhere so the raw markdown stays readable: `_` inside a
 * word (`severity_name`), `&` that cannot start an entity, `<` that cannot start a tag.
 */
const INLINE_SPECIAL = /[\\`*_[\]<&|~]/g;
/**
 * What starts a block at the start of a line: heading, quote, bullet, thematic break or
 * setext underline (`-`, `--`, `---`); numbered lists and `=` underlines apart. Fences,
 * HTML blocks and `*`/`_` breaks need nothing more: inline() has escaped their first
 * character already.
 */
const BLOCK_START = /^(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|-(?=-))/;
const NUMBERED_START = /^(\d{1,9})([.)])(?=\s|$)/;
/**
 * A line of nothing but `=` right under a paragraph line turns that line into a heading
 * (a setext underline, CommonMark 4.3): a step note goes on the line after a hard break.
 */
const SETEXT_EQUALS = /^=+$/;
const WORD = /[\p{L}\p{N}]/u;

function needsEscape(c: string, offset: number, text: string): boolean {
  const before = text[offset - 1] ?? '';
  const after = text.slice(offset + 1);
  if (c === '_') return !(WORD.test(before) && WORD.test(after[0] ?? ''));
  if (c === '&') return /^#?[\p{L}\p{N}]+;/u.test(after);
  if (c === '<') return /^[\p{L}/!?]/u.test(after);
  return true;
}

/** One line of prose: whitespace (including line breaks) collapsed, markdown characters escaped. */
export function inline(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.replace(INLINE_SPECIAL, (c: string, offset: number) => (needsEscape(c, offset, line) ? `\\${c}` : c));
}

/** Prose that begins a line, list item or paragraph: also escapes block markers like `#` or `1.`. */
export function leading(text: string): string {
  return lineStart(inline(text));
}

/**
 * Already escaped text (inline() or cell()) that begins a line, list item, block quote or
 * paragraph continuation: its block marker escaped, so it stays text of the block it is in.
 */
export function lineStart(escaped: string): string {
  return escaped
    .replace(BLOCK_START, (marker) => `\\${marker}`)
    .replace(NUMBERED_START, (_, digits: string, mark: string) => `${digits}\\${mark}`)
    .replace(SETEXT_EQUALS, (run) => `\\${run}`);
}

/** Paragraphs: blank lines separate paragraphs, single line breaks are joined. */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => leading(part))
    .filter((part) => part !== '')
    .join('\n\n');
}

/** A table cell: `|` escaped, line breaks kept as `<br>` so the row stays on one line. */
export function cell(text: string): string {
  const lines = text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => inline(line));
  return lines.join('<br>');
}

/**
 * Inline code for ids and commands. Backticks inside get a longer delimiter. Not for text
 * with `|`: GFM splits table rows on it even inside code (ids never contain one).
 */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block; the fence is longer than any backtick run in the text, so it cannot be closed early. */
export function fenced(text: string, info = ''): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * Mermaid entity codes (`#34;`) for characters that end a quoted label, open a shape or
 * an edge label, or would be read as HTML or as an entity code.
 */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#34;',
  '&': '#38;',
  '<': '#60;',
  '>': '#62;',
  '(': '#40;',
  ')': '#41;',
  '[': '#91;',
  ']': '#93;',
  '{': '#123;',
  '}': '#125;',
  '|': '#124;',
  '`': '#96;',
};
const MERMAID_SPECIAL = /[#"&<>()[\]{}|`]/g;

/** Text for a quoted Mermaid label (`["…"]`, `|"…"|`): one line, every special character as an entity code. */
export function mermaidLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MERMAID_SPECIAL, (c) => MERMAID_ENTITIES[c] ?? c);
}
