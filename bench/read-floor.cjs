'use strict';
// The floor under `escalate report` over a folder of records: read every `*.json` file and
// parse it (JSON.parse), on as many threads as report judges with (one per core, at most
// four), claimed 32 files at a time as report claims them; nothing is checked, judged or
// written. bench/run.mjs times it beside report so the report's ratio can be read against
// what the machine needs just to read the records.
//   node bench/read-floor.cjs FOLDER
const { readdirSync, readFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const { join } = require('node:path');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

function readShare({ folder, names, next }) {
  let versions = 0;
  for (;;) {
    const first = Atomics.add(next, 0, 1) * 32;
    if (first >= names.length) return versions;
    for (let i = first; i < Math.min(first + 32, names.length); i++) versions += JSON.parse(readFileSync(join(folder, names[i]), 'utf8')).version;
  }
}

if (isMainThread) {
  const folder = process.argv[2];
  const names = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
  const next = new Int32Array(new SharedArrayBuffer(4));
  const threads = Math.max(1, Math.min(availableParallelism(), 4));
  const shares = [];
  for (let t = 1; t < threads; t++) {
    shares.push(new Promise((resolve, reject) => new Worker(__filename, { workerData: { folder, names, next } }).once('message', resolve).once('error', reject)));
  }
  const mine = readShare({ folder, names, next });
  Promise.all(shares).then((counts) => {
    const read = counts.reduce((sum, n) => sum + n, mine);
    if (read !== names.length) throw new Error(`read ${read} records of ${names.length}`);
  });
} else parentPort.postMessage(readShare(workerData));
