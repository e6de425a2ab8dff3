/**
 * Which files a lint run checks: matrices, each with the matrix tests beside it. Pure:
 * the file system is asked through `exists`.
 *
 * Convention: the tests of `NAME.yaml` live in `NAME.cases.yaml` (or `.yml`). A cases file
 * named on the command line (say by a glob like `teams/*.yaml`) brings in its matrix; it is
 * never linted as a matrix itself.
 */
export interface LintTarget {
  matrix: string;
  cases?: string;
}

const CASES = /\.(cases|tests)\.ya?ml$/i;
export const isCasesFile = (path: string) => CASES.test(path);

/** `teams/acme.cases.yaml` → `teams/acme.yaml` (or `.yml` when only that exists). */
export function matrixOfCases(path: string, exists: (path: string) => boolean): string {
  const base = path.replace(CASES, '');
  const candidates = [`${base}.yaml`, `${base}.yml`];
  return candidates.find(exists) ?? candidates[0]!;
}

export function casesBeside(matrix: string, exists: (path: string) => boolean): string | undefined {
  const base = matrix.replace(/\.ya?ml$/i, '');
  if (base === matrix) return undefined;
  return [`${base}.cases.yaml`, `${base}.cases.yml`].find(exists);
}

export interface TargetOptions {
  exists(path: string): boolean;
  /** `--cases FILE` (only with one matrix) or `false` for `--no-cases`. */
  cases?: string | false;
}

export function lintTargets(paths: readonly string[], options: TargetOptions): LintTarget[] {
  const targets: LintTarget[] = [];
  const byMatrix = new Map<string, LintTarget>();
  const add = (matrix: string): LintTarget => {
    let target = byMatrix.get(matrix);
    if (!target) {
      target = { matrix };
      byMatrix.set(matrix, target);
      targets.push(target);
    }
    return target;
  };
  for (const path of paths) {
    if (isCasesFile(path)) {
      const target = add(matrixOfCases(path, options.exists));
      if (options.cases !== false) target.cases = path;
    } else add(path);
  }
  for (const target of targets) {
    if (options.cases === false) delete target.cases;
    else if (typeof options.cases === 'string') target.cases = options.cases;
    else target.cases ??= casesBeside(target.matrix, options.exists);
  }
  return targets;
}
