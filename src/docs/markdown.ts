/** Small builders for markdown blocks. Their inputs are already escaped (see escape.ts). */

/** A GFM table. Every row must have one cell per header: a short row is a bug, not a layout. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`table row has ${row.length} cells for ${header.length} columns`);
  }
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? EMPTY : c)).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * An ATX heading; its text is already escaped. A run of `#` ending the text (after a space,
 * or the whole text) would be read as the optional closing sequence and dropped (CommonMark
 * 4.2: `# Support desk #` is "Support desk"), so its first `#` is escaped: `Support desk \#`.
 */
export const heading = (level: number, text: string): string => `${'#'.repeat(level)} ${text.replace(/(^|[ \t])(#+)$/, '$1\\$2')}`;

/** What an empty table cell shows, so a blank is never mistaken for a rendering fault. */
export const EMPTY = '—';

export const bullets = (items: readonly string[]): string => items.map((item) => `- ${item}`).join('\n');

export const numbered = (items: readonly string[]): string =>
  items.map((item, i) => `${i + 1}. ${item.replace(/\n/g, `\n${' '.repeat(String(i + 1).length + 2)}`)}`).join('\n');

/** Joins blocks with one blank line, dropping empty ones. */
export const blocks = (...parts: readonly (string | undefined | false)[]): string =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');

/** "a", "a and b", "a, b and c". */
export function sentenceList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** GitHub's heading anchor for plain headings (letters, digits, spaces and dashes). */
export const anchor = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
