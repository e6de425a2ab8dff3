/**
 * `escalate report` over a large folder on every core: the main thread and worker threads
 * (dist/commands/report-worker.cjs) claim batches of the folder's listing from one shared
 * counter, so a slow batch on one thread never holds the others, and each judges what it
 * claims. The main thread judges into the report itself, in slices (a signal is still
 * answered at once); each worker posts its share's rows, which are merged into the report.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportAccumulator } from '../record/report.js';
import type { Io } from './io.js';
import { holdYoungGeneration } from './young-generation.js';
import { BATCH, ShareJudge, type ShareResult, type WorkerMessage } from './report-share.js';
import type { WorkerInput } from './report-worker.js';

/** Below this many files a worker thread's start (~30 ms of a core) is not worth it. */
export const PARALLEL_MIN = 1000;
/** Past four threads the disk and the merge, not judging, set the pace. */
const MAX_THREADS = 4;

/**
 * How many threads judge `files` record files: one per core (at most four) from
 * PARALLEL_MIN files on. `ESCALATE_REPORT_THREADS=N` sets it whatever the number of files
 * (1: the main thread alone), for tests that compare the two ways.
 */
export function reportThreads(files: number, io: Io): number {
  const set = io.env.ESCALATE_REPORT_THREADS;
  if (set !== undefined && /^[1-9]\d{0,1}$/.test(set)) return Number(set);
  if (files < PARALLEL_MIN || workerFile() === undefined) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS));
}

/** The worker's bundle, beside the report command's (absent when run from the sources). */
function workerFile(): string | undefined {
  if (typeof __dirname !== 'string') return undefined;
  const file = join(__dirname, 'report-worker.cjs');
  return existsSync(file) ? file : undefined;
}

/**
 * A worker's young generation, in MB. Its records die young (each is parsed, judged and
 * dropped), and V8's default lets the space grow to tens of MB all the same: capped, a report
 * over 100,000 records peaked at 224-230 MB instead of 253-259 MB, in the same time (10,000:
 * the same time and peak).
 */
const WORKER_YOUNG_MB = 4;

/**
 * A worker running `file` through the boot file the program itself starts from (dist/boot.cjs,
 * beside the commands), so the bundle is compiled from its code cache (~20 ms of the
 * worker's start saved).
 */
function startWorker(file: string, input: WorkerInput): Worker {
  const boot = join(dirname(file), '..', 'boot.cjs');
  return new Worker(`require(${JSON.stringify(boot)}).load(${JSON.stringify(file)});`, {
    workerData: input,
    stdout: false,
    stderr: false,
    eval: true,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
}

export interface Listing {
  top: string;
  shown: string;
  names: string[];
  /** The first place not yet read. */
  start: number;
}

/**
 * Judges the listing from `start` on `threads` threads into `report`; returns every share's
 * problems, zones and far-off times (the main thread's included) for the caller to merge.
 */
export async function judgeShared(listing: Listing, report: ReportAccumulator, threads: number, io: Io, pause: () => Promise<void> | undefined): Promise<ShareResult[]> {
  const file = workerFile();
  if (file === undefined) throw new Error('the report worker bundle (report-worker.cjs) is missing beside the report command; rebuild escalate');
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers: Promise<ShareResult>[] = [];
  let starting = threads - 1;
  const nameEnds = new Int32Array(listing.names.length);
  let length = 0;
  listing.names.forEach((name, i) => (nameEnds[i] = length += name.length));
  const namesText = listing.names.join('');
  for (let t = 1; t < threads; t++) {
    const input: WorkerInput = { asOf: report.asOf.getTime(), hostClock: io.hostClock === true, top: listing.top, shown: listing.shown, start: listing.start, namesText, nameEnds, next };
    const worker = startWorker(file, input);
    workers.push(
      new Promise<ShareResult>((resolve, reject) => {
        let done = false;
        // Rows come as the worker goes (merged at once: it never holds many), then its result.
        worker.on('message', (message: WorkerMessage) => {
          if ('ready' in message) {
            // A worker's start resets V8's flags (see holdYoungGeneration): the hold is set again
            // once every worker has loaded its code (from a cache made under V8's own flags).
            if (--starting === 0) holdYoungGeneration(true);
            return;
          }
          if ('rows' in message) {
            report.addRows(message.rows);
            return;
          }
          done = true;
          resolve(message.done);
        });
        worker.once('error', (error) => reject(new Error(`a thread judging records failed: ${error.message}`)));
        worker.once('exit', (code) => {
          if (!done) reject(new Error(`a thread judging records stopped (exit ${code}) before it was done`));
        });
      }),
    );
  }
  // Until every worker has answered, a failure of one must not leave the others unheard.
  const settled = Promise.allSettled(workers);
  const mine = new ShareJudge(report);
  for (;;) {
    const first = listing.start + Atomics.add(next, 0, 1) * BATCH;
    if (first >= listing.names.length) break;
    const end = Math.min(first + BATCH, listing.names.length);
    for (let i = first; i < end; i++) {
      mine.file(i, listing.top, listing.shown, listing.names[i]!);
      await pause();
    }
  }
  const results: ShareResult[] = [mine.result(false)];
  for (const outcome of await settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    report.addRows(outcome.value.rows);
    results.push(outcome.value);
  }
  return results;
}
