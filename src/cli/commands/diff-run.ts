/** `escalate diff`: read both sides (file or `git show`), check them, diff, report, pick the exit code. */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { diffMatrices } from '../../diff/diff.js';
import { failReason } from '../../diff/fail-on.js';
import { renderJson, type FailOnResult } from '../../diff/render/json.js';
import type { SideLabels } from '../../diff/render/labels.js';
import { renderMarkdown } from '../../diff/render/markdown.js';
import { renderTerminal } from '../../diff/render/terminal.js';
import { atRevision, parseSide, type Side } from '../../diff/side.js';
import { loadMatrix, MAX_MATRIX_CHARS, tooLarge } from '../../matrix/load.js';
import type { Matrix } from '../../matrix/schema.js';
import { colorsFor } from '../colors.js';
import { EXIT, ExitError, safeText, usageError, type Io } from '../io.js';
import { fsReason, matrixFilesRead, readMatrixText, resolveMatrixPath, withHolidayFiles } from '../matrix-file.js';
import { fileReadAt, TooLargeError, writeFilesAtomic, type FileRead } from '../files.js';
import { HOLIDAY_FILE_MAX_BYTES } from '../holiday-files.js';
import { localDate } from '../../time/instant.js';
import type { DiffOptions } from './diff.js';
import { replayAll, type ReplayRecord } from '../../diff/replay.js';
import { replayJson, replayMarkdown, replayTerminal, summarize } from '../../diff/render/replay.js';
import { asOfTime, loadRecords } from '../records.js';

export async function runDiff(oldArg: string | undefined, newArg: string | undefined, options: DiffOptions, io: Io): Promise<number> {
  let matrixPath: string | undefined;
  const context = {
    isFile: (path: string) => isFile(resolve(io.cwd, path)),
    isRevision: (revision: string) => isRevision(revision, io),
    matrixPath: () => (matrixPath ??= relative(io.cwd, resolve(io.cwd, resolveMatrixPath(options.matrix, io))) || '.'),
  };
  const before = oldArg === undefined ? atRevision('HEAD', context.matrixPath()) : parseSide(oldArg, context);
  const after: Side = newArg === undefined ? { kind: 'file', path: context.matrixPath(), label: context.matrixPath() } : parseSide(newArg, context);

  const loaded = [await load(before, io), await load(after, io)];
  const problems = loaded.flatMap((l) => l.problems);
  if (problems.length > 0) throw new ExitError(EXIT.findings, problems.join('\n'));
  const [a, b] = loaded.map((l) => l.matrix!) as [Matrix, Matrix];

  if (options.failOn === 'more-breaches' && options.records === undefined) throw usageError('--fail-on more-breaches needs --records DIR: breaches are counted by replaying incident records');
  if (options.asOf !== undefined && options.records === undefined) throw usageError('--as-of judges replayed records; give --records DIR');
  const replay = options.records === undefined ? undefined : replayRecords(options.records, options.asOf, a, b, io);
  const zone = b.timezone;

  const diff = diffMatrices(a, b, { limit: options.maxPaths });
  const labels: SideLabels = { old: before.label, new: after.label };
  let reason: string | undefined;
  if (options.failOn === 'more-breaches') {
    const s = summarize(replay!, zone);
    if (s.breaches.new > s.breaches.old) reason = `replayed on ${s.incidents} incident${s.incidents === 1 ? '' : 's'}, the new matrix gives ${s.breaches.new} breaches where the old gave ${s.breaches.old}`;
  } else if (options.failOn) reason = failReason(diff, options.failOn);
  const failOn: FailOnResult | undefined = options.failOn ? { mode: options.failOn, failed: reason !== undefined, ...(reason ? { reason } : {}) } : undefined;

  if (options.coverageWeek !== undefined && options.coverage === undefined) throw usageError('--coverage-week chooses the week of --coverage FOLDER; pass --coverage too');
  const pictures = options.coverage !== undefined ? await coveragePair(a, b, options.coverage, options.coverageWeek, loaded.flatMap((l) => l.reads), io) : undefined;

  if (options.format === 'json') {
    const json = renderJson(diff, labels, failOn);
    io.stdout.write(replay ? `${JSON.stringify({ ...JSON.parse(json), replay: replayJson(replay, zone) }, null, 2)}\n` : json);
  } else if (options.format === 'markdown') io.stdout.write(renderMarkdown(diff, labels, failOn) + (replay ? `\n${replayMarkdown(replay, zone)}` : ''));
  else io.stdout.write(renderTerminal(diff, labels, await colorsFor(io)) + (replay ? `\n${replayTerminal(replay, zone)}` : ''));
  if (pictures) {
    const [old, now] = pictures;
    if (options.format === 'markdown') io.stdout.write(`\n#### Coverage, before and after\n\n| before | after |\n| --- | --- |\n| ![coverage before](${encodeURI(old)}) | ![coverage after](${encodeURI(now)}) |\n`);
    else (options.format === 'json' ? io.stderr : io.stdout).write(`coverage pictures: ${old} (before), ${now} (after)\n`);
  }

  if (reason === undefined) return EXIT.ok;
  io.stderr.write(`escalate: ${reason} (--fail-on ${options.failOn})\n`);
  return EXIT.findings;
}

