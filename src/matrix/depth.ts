/**
 * How deep YAML text nests, found before it is parsed: the parser and the steps after it
 * recurse once per level, so a file nested millions of levels deep (12 MB of `[` or of
 * `- - - `) would run for a minute and then exhaust memory. A matrix needs about ten levels;
 * past MAX_NESTING the file is refused at once with one located diagnostic. Linear: a count
 * of brackets and of indicators that start lines decides whether the tokens need reading at
 * all; when they do, `parseGuarded` reads them once, for the depth and the parser together.
 */
import { Composer, Lexer, Parser, YAMLParseError, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** The deepest nesting a matrix may have: collections inside collections, block or flow. */
export const MAX_NESTING = 100;

const BLANK = /^[ \t]*$/;

/** Follows the lexer's tokens and says at which offset the nesting passes the limit. */
class DepthGuard {
  offset = 0;
  private flow = 0;
  // Indicators that open a block collection on this line (`- - - x`, `? ? y`): each is a level.
  private onLine = 0;
  private lineStart = true;
  constructor(private readonly limit: number) {}

  /** True when this token nests past the limit; `offset` is then where it starts. */
  tooDeep(token: string): boolean {
    // Called for every token of a file with many brackets: one character decides, no regex.
    if (token.length === 1) {
      switch (token.charCodeAt(0)) {
        case 0x02: // the lexer's markers stand for no source text
        case 0x18:
        case 0x1f:
          return false;
        case 0x5b: // [
        case 0x7b: // {
          if (++this.flow + this.onLine > this.limit) return true;
          this.lineStart = false;
          break;
        case 0x5d: // ]
        case 0x7d: // }
          this.flow = Math.max(0, this.flow - 1);
          break;
        case 0x0a: // \n
          this.onLine = 0;
          this.lineStart = true;
          break;
        case 0x2d: // -
        case 0x3f: // ?
        case 0x3a: // :
          if (this.flow === 0 && this.lineStart && ++this.onLine > this.limit) return true;
          break;
        default:
          this.other(token);
      }
    } else if (token === '\r\n') {
      this.onLine = 0;
      this.lineStart = true;
    } else this.other(token);
    this.offset += token.length;
    return false;
  }

  /** Spaces between indicators keep the line's start; anything else ends it. */
  private other(token: string): void {
    if (this.lineStart && !BLANK.test(token)) this.lineStart = false;
  }
}

/** The offset at which the text nests deeper than MAX_NESTING, or undefined. */
export function tooDeepAt(text: string, limit = MAX_NESTING): number | undefined {
  if (!mayBeDeep(text, limit)) return undefined;
  const guard = new DepthGuard(limit);
  for (const token of new Lexer().lex(text)) if (guard.tooDeep(token)) return guard.offset;
  return undefined;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * yaml's `parseDocument`, refusing text that nests past `limit` (`{ deep }`: the offset, as
 * tooDeepAt gives it). When the text may nest that deep, the depth is followed on the tokens
 * the parser reads, so the file is lexed once, and the parser never sees a level past the limit.
 */
export function parseGuarded(text: string, options: Options, limit = MAX_NESTING): { doc: Document.Parsed; deep?: undefined } | { deep: number; doc?: undefined } {
  if (!mayBeDeep(text, limit)) return { doc: compose(new Parser().parse(text), text, options) };
  // The lexemes are checked as they are made and kept; the parser then reads them as its own
  // parse would, with no generator of ours between the two (one per token cost more than the check).
  const guard = new DepthGuard(limit);
  const lexemes: string[] = [];
  for (const token of new Lexer().lex(text)) {
    if (guard.tooDeep(token)) return { deep: guard.offset };
    lexemes.push(token);
  }
  const parser = new Parser();
  function* tokens() {
    for (const token of lexemes) yield* parser.next(token);
    yield* parser.end();
  }
  return { doc: compose(tokens(), text, options) };
}

/** As yaml's parseDocument composes (its `prettyErrors` needs a line counter, which no caller passes). */
function compose(tokens: ReturnType<Parser['parse']>, text: string, options: Options): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(tokens, true, text.length)) {
    if (!doc) doc = next;
    else if (doc.options.logLevel !== 'silent') {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  return doc!;
}

/**
 * A cheap bound: fewer brackets than the limit in the whole text, and no line starting with
 * that many indicators. Regular expressions only: a start-up runs this code cold, where a loop
 * over a 14 KB matrix's characters took ~2.5 ms and a native scan next to nothing.
 */
function mayBeDeep(text: string, limit: number): boolean {
  const bracket = /[[{]/g;
  let brackets = 0;
  while (bracket.exec(text) !== null) if (++brackets > limit) return true;
  return new RegExp(`(?:^|\\n)[ \\t]*(?:[-?:](?:[ \\t]+|$)){${limit}}`).test(text);
}
