/** Loads a cases file: YAML text in, checked cases and located diagnostics out. Pure. */
import { parseDocument } from 'yaml';
import { tooDeepAt } from '../../matrix/depth.js';
import { RecursiveAliasError, toData } from '../../matrix/plain-data.js';
import { lazyLocator, quickMapping } from '../../matrix/quick-yaml.js';
import type { Diagnostic, Path } from '../../diagnostics.js';
import { formatPath } from '../../diagnostics.js';
import { createLocator, type Locator } from '../../matrix/locate.js';
import { MAX_MATRIX_CHARS } from '../../matrix/load.js';
import { TextPositions } from '../../matrix/positions.js';
import { didYouMean } from '../../matrix/suggest.js';
import type { CasesFile } from './schema.js';
import { DEADLINE_KINDS } from './kinds.js';
import { schemas } from './schema-lazy.js';
import { acceptCases } from './fast.js';

export interface CasesLoad {
  cases?: CasesFile['cases'];
  /** When some cases are broken: the index in the file of each case in `cases`. */
  indexes?: number[];
  diagnostics: Diagnostic[];
  locator: Locator;
}

const KEYS: Record<string, readonly string[]> = {
  '': ['$schema', 'cases'],
  case: ['name', 'answers', 'at', 'client', 'tier', 'expect'],
  expect: ['severity', 'owner', 'route', 'inform', 'deadlines', 'paged'],
  deadlines: DEADLINE_KINDS,
};

/** Which mapping a path names, for the list of keys it allows. */
function kindOf(path: Path): string {
  if (path.length === 0) return '';
  const last = path[path.length - 1];
  return last === 'expect' || last === 'deadlines' ? last : 'case';
}

