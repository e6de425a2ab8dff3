#!/usr/bin/env node
// Start-up and scale benchmark. Runs every command interleaved with `node -e 0` in one go
// (so machine noise hits all alike) and reports medians and each command's ratio to
// `node -e 0`, then lints synthetic matrices of 2,000 and 20,000 questions and reports over
// 1,000 and 10,000 generated incident records.
//   npm run bench [-- --runs 21]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateMatrix } from './generate-matrix.mjs';
import { generateRecords } from './generate-records.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/escalate.js');
const ex = (name) => join(root, 'examples', name);
const node = process.execPath;

const commands = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'escalate --help', args: [bin, '--help'], target: 1.3 },
  { name: 'escalate lint client-vendor', args: [bin, 'lint', ex('client-vendor.yaml')], target: 1.8 },
  { name: 'escalate lint msp', args: [bin, 'lint', ex('msp.yaml')], target: 1.8 },
  { name: 'escalate lint saas-support', args: [bin, 'lint', ex('saas-support.yaml')], target: 1.8 },
  {
    name: 'escalate triage --json',
    args: [bin, 'triage', '--json', '--matrix', ex('saas-support.yaml'), '--at', '2026-03-27T16:30:00+01:00', '--answer', 'security=no', '--answer', 'confirmed=yes', '--answer', 'scope=many', '--answer', 'core=yes'],
    target: 2.0,
  },
  { name: 'escalate docs', args: [bin, 'docs', '--matrix', ex('client-vendor.yaml')], target: 2.0 },
  { name: 'escalate status (one record)', args: [bin, 'status', ex('records/2026-10-30-northwind-scanners.json'), '--as-of', '2026-11-27T12:10:00Z'], target: 1.8 },
];

function time(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(node, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const c of commands) time(c.args); // warm the file cache
const samples = commands.map(() => []);
for (let i = 0; i < runs; i++) commands.forEach((c, j) => samples[j].push(time(c.args)));

console.log(`start-up, ${runs} interleaved runs each (Node ${process.version})\n`);
console.log('command                          median ms   ratio to node -e 0   target');
let missed = 0;
commands.forEach((c, j) => {
  // The ratio is the median of per-round ratios, which cancels slow phases of the machine.
  const ratio = median(samples[j].map((ms, i) => ms / samples[0][i]));
  const ok = c.target === undefined || ratio <= c.target;
  if (!ok) missed++;
  const target = c.target === undefined ? '' : `≤ ${c.target.toFixed(1)}  ${ok ? 'ok' : 'MISSED'}`;
  console.log(`${c.name.padEnd(32)} ${median(samples[j]).toFixed(0).padStart(9)}   ${ratio.toFixed(2).padStart(18)}   ${target}`);
});

const dir = mkdtempSync(join(tmpdir(), 'escalate-bench-'));
const small = join(dir, 'matrix-2k.yaml');
const large = join(dir, 'matrix-20k.yaml');
writeFileSync(small, generateMatrix({ questions: 2000, severities: 10, roles: 200 }));
writeFileSync(large, generateMatrix({ questions: 20000, severities: 100, roles: 2000 }));
const scaleRuns = 5;
const t2k = median(Array.from({ length: scaleRuns }, () => time([bin, 'lint', small])));
const t20k = median(Array.from({ length: scaleRuns }, () => time([bin, 'lint', large])));
console.log(`\nscale, median of ${scaleRuns} runs of escalate lint`);
console.log(`2,000 questions, 10 severities, 200 roles      ${t2k.toFixed(0).padStart(6)} ms   (target < 1000 ms)  ${t2k < 1000 ? 'ok' : 'MISSED'}`);
console.log(`20,000 questions, 100 severities, 2,000 roles  ${t20k.toFixed(0).padStart(6)} ms   ${(t20k / t2k).toFixed(1)}x the 2,000 (target ≤ 12x)  ${t20k / t2k <= 12 ? 'ok' : 'MISSED'}`);
if (t2k >= 1000 || t20k / t2k > 12) missed++;

// escalate report over 1,000 and 10,000 records (examples/records moved back by whole weeks).
const r1k = join(dir, 'records-1k');
const r10k = join(dir, 'records-10k');
mkdirSync(r1k);
mkdirSync(r10k);
generateRecords(join(root, 'examples/records'), r1k, 1000);
generateRecords(join(root, 'examples/records'), r10k, 10000);
const report = (folder) => [bin, 'report', folder, '--format', 'json', '--as-of', '2026-11-27T12:10:00Z'];
const t1kr = median(Array.from({ length: 3 }, () => time(report(r1k))));
const t10kr = median(Array.from({ length: 3 }, () => time(report(r10k))));
console.log(`\nscale, median of 3 runs of escalate report --format json`);
console.log(`1,000 records                                  ${t1kr.toFixed(0).padStart(6)} ms`);
console.log(`10,000 records                                 ${t10kr.toFixed(0).padStart(6)} ms   (target ≤ 1500 ms)  ${t10kr <= 1500 ? 'ok' : 'MISSED'}; ${(t10kr / t1kr).toFixed(1)}x the 1,000 (target ≤ 12x, linear)  ${t10kr / t1kr <= 12 ? 'ok' : 'MISSED'}`);
if (t10kr > 1500 || t10kr / t1kr > 12) missed++;
process.exitCode = missed > 0 ? 1 : 0;
