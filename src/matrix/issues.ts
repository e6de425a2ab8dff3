/**
 * Turns zod issues into located diagnostics with messages a support lead can act on:
 * the key in question, what was expected, and a "did you mean" where one fits.
 */
import type { core } from 'zod/mini';
import type { Diagnostic, Path } from '../diagnostics.js';
import { formatPath } from '../diagnostics.js';
import type { Locator } from './locate.js';
import { CONTROL_CHARACTERS, escapeCode } from './controls.js';
import { keysAt } from './shape.js';
import { closest, didYouMean } from './suggest.js';

type Issue = core.$ZodIssue;
type ValueIssue = Extract<Issue, { code: 'invalid_value' }>;

/**
 * All issues of a parse as located diagnostics. Several items of one list outside the same
 * choices (`days: [Mon, Tue, Wed, Thu, Fri]`) are one mistake: one finding at the list, with
 * the list as it should be written.
 */
export function issuesToDiagnostics(issues: readonly Issue[], locator: Locator, data: unknown): Diagnostic[] {
  const lists = new Map<string, ValueIssue[]>();
  for (const issue of issues) {
    const path = issue.path as Path;
    if (issue.code !== 'invalid_value' || typeof path[path.length - 1] !== 'number') continue;
    const key = JSON.stringify(path.slice(0, -1));
    lists.set(key, [...(lists.get(key) ?? []), issue]);
  }
  const out: Diagnostic[] = [];
  const done = new Set<string>();
  for (const issue of issues) {
    const key = issue.code === 'invalid_value' ? JSON.stringify((issue.path as Path).slice(0, -1)) : '';
    const group = lists.get(key);
    if (issue.code !== 'invalid_value' || !group || group.length < 2) {
      out.push(...issueToDiagnostics(issue, locator, data));
    } else if (!done.has(key)) {
      done.add(key);
      out.push(listDiagnostic(group, locator, data));
    }
  }
  return out;
}

function listDiagnostic(group: ValueIssue[], locator: Locator, data: unknown): Diagnostic {
  const path = (group[0]!.path as Path).slice(0, -1);
  const list = valueAt(data, path).value as unknown[];
  const allowed = group[0]!.values.map(String);
  const wrong = group.map((issue) => String(valueAt(data, issue.path as Path).value));
  const fixed = list.map((item) => {
    const text = String(item);
    return allowed.includes(text) ? text : (allowed.find((a) => a === text.toLowerCase()) ?? closest(text, allowed));
  });
  const hint = fixed.every((f) => f !== undefined) ? `; write it as [${fixed.join(', ')}]` : '';
  const message = `${formatPath(path)} has ${wrong.length} values that are not among ${allowed.map((v) => JSON.stringify(v)).join(', ')} (${wrong.join(', ')})${hint}`;
  return at(locator.value(path), 'invalid-value', message, path);
}

export function issueToDiagnostics(issue: Issue, locator: Locator, data: unknown): Diagnostic[] {
  const path = issue.path as Path;
  const where = formatPath(path) || 'the matrix';

  if (issue.code === 'unrecognized_keys') {
    const allowed = keysAt(path);
    // `__proto__` gets its own, clearer finding from the loader.
    return issue.keys.filter((key) => key !== '__proto__').map((key) => {
      // A comma inside `{ … }` ends the value and starts a new key: the commonest flow-map slip.
      // Only the YAML says whether that happened: a key with a space in a block mapping is a typo.
      const hint = locator.splitAtComma([...path, key]) ? '; a comma inside { … } starts a new key, so quote a value that contains commas' : didYouMean(key, allowed);
      // A key is one line: a line break or control character in it is shown as `\u000a`, never as a new line of output.
      const shown = key.replace(CONTROL_CHARACTERS, escapeCode);
      return at(locator.key([...path, key]), 'unknown-key', `unknown key "${shown}" in ${where}${hint}`, [...path, key]);
    });
  }
  if (issue.code === 'invalid_type') {
    const { found, value: input } = valueAt(data, path);
    if (!found) {
      const key = path[path.length - 1];
      const parent = path.slice(0, -1);
      return [at(locator.value(path), 'missing-key', `${formatPath(parent) || 'the matrix'} needs "${String(key)}"`, path)];
    }
    return [at(locator.value(path), 'invalid-type', `${where} must be ${article(issue.expected)}, not ${describe(input)}`, path)];
  }
  if (issue.code === 'invalid_value') {
    const input = valueAt(data, path).value;
    const options = issue.values.map((v) => JSON.stringify(v));
    const hint = typeof input === 'string' ? didYouMean(input, issue.values.map(String)) : '';
    const message = options.length === 1 ? `${where} must be ${options[0]}` : `${where} must be one of ${options.join(', ')}${hint}`;
    return [at(locator.value(path), 'invalid-value', message, path)];
  }
  if (issue.code === 'invalid_key') {
    const inner = issue.issues[0]?.message ?? 'invalid key';
    return [at(locator.key(path), 'invalid-id', `"${String(path[path.length - 1])}" in ${formatPath(path.slice(0, -1))}: ${inner}`, path)];
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    return [at(locator.value(path), 'invalid-size', `${where}${sizeMessage(issue)}`, path)];
  }
  const custom = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
  const code = custom ?? codeFor(issue);
  return [at(locator.value(path), code, `${where}: ${issue.message}`, path)];
}

/** The raw value at a path, telling a missing key from a present but wrong value. */
function valueAt(data: unknown, path: Path): { found: boolean; value?: unknown } {
  let current = data;
  for (const part of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return { found: false };
    current = (current as Record<string | number, unknown>)[part];
  }
  return { found: true, value: current };
}

/** zod's size messages ("Too small: expected array to have >=1 items") in plain words; a custom message wins. */
function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const custom = issue.message && !/^Too (small|big)/.test(issue.message) ? issue.message : undefined;
  const more = issue.code === 'too_small';
  if (custom) return `: ${custom}`;
  return ` ${plainSize(issue, limit, more)}`;
}

function plainSize(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, limit: number, more: boolean): string {
  switch (issue.origin) {
    case 'array':
    case 'set':
      return more ? `needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}` : `has more than ${limit} entries`;
    case 'string':
      return more ? (limit === 1 ? 'must not be empty' : `must be at least ${limit} characters`) : `must be at most ${limit} characters`;
    default:
      return more ? `must be at least ${limit}` : `must be at most ${limit}`;
  }
}

function codeFor(issue: Issue): string {
  if (issue.code === 'too_small' || issue.code === 'too_big') return 'invalid-size';
  if (issue.code === 'invalid_format') return 'invalid-value';
  if (issue.code === 'invalid_union') return 'invalid-value';
  return 'invalid-value';
}

function at(span: { line: number; column: number; endLine: number; endColumn: number }, code: string, message: string, path: Path): Diagnostic {
  return { code, level: 'error', message, path, line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'text', number: 'a number', boolean: 'true or false', record: 'a mapping' };
  return names[expected] ?? expected;
}

function describe(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `text "${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  return `${typeof input === 'number' ? 'the number' : typeof input} ${String(input)}`;
}
