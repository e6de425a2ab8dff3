/**
 * The loader: YAML text in, checked matrix and located diagnostics out. Pure: no file
 * system, no clock. Hostile input (alias bombs, deep nesting, custom tags, YAML 1.1
 * directives) becomes a diagnostic, never an exception or a hang.
 */
import { parseDocument, visit, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { TextPositions, type Positions } from './positions.js';
import type { WorkCounter } from '../work.js';
import type { Diagnostic } from '../diagnostics.js';
import { byPosition } from '../diagnostics.js';
import { createLocator, type Locator } from './locate.js';
import type { Matrix } from './schema.js';
import { schemas } from './schema-lazy.js';
import { acceptMatrix } from './fast.js';
import { issuesToDiagnostics } from './issues.js';
import { checkReferences } from './references.js';
import { MAX_NESTING, parseGuarded } from './depth.js';
import { RecursiveAliasError, toData } from './plain-data.js';
import { lazyLocator, quickMapping } from './quick-yaml.js';

export interface LoadResult {
  /** The checked matrix, present only when there are no errors. */
  matrix?: Matrix;
  /** The parsed data as it stands, even when it does not fit the schema (for rules that tolerate that). */
  data?: unknown;
  diagnostics: Diagnostic[];
  locator: Locator;
}

/** Anchors may be reused this often in one file; more is an alias bomb, not a matrix. */
export const MAX_ALIAS_COUNT = 100;
/** Tags a matrix may carry: YAML's own core types. Anything else is refused, never executed. */
const CORE_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

const YAML_CODES: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'duplicate-key',
  MULTIPLE_DOCS: 'multiple-documents',
  TAG_RESOLVE_FAILED: 'yaml-tag',
  NON_STRING_KEY: 'non-string-key',
  RESOURCE_EXHAUSTION: 'alias-limit',
  TAB_AS_INDENT: 'yaml-syntax',
};

/** A matrix is a few hundred lines; a generated one with 20,000 questions stays under this. */
export const MAX_MATRIX_CHARS = 12 * 1024 * 1024;

/** The result for a file of `size` characters (or bytes, when the file was refused unread) over MAX_MATRIX_CHARS. */
export function tooLarge(size: number): LoadResult {
  const shown = `${(size / 1024 / 1024).toFixed(1)} MB`;
  const diagnostic = fatal('file-too-large', `the file is ${shown}; a matrix is at most ${MAX_MATRIX_CHARS / 1024 / 1024} MB, so this is not a matrix`);
  return { diagnostics: [diagnostic], locator: createLocator(parseDocument(''), new TextPositions('')) };
}

/** Options of {@link loadMatrix}. */
export interface LoadOptions {
  /** Counts the steps taken to find lines, for tests that prove locating grows linearly. */
  work?: WorkCounter;
  /** false: read the YAML with yaml alone, never quickly (tests compare the two readings). */
  quick?: boolean;
}

// yaml's own duplicate-key check scans every earlier key (quadratic); ours (yamlDiagnostics) is linear.
const YAML_OPTIONS = { uniqueKeys: false, strict: true, stringKeys: true, prettyErrors: false, version: '1.2' } as const;

/**
 * The text a matrix's lines and columns count in: the file without a leading byte-order mark.
 * Everything that turns an offset of the text into a place (the locator, the rules that find a
 * placeholder inside a value) must count in the same text, or line 1 is one column off.
 */
export const withoutBom = (source: string): string => (source.startsWith('\uFEFF') ? source.slice(1) : source);

