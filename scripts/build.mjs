// Builds dist/: the CLI as CommonJS bundles (one for the program, one per command, loaded
// lazily) run with a V8 code cache, and the library API as an ES module.
// The new dist/ is built beside the old one and swapped in, so a running test never sees half a build.
// `--types` also emits the library's declarations (tsc, then scripts/bundle-types.mjs).
//
// A build that would repeat the last one is skipped: dist/.inputs holds a digest of everything
// the bundles are made from (src/, scripts/, examples/ for the code cache, package.json, the
// lock file, tsconfig, Node's version, the build options), written when the build has finished;
// dist/types/.inputs the same for the declarations. `npm pack` after `npm install` (as
// pre-commit installs the hook) and `npm test` after `npm ci` build once, not twice.
// `--force` rebuilds regardless.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const next = `${dist}.next-${process.pid}`;
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const commandsDir = join(root, 'src/cli/commands');
const commands = readdirSync(commandsDir).filter((f) => f.endsWith('-run.ts'));
const withTypes = process.argv.includes('--types');
const force = process.argv.includes('--force');
const noCache = process.argv.includes('--no-cache');

/** A digest of the files and settings a build is made from. */
function inputsDigest(part) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ part, node: process.version, arch: process.arch, minify: process.env.NO_MINIFY !== '1', noCache }));
  const walk = (dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir), { withFileTypes: true })
          .sort((a, b) => (a.name < b.name ? -1 : 1))
          .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
      : [];
  for (const file of [...walk('src'), ...walk('scripts'), ...walk('examples'), 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
    if (!existsSync(join(root, file))) continue;
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}
const upToDate = (stamp, digest) => !force && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
const bundleDigest = inputsDigest('bundle');
const bundleStamp = join(dist, '.inputs');
const bundleCurrent = upToDate(bundleStamp, bundleDigest) && existsSync(join(dist, 'cli.cjs'));

/**
 * zod's namespace re-exports ~50 error-message locales (~250 KB) that escalate never uses
 * (messages are its own, in English): only the English locale is bundled.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * commander loads child_process at start-up for executable subcommands, which escalate does
 * not use; ~2 ms on every run. It gets a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'commander')}`) ? { path: 'lazy-child-process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};

/**
 * The time core reads offsets only through src/time/offset.ts (memoised, Intl or the host
 * clock). Should any bundled code use @date-fns/tz, its own `tzOffset` (Intl.DateTimeFormat,
 * ~10 ms to start) is rerouted there too, so the whole program sees one source of offsets.
 */
const offsetsThroughTimeCore = {
  name: 'offsets-through-time-core',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/tzOffset\/index\.js$/ }, (args) =>
      args.importer.includes(join('node_modules', '@date-fns', 'tz')) ? { path: join(root, 'src/time/offset.ts') } : undefined,
    );
  },
};

/**
 * In the CommonJS bundles the loaders reach the zod schemas of a matrix and of a cases file
 * through a `require` (`schema-lazy.ts`), which esbuild runs on first use: a valid file passes
 * the plain-code check (`fast.ts`) and never builds them (~5 ms of lint's start-up). The
 * library bundle keeps the plain import.
 */
const lazySchemas = {
  name: 'lazy-schema',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*[\\/]schema-lazy\.ts$/ }, (args) => ({
      contents: `export const schemas = () => require(${JSON.stringify(join(dirname(args.path), 'schema.ts'))});`,
      loader: 'ts',
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * yaml's parser and composer read `process.env.LOG_TOKENS` / `LOG_STREAM` for every token (a
 * debugging aid that prints to the console, past the output edge); reading the environment
 * is a call into Node each time. The bundles leave the aid out.
 */
const yamlWithoutDebugLogs = {
  name: 'yaml-without-debug-logs',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'false');
      if (contents === source) throw new Error(`yaml's debug switch not found in ${args.path}`);
      return { contents, loader: 'js' };
    });
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: process.env.NO_MINIFY !== "1", // NO_MINIFY=1 keeps names readable in CPU profiles
  legalComments: 'none',
  define: { __ESCALATE_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
  plugins: [englishOnlyZod, lazyChildProcess, offsetsThroughTimeCore, yamlWithoutDebugLogs],
};
const cjs = {
  ...shared,
  format: 'cjs',
  define: { ...shared.define, 'import.meta.url': '__escalate_import_meta_url' },
  plugins: [...shared.plugins, lazySchemas],
  banner: { js: "var __escalate_import_meta_url=require('node:url').pathToFileURL(__filename).href;" },
};

if (!bundleCurrent) await buildBundles();