/** A did-you-mean that also knows abbreviations: "ack" → "acknowledge". */
function suggest(key: string, allowed: readonly string[]): string {
  const prefixed = key.length >= 2 ? allowed.find((k) => k.startsWith(key.toLowerCase())) : undefined;
  return prefixed ? ` (did you mean "${prefixed}"?)` : didYouMean(key, allowed);
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const EXPECTED: Record<string, string> = { string: 'a text', array: 'a list', object: 'a mapping', record: 'a mapping' };

const CASES_YAML = { uniqueKeys: true, strict: true, stringKeys: true, version: '1.2' } as const;

/** `quick: false` reads the YAML with yaml alone (tests compare the two readings). */
export function loadCases(source: string, options: { quick?: boolean } = {}): CasesLoad {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const lines = new TextPositions(text);
  if (text.includes('\0')) return fatal(lines, 'not-text', 'the file contains binary data (NUL bytes); a cases file is YAML text');
  if (text.length > MAX_MATRIX_CHARS) return fatal(lines, 'file-too-large', `the file is ${(text.length / 1024 / 1024).toFixed(1)} MB; a cases file is far smaller`);
  // A valid file is read quickly, and by yaml only when a finding needs its place.
  const quick = options.quick === false ? undefined : quickMapping(text);
  const quickly = quick !== undefined ? acceptCases(quick) : undefined;
  if (quickly !== undefined) return { cases: quickly.cases, diagnostics: [], locator: lazyLocator(() => createLocator(parseDocument(text, CASES_YAML), lines)) };
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const at = lines.linePos(deep);
    return { diagnostics: [{ code: 'too-deep', level: 'error', message: TOO_DEEP, path: [], line: at.line, column: at.col }], locator: createLocator(parseDocument(''), lines) };
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, CASES_YAML);
  } catch {
    return fatal(lines, 'too-deep', TOO_DEEP);
  }
  const locator = createLocator(doc, lines);
  const diagnostics: Diagnostic[] = [];
  for (const problem of doc.errors) {
    const start = lines.linePos(problem.pos[0]);
    // The parser recurses on nesting: one report of a stack it exhausted is enough.
    if (/call stack/i.test(problem.message)) return { diagnostics: [{ code: 'too-deep', level: 'error', message: TOO_DEEP, path: [], line: start.line, column: start.col }], locator };
    const code = problem.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    diagnostics.push({ code, level: 'error', message, path: [], line: start.line, column: start.col });
  }
  if (diagnostics.length > 0) return { diagnostics, locator };

  let data: unknown;
  try {
    data = toData(doc, { maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof RangeError) return fatal(lines, 'too-deep', TOO_DEEP);
    if (error instanceof RecursiveAliasError) {
      const at = error.offset === undefined ? { line: 1, col: 1 } : lines.linePos(error.offset);
      return { diagnostics: [{ code: 'recursive-alias', level: 'error', message: error.message, path: [], line: at.line, column: at.col }], locator };
    }
    return { diagnostics: [{ code: 'alias-limit', level: 'error', message: 'aliases expand too far; a cases file never needs that many', path: [], line: 1, column: 1 }], locator };
  }
  // A valid file takes the plain-code path; anything else gets the schema's own messages.
  const accepted = acceptCases(data ?? {});
  if (accepted !== undefined) return { cases: accepted.cases, diagnostics, locator };
  const parsed = schemas().casesFile.safeParse(data ?? {});
  if (parsed.success) return { cases: parsed.data.cases, diagnostics, locator };
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol') as Path;
    const where = formatPath(path) || 'the cases file';
    if (issue.code === 'unrecognized_keys' || (issue.code === 'invalid_key' && kindOf(path) === 'deadlines')) {
      const kind = kindOf(path);
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : Object.keys(valueAt(data, path) ?? {}).filter((k) => !DEADLINE_KINDS.includes(k as never));
      for (const key of keys) {
        const span = locator.key([...path, key]);
        diagnostics.push({ code: 'unknown-key', level: 'error', message: `unknown key "${key}" in ${where}${suggest(key, KEYS[kind]!)}; allowed: ${KEYS[kind]!.join(', ')}`, path: [...path, key], line: span.line, column: span.column });
      }
      continue;
    }
    const value = valueAt(data, path);
    const missing = issue.code === 'invalid_type' && value === undefined;
    const span = locator.value(path);
    const message = missing
      ? `${formatPath(path.slice(0, -1)) || 'the cases file'} needs "${String(path[path.length - 1])}"`
      : issue.code === 'invalid_type'
        ? `${where} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(value)}`
        : `${where}: ${issue.message}`;
    diagnostics.push({ code: missing ? 'missing-key' : issue.code === 'invalid_type' ? 'invalid-type' : 'invalid-value', level: 'error', message, path, line: span.line, column: span.column });
  }
  return { ...salvage(data, parsed.error.issues), diagnostics, locator };
}

/** When only some cases are broken, the others still run: a typo in one case must not hide the rest. */
function salvage(data: unknown, issues: readonly { path: PropertyKey[] }[]): Pick<CasesLoad, 'cases' | 'indexes'> {
  const list = valueAt(data, ['cases']);
  if (!Array.isArray(list) || !issues.every((i) => i.path[0] === 'cases' && typeof i.path[1] === 'number')) return {};
  const broken = new Set(issues.map((i) => i.path[1]));
  const cases: CasesFile['cases'] = [];
  const indexes: number[] = [];
  list.forEach((item, index) => {
    if (broken.has(index)) return;
    const parsed = schemas().matrixCase.safeParse(item);
    if (!parsed.success) return;
    cases.push(parsed.data);
    indexes.push(index);
  });
  return cases.length > 0 ? { cases, indexes } : {};
}

const TOO_DEEP = 'the YAML nests deeper than any cases file needs';

function fatal(lines: TextPositions, code: string, message: string): CasesLoad {
  return { diagnostics: [{ code, level: 'error', message, path: [], line: 1, column: 1 }], locator: createLocator(parseDocument(''), lines) };
}
