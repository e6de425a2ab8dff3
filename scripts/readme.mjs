// Regenerates the generated part of docs/format.md (the format reference) from the built CLI.
// `node scripts/readme.mjs --check` exits 1 when the page is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { formatReference } from '../dist/index.js';
import { execFileSync } from 'node:child_process';

const schema = JSON.parse(execFileSync(process.execPath, ['bin/escalate.js', 'schema'], { encoding: 'utf8' }));
const PAGE = 'docs/format.md';
const readme = readFileSync(PAGE, 'utf8');
const start = '<!-- format-reference:start -->';
const end = '<!-- format-reference:end -->';
const next = readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${formatReference(schema)}${end}`);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error(`${PAGE} format reference is stale: run npm run readme`);
    process.exit(1);
  }
} else writeFileSync(PAGE, next);
