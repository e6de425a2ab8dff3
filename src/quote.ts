/**
 * User text in a message. A message is one line, and text a user gave (a flag's value, a
 * file name, a key of an answers file) must neither end it nor start a line that reads as
 * the program's own (`--at $'x\nescalate: ok'`). The output edge (cli/io.ts safeText)
 * escapes ESC, a bare CR and the other controls, but lets line feeds through: multi-line
 * messages (lists of problems) and reports are made of them. Pure.
 */
import { CONTROL_CHARACTERS, escapeCode } from './matrix/controls.js';

/** User text as a message quotes it: in double quotes, a line break, tab or other control character written as its JSON escape (`\n`). */
export const quoted = (text: string): string => JSON.stringify(text);

/**
 * A file name as a message shows it unquoted (at the head of `file:line: …`, after
 * `recorded to`): a line feed or carriage return written `\n` or `\r`, for the same reason.
 */
export const oneLine = (text: string): string => (/[\n\r]/.test(text) ? text.replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text);

const SHORT_ESCAPES: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** Every control character in `text` (line feed, tab, ESC, a bidirectional override, ...) written as its JSON escape, as `quoted` writes it; nothing else changed. */
export const controlsEscaped = (text: string): string => text.replace(CONTROL_CHARACTERS, (char) => SHORT_ESCAPES[char] ?? escapeCode(char));

/** Commander's own "(Did you mean …?)" after an unknown option or command: names it defines, on a line of its own. */
const SUGGESTION = /^error: unknown (?:option|command) '.*'(\n\(Did you mean [^\n']*\?\))$/s;

/**
 * An error message commander writes (`error: unknown option '…'`, a bad choice, a value its
 * parser refused), which quotes what was typed as it is: the message stays one line, its
 * user text with every control character escaped. Its own suggestion keeps its line, and
 * the message its closing line feed.
 */
export function commanderLine(message: string): string {
  const ended = message.endsWith('\n');
  const body = ended ? message.slice(0, -1) : message;
  const suggestion = SUGGESTION.exec(body)?.[1] ?? '';
  return `${controlsEscaped(body.slice(0, body.length - suggestion.length))}${suggestion}${ended ? '\n' : ''}`;
}
