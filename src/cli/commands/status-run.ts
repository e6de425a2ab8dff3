/** `escalate status PATH...`: judge incident records now (or --as-of) and set the exit code by what is overdue. */
import { evaluate } from '../../record/evaluate.js';
import { formatStatusCard, formatWarnings, statusJson, warningJson } from '../../record/status.js';
import { warningsWithin, type Warning } from '../../record/warn.js';
import { parseDuration } from '../../time/duration.js';
import { formatInstant } from '../../time/instant.js';
import { useHostClock } from '../../time/offset.js';
import { colorsFor } from '../colors.js';
import { EXIT, usageError, type Io } from '../io.js';
import { asOfTime, eachRecord, ReadFiles } from '../records.js';
import { timeTooFar } from '../../record/limits.js';
import { slicer } from '../slices.js';
import type { StatusOptions } from './status.js';

export async function runStatus(paths: string[], options: StatusOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const window = warnWindow(options.warnWithin);
  const problems: string[] = [];
  // Records are judged one at a time as they are read (an imported history may hold a
  // hundred thousand): only what is shown is kept. An --as-of without an offset is read in
  // the records' zone, so a first pass reads their zones.
  let zones: string[] = [];
  if (options.asOf !== undefined) {
    const seen = new Set<string>();
    const read = new ReadFiles();
    for (const path of paths) for (const item of eachRecord(path, io, read)) if (!('problem' in item)) seen.add(item.record.matrix.timezone);
    zones = [...seen];
  }
  const asOf = asOfTime(options.asOf, zones, io);
  const shown: { file: string; evaluation: ReturnType<typeof evaluate>; warnings: Warning[] }[] = [];
  const pause = slicer();
  // A file named twice (the same path, a folder and a file in it, a link) is shown once.
  const read = new ReadFiles();
  for (const path of paths) {
    for (const item of eachRecord(path, io, read)) {
      await pause();
      if ('problem' in item) {
        problems.push(item.problem);
        continue;
      }
      const { file, record } = item;
      // A record file named on its own is always shown.
      const single = file === path;
      const far = timeTooFar(record, asOf);
      if (far !== undefined) {
        problems.push(`record ${file}: ${far} is more than 100 years from the judging moment; check the year`);
        continue;
      }
      const evaluation = evaluate(record, asOf);
      const warnings = window ? warningsWithin(record, asOf, window.minutes, evaluation) : [];
      if (single || options.all || evaluation.open || evaluation.overdue || warnings.length > 0) shown.push({ file, evaluation, warnings });
    }
  }
  const overdue = shown.filter((s) => s.evaluation.overdue).length;
  const warned = shown.filter((s) => s.warnings.length > 0).length;
  if (options.json) {
    const records = shown.map((s) => ({ ...statusJson(s.file, s.evaluation), ...(window ? { warnings: s.warnings.map((w) => warningJson(w, s.evaluation)) } : {}) }));
    io.stdout.write(
      `${JSON.stringify({ as_of: formatInstant(asOf, 'UTC'), overdue, ...(window ? { warn_within: window.text, warned } : {}), records, problems }, null, 2)}\n`,
    );
  } else {
    const c = await colorsFor(io);
    io.stdout.write(shown.map((s) => formatStatusCard(s.file, s.evaluation, c) + (window ? formatWarnings(s.warnings, window.text, s.evaluation, c) : '')).join('\n'));
    if (shown.length === 0) io.stdout.write('no open incidents and nothing overdue\n');
    else if (shown.length > 1) io.stdout.write(`\n${shown.length} incidents shown, ${overdue} with something overdue${window ? `, ${warned} with something overdue within ${window.text}` : ''}\n`);
  }
  for (const p of problems) io.stderr.write(`escalate: ${p}\n`);
  if (problems.length > 0) return EXIT.usage;
  if (overdue > 0) return EXIT.findings;
  return warned > 0 ? EXIT.warning : EXIT.ok;
}

/** `--warn-within 15m`: a duration of at least a minute, in real time. */
function warnWindow(text: string | undefined): { text: string; minutes: number } | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed.ok) throw usageError(`--warn-within ${parsed.reason}`);
  if (parsed.minutes < 1) throw usageError(`--warn-within "${text}" is no time at all; give a window of at least 1m, like 15m`);
  return { text: text.trim(), minutes: parsed.minutes };
}
