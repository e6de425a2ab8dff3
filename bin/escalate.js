#!/usr/bin/env node
'use strict';
// CommonJS on purpose (see bin/package.json): it starts faster than an ES module, and the
// bundles it loads run with a V8 code cache (dist/boot.cjs).
const { join } = require('node:path');

require('../dist/boot.cjs').load(join(__dirname, '../dist/cli.cjs')).runProcess(process.argv.slice(2));
