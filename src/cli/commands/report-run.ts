/** `escalate report PATH...`: read records, judge each as of now (or --as-of), and print the review. */
import { resolve } from 'node:path';
import { parseEventTime } from '../../record/at.js';
import { evaluate, type Evaluation, type RecordCore } from '../../record/evaluate.js';
import { buildReport, type Judged } from '../../record/report.js';
import { reportCsv, reportJson, reportMarkdown } from '../../record/report-format.js';
import { evaluateGovernance } from '../../record/governance.js';
import { governanceJson, governanceMarkdown } from '../../record/governance-format.js';
import { loadMatrixFile, requireMatrix } from '../matrix-file.js';
import { useHostClock } from '../../time/offset.js';
import { isValidTimeZone } from '../../time/zone.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, usageError, type Io } from '../io.js';
import { asOfTime, eachRecord, loadRecords } from '../records.js';
import { timeTooFar } from '../../record/limits.js';
import { slicer } from '../slices.js';
import type { ReportOptions } from './report.js';

export async function runReport(paths: string[], options: ReportOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const asked = options.timezone ?? options.tz;
  const flag = options.timezone !== undefined ? '--timezone' : '--tz';
  if (asked !== undefined && !isValidTimeZone(asked)) throw usageError(`${flag} "${asked}" is not a time zone; use an IANA name like Europe/Berlin`);
  const problems: string[] = [];
  const judged: Judged[] = [];
  let far: string | undefined;
  const pause = slicer();
  const judge = (file: string, record: RecordCore, asOf: Date) => {
    const tooFar = timeTooFar(record, asOf);
    if (tooFar !== undefined) far ??= `record ${file}: ${tooFar} is more than 100 years from the judging moment, so no report was made; check the year`;
    else judged.push({ file, evaluation: forReport(evaluate(record, asOf)) });
  };
  const zones = new Set<string>();
  // When the judging moment does not depend on the review zone (--timezone given, no --as-of,
  // or one with an offset), each record is judged as it is read and only its judgement is
  // kept; otherwise the zone must be known first, so the records are read, then judged.
  const early = asked !== undefined ? asOfTime(options.asOf, [asked], io) : zoneFreeAsOf(options.asOf, io);
  let zone: string;
  let asOf: Date;
  if (early !== undefined) {
    for (const path of paths) {
      for (const item of eachRecord(path, io)) {
        await pause();
        if ('problem' in item) problems.push(item.problem);
        else {
          zones.add(item.record.matrix.timezone);
          judge(item.file, item.record, early);
        }
      }
    }
    refuseProblems(problems);
    zone = asked ?? reviewZone([...zones]);
    asOf = early;
  } else {
    const loaded: { file: string; record: RecordCore }[] = [];
    for (const path of paths) {
      const found = loadRecords(path, io);
      problems.push(...found.problems);
      loaded.push(...found.records);
    }
    refuseProblems(problems);
    zone = asked ?? reviewZone(loaded.map((l) => l.record.matrix.timezone));
    asOf = asOfTime(options.asOf, [zone], io);
    for (const { file, record } of loaded) {
      await pause();
      judge(file, record, asOf);
    }
  }
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
  const report = buildReport(judged, { asOf, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  if (options.matrix !== undefined && options.format === 'csv') throw usageError('--matrix adds the governance review to markdown and JSON; the CSV report has no place for it');
  const governance = await governanceOf(options.matrix, report.incidents, io);
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ ...(reportJson(report, zone) as object), ...(governance ? { governance: governanceJson(governance.results, governance.free, zone) } : {}) }, null, 2)}\n`
      : options.format === 'csv'
        ? reportCsv(report)
        : reportMarkdown(report, zone) + (governance ? `\n${governanceMarkdown(governance.results, governance.free, zone)}` : '');
  if (options.out !== undefined) {
    writeFileAtomic(resolve(io.cwd, options.out), text, { overwrite: options.force === true });
    io.stderr.write(`wrote ${options.out}\n`);
  } else io.stdout.write(text);
  return EXIT.ok;
}

/** `--matrix FILE`: its structured governance triggers evaluated over the report's incidents, and its free-text ones. */
async function governanceOf(path: string | undefined, incidents: Judged[], io: Io) {
  if (path === undefined) return undefined;
  const matrix = requireMatrix(await loadMatrixFile(path, io));
  const thresholds = matrix.governance_review ?? [];
  return { results: evaluateGovernance(thresholds, incidents), free: thresholds.filter((t): t is string => typeof t === 'string') };
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

/**
 * A judgement cut to what the review reads (buildReport and its formats): the plan's severity
 * and clock, without the events, steps and contacts, so ten thousand judgements held for the
 * review stay small. test/record/report-memory.test.ts holds the review unchanged by it.
 */
export function forReport(e: Evaluation): Evaluation {
  const { severity, clock } = e.plan;
  return { ...e, plan: { severity, clock: { id: clock.id } } as unknown as Evaluation['plan'], events: [], steps: [] };
}
