/**
 * Where a matrix's editor modeline should point: the JSON Schema of the installed package,
 * as a path relative to the matrix's folder (the YAML language server resolves it from there).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { packagePath, packageRoot } from './files.js';

export const SCHEMA_FILE = 'escalation-matrix.schema.json';

/**
 * The modeline's path to the schema, relative to the matrix's folder: the installed package
 * this run comes from when the matrix's project holds it, else a package folder in a
 * node_modules at or above the matrix, else where `npm i -D` in the repository will put it.
 */
export function schemaPath(folder: string, root: string): { path: string; installed: boolean } {
  const rel = (path: string) => relative(folder, path).split(sep).join('/');
  const own = packageRoot();
  const ownSchema = packagePath('schemas', SCHEMA_FILE);
  const names = new Set([basename(own), packageName(own), 'escalation-matrix', 'escalate']);
  for (let dir = folder; ; dir = dirname(dir)) {
    if (own.startsWith(join(dir, 'node_modules') + sep)) return { path: rel(ownSchema), installed: true };
    for (const name of names) {
      const candidate = join(dir, 'node_modules', name, 'schemas', SCHEMA_FILE);
      if (existsSync(candidate)) return { path: rel(candidate), installed: true };
    }
    if (dirname(dir) === dir) break;
  }
  return { path: rel(join(projectRoot(folder, root), 'node_modules', packageName(own), 'schemas', SCHEMA_FILE)), installed: false };
}

/** Where `npm i -D` puts node_modules: the nearest folder with a package.json, else the repository root. */
function projectRoot(folder: string, root: string): string {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === root || dirname(dir) === dir) return root;
  }
}

function packageName(root: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;
  } catch {
    return 'escalation-matrix';
  }
}

/** The nearest folder at or above the matrix that holds .git; else the current folder. */
export function repositoryRoot(folder: string, cwd: string): string {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}
