import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { generatedSchemas } from '../../matrix/json-schema.js';
import { loadMatrix } from '../../matrix/load.js';
import { VERSION } from '../../version.js';
import { packagePath, packageRoot, writeFileAtomic } from '../files.js';
import { EXIT, ExitError, usageError, type Io } from '../io.js';
import { readText, resolveMatrixPath } from '../matrix-file.js';
import { repositoryRoot, schemaPath } from '../schema-location.js';
import type { SchemaOptions } from './schema.js';

type Schemas = ReturnType<typeof generatedSchemas>;

export async function runSchema(files: readonly string[], options: SchemaOptions, io: Io): Promise<number> {
  const schemas = generatedSchemas();
  if (files.length > 0 && !options.check) {
    throw usageError(`FILE is checked with --check (escalate schema --check ${files[0]}); to save the schema to a file, run: escalate schema > FILE`);
  }
  if (!options.check && !options.write) {
    const wanted = options.triageResult ? schemas.find((s) => s.file.startsWith('triage-result')) : schemas[0];
    io.stdout.write(wanted!.text);
    return EXIT.ok;
  }
  if (options.write) return writePackageFiles(schemas, io);
  if (files.length > 0) return checkFiles(files, schemas, io);
  if (inSourceCheckout(io.cwd)) return checkPackageFiles(schemas, io);
  const matrix = foundMatrix(io);
  if (matrix) return checkFiles([matrix], schemas, io);
  // No matrix here: the installed schema is all there is to check; say how to check the team's files.
  const code = checkPackageFiles(schemas, io, (path) => relative(io.cwd, path).split(sep).join('/') || path);
  io.stdout.write(
    'no matrix found here (escalation-matrix.yaml in this folder or a parent, or $ESCALATE_MATRIX); to check a matrix or a copy of the schema, name it: escalate schema --check FILE\n',
  );
  return code;
}

/** In escalate's own repository, --check and --write concern the committed schemas/ files. */
function inSourceCheckout(cwd: string): boolean {
  const root = packageRoot();
  const rel = relative(root, resolve(cwd));
  return existsSync(packagePath('src')) && !rel.startsWith('..') && !isAbsolute(rel);
}

function foundMatrix(io: Io): string | undefined {
  try {
    return resolveMatrixPath(undefined, io);
  } catch (error) {
    if (error instanceof ExitError) return undefined;
    throw error;
  }
}

function writePackageFiles(schemas: Schemas, io: Io): number {
  // An installed package's files are not the user's to rewrite.
  if (!existsSync(packagePath('src'))) {
    throw usageError('schema --write regenerates the files of a source checkout of escalate; to save the schema elsewhere, run: escalate schema > FILE');
  }
  for (const { file, text } of schemas) {
    const path = packagePath('schemas', file);
    if (readIfExists(path) === text) io.stdout.write(`✓ schemas/${file} is current\n`);
    else {
      writeFileAtomic(path, text, { overwrite: true });
      io.stdout.write(`wrote schemas/${file}\n`);
    }
  }
  return EXIT.ok;
}

function checkPackageFiles(schemas: Schemas, io: Io, shown?: (path: string) => string): number {
  let stale = 0;
  for (const { file, text } of schemas) {
    const path = packagePath('schemas', file);
    const name = shown ? shown(path) : `schemas/${file}`;
    const current = readIfExists(path);
    if (current === text) io.stdout.write(`✓ ${name} is current\n`);
    else {
      stale++;
      io.stderr.write(`✖ ${name} is ${current === undefined ? 'missing' : 'stale'}; ${shown ? 'reinstall the package' : 'run: escalate schema --write'}\n`);
    }
  }
  return stale > 0 ? EXIT.findings : EXIT.ok;
}

function checkFiles(files: readonly string[], schemas: Schemas, io: Io): number {
  let failed = 0;
  for (const file of files) {
    const text = readText(file, io);
    const problems = /\.json$/i.test(file) ? checkSchemaCopy(file, text, schemas) : checkMatrix(file, text, schemas, io);
    if (problems.length === 0) continue;
    failed++;
    for (const line of problems) io.stderr.write(`✖ ${line}\n`);
  }
  return failed > 0 ? EXIT.findings : EXIT.ok;
}

/** A copy of a schema kept in the team's repository (say for a validator in another language). */
function checkSchemaCopy(file: string, text: string, schemas: Schemas): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw usageError(`${file} is not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  // `null`, a list or a number is JSON but no schema: it has no title to compare.
  const title = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as { title?: unknown }).title : undefined;
  const mine = schemas.find((s) => (JSON.parse(s.text) as { title: string }).title === title);
  if (!mine) throw usageError(`${file} is not a JSON Schema escalate writes (its title is ${JSON.stringify(title ?? null)}, not "escalate matrix" or "escalate triage result")`);
  if (mine.text === text) return [];
  const flag = mine.file.startsWith('triage-result') ? ' --triage-result' : '';
  return [`${file} differs from the schema of escalate ${VERSION}; regenerate it: escalate schema${flag} > ${file}`];
}

const MODELINE = /^#\s*yaml-language-server\s*:.*\$schema=(\S+)/m;

/** A matrix: it follows the format, and its editor modeline leads to this version's schema. */
function checkMatrix(file: string, text: string, schemas: Schemas, io: Io): string[] {
  const problems: string[] = [];
  const loaded = loadMatrix(text);
  for (const d of loaded.diagnostics.filter((d) => d.level === 'error')) problems.push(`${file}:${d.line}:${d.column}: ${d.message} (${d.code})`);

  const folder = dirname(resolve(io.cwd, file));
  const expected = schemaPath(folder, repositoryRoot(folder, io.cwd));
  const advice = `# yaml-language-server: $schema=${expected.path}`;
  const modeline = MODELINE.exec(text);
  if (!modeline) {
    io.stdout.write(`${file} has no editor modeline; for completion and checks as you type, make this its first line:\n${advice}\n`);
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(modeline[1]!)) {
    io.stdout.write(`${file}: the modeline points at ${modeline[1]}, a URL; it is not checked\n`);
  } else {
    const line = text.slice(0, modeline.index).split('\n').length;
    const target = resolve(folder, modeline[1]!);
    const shown = relative(io.cwd, target).split(sep).join('/') || target;
    const current = readIfExists(target);
    if (current === undefined) {
      const fix = expected.installed ? `change the line to: ${advice}` : `install the package (npm i -D escalation-matrix), then: ${advice}`;
      problems.push(`${file}:${line}: the editor modeline points at ${shown}, which does not exist; ${fix}`);
    } else if (current !== schemas[0]!.text) {
      problems.push(`${file}:${line}: the editor modeline points at ${shown}, which is not the schema of escalate ${VERSION}; ${expected.installed ? `change the line to: ${advice}` : 'update the file or the package it comes from'}`);
    }
  }
  if (problems.length === 0) io.stdout.write(`✓ ${file} follows the format${modeline && !/:\/\//.test(modeline[1]!) ? ' and its modeline leads to the current schema' : ''}\n`);
  return problems;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