export function loadMatrix(source: string, options: LoadOptions = {}): LoadResult {
  if (typeof source !== 'string') {
    return { diagnostics: [fatal('not-text', `a matrix is YAML text, given as a string; got ${source === null ? 'null' : typeof source}`)], locator: createLocator(parseDocument(''), new TextPositions('')) };
  }
  const text = withoutBom(source);
  const lines = new TextPositions(text, options.work);
  if (text.includes('\0')) {
    return { diagnostics: [fatal('not-text', 'the file contains binary data (NUL bytes); a matrix is a YAML text file')], locator: createLocator(parseDocument(''), lines) };
  }
  if (text.length > MAX_MATRIX_CHARS) return tooLarge(text.length);
  // A clean mapping is read quickly, and by yaml only when a finding needs its place.
  const quick = options.quick === false ? undefined : quickMapping(text);
  if (quick !== undefined) return checked(quick, [], lazyLocator(() => createLocator(parseGuarded(text, YAML_OPTIONS).doc ?? parseDocument(''), lines)));
  let doc: Document.Parsed;
  try {
    const parsed = parseGuarded(text, YAML_OPTIONS);
    if (parsed.deep !== undefined) {
      const at = lines.linePos(parsed.deep);
      const diagnostic = { ...fatal('too-deep', `the YAML nests more than ${MAX_NESTING} levels deep; a matrix needs only a few levels`), line: at.line, column: at.col };
      return { diagnostics: [diagnostic], locator: createLocator(parseDocument(''), lines) };
    }
    doc = parsed.doc;
  } catch (error) {
    // The parser recurses on nesting; absurdly deep input can exhaust the stack.
    const fallback = createLocator(parseDocument(''), lines);
    return { diagnostics: [fatal('yaml-too-complex', `the YAML cannot be parsed: ${reason(error)}`)], locator: fallback };
  }
  const locator = createLocator(doc, lines);
  const diagnostics = yamlDiagnostics(doc, lines, text);
  if (diagnostics.some((d) => d.level === 'error')) return { diagnostics: sorted(diagnostics), locator };

  let data: unknown;
  try {
    data = toData(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { diagnostics: [toJsFailure(error, doc, lines)], locator };
  }

  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    const what = data === null || data === undefined ? 'empty' : Array.isArray(data) ? 'a list' : `a single ${typeof data}`;
    return { data, diagnostics: [{ ...fatal('not-a-matrix', `the file is ${what}; a matrix is a YAML mapping starting with "version: 1"`), ...position(locator, []) }], locator };
  }

  return checked(data, diagnostics, locator);
}

/** The schema, the forbidden keys and the references, over data that is a mapping. */
function checked(data: object, diagnostics: Diagnostic[], locator: Locator): LoadResult {
  diagnostics.push(...forbiddenKeys(data, locator));
  // A valid matrix takes the plain-code path; anything else gets the schema's own messages.
  const accepted = acceptMatrix(data);
  const parsed = accepted !== undefined ? { success: true as const, data: accepted as Matrix } : schemas().matrixSchema.safeParse(data);
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(parsed.error.issues, locator, data));
  }
  diagnostics.push(...checkReferences(data, locator));
  const result: LoadResult = { data, diagnostics: sorted(dedupe(diagnostics)), locator };
  if (parsed.success && !result.diagnostics.some((d) => d.level === 'error')) result.matrix = parsed.data;
  return result;
}

/** `__proto__` is an ordinary key once parsed, but schema libraries skip it silently: refuse it by name. */
function forbiddenKeys(data: object, locator: Locator): Diagnostic[] {
  // Paths are built only for a hit: a parent chain per collection, nothing per scalar.
  interface Visit {
    value: object;
    key?: string | number;
    parent?: Visit;
  }
  const pathTo = (visit: Visit): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  };
  const out: Diagnostic[] = [];
  const stack: Visit[] = [{ value: data }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const list = Array.isArray(visit.value);
    for (const key of Object.keys(visit.value)) {
      const child = (visit.value as Record<string, unknown>)[key];
      if (key === '__proto__') {
        const at = [...pathTo(visit), key];
        const span = locator.key(at);
        out.push({ code: 'forbidden-key', level: 'error', message: `the key "__proto__" is not allowed anywhere in a matrix`, path: at, line: span.line, column: span.column });
      } else if (typeof child === 'object' && child !== null) stack.push({ value: child, key: list ? Number(key) : key, parent: visit });
    }
  }
  return out;
}

