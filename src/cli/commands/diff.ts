import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';

export type DiffFormat = 'terminal' | 'markdown' | 'json';

export interface DiffOptions {
  matrix?: string;
  format: DiffFormat;
  failOn?: 'looser' | 'any' | 'more-breaches';
  maxPaths: number;
  coverage?: string;
  coverageWeek?: string;
  records?: string;
  asOf?: string;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of 1 or more.');
  return n;
}

export function registerDiff(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('diff')
    .summary('what a matrix change means: targets, owners, routes, the tree, and which triage answers end differently')
    .description(
      [
        'Compare two versions of a matrix semantically. Each side is a file, REV:PATH (read with git show; PATH from the repository root, or ./PATH from this folder), or a bare revision meaning the matrix file at it. An existing file wins over a revision of the same name. Defaults: OLD is HEAD:<matrix>, NEW is the working <matrix> (--matrix, then $ESCALATE_MATRIX, then escalation-matrix.yaml here or in a parent).',
        'With --records DIR, every incident record in DIR is also replayed under both matrices (the same answers or severity, start, contract and events) and judged as of now (or --as-of): targets that flip between met and breached, by target, severity, tier and client, pages and pull-ins added or removed, how many fall outside business hours, and the incidents that changed most. A record that does not fit a matrix (its answer path, severity, client, tier, owner role or escalation step is gone) is listed as "cannot replay" with the reason. --fail-on more-breaches exits 1 when the new matrix gives more breaches than the old.',
        '--fail-on looser exits 1 when a change is looser (a target longer or removed, counted in working time on a calendar; a severity removed; an escalation step later or removed; the client told less formally; a trigger reviewed lower; less working time on a calendar (business hours instead of round the clock, shorter hours, fewer working days, more holidays); an exception narrowed that tightened targets; a longer review cadence) or an answer path, "not sure" answers included, ends at a lower severity. --fail-on any exits 1 on any semantic change.',
      ].join('\n\n'),
    )
    .argument('[old]', 'the old side (default: HEAD:<matrix>)')
    .argument('[new]', 'the new side (default: the working matrix file)')
    .option('-m, --matrix <file>', 'the matrix file for the default sides')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'markdown', 'json']).default('terminal'))
    .addOption(new Option('--fail-on <what>', 'exit 1 when the change is looser, on any change, or (with --records) when replay finds more breaches').choices(['looser', 'any', 'more-breaches']))
    .option('--coverage <folder>', 'also write the coverage picture of each side (simulate --svg) as coverage-before.svg and coverage-after.svg in this existing folder, and show them in the output')
    .option('--coverage-week <date>', 'the week the coverage pictures show, YYYY-MM-DD (default: this week)')
    .addOption(new Option('--max-paths <n>', 'list at most this many affected answer paths').argParser(positiveInteger).default(50))
    .option('--records <dir>', 'replay the incident records in this folder (or file) under both matrices')
    .option('--as-of <time>', 'with --records, judge as at this time instead of now (ISO 8601; without an offset, in the new matrix\u2019s time zone)')
    .action(async (oldSide: string | undefined, newSide: string | undefined, options: DiffOptions) => {
      const { runDiff } = await import('./diff-run.js');
      setExit(await runDiff(oldSide, newSide, options, io));
    });
}
