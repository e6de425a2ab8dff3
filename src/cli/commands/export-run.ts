/** `escalate export TOOL`: load the matrix, build the export, print or write it, or check a file for drift. */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Matrix } from '../../matrix/schema.js';
import type { ExportWarning } from '../../export/warnings.js';
import { fileReadAt, followLinks, writeFilesAtomic, type FileRead } from '../files.js';
import { EXIT, safeText, usageError, type Io } from '../io.js';
import { loadMatrixFile, matrixFilesRead, readText, requireMatrix, resolveMatrixPath } from '../matrix-file.js';
import type { ExportOptions, ExportTool } from './export.js';

interface Built {
  text: string;
  /** What --json prints as `config`: the configuration as data (ics: the text). */
  data: unknown;
  warnings: ExportWarning[];
  /** alertmanager --tests: the routing test script. */
  tests?: { text: string; count: number };
  /** The matrix tests file read for --tests, if any. */
  casesPath?: string;
}

export async function runExport(tool: ExportTool, options: ExportOptions, io: Io): Promise<number> {
  if (options.parity !== undefined && options.check === undefined) throw usageError(`--parity simulates a week on the configuration in use: it goes with \`export ${tool} --check FILE\``);
  if (options.pullIn !== undefined && tool !== 'pagerduty') throw usageError('--pull-in shapes PagerDuty services; it goes with `export pagerduty`');
  if (options.tests !== undefined && tool !== 'alertmanager') throw usageError('--tests writes amtool routing tests; it goes with `export alertmanager`');
  if (options.check !== undefined && (options.out !== undefined || options.tests !== undefined)) {
    throw usageError('--check reads FILE and writes nothing; drop --out and --tests');
  }
  const matrixPath = resolveMatrixPath(options.matrix, io);
  const matrix = requireMatrix(await loadMatrixFile(matrixPath, io));
  if (options.check !== undefined) {
    const { runDriftCheck } = await import('./export-check.js');
    return runDriftCheck(tool, matrix, options.check, options.format, io, options.parity, options.pullIn);
  }
  const built = await build(tool, matrix, matrixPath, options, io);

  const outPath = options.out === undefined ? undefined : resolve(io.cwd, options.out);
  const testsPath = built.tests && options.tests !== undefined ? resolve(io.cwd, options.tests) : undefined;
  // The files written must be none of the files read (the matrix, its holidays files, the
  // matrix tests for --tests; by device and inode, so links are no way round) nor each other.
  const read: FileRead[] = [...matrixFilesRead(matrixPath, matrix, io), ...(built.casesPath !== undefined ? [{ path: resolve(io.cwd, built.casesPath), what: 'the matrix tests file this export reads' }] : [])];
  for (const [flag, given, path] of [['--out', options.out, outPath], ['--tests', options.tests, testsPath]] as const) {
    if (path === undefined) continue;
    const clash = fileReadAt(path, read);
    if (clash) throw usageError(`${flag} ${given} is ${clash.what}; write the ${flag === '--out' ? 'export' : 'routing tests'} to another file`);
  }
  if (outPath !== undefined && testsPath !== undefined && followLinks(outPath) === followLinks(testsPath)) throw usageError(`--out and --tests name the same file (${options.out}); give each its own`);
  // Both written all or nothing: both checked first, and a refused or failed --tests never leaves --out written.
  writeFilesAtomic([
    ...(outPath !== undefined ? [{ target: outPath, texts: [safeText(built.text)], overwrite: true }] : []),
    ...(testsPath !== undefined ? [{ target: testsPath, texts: [safeText(built.tests!.text)], overwrite: true }] : []),
  ]);

  if (options.json) {
    const report = {
      tool,
      matrix: matrixPath,
      ...(options.out !== undefined ? { out: options.out } : {}),
      ...(options.pullIn !== undefined ? { pull_in: options.pullIn } : {}),
      ...(built.tests && options.tests !== undefined ? { tests: { file: options.tests, count: built.tests.count } } : {}),
      warnings: built.warnings.map(({ code, message, path }) => ({ code, message, path })),
      config: built.data,
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  if (outPath === undefined) io.stdout.write(built.text);
  else io.stdout.write(`wrote ${options.out}\n`);
  if (built.tests && options.tests !== undefined) io.stdout.write(`wrote ${options.tests} (${built.tests.count} routing tests)\n`);
  for (const w of built.warnings) io.stderr.write(`escalate export ${tool}: not expressible: ${w.message}\n`);
  return EXIT.ok;
}

async function build(tool: ExportTool, matrix: Matrix, matrixPath: string, options: ExportOptions, io: Io): Promise<Built> {
  switch (tool) {
    case 'alertmanager': {
      const am = await import('../../export/alertmanager.js');
      const { config, warnings } = am.exportAlertmanager(matrix);
      const built: Built = { text: am.alertmanagerYaml(config, matrix.name, warnings), data: config, warnings };
      if (options.tests !== undefined) {
        const { cases, path } = await readCases(matrixPath, options.cases, io);
        const tests = am.routingTests(matrix, cases);
        built.tests = { text: am.routingTestScript(tests, `${basename(matrixPath)}${cases.length ? ' and its matrix tests' : ''}`), count: tests.length };
        if (path !== undefined) built.casesPath = path;
      }
      return built;
    }
    case 'pagerduty': {
      const pd = await import('../../export/pagerduty.js');
      const { config, warnings } = pd.exportPagerduty(matrix, { pullIn: options.pullIn });
      return { text: pd.pagerdutyJson(config), data: config, warnings };
    }
    case 'ics': {
      if (Object.keys(matrix.calendars ?? {}).length === 0) {
        throw usageError(`${matrixPath} defines no calendars: every target runs round the clock, so there are no working hours or holidays to export`);
      }
      const ics = await import('../../export/ics.js');
      const { text, warnings } = ics.exportIcs(matrix);
      return { text, data: text, warnings };
    }
  }
}

/** The matrix tests the routing tests come from: --cases, or NAME.cases.yaml beside the matrix when it exists. */
async function readCases(matrixPath: string, explicit: string | undefined, io: Io) {
  const beside = join(dirname(matrixPath), `${basename(matrixPath).replace(/\.ya?ml$/, '')}.cases.yaml`);
  const path = explicit ?? (existsSync(resolve(io.cwd, beside)) ? beside : undefined);
  if (path === undefined) return { cases: [] };
  const { loadCases } = await import('../../lint/cases/load.js');
  const loaded = loadCases(readText(path, io, 'cases file'));
  const error = loaded.diagnostics.find((d) => d.level === 'error');
  if (error || !loaded.cases) {
    throw usageError(`${path}:${error?.line ?? 1}:${error?.column ?? 1}: ${error?.message ?? 'not a cases file'}; run escalate lint to see every problem`);
  }
  return { cases: loaded.cases, path };
}
