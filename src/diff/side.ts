/**
 * What a side of `escalate diff` names: a file on disk, or a file at a git revision
 * (`REV:PATH`, or a bare revision meaning the matrix file at it). Pure: the checks that
 * need the file system or git are passed in.
 */
export type Side =
  /**
   * `unknown` is set when the argument names neither an existing file nor a revision git
   * knows, and does not look like a matrix file name either (`HEAD~5`, `origin/mian`): the
   * error then says it is an unknown revision or file, not only a missing file.
   */
  | { kind: 'file'; path: string; label: string; unknown?: true }
  /** `spec` goes to `git show` as is; `label` is how reports name it. */
  | { kind: 'git'; revision: string; spec: string; label: string };

export interface SideContext {
  /** Whether a file exists at this path (relative to the current folder). */
  isFile(path: string): boolean;
  /** Whether git knows this revision. */
  isRevision(revision: string): boolean;
  /** The matrix file, relative to the current folder; asked only when a side needs it. */
  matrixPath(): string;
}

/** The matrix file at a revision, addressed relative to the current folder as git allows with `./`. */
export function atRevision(revision: string, matrixPath: string): Side {
  const relative = matrixPath.startsWith('/') || matrixPath.startsWith('./') || matrixPath.startsWith('../') ? matrixPath : `./${matrixPath}`;
  return { kind: 'git', revision, spec: `${revision}:${relative}`, label: `${revision}:${matrixPath.replace(/^\.\//, '')}` };
}

/**
 * An existing file always wins, so a file whose name holds a colon still works. Then
 * `REV:PATH` (an empty PATH means the matrix file), then a bare revision, else a file
 * path (reading it reports what is missing; `unknown` when it may have meant a revision).
 */
export function parseSide(arg: string, context: SideContext): Side {
  if (context.isFile(arg)) return { kind: 'file', path: arg, label: arg };
  const colon = arg.indexOf(':');
  if (colon >= 0) {
    const revision = arg.slice(0, colon);
    const path = arg.slice(colon + 1);
    if (path === '') return atRevision(revision, context.matrixPath());
    return { kind: 'git', revision, spec: arg, label: arg };
  }
  if (!arg.startsWith('-') && context.isRevision(arg)) return atRevision(arg, context.matrixPath());
  return { kind: 'file', path: arg, label: arg, ...(arg.startsWith('-') || MATRIX_FILE.test(arg) ? {} : { unknown: true as const }) };
}

/** A name that can only be meant as a file: a YAML or JSON file name. */
const MATRIX_FILE = /\.(ya?ml|json)$/i;