async function buildBundles() {
  const { build } = await import('esbuild');
  /** In the program bundle, `import('./x-run.js')` stays a separate bundle: `./commands/x.cjs`. */
  const lazyCommands = {
    name: 'lazy-commands',
    setup(b) {
      b.onResolve({ filter: /-run\.js$/ }, (args) => {
        if (args.importer.startsWith(commandsDir) && args.kind === 'dynamic-import') {
          return { path: `./commands/${basename(args.path, '.js').replace(/-run$/, '')}.cjs`, external: true };
        }
        return undefined;
      });
    },
  };

  /** esbuild keeps an external dynamic import as `import()`; in CommonJS it must be `require`. */
  async function buildProgram() {
    const result = await build({ ...cjs, entryPoints: ['src/cli/entry.ts'], outfile: join(next, 'cli.cjs'), plugins: [...cjs.plugins, lazyCommands], write: false });
    const [file] = result.outputFiles;
    const code = file.text.replace(/import\((["'])(\.\/commands\/[a-z-]+\.cjs)\1\)/g, 'Promise.resolve().then(()=>require("$2"))');
    if (/import\(["']\.\/commands\//.test(code)) throw new Error('a lazy command import was not rewritten');
    mkdirSync(next, { recursive: true });
    writeFileSync(file.path, code);
  }

  await Promise.all([
    buildProgram(),
    // Each command a bundle of its own, and the worker threads of `escalate report` over a
    // large folder (src/cli/report-pool.ts): one build, so the sources they share (zod, yaml,
    // the core) are read and parsed once, not once a bundle.
    build({
      ...cjs,
      entryPoints: {
        'report-worker': 'src/cli/report-worker.ts',
        ...Object.fromEntries(commands.map((file) => [file.replace(/-run\.ts$/, ''), join(commandsDir, file)])),
      },
      outdir: join(next, 'commands'),
      outExtension: { '.js': '.cjs' },
    }),
    // The library API as an ES module; bundled CommonJS dependencies need a `require`.
    build({
      ...shared,
      format: 'esm',
      entryPoints: ['src/index.ts'],
      outfile: join(next, 'index.js'),
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    }),
  ]);
  copyFileSync(join(root, 'src/boot/boot.cjs'), join(next, 'boot.cjs'));

  // Keep declaration files from an earlier `tsc` run; `npm run build` rebuilds them.
  if (existsSync(join(dist, 'types'))) renameSync(join(dist, 'types'), join(next, 'types'));
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });

  // Code cache: run the commands people use most once, with the cache writer on.
  if (!noCache) {
    const bin = join(root, 'bin/escalate.js');
    const ex = (name) => join(root, 'examples', name);
    // The boot file raises V8's interrupt budget before a command loads; the program bundle's
    // cache must be made under the default, which differs between Node releases.
    const defaults = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const budget = /--interrupt-budget=(\d+)/.exec(defaults)?.[1];
    if (!budget) throw new Error('cannot read the default --interrupt-budget from node --v8-options');
    const runs = [
      ['--help'],
      ['lint', ex('saas-support.yaml'), ex('msp.yaml'), ex('client-vendor.yaml')],
      ['schema'],
      ['docs', '--matrix', ex('client-vendor.yaml')],
      ['triage', '--json', '--matrix', ex('saas-support.yaml'), '--at', '2026-03-27T16:30:00+01:00', '--answer', 'security=no', '--answer', 'confirmed=yes', '--answer', 'scope=many', '--answer', 'core=yes'],
      ['diff', ex('saas-support.yaml'), ex('saas-support.yaml')],
      ['status', ex('records/2026-10-30-northwind-scanners.json'), '--as-of', '2026-11-27T12:10:00Z'],
      ['report', ex('records'), '--as-of', '2026-11-27T12:10:00Z'],
    ];
    // The report run judges on two threads whatever the number of records, so the worker thread's bundle gets its cache too.
    const runEnv = { report: { ESCALATE_REPORT_THREADS: '2' } };
    for (const args of runs) {
      const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, ESCALATE_WRITE_CODE_CACHE: '1', ESCALATE_V8_DEFAULT_FLAGS: `--interrupt-budget=${budget}`, NO_COLOR: '1', ...runEnv[args[0]] } });
      // A run that fails would leave a cache of whatever ran before the failure.
      if (run.status !== 0) throw new Error(`code-cache run \`escalate ${args.join(' ')}\` exited ${run.status}: ${run.stderr}`);
    }
  }
  writeFileSync(bundleStamp, bundleDigest);
}

if (withTypes) {
  const typesDigest = inputsDigest('types');
  const typesStamp = join(dist, 'types', '.inputs');
  if (!upToDate(typesStamp, typesDigest)) {
    rmSync(typesStamp, { force: true });
    const step = (args) => {
      const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
      if (run.status !== 0) process.exit(run.status ?? 1);
    };
    step([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
    step([join(root, 'scripts/bundle-types.mjs')]);
    writeFileSync(typesStamp, typesDigest);
  }
}
