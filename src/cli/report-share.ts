/**
 * A share of a report's records, judged by whichever thread claims it: the main thread and,
 * over a large folder, worker threads (src/cli/report-worker.ts) claim batches of the folder's
 * files in turn from one shared counter, each judging its batches into an accumulator of its
 * own; the main thread then merges the shares. What each share keeps is what the one-thread
 * loop keeps, with each file's place in the listing, so problems and the first far-off time
 * are reported in listing order whichever thread met them.
 */
import { evaluate } from '../record/evaluate.js';
import { timeTooFar } from '../record/limits.js';
import type { ReportAccumulator, Rows } from '../record/report.js';
import { listedRecords } from './records.js';

/** A share's result, as plain data (it crosses from a worker thread). */
export interface ShareResult {
  rows: Rows;
  zones: string[];
  /** [place in the listing, problem], in the order met. */
  problems: [number, string][];
  /** The first record (by place) with a time too far from the judging moment. */
  far?: [number, string];
  /** Records read. */
  read: number;
}

const EMPTY_ROWS: Rows = { files: [], texts: [], num: new Float64Array(0), int: new Int32Array(0), escLayer: new Int32Array(0), escNum: new Float64Array(0), bNum: new Float64Array(0), bInt: new Int32Array(0) };

/** A record whose time (`tooFar`, as timeTooFar names it) is too far from the judging moment: no report is made. */
export const farMessage = (file: string, tooFar: string) => `record ${file}: ${tooFar} is more than 100 years from the judging moment, so no report was made; check the year`;

/** Files are claimed this many at a time: few enough claims to cost nothing, small enough to share the end evenly. */
export const BATCH = 32;

export class ShareJudge {
  private readonly acc: ReportAccumulator;
  private readonly zones = new Set<string>();
  private readonly problems: [number, string][] = [];
  private far: [number, string] | undefined;
  private read = 0;
  /** Judges into `acc` (the report itself on the main thread; a fresh one in a worker). */
  constructor(acc: ReportAccumulator) {
    this.acc = acc;
  }

  /** The listing's file at `place`: `top + name`, shown as `shown + name`. */
  file(place: number, top: string, shown: string, name: string): void {
    for (const item of listedRecords(top + name, shown + name)) {
      this.read++;
      if ('problem' in item) {
        this.problems.push([place, item.problem]);
        continue;
      }
      const { file, record } = item;
      this.zones.add(record.matrix.timezone);
      if (this.problems.length > 0) continue; // no report will be made
      const tooFar = timeTooFar(record, this.acc.asOf);
      if (tooFar !== undefined) {
        if (this.far === undefined || place < this.far[0]) this.far = [place, farMessage(file, tooFar)];
      } else if (this.far === undefined) this.acc.add({ file, evaluation: evaluate(record, this.acc.asOf, { steps: false }) });
    }
  }

  /** How many incidents are held. */
  get held(): number {
    return this.acc.size;
  }

  /** The rows held so far, handed over: the share starts again empty (a worker posts them as it goes, so it never holds many). */
  takeRows(): Rows {
    return this.acc.takeRows();
  }

  /** What the share found; its rows too when they must cross to another thread. */
  result(withRows = true): ShareResult {
    return { rows: withRows ? this.acc.takeRows() : EMPTY_ROWS, zones: [...this.zones], problems: this.problems, ...(this.far ? { far: this.far } : {}), read: this.read };
  }
}

/** The buffers of rows, moved (not copied) when they are posted. */
export const transferables = (rows: Rows): ArrayBuffer[] => [rows.num, rows.int, rows.escLayer, rows.escNum, rows.bNum, rows.bInt].map((a) => a.buffer as ArrayBuffer);

/** A worker posts the rows it holds once it holds this many incidents (about 2 MB of columns). */
export const POST_EVERY = 4096;

/** What a worker posts: that it is ready (its code loaded), rows as it goes, then its result (with the rows still held). */
export type WorkerMessage = { ready: true } | { rows: Rows } | { done: ShareResult };
