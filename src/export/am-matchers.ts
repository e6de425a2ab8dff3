/**
 * Alertmanager's label matchers, read as Alertmanager reads them: the classic parser of
 * pkg/labels/parse.go (ParseMatchers / ParseMatcher: optional braces, commas outside quotes,
 * OpenMetrics escapes `\"` `\n` `\\` and any other backslash kept literally), and regular
 * expressions in Go's RE2 syntax anchored as `^(?:…)$`. RE2 is translated to a JavaScript
 * RegExp where the meaning is the same (a leading `(?i)`/`(?s)`/`(?m)`, POSIX classes such
 * as `[[:digit:]]`, `\A`, `\z`, `\Q…\E`, `(?P<name>…)`, a `]` first in a class); what
 * cannot be translated exactly is `uncheckable`, never guessed. Pure.
 */

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  type: MatchType;
  value: string;
  /** For =~ and !~: the translated expression, or why it cannot be checked here. */
  regex?: { ok: true; re: RegExp } | { ok: false; reason: string };
}

export type ParsedMatchers = { ok: true; matchers: Matcher[] } | { ok: false; reason: string };

const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/** ParseMatchers: `{a="b", c=~"d.*"}` and its tolerant variants. */
export function parseMatchers(text: string): ParsedMatchers {
  const s = text.replace(/^\{/, '').replace(/\}$/, '');
  const tokens: string[] = [];
  let inside = false;
  let escaped = false;
  let token = '';
  for (const r of s) {
    if (r === ',' && !inside) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (r === '"') {
      if (!escaped) inside = !inside;
      else escaped = false;
    } else if (r === '\\') escaped = !escaped;
    else escaped = false;
    token += r;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  const matchers: Matcher[] = [];
  for (const t of tokens) {
    const m = parseMatcher(t);
    if (!m.ok) return m;
    matchers.push(m.matcher);
  }
  return { ok: true, matchers };
}

export function parseMatcher(text: string): { ok: true; matcher: Matcher } | { ok: false; reason: string } {
  const ms = MATCHER.exec(text);
  if (!ms) return { ok: false, reason: `bad matcher format: ${text}` };
  let raw = ms[3]!;
  let expectTrailingQuote = false;
  if (raw.startsWith('"')) {
    raw = raw.slice(1);
    expectTrailingQuote = true;
  }
  let value = '';
  let escaped = false;
  const chars = [...raw];
  for (let i = 0; i < chars.length; i++) {
    const r = chars[i]!;
    if (escaped) {
      escaped = false;
      value += r === 'n' ? '\n' : r === '"' || r === '\\' ? r : `\\${r}`;
      continue;
    }
    if (r === '\\') {
      if (i < chars.length - 1) escaped = true;
      else value += '\\';
    } else if (r === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) return { ok: false, reason: `matcher value contains unescaped double quote: ${ms[3]}` };
      expectTrailingQuote = false;
    } else value += r;
  }
  if (expectTrailingQuote) return { ok: false, reason: `matcher value contains unescaped double quote: ${ms[3]}` };
  const type = ms[2] as MatchType;
  const matcher: Matcher = { name: ms[1]!, type, value };
  if (type === '=~' || type === '!~') matcher.regex = anchoredRe2(value);
  return { ok: true, matcher };
}

/** The legacy `match:` / `match_re:` maps as matchers. */
export function legacyMatchers(match: unknown, matchRe: unknown): Matcher[] {
  const out: Matcher[] = [];
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(match)) for (const [name, v] of Object.entries(match)) out.push({ name, type: '=', value: String(v) });
  if (isMap(matchRe)) for (const [name, v] of Object.entries(matchRe)) out.push({ name, type: '=~', value: String(v), regex: anchoredRe2(String(v)) });
  return out;
}

/** true or false when the matcher decides the label set; undefined when its expression cannot be checked here. */
export function matches(matcher: Matcher, labels: Readonly<Record<string, string>>): boolean | undefined {
  const got = Object.hasOwn(labels, matcher.name) ? labels[matcher.name]! : '';
  switch (matcher.type) {
    case '=':
      return got === matcher.value;
    case '!=':
      return got !== matcher.value;
    default: {
      if (!matcher.regex?.ok) return undefined;
      const hit = matcher.regex.re.test(got);
      return matcher.type === '=~' ? hit : !hit;
    }
  }
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Escapes JavaScript and RE2 agree on, after a backslash, outside and inside a class. */
const SAME_ESCAPE = /[dDwWsSbBtnrfv.*+?()[\]{}|^$\\\-/]/;

/**
 * Go's `regexp.Compile("^(?:" + value + ")$")` as a JavaScript RegExp, or why not. Without
 * the `u` flag, JavaScript and RE2 agree on literals, classes, `\d\w\s\b`, groups,
 * alternation and the greedy and lazy quantifiers; the rest is translated or refused.
 */
export function anchoredRe2(value: string): { ok: true; re: RegExp } | { ok: false; reason: string } {
  let flags = '';
  let src = value;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('U')) return { ok: false, reason: 'the RE2 flag U (ungreedy) has no JavaScript equivalent' };
    // (?m) inside Alertmanager's ^(?:…)$ leaves the outer anchors on the whole text; JavaScript's m flag would not.
    if (lead[1]!.includes('m')) return { ok: false, reason: 'the RE2 flag m (multi-line) is not checked here' };
    flags = [...new Set(lead[1]!)].join('');
    src = src.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const at = classStart;
    classStart = false;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) return { ok: false, reason: 'a trailing backslash (RE2 refuses it)' };
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const literal = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') out += '^';
      else if (!inClass && n === 'z') out += '$';
      else if (n === 'a') out += '\\x07';
      else if (/[0-9]/.test(n) && n !== '0') return { ok: false, reason: `\\${n} is a back-reference in JavaScript and an error in RE2` };
      else if (n === 'x' && src[i + 2] === '{') return { ok: false, reason: '\\x{…} escapes are not checked here' };
      else if (n === 'x' || n === '0') out += `\\${n}`;
      else if (SAME_ESCAPE.test(n) || !/[A-Za-z0-9]/.test(n)) out += `\\${n}`;
      else return { ok: false, reason: `the RE2 escape \\${n} is not checked here` };
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']' && !at) {
        inClass = false;
        out += ']';
      } else if (c === ']') out += '\\]';
      else if (c === '[' && src[i + 1] === ':') {
        const close = src.indexOf(':]', i + 2);
        const name = close < 0 ? '' : src.slice(i + 2, close);
        if (name.startsWith('^')) return { ok: false, reason: `the negated POSIX class [:${name}:] is not checked here` };
        if (!Object.hasOwn(POSIX, name)) return { ok: false, reason: `[:${name}:] is not a POSIX class RE2 knows` };
        out += POSIX[name];
        i = close + 1;
      } else if (c === '[') out += '\\[';
      else out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += '[';
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      classStart = true;
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      const rest = src.slice(i + 2);
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 2;
        continue;
      }
      const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        i += 1 + named[0].length;
        continue;
      }
      return { ok: false, reason: `the group (?${rest.slice(0, 3)}… (flags inside the expression, or a look-around RE2 refuses) is not checked here` };
    }
    out += c;
  }
  if (inClass) return { ok: false, reason: 'an unclosed character class' };
  try {
    return { ok: true, re: new RegExp(`^(?:${out})$`, flags) };
  } catch (e) {
    return { ok: false, reason: `the expression is not checked here (${e instanceof Error ? e.message : String(e)})` };
  }
}
