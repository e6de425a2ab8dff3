#!/usr/bin/env node
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('../dist/boot.cjs').load(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url))).runProcess(process.argv.slice(2));
