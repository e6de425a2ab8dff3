/**
 * `escalate lint`: resolve the files, lint each matrix and run its tests, report in the
 * chosen format, pick the exit code. Every file is read before anything is printed, so a
 * missing file exits 2 with one line and no partial report.
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { RuleSettings, Setting } from '../../lint/config.js';
import { parseRuleFlag } from '../../lint/config.js';
import { lintTarget } from '../../lint/lint-target.js';
import { errorsOnly, summarize, type FileReport } from '../../lint/report.js';
import { lintTargets } from '../../lint/targets.js';
import { useHostClock } from '../../time/offset.js';
import { EXIT, usageError, type Io } from '../io.js';
import { formatReports } from '../reports.js';
import type { RuleDescriptor } from '../../lint/reporters/sarif.js';
import { readMatrixText, readText, resolveMatrixPath } from '../matrix-file.js';
import { tooLarge } from '../../matrix/load.js';
import type { HolidayFileRef } from '../../matrix/holiday-files.js';
import type { Locator } from '../../matrix/locate.js';
import { readHolidayFiles } from '../holiday-files.js';
import type { LintOptions } from './lint.js';

export async function runLint(files: string[], options: LintOptions, io: Io): Promise<number> {
  useHostClock(io.hostClock === true);
  const rules = ruleSettings(options.rule ?? []);
  const maxWarnings = options.maxWarnings === undefined ? undefined : warningLimit(options.maxWarnings);
  const today = options.today === undefined ? localToday(io.now()) : checkedDate(options.today);
  const paths = files.length > 0 ? await expand(files, io) : [resolveMatrixPath(options.matrix, io)];
  const targets = lintTargets(paths, { exists: (path) => isFile(resolve(io.cwd, path)), ...(options.cases !== undefined ? { cases: options.cases } : {}) });
  if (typeof options.cases === 'string' && targets.length > 1) {
    throw usageError(`--cases names the tests of one matrix, but ${targets.length} matrices were given; put each matrix's tests in NAME.cases.yaml beside it`);
  }

  const sources = targets.map(({ matrix, cases }) => ({
    matrix: { file: matrix, read: readMatrixText(matrix, io) },
    ...(cases !== undefined ? { cases: { file: cases, text: readText(cases, io, 'cases file') } } : {}),
  }));
  let reports: FileReport[] = [];
  for (const { matrix, cases } of sources) {
    // A file over the size limit was refused unread: its one finding says so, and its tests cannot run.
    if (matrix.read.text === undefined) reports.push({ file: matrix.file, kind: 'matrix', diagnostics: tooLarge(matrix.read.size).diagnostics });
    else {
      const readHolidays = (refs: HolidayFileRef[], window: { from: string; to: string }, locator: Locator) => readHolidayFiles(matrix.file, refs, window, locator, io);
      reports.push(...(await lintTarget({ matrix: { file: matrix.file, text: matrix.read.text }, ...(cases ? { cases } : {}) }, { today, rules, coverage: options.coverage === true, readHolidays })));
    }
  }

  if (options.quiet) reports = errorsOnly(reports);
  io.stdout.write(await formatReports(reports, options.format, io, lintRules));
  const { errors, warnings } = summarize(reports);
  if (errors > 0) return EXIT.findings;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr.write(`escalate: ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${maxWarnings} allows\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Every rule and format check, for SARIF's rule table. */
async function lintRules(): Promise<RuleDescriptor[]> {
  const [{ RULES }, { FORMAT_CHECKS }] = await Promise.all([import('../../lint/registry.js'), import('../../lint/format-checks.js')]);
  return [...RULES.map(({ id, rationale, level }) => ({ id, rationale, level })), ...FORMAT_CHECKS.map(({ id, rationale, level }) => ({ id, rationale, level: level ?? ('error' as const) }))];
}

function ruleSettings(flags: readonly string[]): RuleSettings {
  const settings: Record<string, Setting> = {};
  for (const flag of flags) {
    const parsed = parseRuleFlag(flag);
    if (!parsed.ok) throw usageError(parsed.reason);
    settings[parsed.id] = parsed.setting;
  }
  return settings;
}

function warningLimit(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw usageError(`--max-warnings takes a whole number of warnings, like 0 or 10; got "${text}"`);
  return Number(text);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkedDate(text: string): string {
  const match = DATE.exec(text.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== match[0]) {
    throw usageError(`--today takes a calendar date, YYYY-MM-DD; got "${text}"`);
  }
  return match[0];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Today on the machine's own calendar: the date the person or CI job running lint lives in. */
const localToday = (now: Date) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

const GLOB = /[*?[\]{}]/;

/** Paths as given; a quoted glob is expanded here (sorted), and one matching nothing is an error. */
async function expand(args: readonly string[], io: Io): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    if (!GLOB.test(arg) || isFile(resolve(io.cwd, arg))) {
      out.push(arg);
      continue;
    }
    const { glob } = await import('tinyglobby');
    const matches = await glob([arg], { cwd: io.cwd, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(arg) });
    if (matches.length === 0) throw usageError(`no files match ${arg}`);
    out.push(...matches.sort());
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
