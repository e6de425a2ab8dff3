/**
 * The main thread's young generation, held at the size it has while `escalate report` runs
 * (it may read a hundred thousand records). V8 grows a young generation (up to 16 MB a half, 32 MB in all) as
 * objects survive its collections, and what such a run keeps of each record (a file name, a
 * block of columns, a folder's listing) survives them: held, a report over 100,000 records peaks
 * about 30 MB lower, in the same time (the space only collects more often, and what it
 * collects dies young). V8 takes this flag at any time, but its flags are the process's: a
 * worker thread starting resets it (V8 raises a growth factor under 2 to 2 when it configures a
 * heap), so the report sets it again as each worker reports ready. It is set back when the run
 * ends: a code cache is accepted only under the flags it was made with, and V8's default is 2.
 */
import { setFlagsFromString } from 'node:v8';

export function holdYoungGeneration(hold: boolean): void {
  // The build's code-cache run (dist/boot.cjs) writes a worker's cache as the worker ends,
  // under the flags of that moment: they must be V8's own.
  if (process.env.ESCALATE_WRITE_CODE_CACHE === '1') return;
  setFlagsFromString(`--semi-space-growth-factor=${hold ? 1 : 2}`);
}
