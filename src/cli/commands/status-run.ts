/** `escalate status PATH...`: judge incident records now (or --as-of) and set the exit code by what is overdue. */
import { evaluate, type RecordCore } from '../../record/evaluate.js';
import { formatStatusCard, formatWarnings, statusJson, warningJson } from '../../record/status.js';
import { warningsWithin, type Warning } from '../../record/warn.js';
import { parseDuration } from '../../time/duration.js';
import { formatInstant } from '../../time/instant.js';
import { useHostClock } from '../../time/offset.js';
import { colorsFor } from '../colors.js';
import { EXIT, usageError, type Io } from '../io.js';
import { asOfTime, loadRecords } from '../records.js';
import type { StatusOptions } from './status.js';

export async function runStatus(paths: string[], options: StatusOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const window = warnWindow(options.warnWithin);
  const problems: string[] = [];
  const loaded: { file: string; record: RecordCore; single: boolean }[] = [];
  for (const path of paths) {
    const found = loadRecords(path, io);
    problems.push(...found.problems);
    const single = found.records.length === 1 && found.records[0]!.file === path;
    for (const { file, record } of found.records) loaded.push({ file, record, single });
  }
  const asOf = asOfTime(options.asOf, loaded.map((l) => l.record.matrix.timezone), io);
  const shown: { file: string; evaluation: ReturnType<typeof evaluate>; warnings: Warning[] }[] = [];
  for (const { file, record, single } of loaded) {
    const evaluation = evaluate(record, asOf);
    const warnings = window ? warningsWithin(record, asOf, window.minutes, evaluation) : [];
    if (single || options.all || evaluation.open || evaluation.overdue || warnings.length > 0) shown.push({ file, evaluation, warnings });
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
