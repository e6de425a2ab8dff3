/** `escalate report PATH...`: read records, judge each as of now (or --as-of), and print the review. */
import { resolve } from 'node:path';
import { parseEventTime } from '../../record/at.js';
import { evaluate } from '../../record/evaluate.js';
import { ReportAccumulator, type Incident, type Report } from '../../record/report.js';
import { reportCsv, reportJsonText, reportMarkdownLines } from '../../record/report-format.js';
import { evaluateGovernance } from '../../record/governance.js';
import { governanceJson, governanceMarkdown } from '../../record/governance-format.js';
import { loadMatrixFile, matrixFilesRead, requireMatrix } from '../matrix-file.js';
import { useHostClock } from '../../time/offset.js';
import { isValidTimeZone } from '../../time/zone.js';
import { fileReadAt, writePiecesAtomic } from '../files.js';
import { EXIT, usageError, writeInLines, type Io } from '../io.js';
import { asOfTime, eachRecord, listedRecords, ReadFiles, recordFolderListing, type LoadedRecord } from '../records.js';
import type { RecordCore } from '../../record/evaluate.js';
import { judgeShared, reportThreads } from '../report-pool.js';
import { farMessage } from '../report-share.js';
import { timeTooFar } from '../../record/limits.js';
import { slicer } from '../slices.js';
import { holdYoungGeneration } from '../young-generation.js';
import type { ReportOptions } from './report.js';

export async function runReport(paths: string[], options: ReportOptions, io: Io): Promise<number> {
  holdYoungGeneration(true);
  try {
    return await reportOn(paths, options, io);
  } finally {
    holdYoungGeneration(false);
  }
}

