// Bundles the CLI and the library with esbuild. Commands are separate chunks loaded on
// demand, so `escalate --help` and `escalate lint` never parse prompt or date code.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true, maxRetries: 3 });
await build({
  entryPoints: { cli: 'src/cli/run.ts', index: 'src/index.ts' },
  outdir: 'dist',
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
  define: { __ESCALATE_VERSION__: JSON.stringify(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version) },
  logLevel: 'warning',
});
