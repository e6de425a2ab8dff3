#!/usr/bin/env node
// Speed budgets, all as ratios to `node -e 0` measured in the same run (so a slower or busier
// machine moves both sides alike); exits 1 when any budget is missed. The test suite holds
// correctness and counts work; it never times anything. Here:
//  1. start-up: every command interleaved with `node -e 0`, medians and per-round ratios;
//  2. hostile input: lint of a 20 MB file, a 2 MB line and a 5,000-deep tree, each answered
//     at once (the budget of about 2 s on a machine where `node -e 0` takes 65 ms);
//  3. the pure core in-process (bench/core.ts, bundled here): a century of working time, a
//     60,000-line diff, triage impact over a 5,000-question chain and 65,536 combinations,
//     the lint rules alone over 2,000 and 20,000 questions (growth ≤ 12× for 10× the input);
//  4. scale: escalate lint of generated matrices of 2,000 and 20,000 questions, escalate
//     report over 1,000 and 10,000 generated incident records (≤ 12× node -e 0 at 10,000,
//     growth ≤ 12× for 10× the records, peak ≤ 150 MB at each size, and at 10,000 read
//     through a slow pipe ≤ 150 MB and ≤ 1.15× the peak to /dev/null; with --large also
//     100,000 records, 1.2 GB on disk; beside it, unbudgeted, the floor: the same files only
//     read and parsed, bench/read-floor.cjs), escalate import of 3,000 and 30,000 generated rows
//     (linear; peak memory that does not grow with the rows), of 300,000 rows and of a 29 MB
//     export (peak memory, history bytes per ticket), and report over 100,000 imported
//     tickets (≤ 60×).
//   npm run bench [-- --runs 21] [-- --large]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { generateMatrix } from './generate-matrix.mjs';
import { generateRecords } from './generate-records.mjs';
import { generateTickets } from './generate-tickets.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' }, large: { type: 'boolean', default: false } } });
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
const nodeMs = median(samples[0]);
/** A budget line: `ms` against `limit` times `node -e 0` (this run's median). */
function budget(name, ms, limit) {
  const ratio = ms / nodeMs;
  const ok = ratio <= limit;
  if (!ok) missed++;
  console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms ${ratio.toFixed(1).padStart(7)}× node -e 0   ≤ ${String(limit).padStart(3)}×  ${ok ? 'ok' : 'MISSED'}`);
}
/** A growth line: 20,000 questions against 2,000 (below 10 ms a run measures the JIT and the timer: that is the floor). */
function growth(name, small, large, limit, unit = 'ms') {
  const ratio = large / Math.max(small, 10);
  const ok = ratio <= limit;
  if (!ok) missed++;
  console.log(`${name.padEnd(44)} ${small.toFixed(0).padStart(5)} → ${large.toFixed(0).padStart(5)} ${unit} ${ratio.toFixed(1).padStart(6)}×   ≤ ${limit}×  ${ok ? 'ok' : 'MISSED'}`);
}

// 2. Hostile input, generated as test/hostile.test.ts does.
const minimal = readFileSync(join(root, 'test/fixtures/valid/minimal.yaml'), 'utf8');
const hostile = {
  'a 20 MB file': `version: 1\nname: x\nexamples:\n${'  - lorem ipsum dolor sit amet consectetur\n'.repeat(500_000)}`,
  'a 2 MB line': `${minimal.replace('name: Minimal', `name: Minimal\ndescription: ${'x'.repeat(2_000_000)}`)}typo: 1\n`,
  'a tree 5,000 questions deep': (() => {
    const lines = ['triage:', '  start: q0', '  questions:'];
    for (let i = 0; i < 5000; i++) {
      lines.push(`    q${i}:`, `      ask: Question ${i}?`, '      answers:', '        - { label: Stop, outcome: { severity: sev2 } }');
      lines.push(i === 4999 ? '        - { label: Last, outcome: { severity: sev9 } }' : `        - { label: Go on, next: q${i + 1} }`);
    }
    return `${minimal.slice(0, minimal.indexOf('triage:'))}${lines.join('\n')}\n`;
  })(),
};
console.log(`\nhostile input, median of 5 runs of escalate lint --format json`);
for (const [name, text] of Object.entries(hostile)) {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, text);
  budget(name, median(Array.from({ length: 5 }, () => time([bin, 'lint', '--format', 'json', file]))), 30);
}

// 3. The pure core, in-process.
const coreBundle = join(dir, 'core.mjs');
await build({
  entryPoints: [join(root, 'bench/core.ts')],
  outfile: coreBundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
  plugins: [
    {
      // As in scripts/build.mjs: @date-fns/tz reads offsets through src/time/offset.ts.
      name: 'offsets-through-time-core',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/tzOffset\/index\.js$/ }, (args) =>
          args.importer.includes(join('node_modules', '@date-fns', 'tz')) ? { path: join(root, 'src/time/offset.ts') } : undefined,
        );
      },
    },
  ],
});
const core = spawnSync(node, [coreBundle], { encoding: 'utf8', env: { ...process.env, BENCH_CORE_RUNS: '5' } });
if (core.status !== 0) throw new Error(`bench/core.ts exited ${core.status}: ${core.stderr}`);
const c = JSON.parse(core.stdout);
console.log('\nthe core in-process, fastest of 5 runs');
budget('working time, a century', c['working time, a century'], 15);
budget('line diff, 60,000 unrelated lines', c['line diff, 60,000 unrelated lines'], 75);
budget('triage impact, 5,000-question chain', c['triage impact, 5,000-question chain'], 45);
budget('triage impact, 65,536 combinations', c['triage impact, 65,536 combinations'], 75);
budget('lint rules, 2,000 questions', Math.max(c['rules, sound tree 2k'], c['rules, findings tree 2k']), 4);
growth('lint rules, sound tree, 2k → 20k', c['rules, sound tree 2k'], c['rules, sound tree 20k'], 12);
growth('lint rules, nearly all findings, 2k → 20k', c['rules, findings tree 2k'], c['rules, findings tree 20k'], 12);
growth('tree-duplicate-answer, 2k → 20k', c['tree-duplicate-answer, 2k'], c['tree-duplicate-answer, 20k'], 12);

// 4. Scale through the CLI.
const small = join(dir, 'matrix-2k.yaml');
const large = join(dir, 'matrix-20k.yaml');
writeFileSync(small, generateMatrix({ questions: 2000, severities: 10, roles: 200 }));
writeFileSync(large, generateMatrix({ questions: 20000, severities: 100, roles: 2000 }));
const scaleRuns = 5;
const t2k = median(Array.from({ length: scaleRuns }, () => time([bin, 'lint', small])));
const t20k = median(Array.from({ length: scaleRuns }, () => time([bin, 'lint', large])));
console.log(`\nscale, median of ${scaleRuns} runs of escalate lint`);
budget('2,000 questions, 10 severities, 200 roles', t2k, 15);
growth('20,000 questions, 100 severities, 2,000 roles', t2k, t20k, 12);

// escalate report over 1,000 and 10,000 records (examples/records moved back by whole weeks),
// and 100,000 with --large. Issue budget: ≤ 12× node -e 0 at 10,000 (about 1.5 s where
// `node -e 0` takes 0.12 s), linear, peak ≤ 150 MB whatever the number of records.
const reportSizes = values.large ? [1000, 10000, 100000] : [1000, 10000];
const reportFolders = reportSizes.map((n) => {
  const folder = join(dir, `records-${n}`);
  mkdirSync(folder);
  generateRecords(join(root, 'examples/records'), folder, n);
  return folder;
});
const report = (folder) => [bin, 'report', folder, '--format', 'json', '--as-of', '2026-11-27T12:10:00Z'];
// Each report run between two runs of `node -e 0`: the ratio is the median of per-round ratios.
// The floor beside it (bench/read-floor.cjs): reading and parsing the same files on as many
// threads, nothing else; printed for reading the report's figure, not budgeted.
const floor = (folder) => [join(root, 'bench/read-floor.cjs'), folder];
const reportRuns = reportSizes.map(() => []);
const reportRatios = reportSizes.map(() => []);
const floorRuns = reportSizes.map(() => []);
const floorRatios = reportSizes.map(() => []);
for (let i = 0; i < 3; i++) {
  reportFolders.forEach((folder, j) => {
    if (reportSizes[j] > 10000 && i > 0) return; // one run of the large case
    const before = time(['-e', '0']);
    const ms = time(report(folder));
    const floorMs = time(floor(folder));
    const after = time(['-e', '0']);
    reportRuns[j].push(ms);
    reportRatios[j].push((ms * 2) / (before + after));
    floorRuns[j].push(floorMs);
    floorRatios[j].push((floorMs * 2) / (before + after));
  });
}
console.log(`\nscale, escalate report --format json (median of 3 runs, each between two runs of node -e 0)`);
reportSizes.forEach((n, j) => {
  const ms = median(reportRuns[j]);
  const ratio = median(reportRatios[j]);
  const limit = n === 10000 ? 12 : undefined;
  const ok = limit === undefined || ratio <= limit;
  if (!ok) missed++;
  console.log(`${`report, ${n.toLocaleString('en')} records`.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms ${ratio.toFixed(1).padStart(7)}× node -e 0   ${limit === undefined ? '' : `≤ ${String(limit).padStart(3)}×  ${ok ? 'ok' : 'MISSED'}`}`);
});
reportSizes.forEach((n, j) => {
  console.log(`${`  floor: read + JSON.parse only, ${n.toLocaleString('en')}`.padEnd(44)} ${median(floorRuns[j]).toFixed(0).padStart(7)} ms ${median(floorRatios[j]).toFixed(1).padStart(7)}× node -e 0   (not budgeted)`);
});
for (let j = 1; j < reportSizes.length; j++) {
  growth(`report, ${reportSizes[j - 1].toLocaleString('en')} → ${reportSizes[j].toLocaleString('en')} records`, median(reportRuns[j - 1]), median(reportRuns[j]), 12);
}

// Peak memory, read by the child itself at exit (process.resourceUsage().maxRSS, in KB).
const rssHook = join(dir, 'rss.cjs');
// Worker threads load the hook too (they inherit --require): only the main thread's exit,
// the last, reports the process's peak.
writeFileSync(rssHook, "if(require('worker_threads').isMainThread)process.on('exit',()=>{require('fs').writeSync(2,'\\nmaxrss '+process.resourceUsage().maxRSS+'\\n')})\n");
function peakMb(args) {
  const result = spawnSync(node, ['--require', rssHook, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const m = /maxrss (\d+)/.exec(result.stderr);
  if (!m) throw new Error(`${args.join(' ')}: no peak memory read (exit ${result.status}): ${result.stderr.slice(0, 300)}`);
  return Number(m[1]) / 1024;
}
function memory(name, mb, limit) {
  const ok = mb <= limit;
  if (!ok) missed++;
  console.log(`${name.padEnd(44)} ${mb.toFixed(0).padStart(7)} MB peak                 ≤ ${String(limit).padStart(3)} MB  ${ok ? 'ok' : 'MISSED'}`);
}
const reportPeaks = reportSizes.map((n, j) => {
  const mb = peakMb(report(reportFolders[j]));
  memory(`report, ${n.toLocaleString('en')} records`, mb, 150);
  return mb;
});
// As a user reads it, through a pipe to a slower reader (`| jq`): Node queues what a pipe
// cannot take yet, so a report that did not wait for its reader held all its output (16 MB
// of JSON at 10,000 records: 142 MB instead of 105 MB). Budget: 150 MB, and no more than
// 1.15× the same report written to /dev/null.
{
  const folder = reportFolders[reportSizes.indexOf(10000)];
  const command = [node, '--require', rssHook, ...report(folder)].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const result = spawnSync('sh', ['-c', `${command} | (sleep 1; cat >/dev/null)`], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const m = /maxrss (\d+)/.exec(result.stderr);
  if (!m) throw new Error(`report through a pipe: no peak memory read (exit ${result.status}): ${result.stderr.slice(0, 300)}`);
  const mb = Number(m[1]) / 1024;
  memory('report, 10,000 records, through a slow pipe', mb, 150);
  const ratio = mb / reportPeaks[reportSizes.indexOf(10000)];
  const ok = ratio <= 1.15;
  if (!ok) missed++;
  console.log(`${'  through a slow pipe / to /dev/null'.padEnd(44)} ${ratio.toFixed(2).padStart(7)}×                       ≤ 1.15×  ${ok ? 'ok' : 'MISSED'}`);
}
for (const folder of reportFolders) rmSync(folder, { recursive: true, force: true });

// escalate import of 3,000 and 30,000 generated helpdesk rows: linear time, memory that does
// not grow with the rows. Each run writes into a folder of its own (the same export imported
// again into one folder writes nothing).
let imports = 0;
const importRun = (file) => {
  const out = join(dir, `imported-${++imports}`);
  mkdirSync(out);
  return [bin, 'import', file, '--preset', 'freshdesk', '--matrix', ex('msp.yaml'), '--out-dir', out];
};
const ticketsCsv = (rows, options) => {
  const file = join(dir, `tickets-${rows}${options?.wide ? '-wide' : ''}.csv`);
  writeFileSync(file, generateTickets(rows, options));
  return file;
};
const csv3k = ticketsCsv(3000);
const csv30k = ticketsCsv(30000);
const ti3k = median(Array.from({ length: 3 }, () => time(importRun(csv3k))));
const ti30k = median(Array.from({ length: 3 }, () => time(importRun(csv30k))));
console.log('\nscale, escalate import (median of 3 runs, each into a folder of its own)');
growth('import, 3,000 → 30,000 rows', ti3k, ti30k, 12);
const m3k = peakMb(importRun(csv3k));
const m30k = peakMb(importRun(csv30k));
memory('import, 30,000 rows', m30k, 250);
growth('import peak memory, 3,000 → 30,000 rows', m3k, m30k, 2, 'MB');

// A year of a real team's tickets: 300,000 rows, and a 29 MB export shaped like a full
// Freshdesk one (15 columns, long subjects). Both import without running out of memory, into
// a history of tens of MB (bytes per ticket printed); then report over 100,000 imported
// tickets, ≤ 60× node -e 0 in the same run.
function peakAndTime(args) {
  const started = process.hrtime.bigint();
  const mb = peakMb(args);
  return { mb, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
const historyOf = (args) => {
  const folder = join(args[args.length - 1], 'imports');
  const [name] = readdirSync(folder);
  return join(folder, name);
};
console.log('\nscale, escalate import of a year of tickets (one run each; peak memory read at exit)');
for (const [name, file, rows] of [
  ['import, 300,000 rows', ticketsCsv(300000), 300000],
  ['import, 29 MB Freshdesk-shaped export', ticketsCsv(58000, { wide: true }), 58000],
]) {
  const args = importRun(file);
  const { mb, ms } = peakAndTime(args);
  const bytes = statSync(historyOf(args)).size;
  console.log(`${name.padEnd(44)} ${(statSync(file).size / 1048576).toFixed(1).padStart(5)} MB csv → ${(bytes / 1048576).toFixed(1)} MB history, ${Math.round(bytes / rows)} bytes a ticket, ${(ms / 1000).toFixed(1)} s`);
  memory(name, mb, 512);
  rmSync(args[args.length - 1], { recursive: true, force: true });
}
const args100k = importRun(ticketsCsv(100000));
spawnSync(node, args100k, { stdio: 'ignore' });
const history100k = historyOf(args100k);
// The review as `escalate report incidents` prints it (markdown); --format json lists every
// incident (about 49 MB here), a cost of the format, measured with the records above.
const reportHistory = [bin, 'report', history100k, '--as-of', '2026-11-27T12:10:00Z'];
// Each run between two runs of node -e 0, so the ratio is of this moment's machine.
const pairs = Array.from({ length: 3 }, () => {
  const before = time(['-e', '0']);
  const ms = time(reportHistory);
  return [(before + time(['-e', '0'])) / 2, ms];
});
const historyRatio = median(pairs.map(([n, r]) => r / n));
console.log(`\nscale, escalate report over 100,000 imported tickets (one history file, ${(statSync(history100k).size / 1048576).toFixed(1)} MB), median of 3`);
{
  const ok = historyRatio <= 60;
  if (!ok) missed++;
  console.log(`${'report, 100,000 imported tickets'.padEnd(44)} ${median(pairs.map(([, r]) => r)).toFixed(0).padStart(7)} ms ${historyRatio.toFixed(1).padStart(7)}× node -e 0   ≤  60×  ${ok ? 'ok' : 'MISSED'}`);
}
memory('report, 100,000 imported tickets', peakMb(reportHistory), 300);
// The generated files (about 220 MB: records, exports, histories) go with the run.
rmSync(dir, { recursive: true, force: true });
process.exitCode = missed > 0 ? 1 : 0;