async function reportOn(paths: string[], options: ReportOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const asked = options.timezone ?? options.tz;
  const flag = options.timezone !== undefined ? '--timezone' : '--tz';
  if (asked !== undefined && !isValidTimeZone(asked)) throw usageError(`${flag} "${asked}" is not a time zone; use an IANA name like Europe/Berlin`);
  const problems: string[] = [];
  let far: string | undefined;
  const pause = slicer();
  const zones = new Set<string>();
  // Each record is judged as it is read and only its figures are kept (ReportAccumulator),
  // so memory does not grow with the records. The judging moment is known before reading
  // when it does not depend on the review zone (--timezone given, no --as-of, or one with an
  // offset); otherwise it is read in the zone of the first record, which is the review zone
  // whenever a report is made (records of matrices in different zones need --timezone).
  const early = asked !== undefined ? asOfTime(options.asOf, [asked], io) : zoneFreeAsOf(options.asOf, io);
  let report: ReportAccumulator | undefined = early !== undefined ? new ReportAccumulator(early) : undefined;
  let asOfProblem: unknown;
  /** One record read (or a problem): what the loop keeps of it. */
  const take = (item: LoadedRecord<RecordCore> | { problem: string }) => {
    if ('problem' in item) {
      problems.push(item.problem);
      return;
    }
    const { file, record } = item;
    zones.add(record.matrix.timezone);
    if (problems.length > 0) return; // no report will be made
    if (report === undefined && asOfProblem === undefined) {
      try {
        report = new ReportAccumulator(asOfTime(options.asOf, [record.matrix.timezone], io));
      } catch (error) {
        asOfProblem = error;
      }
    }
    if (report === undefined) return;
    const tooFar = timeTooFar(record, report.asOf);
    if (tooFar !== undefined) far ??= farMessage(file, tooFar);
    else if (far === undefined) report.add({ file, evaluation: evaluate(record, report.asOf, { steps: false }) });
  };
  // A file named twice (the same path, a folder and a file in it, a link) is one incident.
  const read = new ReadFiles();
  for (const path of paths) {
    const listing = recordFolderListing(path, io, read);
    if (listing === undefined) {
      for (const item of eachRecord(path, io, read)) {
        await pause();
        take(item);
      }
      continue;
    }
    const { top, shown, names } = listing;
    const readPlace = async (place: number) => {
      for (const item of listedRecords(top + names[place]!, shown + names[place]!)) {
        await pause();
        take(item);
      }
    };
    let place = 0;
    // One thread until the judging moment is known: it may depend on the first record's zone.
    while (place < names.length && report === undefined && asOfProblem === undefined) await readPlace(place++);
    const threads = reportThreads(names.length - place, io);
    if (report !== undefined && asOfProblem === undefined && problems.length === 0 && threads > 1) {
      const shares = await judgeShared({ top, shown, names, start: place }, report, threads, io, pause);
      const met = shares.flatMap((r) => r.problems).sort((a, b) => a[0] - b[0]);
      for (const [, problem] of met) problems.push(problem);
      for (const r of shares) for (const zone of r.zones) zones.add(zone);
      const farthest = shares.map((r) => r.far).filter((f) => f !== undefined).sort((a, b) => a[0] - b[0])[0];
      if (farthest !== undefined) far ??= farthest[1];
      continue;
    }
    while (place < names.length) await readPlace(place++);
  }
  refuseProblems(problems);
  const zone = asked ?? reviewZone([...zones]);
  if (asOfProblem !== undefined) throw asOfProblem;
  report ??= new ReportAccumulator(asOfTime(options.asOf, [zone], io));
  const asOf = report.asOf;
  if (far !== undefined) throw usageError(far);
  const bound = (text: string | undefined, flag: string) => {
    if (text === undefined) return undefined;
    const parsed = parseEventTime(text, zone, asOf);
    if (!parsed.ok) throw usageError(`${flag} ${parsed.reason}`);
    return parsed.date;
  };
  const from = bound(options.from, '--from');
  const to = bound(options.to, '--to');
  if (from && to && from.getTime() >= to.getTime()) throw usageError('--from must be before --to');
  const review = report.finish({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  if (options.matrix !== undefined && options.format === 'csv') throw usageError('--matrix adds the governance review to markdown and JSON; the CSV report has no place for it');
  // The incidents' list is made only when the governance review reads it (a report that
  // writes its incidents walks them one at a time).
  const governance = await governanceOf(options.matrix, () => review.incidents, io);
  const pieces: Iterable<string> =
    options.format === 'json'
      ? then(reportJsonText(review, zone, governance ? { governance: governanceJson(governance.results, governance.free, zone) } : {}), '\n')
      : options.format === 'csv'
        ? [reportCsv(review)]
        : markdownPieces(review, zone, governance);
  if (options.out !== undefined) {
    // Never over a file the report is made from (with --force it would replace one): a record
    // read (by its real path; a hard-linked one is refused by the write), the --matrix file
    // or a holidays file it names.
    const out = resolve(io.cwd, options.out);
    const clash = read.has(out) ? 'a record this report reads' : fileReadAt(out, governance?.reads ?? [])?.what.replace(/^the matrix itself$/, 'the --matrix file');
    if (clash !== undefined) throw usageError(`--out ${options.out} is ${clash}; write the report to another file`);
    writePiecesAtomic(out, pieces, { overwrite: options.force === true });
    io.stderr.write(`wrote ${options.out}\n`);
  } else await writeInLines(io.stdout, pieces);
  return EXIT.ok;
}

function* then(pieces: Iterable<string>, last: string): Generator<string> {
  yield* pieces;
  yield last;
}

function* markdownPieces(review: Report, zone: string, governance: Awaited<ReturnType<typeof governanceOf>>): Generator<string> {
  for (const line of reportMarkdownLines(review, zone)) yield `${line}\n`;
  if (governance) yield `\n${governanceMarkdown(governance.results, governance.free, zone)}`;
}


/** `--matrix FILE`: its structured governance triggers evaluated over the report's incidents, and its free-text ones. */
async function governanceOf(path: string | undefined, incidents: () => Incident[], io: Io) {
  if (path === undefined) return undefined;
  const matrix = requireMatrix(await loadMatrixFile(path, io));
  const thresholds = matrix.governance_review ?? [];
  return { results: evaluateGovernance(thresholds, incidents()), free: thresholds.filter((t): t is string => typeof t === 'string'), reads: matrixFilesRead(path, matrix, io) };
}

/**
 * The zone a review is read and shown in: the matrix's (every record keeps the zone of the
 * matrix it was triaged against), never whichever record sorts first. Records of matrices in
 * different zones need --timezone to say which.
 */
function reviewZone(zones: string[]): string {
  const unique = [...new Set(zones)].sort();
  if (unique.length > 1) throw usageError(`the records were triaged against matrices in different time zones (${unique.join(', ')}); say which to review in with --timezone ZONE`);
  return unique[0] ?? 'UTC';
}

function refuseProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).concat(problems.length > 5 ? [`… and ${problems.length - 5} more`] : []);
  throw usageError(`${problems.length} record${problems.length === 1 ? '' : 's'} could not be read, so no report was made (its figures would leave them out):\n${shown.join('\n')}`);
}

/** --as-of when it names the same instant in every zone (absent, `now`, `2 h ago`, or with an offset), else undefined. */
function zoneFreeAsOf(text: string | undefined, io: Io): Date | undefined {
  if (text === undefined) return io.now();
  const west = parseEventTime(text, 'Etc/GMT+12', io.now());
  const east = parseEventTime(text, 'Pacific/Kiritimati', io.now());
  if (!west.ok || !east.ok || west.date.getTime() !== east.date.getTime()) return undefined;
  return asOfTime(text, ['UTC'], io);
}