/**
 * Writes the coverage picture of each side into `folder`, both or neither, and never over a
 * file the diff read (a matrix or its holidays file); returns their paths as shown.
 */
async function coveragePair(before: Matrix, after: Matrix, folder: string, week: string | undefined, reads: FileRead[], io: Io): Promise<[string, string]> {
  const full = resolve(io.cwd, folder);
  let isFolder = false;
  try {
    isFolder = statSync(full).isDirectory();
  } catch (error) {
    throw usageError(`--coverage ${folder}: ${fsReason(error)}; name an existing folder`);
  }
  if (!isFolder) throw usageError(`--coverage ${folder} is not a folder; name an existing folder`);
  const { weekSimulation } = await import('../../simulate/week.js');
  const { formatCoverageSvg } = await import('../../simulate/coverage-svg.js');
  const date = week ?? localDate(io.now(), after.timezone);
  const pictures: { target: string; shown: string; svg: string }[] = [];
  for (const [matrix, name] of [[before, 'coverage-before.svg'], [after, 'coverage-after.svg']] as const) {
    const simulated = weekSimulation(matrix, date);
    if (!simulated.ok) throw usageError(`--coverage${week !== undefined ? '-week' : ''}: ${simulated.reason}`);
    const target = join(full, name);
    const clash = fileReadAt(target, reads);
    if (clash) throw usageError(`--coverage ${folder}: ${join(folder, name)} is ${clash.what.replace(/^the matrix itself$/, 'a matrix this diff reads')}; name another folder`);
    pictures.push({ target, shown: join(folder, name), svg: formatCoverageSvg(simulated.result) });
  }
  writeFilesAtomic(pictures.map(({ target, svg }) => ({ target, texts: [safeText(svg)], overwrite: true })));
  return pictures.map(({ shown }) => shown) as [string, string];
}

/** `--records`: every record there replayed under both matrices, as of now or --as-of; unreadable records stop the run (exit 2) like report. */
function replayRecords(path: string, asOfText: string | undefined, a: Matrix, b: Matrix, io: Io) {
  const found = loadRecords(path, io);
  if (found.problems.length > 0) {
    const shown = found.problems.slice(0, 5).concat(found.problems.length > 5 ? [`… and ${found.problems.length - 5} more`] : []);
    throw usageError(`${found.problems.length} record${found.problems.length === 1 ? '' : 's'} could not be read, so nothing was replayed:\n${shown.join('\n')}`);
  }
  const asOf = asOfTime(asOfText, [b.timezone], io);
  return replayAll(found.records.map((r) => ({ file: r.file, record: r.record as ReplayRecord })), a, b, asOf);
}

/** A checked matrix, or the side's located errors in the same form `lint` uses. */
async function load(side: Side, io: Io): Promise<{ matrix?: Matrix; problems: string[]; reads: FileRead[] }> {
  // A folder or another kind of file by that name is reported as what it is.
  if (side.kind === 'file' && side.unknown && !existsSync(resolve(io.cwd, side.path))) {
    throw usageError(`cannot read ${side.label}: it is neither a file nor a revision git knows`);
  }
  const read = side.kind === 'file' ? readMatrixText(side.path, io) : { text: gitShow(side, io) };
  const loaded = read.text === undefined ? tooLarge(read.size) : loadMatrix(read.text);
  // Holidays files are read from the same side: the working tree, or the same revision.
  const { result, holidayFiles } = await withHolidayFiles(side.kind === 'file' ? side.path : side.label.slice(side.revision.length + 1), loaded, io, side.kind === 'git' ? (path) => gitShowBeside(side, path, io) : undefined);
  // The files of the working tree read for this side: --coverage must not write over them.
  if (result.matrix) return { matrix: result.matrix, problems: [], reads: side.kind === 'file' ? matrixFilesRead(side.path, result.matrix, io) : [] };
  const label = (file: string) => (side.kind === 'git' ? `${side.revision}:${file}` : file);
  const errors = [
    ...(holidayFiles ?? []).flatMap((f) => f.diagnostics.filter((d) => d.level === 'error').map((d) => ({ at: label(f.file), d }))),
    ...result.diagnostics.filter((d) => d.level === 'error').map((d) => ({ at: side.label, d })),
  ];
  const lines = errors.slice(0, 5).map(({ at, d }) => `${at}:${d.line}:${d.column}: ${d.message} (${d.code})`);
  if (errors.length > 5) lines.push(`… and ${errors.length - 5} more`);
  return { problems: [`${side.label} is not a valid matrix:`, ...lines], reads: [] };
}

