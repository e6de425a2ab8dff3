/**
 * Characters that act on a terminal or a reader instead of being read: C0 and C1 controls
 * (ESC starts screen-clearing and OSC link sequences, a bare CR overwrites a line), DEL,
 * the bidirectional overrides and isolates that reorder text (U+202E), and the Unicode
 * line and paragraph separators. One definition, shared by the lint rule that rejects them
 * in a matrix and by the output edge that escapes them. Pure.
 */

/** Every such character, tab, line feed and CR included (for keys and ids, which are one line). */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
/** The same but tab and line feed, and CR only when bare (not before LF): what is not text even in prose. */
const TEXT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/gu;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'backspace',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x0d: 'carriage return',
  0x1b: 'ESC, which starts terminal escape sequences',
  0x7f: 'DEL',
  0x9b: 'CSI',
  0x9d: 'OSC',
  0x061c: 'Arabic letter mark',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

/** `\u001b`: the JSON spelling, so escaped text stays valid inside a JSON string too. */
export const escapeCode = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `U+001B (ESC, …)`: how a message names the character. */
export function describeControl(char: string): string {
  const code = char.charCodeAt(0);
  const name = NAMES[code] ?? (code < 0x20 ? 'a C0 control character' : code < 0xa0 ? 'a C1 control character' : 'a bidirectional control');
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${name})`;
}

const CONTROL_IN_TEXT = new RegExp(TEXT_CONTROLS.source, 'u');
const CONTROL_ANY = new RegExp(CONTROL_CHARACTERS.source, 'u');

/**
 * The first control character in `text` and its offset; tab and line feed count only when
 * `lineBreaks` is false (a key or an id), since multi-line prose and templates use them.
 */
export function firstControl(text: string, lineBreaks: boolean): { char: string; offset: number } | undefined {
  const match = (lineBreaks ? CONTROL_IN_TEXT : CONTROL_ANY).exec(text);
  return match ? { char: match[0], offset: match.index } : undefined;
}

/**
 * TEXT_CONTROLS' characters, any CR included, as one class without the unicode flag: a scan
 * about twice as fast, which text without them (nearly all output; a report writes tens of
 * megabytes) ends with. Every character it lists is in the Basic Multilingual Plane.
 */
const MAY_HOLD_TEXT_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Text with every control character except tab and line feed written as `\uXXXX`. */
export function escapeControls(text: string): string {
  return MAY_HOLD_TEXT_CONTROLS.test(text) ? text.replace(TEXT_CONTROLS, escapeCode) : text;
}

/** Raw characters that may end up in a value or key as control characters (CR only when bare). */
const RAW_IN_SOURCE = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/u;
/** YAML double-quoted escapes that may stand for one (`\e`, `\N`, `\x1b`, `\u202e`, ...). */
const ESCAPE_IN_SOURCE = /\\(?:\\|([0abtnvfreNLP\t])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/g;

/**
 * Whether YAML text can yield a control character in any key or value: only a raw one or
 * an escape in a double-quoted string can. False lets a caller skip walking the data.
 */
export function mayHoldControls(source: string): boolean {
  if (RAW_IN_SOURCE.test(source)) return true;
  for (const match of source.matchAll(ESCAPE_IN_SOURCE)) {
    if (match[1] !== undefined) return true;
    const hex = match[2] ?? match[3] ?? match[4];
    if (hex === undefined) continue; // an escaped backslash
    const code = Number.parseInt(hex, 16);
    if (code <= 0x10ffff && CONTROL_ANY.test(String.fromCodePoint(code))) return true;
  }
  return false;
}
