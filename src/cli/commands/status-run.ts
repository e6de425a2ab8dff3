/** `escalate status PATH...`: judge incident records now (or --as-of) and set the exit code by what is overdue. */
import { evaluate, type RecordCore } from '../../record/evaluate.js';
import { formatStatusCard, statusJson } from '../../record/status.js';
import { formatInstant } from '../../time/instant.js';
import { useHostClock } from '../../time/offset.js';
import { colorsFor } from '../colors.js';
import { EXIT, type Io } from '../io.js';
import { asOfTime, loadRecords } from '../records.js';
import type { StatusOptions } from './status.js';

export async function runStatus(paths: string[], options: StatusOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const problems: string[] = [];
  const loaded: { file: string; record: RecordCore; single: boolean }[] = [];
  for (const path of paths) {
    const found = loadRecords(path, io);
    problems.push(...found.problems);
    const single = found.records.length === 1 && found.records[0]!.file === path;
    for (const { file, record } of found.records) loaded.push({ file, record, single });
  }
  const asOf = asOfTime(options.asOf, loaded.map((l) => l.record.matrix.timezone), io);
  const shown: { file: string; evaluation: ReturnType<typeof evaluate> }[] = [];
  for (const { file, record, single } of loaded) {
    const evaluation = evaluate(record, asOf);
    if (single || options.all || evaluation.open || evaluation.overdue) shown.push({ file, evaluation });
  }
  const overdue = shown.filter((s) => s.evaluation.overdue).length;
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ as_of: formatInstant(asOf, 'UTC'), overdue, records: shown.map((s) => statusJson(s.file, s.evaluation)), problems }, null, 2)}\n`,
    );
  } else {
    const c = await colorsFor(io);
    io.stdout.write(shown.map((s) => formatStatusCard(s.file, s.evaluation, c)).join('\n'));
    if (shown.length === 0) io.stdout.write('no open incidents and nothing overdue\n');
    else if (shown.length > 1) io.stdout.write(`\n${shown.length} incidents shown, ${overdue} with something overdue\n`);
  }
  for (const p of problems) io.stderr.write(`escalate: ${p}\n`);
  if (problems.length > 0) return EXIT.usage;
  return overdue > 0 ? EXIT.findings : EXIT.ok;
}