function gitShow(side: Extract<Side, { kind: 'git' }>, io: Io): string {
  if (side.spec.startsWith('-')) throw usageError(`cannot read ${side.label}: a revision cannot start with "-"`);
  // `:PATH` is git's staged copy and `:/TEXT` a search of commit messages, neither a matrix at a revision.
  if (side.revision === '') throw usageError(`cannot read ${side.label}: name a revision before the colon, like HEAD${side.label}`);
  // `REV:..` or `REV:` names a commit or a tree, which git show prints as text: only a file is a matrix.
  const kind = objectKind(side.spec, io);
  if (kind === 'tree') throw usageError(`cannot read ${side.label}: it is a folder, not a matrix file`);
  if (kind !== undefined && kind !== 'blob') throw usageError(`cannot read ${side.label}: it names a ${kind} in git, not a matrix file`);
  let text: string;
  try {
    text = git(['show', '--no-textconv', side.spec], io);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOBUFS') throw usageError(`cannot read ${side.label}: it is over the limit of ${MAX_MATRIX_CHARS / 1024 / 1024} MB for a matrix`);
    throw usageError(`cannot read ${side.label} with git show: ${gitReason(error, side.revision)}`);
  }
  // git could not name the object, yet git show printed something (`REV:..` reads as a range of commits).
  if (kind === undefined) throw usageError(`cannot read ${side.label}: git names no file there, so it is not a matrix file`);
  return text;
}

/** A holidays file at the matrix's revision: `path` is relative to the matrix file there. */
function gitShowBeside(side: Extract<Side, { kind: 'git' }>, path: string, io: Io): string {
  const matrixPath = side.spec.slice(side.spec.indexOf(':') + 1);
  const joined = posix.join(posix.dirname(matrixPath), path);
  // `REV:./x` is relative to the current folder, `REV:x` to the repository's top: keep the matrix's form.
  const spec = `${side.revision}:${matrixPath.startsWith('./') && !joined.startsWith('../') ? `./${joined}` : joined}`;
  let text: string;
  try {
    text = git(['show', '--no-textconv', spec], io);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOBUFS') throw new TooLargeError(MAX_MATRIX_CHARS, HOLIDAY_FILE_MAX_BYTES);
    throw Object.assign(new Error(`git show ${spec}: ${gitReason(error, side.revision)}`), { code: 'EGIT' });
  }
  if (text.startsWith(`tree ${spec}\n`)) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
  if (Buffer.byteLength(text) > HOLIDAY_FILE_MAX_BYTES) throw new TooLargeError(Buffer.byteLength(text), HOLIDAY_FILE_MAX_BYTES);
  return text;
}

/** What git's object at `spec` is (blob, tree, commit, tag), or undefined when git cannot say (git show then gives the reason). */
function objectKind(spec: string, io: Io): string | undefined {
  try {
    return git(['cat-file', '-t', spec], io).trim();
  } catch {
    return undefined;
  }
}

function isRevision(revision: string, io: Io): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], io);
    return true;
  } catch {
    return false;
  }
}

function git(args: string[], io: Io): string {
  return execFileSync('git', args, {
    cwd: io.cwd,
    env: { ...io.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: MAX_MATRIX_CHARS,
  });
}

/** git's own first line, minus "fatal:", with the common cases said plainly. */
function gitReason(error: unknown, revision: string): string {
  const failure = error as NodeJS.ErrnoException & { stderr?: string | Buffer };
  if (failure.code === 'ENOENT') return 'git is not installed or not on PATH';
  const line = String(failure.stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return failure.message.split('\n')[0] ?? 'git failed';
  const text = line.replace(/^(fatal|error): /, '').replace(/\.$/, '');
  if (/^not a git repository/.test(text)) return 'this folder is not inside a git repository';
  const unknown = /^invalid object name '(.*)'$/.exec(text);
  if (unknown) return `unknown revision "${unknown[1] ?? revision}"${revision === 'HEAD' ? ' (does the repository have a commit yet?)' : ''}`;
  return text;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
