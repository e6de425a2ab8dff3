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
/**
 * A command run lasts ~0.1 s. V8's optimising compiler starts on a function after ~66 KB of
 * its bytecode has run; that early, its work competes with the main thread for the second core
 * and is often thrown away again (deoptimised) before it pays: yaml's parse of a 12 KB matrix
 * took 26-40 ms with it and ~15 ms without. Ten times the budget leaves optimisation to what
 * is really hot (large matrices). Set before the first command bundle is compiled, because V8
 * accepts a code cache only under the flags it was made with (the build makes the caches
 * through this file, so they match); `--help` and `--version` never load a command and skip it.
 */
const TUNED = '--interrupt-budget=675840';
let tuned = false;
function tune() {
  tuned = true;
  require('node:v8').setFlagsFromString(TUNED);
}

/** Bundles whose code cache V8 refused (a Node upgrade, other V8 flags): a test keeps this empty. */
const rejected = [];

function load(file) {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  if (!tuned && path.basename(path.dirname(file)) === 'commands') tune();
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
  if (cachedData !== undefined && script.cachedDataRejected) rejected.push(file);
  const module = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, { script, module, tuned });
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
  // A cache records the flags in force when it is made; the program bundle was loaded before
  // tune(), so its cache is made under this Node's default (the build passes it in).
  const untuned = process.env.ESCALATE_V8_DEFAULT_FLAGS;
  process.on('exit', () => {
    for (const when of [true, false]) {
      // V8's flags are the process's: a worker thread (tuned bundles only) must not switch them under the main thread.
      if (!when && ![...loaded.values()].some((entry) => !entry.tuned)) continue;
      if (!when && tuned) {
        if (!untuned) throw new Error('ESCALATE_V8_DEFAULT_FLAGS is not set');
        require('node:v8').setFlagsFromString(untuned);
      }
      for (const [file, entry] of loaded) if (entry.tuned === when) fs.writeFileSync(`${file}.cache`, entry.script.createCachedData());
    }
  });
}

module.exports = { load, rejected };
