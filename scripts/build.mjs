// Bundles the CLI and the library with esbuild. Commands are separate chunks loaded on
// demand, so `escalate --help` and `escalate lint` never parse prompt or date code.
// The bundle is built beside dist/ and swapped in, so a running test never sees half a build.
import { build } from 'esbuild';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root).pathname;
const next = `${dist.replace(/\/$/, '')}.next-${process.pid}`;
const version = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version;

await build({
  entryPoints: { cli: 'src/cli/run.ts', index: 'src/index.ts' },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // commander is CommonJS: give the ESM bundle a `require` for Node's built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  define: { __ESCALATE_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});

// Keep declaration files from an earlier `tsc` run; they are rebuilt by `npm run build`.
if (existsSync(`${dist}types`)) renameSync(`${dist}types`, `${next}/types`);
const old = `${dist.replace(/\/$/, '')}.old-${process.pid}`;
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
