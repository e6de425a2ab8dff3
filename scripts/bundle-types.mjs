// Makes the library's declarations (dist/types, emitted by tsc) self-contained. They name
// types from zod and yaml, which the package bundles into its JavaScript and so does not
// install: a consumer's tsc would fail on them (TS2307) or, with skipLibCheck, turn every
// matrix type into `any`. Here the declaration files those imports reach (and only those:
// no JavaScript) are copied under dist/types/vendor/<package>/, with each package's licence,
// and the imports are rewritten to point there. Deterministic; prints nothing on success.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const types = join(root, 'dist/types');
const vendor = join(types, 'vendor');

/** The bare specifiers the declarations may use, and the declaration file each one means. */
const ENTRIES = {
  'zod/mini': 'zod/mini/index.d.ts',
  yaml: 'yaml/dist/index.d.ts',
};
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;

/** Comments name modules too (`import "zod/compile"` in a doc comment): they are not imports. */
const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
rmSync(vendor, { recursive: true, force: true });
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const ours = walk(types).filter((f) => f.endsWith('.d.ts') && !f.startsWith(vendor + '/'));

/** A relative specifier in a declaration file → the declaration file it loads. */
function declarationOf(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.d.ts'), base.replace(/\.mjs$/, '.d.mts'), `${base}.d.ts`, join(base, 'index.d.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`bundle-types: cannot find the declarations of "${specifier}" imported by ${relative(root, from)}`);
}

// Copy the closure of every package entry the declarations use.
const copied = new Set();
const packages = new Set();
function copy(file) {
  if (copied.has(file)) return;
  copied.add(file);
  const inModules = relative(join(root, 'node_modules'), file);
  packages.add(inModules.split('/')[0]);
  const target = join(vendor, inModules);
  mkdirSync(dirname(target), { recursive: true });
  const text = readFileSync(file, 'utf8');
  writeFileSync(target, text);
  for (const [, , , specifier] of withoutComments(text).matchAll(SPECIFIER)) {
    if (specifier.startsWith('.')) copy(declarationOf(file, specifier));
    else if (ENTRIES[specifier]) copy(join(root, 'node_modules', ENTRIES[specifier]));
    else if (!specifier.startsWith('node:')) throw new Error(`bundle-types: ${relative(root, file)} imports "${specifier}", which is not bundled`);
  }
}

for (const file of ours) {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(SPECIFIER, (whole, lead, quote, specifier) => {
    if (specifier.startsWith('.') || specifier.startsWith('node:')) return whole;
    const entry = ENTRIES[specifier];
    if (!entry) throw new Error(`bundle-types: ${relative(root, file)} imports "${specifier}", which is not bundled`);
    copy(join(root, 'node_modules', entry));
    let path = relative(dirname(file), join(vendor, entry)).replace(/\.d\.ts$/, '.js');
    if (!path.startsWith('.')) path = `./${path}`;
    return `${lead}${quote}${path}${quote}`;
  });
  if (rewritten !== text) writeFileSync(file, rewritten);
}

// Each vendored package keeps its licence and its module type (ES module or CommonJS, which
// decides how its declarations are read).
for (const name of packages) {
  const licence = ['LICENSE', 'LICENSE.md', 'license'].map((f) => join(root, 'node_modules', name, f)).find(existsSync);
  if (licence) copyFileSync(licence, join(vendor, name, 'LICENSE'));
  const { type = 'commonjs' } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  writeFileSync(join(vendor, name, 'package.json'), `${JSON.stringify({ type })}\n`);
}
