/** `escalate report PATH...`: read records, judge each as of now (or --as-of), and print the review. */
import { resolve } from 'node:path';
import { parseEventTime } from '../../record/at.js';
import { evaluate, type RecordCore } from '../../record/evaluate.js';
import { buildReport, type Judged } from '../../record/report.js';
import { reportCsv, reportJson, reportMarkdown } from '../../record/report-format.js';
import { evaluateGovernance } from '../../record/governance.js';
import { governanceJson, governanceMarkdown } from '../../record/governance-format.js';
import { loadMatrixFile, requireMatrix } from '../matrix-file.js';
import { useHostClock } from '../../time/offset.js';
import { isValidTimeZone } from '../../time/zone.js';
import { writeFileAtomic } from '../files.js';
import { EXIT, usageError, type Io } from '../io.js';
import { asOfTime, loadRecords } from '../records.js';
import type { ReportOptions } from './report.js';

export async function runReport(paths: string[], options: ReportOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const asked = options.timezone ?? options.tz;
  const flag = options.timezone !== undefined ? '--timezone' : '--tz';
  if (asked !== undefined && !isValidTimeZone(asked)) throw usageError(`${flag} "${asked}" is not a time zone; use an IANA name like Europe/Berlin`);
  const loaded: { file: string; record: RecordCore }[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const found = loadRecords(path, io);
    problems.push(...found.problems);
    loaded.push(...found.records);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).concat(problems.length > 5 ? [`… and ${problems.length - 5} more`] : []);
    throw usageError(`${problems.length} record${problems.length === 1 ? '' : 's'} could not be read, so no report was made (its figures would leave them out):\n${shown.join('\n')}`);
  }
  const zone = asked ?? reviewZone(loaded.map((l) => l.record.matrix.timezone));
  const asOf = asOfTime(options.asOf, [zone], io);
  const judged: Judged[] = loaded.map(({ file, record }) => ({ file, evaluation: evaluate(record, asOf) }));
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
  const governance = governanceOf(options.matrix, report.incidents, io);
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
function governanceOf(path: string | undefined, incidents: Judged[], io: Io) {
  if (path === undefined) return undefined;
  const matrix = requireMatrix(loadMatrixFile(path, io));
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
