/**
 * A report read through a pipe is made as the reader takes it: Node queues what a pipe cannot
 * take yet, so a writer that never waited held its whole output in memory (a report of 164 MB
 * read by a slower reader peaked at ~500 MB). The real process, a real pipe whose reader
 * waits: the bytes queued at any moment are counted inside the process (the most Node held
 * for the pipe), never timed.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, example } from '../helpers/cli.js';

const records = example('records');
const templates = readdirSync(records).filter((f) => f.endsWith('.json'));

/** Counts, inside the process, the most standard output ever held unwritten; says "full" on standard error when it first waits for the reader. */
const HOOK = `
const { writeSync } = require('node:fs');
// Workers load this too (they inherit the flag): only the main thread writes the report.
if (require('node:worker_threads').isMainThread) {
const out = process.stdout;
const write = out.write.bind(out);
let most = 0;
let told = false;
out.write = (...args) => {
  const accepted = write(...args);
  most = Math.max(most, out.writableLength);
  if (!told && out.writableNeedDrain) {
    told = true;
    writeSync(2, 'full\\n');
  }
  return accepted;
};
process.on('exit', () => writeSync(2, 'most-held ' + most + '\\n'));
}
`;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-pipe-'));
  const hook = join(dir, 'held.cjs');
  writeFileSync(hook, HOOK);
  const child = spawn(process.execPath, ['--require', hook, BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv({}) });
  let stderr = '';
  const chunks: Buffer[] = [];
  let reading = false;
  // The reader takes nothing until the writer has filled the pipe and waits.
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
    if (!reading && stderr.includes('full\n')) {
      reading = true;
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk)).resume();
    }
  });
  child.stdout.pause();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout: Buffer.concat(chunks).toString('utf8'), stderr });
    });
  });
}

describe('report through a pipe', () => {
  it('holds about one chunk of its output while the reader waits, never the whole report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-pipe-records-'));
    const count = 1500;
    for (let i = 0; i < count; i++) copyFileSync(join(records, templates[i % templates.length]!), join(dir, `r${String(i).padStart(4, '0')}.json`));
    const result = await run(['report', dir, '--format', 'json', '--as-of', '2026-11-27T12:10:00Z']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('full\n');
    // The whole report arrived, and it is megabytes: many times what the pipe holds (64 KB).
    expect(result.stdout.length).toBeGreaterThan(2_000_000);
    expect((JSON.parse(result.stdout) as { incidents: number }).incidents).toBe(count);
    const held = Number(/most-held (\d+)/.exec(result.stderr)?.[1]);
    // A chunk of whole lines is ~64 KB; with the wait the queue never holds more than two.
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(200_000);
  });
});
