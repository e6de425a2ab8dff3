/**
 * A worker thread of `escalate report` over a large folder: claims batches of the listing
 * from the shared counter until none is left, judges them (src/cli/report-share.ts), and
 * posts its share. Built as dist/commands/report-worker.cjs, and started through the boot file
 * (dist/boot.cjs) so that it runs with its V8 code cache, as the commands do.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ReportAccumulator } from '../record/report.js';
import { useHostClock } from '../time/offset.js';
import { BATCH, POST_EVERY, ShareJudge, transferables, type WorkerMessage } from './report-share.js';

export interface WorkerInput {
  asOf: number;
  hostClock: boolean;
  top: string;
  shown: string;
  /**
   * The listing's names, one after another, and where each ends: a hundred thousand names
   * cross to the thread as one string (about 1.4 MB) instead of as many strings (about 6 MB of
   * the thread's heap), and each is cut out when its file is judged.
   */
  namesText: string;
  nameEnds: Int32Array;
  /** The first place of the listing to judge (those before it were read already). */
  start: number;
  /** Int32Array over a SharedArrayBuffer: [0] is the next batch to claim. */
  next: Int32Array;
}

// Loaded outside a worker (the start-up test loads every cached bundle), it does nothing.
if (parentPort !== null) judgeClaimed(workerData as WorkerInput);

function judgeClaimed(input: WorkerInput): void {
  parentPort!.postMessage({ ready: true } satisfies WorkerMessage);
  useHostClock(input.hostClock);
  const judge = new ShareJudge(new ReportAccumulator(new Date(input.asOf)));
  for (;;) {
    const batch = Atomics.add(input.next, 0, 1);
    const first = input.start + batch * BATCH;
    const { namesText, nameEnds } = input;
    if (first >= nameEnds.length) break;
    const end = Math.min(first + BATCH, nameEnds.length);
    for (let i = first; i < end; i++) judge.file(i, input.top, input.shown, namesText.slice(i === 0 ? 0 : nameEnds[i - 1], nameEnds[i]));
    if (judge.held >= POST_EVERY) post({ rows: judge.takeRows() });
  }
  post({ done: judge.result() });
}

function post(message: Exclude<WorkerMessage, { ready: true }>): void {
  parentPort!.postMessage(message, transferables('rows' in message ? message.rows : message.done.rows));
}
