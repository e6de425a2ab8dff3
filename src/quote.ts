/**
 * User text in a message. A message is one line, and text a user gave (a flag's value, a
 * file name, a key of an answers file) must neither end it nor start a line that reads as
 * the program's own (`--at $'x\nescalate: ok'`). The output edge (cli/io.ts safeText)
 * escapes ESC, a bare CR and the other controls, but lets line feeds through: multi-line
 * messages (lists of problems) and reports are made of them. Pure.
 */

/** User text as a message quotes it: in double quotes, a line break, tab or other control character written as its JSON escape (`\n`). */
export const quoted = (text: string): string => JSON.stringify(text);

/**
 * A file name as a message shows it unquoted (at the head of `file:line: …`, after
 * `recorded to`): a line feed or carriage return written `\n` or `\r`, for the same reason.
 */
export const oneLine = (text: string): string => (/[\n\r]/.test(text) ? text.replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text);