function yamlDiagnostics(doc: Document.Parsed, lines: Positions, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    const start = lines.linePos(problem.pos[0]);
    const end = problem.pos[1] > problem.pos[0] ? lines.linePos(problem.pos[1]) : undefined;
    const tooDeep = /call stack/i.test(problem.message);
    const code = tooDeep ? 'too-deep' : (YAML_CODES[problem.code] ?? 'yaml-syntax');
    out.push({
      code,
      level: 'error',
      message: yamlMessage(problem.code, problem.message),
      path: [],
      line: start.line,
      column: start.col,
      ...(end ? { endLine: end.line, endColumn: end.col } : {}),
    });
  }
  const directive = doc.directives?.yaml;
  if (directive?.explicit && directive.version !== '1.2') {
    out.push({ code: 'yaml-directive', level: 'error', message: `%YAML ${directive.version} is not supported: its implicit booleans (yes/no/on) and merge keys change values silently; remove the directive`, path: [], line: 1, column: 1 });
  }
  // A tag needs a "!" in the text; without one, only the keys are checked.
  const tagged = text.includes('!');
  eachNode(doc.contents, {
    map(map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, pair.key.range[0]);
        else {
          const { line, col } = lines.linePos(pair.key.range[0]);
          out.push({ code: 'duplicate-key', level: 'error', message: `duplicate key "${key}"; it is already defined on line ${lines.linePos(first).line}`, path: [], line, column: col });
        }
      }
    },
    other(node) {
      if (tagged && (isScalar(node) || isCollection(node)) && node.tag && !CORE_TAGS.has(node.tag) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        if (!out.some((d) => d.code === 'yaml-tag' && d.line === line)) {
          out.push({ code: 'yaml-tag', level: 'error', message: `the tag ${node.tag} is not allowed in a matrix; remove it`, path: [], line, column: col });
        }
      }
    },
  });
  return out;
}

/**
 * Every node, depth first, in the order yaml's `visit` takes with a `Map` and a `Node` visitor:
 * a mapping goes to `map` only, a list, scalar or alias to `other`. A plain walk: `visit` copies
 * and freezes a path for every node.
 */
function eachNode(node: unknown, visitor: { map: (map: YAMLMap) => void; other: (node: Scalar | YAMLSeq | Alias) => void }): void {
  if (isMap(node)) {
    visitor.map(node);
    for (const pair of node.items) {
      eachNode(pair.key, visitor);
      eachNode(pair.value, visitor);
    }
  } else if (isSeq(node)) {
    visitor.other(node);
    for (const item of node.items) eachNode(item, visitor);
  } else if (isPair(node)) {
    eachNode(node.key, visitor);
    eachNode(node.value, visitor);
  } else if (isScalar(node) || isAlias(node)) visitor.other(node);
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case 'RESOURCE_EXHAUSTION':
      return /call stack/i.test(message) ? 'the YAML is nested too deeply to read; a matrix needs only a few levels' : summary(message);
    case 'TAG_RESOLVE_FAILED':
      return 'custom tags are not allowed in a matrix; remove the tag';
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (a second "---"); a matrix is one document';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `${summary(message)}; quote a value that contains ": "`;
    default:
      return summary(message).replace(/^Nested mappings are not allowed in compact mappings$/, 'a value contains ": "; quote it, or put the nested mapping on its own lines');
  }
}

/** yaml's messages end with a code frame; keep the first line without its position. */
function summary(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/** Why `toJS` gave up: an alias bomb, or an alias whose anchor does not exist (located). */
function toJsFailure(error: unknown, doc: Document.Parsed, lines: Positions): Diagnostic {
  if (error instanceof RecursiveAliasError) {
    const { line, col } = error.offset === undefined ? { line: 1, col: 1 } : lines.linePos(error.offset);
    return { code: 'recursive-alias', level: 'error', message: error.message, path: [], line, column: col };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/Unresolved alias/i.test(message)) {
    let found: Diagnostic | undefined;
    visit(doc, {
      Alias(_key, alias) {
        if (alias.resolve(doc as Document) === undefined && alias.range) {
          const { line, col } = lines.linePos(alias.range[0]);
          found = { code: 'unknown-alias', level: 'error', message: `the alias *${alias.source} has no anchor &${alias.source} before it`, path: [], line, column: col };
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) return found;
  }
  if (/alias count/i.test(message)) return fatal('alias-limit', `aliases expand too far (more than ${MAX_ALIAS_COUNT} uses); a matrix never needs that many`);
  return fatal('yaml-too-complex', `the YAML cannot be read: ${reason(error)}`);
}

function fatal(code: string, message: string): Diagnostic {
  return { code, level: 'error', message, path: [], line: 1, column: 1 };
}

function position(locator: Locator, path: []): { line: number; column: number } {
  const { line, column } = locator.value(path);
  return { line, column };
}

function reason(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function sorted(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(byPosition);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
