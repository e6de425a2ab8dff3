'use strict';
// Start-up path of the CLI. Node 20 has no compile cache for ES modules, so the CLI ships
// as CommonJS bundles run through vm.Script with a V8 code cache made at build time
// (dist/*.cjs.cache). A cache that this Node rejects is ignored; nothing is written at run time
// unless ESCALATE_WRITE_CODE_CACHE=1 (the build sets it).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const writeCache = process.env.ESCALATE_WRITE_CODE_CACHE === '1';
const loaded = new Map();

function load(file) {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  if (!writeCache) {
    try {
      cachedData = fs.readFileSync(`${file}.cache`);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, { script, module });
  const dirname = path.dirname(file);
  script.runInThisContext().call(module.exports, module.exports, requireFrom(file), module, file, dirname);
  module.loaded = true;
  return module.exports;
}

/** Bundles require their lazily loaded siblings (`./commands/x.cjs`) through the cache too. */
function requireFrom(file) {
  const plain = Module.createRequire(file);
  const dirname = path.dirname(file);
  return Object.assign((id) => (id.startsWith('./') && id.endsWith('.cjs') ? load(path.join(dirname, id)) : plain(id)), plain);
}

if (writeCache) {
  process.on('exit', () => {
    for (const [file, { script }] of loaded) fs.writeFileSync(`${file}.cache`, script.createCachedData());
  });
}

module.exports = { load };
