/**
 * The CI files `escalate init` can add: the shipped GitHub Actions workflow pointed at the
 * new matrix, and a pre-commit hook that runs the installed `escalate lint`. Pure: texts in,
 * texts out.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { toData } from '../matrix/plain-data.js';

const SHIPPED_MATRIX = 'escalation-matrix.yaml';
const SHIPPED_CASES = 'escalation-matrix.cases.yaml';
const SHIPPED_SHEET = 'escalation-matrix.md';

/** Paths the workflow and hook name in shell commands and YAML without quoting. */
export const SIMPLE_PATH = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

/** The reference sheet `docs --check` keeps current in CI: NAME.md beside NAME.yaml. */
export const sheetPathFor = (matrix: string): string => matrix.replace(/\.ya?ml$/, '') + '.md';

/** The shipped workflow with the matrix, its cases and its sheet at their paths from the repository root. */
export function workflowFor(shipped: string, matrix: string, cases: string, sheet = sheetPathFor(matrix)): string {
  const replace = (text: string, pairs: [string, string][]): string => {
    if (pairs.length === 0) return text;
    const [[from, to], ...rest] = pairs as [[string, string], ...[string, string][]];
    return text
      .split(from)
      .map((part) => replace(part, rest))
      .join(to);
  };
  return replace(shipped, [
    [SHIPPED_CASES, cases],
    [SHIPPED_SHEET, sheet],
    [SHIPPED_MATRIX, matrix],
  ]);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The hook entry: the team's installed escalate, on the matrix and its cases file. */
function hook(matrix: string, cases: string): Record<string, unknown> {
  return {
    id: 'escalate-lint',
    name: 'escalate lint',
    entry: 'npx --no escalate lint',
    language: 'system',
    files: `^(${escapeRegExp(matrix)}|${escapeRegExp(cases)})$`,
  };
}

export type PreCommitResult = { ok: true; text: string; unchanged?: true } | { ok: false; reason: string };

/**
 * A `.pre-commit-config.yaml` with the escalate hook: a new file, or the team's existing file
 * with one more `repo: local` entry (its comments and layout kept).
 */
export function preCommitConfig(existing: string | undefined, matrix: string, cases: string): PreCommitResult {
  const entry = { repo: 'local', hooks: [hook(matrix, cases)] };
  if (existing === undefined || existing.trim() === '') {
    const doc = parseDocument('repos: []\n');
    doc.set('repos', doc.createNode([entry]));
    const note = '# escalate lint runs the version installed in node_modules (npm i -D escalation-matrix).\n';
    return { ok: true, text: note + doc.toString({ lineWidth: 0 }) };
  }
  const doc = parseDocument(existing);
  if (doc.errors.length > 0) return { ok: false, reason: `it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})` };
  if (!isMap(doc.contents)) return { ok: false, reason: 'it is not a mapping with repos:' };
  const repos = doc.get('repos');
  if (!isSeq(repos)) return { ok: false, reason: 'it has no repos: list' };
  let data: unknown;
  try {
    data = toData(doc, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, reason: `it cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  if (JSON.stringify(data).includes('"escalate-lint"')) return { ok: true, text: existing, unchanged: true };
  repos.add(doc.createNode(entry));
  return { ok: true, text: doc.toString({ lineWidth: 0 }) };
}
