/**
 * The start-up path: every bundle that ships a V8 code cache must have it accepted by this
 * Node under the flags the boot file sets. A cache V8 refuses is ignored silently, so a
 * mismatch (a flag set after the cache was made, a stale cache) would only show as a slower
 * start; this test makes it a failure.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const dist = join(ROOT, 'dist');
const cached = [
  ...readdirSync(dist).filter((f) => f.endsWith('.cjs.cache')).map((f) => join(dist, f)),
  ...readdirSync(join(dist, 'commands')).filter((f) => f.endsWith('.cjs.cache')).map((f) => join(dist, 'commands', f)),
].map((f) => f.slice(0, -'.cache'.length));

describe('the code cache', () => {
  it('exists for the program and the commands people run most', () => {
    const names = cached.map((f) => f.slice(dist.length + 1));
    for (const name of ['cli.cjs', 'commands/lint.cjs', 'commands/triage.cjs', 'commands/docs.cjs', 'commands/report.cjs', 'commands/report-worker.cjs']) expect(names).toContain(name);
  });

  it('is accepted by this Node for every bundle', () => {
    const script = `const boot = require(${JSON.stringify(join(dist, 'boot.cjs'))});
for (const file of ${JSON.stringify(cached)}) boot.load(file);
process.stdout.write(JSON.stringify(boot.rejected));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ESCALATE_WRITE_CODE_CACHE: undefined } });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  // The report holds the main thread's young generation with a V8 flag (src/cli/young-generation.ts),
  // and V8 accepts a cache only under the flags it was made with.
  const lint = join(dist, 'commands', 'lint.cjs');
  const rejectedUnder = (script: string) => {
    const run = spawnSync(process.execPath, ['-e', `const v8 = require('node:v8');
const boot = require(${JSON.stringify(join(dist, 'boot.cjs'))});
const { Worker } = require('node:worker_threads');
${script}`], { encoding: 'utf8', env: { ...process.env, ESCALATE_WRITE_CODE_CACHE: undefined } });
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as string[];
  };

  it('is refused while the young generation is held, and accepted once it is let go', () => {
    expect(rejectedUnder(`v8.setFlagsFromString('--semi-space-growth-factor=1'); boot.load(${JSON.stringify(lint)}); process.stdout.write(JSON.stringify(boot.rejected));`)).toEqual([lint]);
    expect(rejectedUnder(`v8.setFlagsFromString('--semi-space-growth-factor=1'); v8.setFlagsFromString('--semi-space-growth-factor=2'); boot.load(${JSON.stringify(lint)}); process.stdout.write(JSON.stringify(boot.rejected));`)).toEqual([]);
  });

  it('is accepted in a worker thread started while the main thread holds its young generation (the start resets the flag)', () => {
    const worker = `const boot = require(${JSON.stringify(join(dist, 'boot.cjs'))}); boot.load(${JSON.stringify(lint)}); require('node:worker_threads').parentPort.postMessage(boot.rejected);`;
    expect(rejectedUnder(`v8.setFlagsFromString('--semi-space-growth-factor=1');
new Worker(${JSON.stringify(worker)}, { eval: true }).once('message', (rejected) => process.stdout.write(JSON.stringify(rejected)));`)).toEqual([]);
  });
});
