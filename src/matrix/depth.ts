/**
 * How deep YAML text nests, found before it is parsed: the parser and the steps after it
 * recurse once per level, so a file nested millions of levels deep (12 MB of `[` or of
 * `- - - `) would run for a minute and then exhaust memory. A matrix needs about ten levels;
 * past MAX_NESTING the file is refused at once with one located diagnostic. Linear: a count
 * of brackets and of indicators that start lines decides whether the tokens need reading at
 * all (they never do for a real matrix).
 */
import { Lexer } from 'yaml';

/** The deepest nesting a matrix may have: collections inside collections, block or flow. */
export const MAX_NESTING = 100;

/** Markers the lexer adds that stand for no source text. */
const MARKERS = new Set(['\u0002', '\u0018', '\u001f']);

/** The offset at which the text nests deeper than MAX_NESTING, or undefined. */
export function tooDeepAt(text: string, limit = MAX_NESTING): number | undefined {
  if (!mayBeDeep(text, limit)) return undefined;
  let offset = 0;
  let flow = 0;
  // Indicators that open a block collection on this line (`- - - x`, `? ? y`): each is a level.
  let onLine = 0;
  let lineStart = true;
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) continue;
    switch (token) {
      case '[':
      case '{':
        if (++flow + onLine > limit) return offset;
        lineStart = false;
        break;
      case ']':
      case '}':
        flow = Math.max(0, flow - 1);
        break;
      case '\n':
      case '\r\n':
        onLine = 0;
        lineStart = true;
        break;
      case '-':
      case '?':
      case ':':
        if (flow === 0 && lineStart && ++onLine > limit) return offset;
        break;
      default:
        // Spaces between indicators keep the line's start; anything else ends it.
        if (!/^[ \t]*$/.test(token)) lineStart = false;
    }
    offset += token.length;
  }
  return undefined;
}

/** A cheap bound: fewer brackets than the limit in the whole text, and no line starting with that many indicators. */
function mayBeDeep(text: string, limit: number): boolean {
  let brackets = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) brackets++;
  }
  if (brackets > limit) return true;
  return new RegExp(`(?:^|\\n)[ \\t]*(?:[-?:](?:[ \\t]+|$)){${limit}}`).test(text);
}
