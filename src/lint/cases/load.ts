/** Loads a cases file: YAML text in, checked cases and located diagnostics out. Pure. */
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic, Path } from '../../diagnostics.js';
import { formatPath } from '../../diagnostics.js';
import { createLocator, type Locator } from '../../matrix/locate.js';
import { didYouMean } from '../../matrix/suggest.js';
import { casesFile, type CasesFile } from './schema.js';

export interface CasesLoad {
  cases?: CasesFile['cases'];
  diagnostics: Diagnostic[];
  locator: Locator;
}

const KEYS: Record<string, readonly string[]> = {
  '': ['$schema', 'cases'],
  case: ['name', 'answers', 'at', 'client', 'tier', 'expect'],
  expect: ['severity', 'owner', 'route', 'deadlines'],
};

export function loadCases(source: string): CasesLoad {
  const lines = new LineCounter();
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, strict: true, stringKeys: true, version: '1.2' });
  const locator = createLocator(doc, lines);
  const diagnostics: Diagnostic[] = [];
  for (const problem of doc.errors) {
    const start = problem.linePos?.[0] ?? { line: 1, col: 1 };
    const code = problem.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
    diagnostics.push({ code, level: 'error', message: problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), path: [], line: start.line, column: start.col });
  }
  if (diagnostics.length > 0) return { diagnostics, locator };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return { diagnostics: [{ code: 'alias-limit', level: 'error', message: 'aliases expand too far; a cases file never needs that many', path: [], line: 1, column: 1 }], locator };
  }
  const parsed = casesFile.safeParse(data ?? {});
  if (parsed.success) return { cases: parsed.data.cases, diagnostics, locator };
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol') as Path;
    const where = formatPath(path) || 'the cases file';
    if (issue.code === 'unrecognized_keys') {
      const kind = path.length === 0 ? '' : path[path.length - 1] === 'expect' ? 'expect' : 'case';
      for (const key of issue.keys) {
        const span = locator.key([...path, key]);
        diagnostics.push({ code: 'unknown-key', level: 'error', message: `unknown key "${key}" in ${where}${didYouMean(key, KEYS[kind]!)}; allowed: ${KEYS[kind]!.join(', ')}`, path: [...path, key], line: span.line, column: span.column });
      }
      continue;
    }
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    const span = locator.value(path);
    diagnostics.push({
      code: missing ? 'missing-key' : 'invalid-value',
      level: 'error',
      message: missing ? `${formatPath(path.slice(0, -1)) || 'the cases file'} needs "${String(path[path.length - 1])}"` : `${where}: ${issue.message}`,
      path,
      line: span.line,
      column: span.column,
    });
  }
  return { diagnostics, locator };
}
