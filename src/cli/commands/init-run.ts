/**
 * `escalate init`: gather the team's answers (options, then prompts on a terminal), render
 * the starter matrix and its matrix tests, check that they lint clean with full coverage,
 * and write them (plus the CI workflow or pre-commit hook on request). Every check runs
 * before the first write, and the files are written all or nothing: a failure leaves the
 * folder as it was (files replaced get their old text back, folders made are removed).
 */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { starterCases } from '../../init/cases.js';
import { describeControl, firstControl } from '../../matrix/controls.js';
import { preCommitConfig, sheetPathFor, SIMPLE_PATH, workflowFor } from '../../init/ci.js';
import { renderSheet } from '../../docs/sheet.js';
import { defaultOwner, ownerChoices, renderMatrix, ROLE_ID, roleIds, TEMPLATES, textProblem, type NewRole, type TemplateName } from '../../init/render.js';
import { lintTarget } from '../../lint/lint-target.js';
import { PLACEHOLDER_CONTACT } from '../../lint/rules/role-contact.js';
import { loadMatrix } from '../../matrix/load.js';
import { didYouMean } from '../../matrix/suggest.js';
import { isValidTimeZone } from '../../time/zone.js';
import { checkTarget, fsReason, packagePath, writeFilesAtomic } from '../files.js';
import { repositoryRoot, schemaPath } from '../schema-location.js';
import type { InitPrompter } from '../init-prompt.js';
import { EXIT, safeText, usageError, type Io } from '../io.js';
import type { InitOptions } from './init.js';

const WORKFLOW = join('.github', 'workflows', 'escalation-matrix.yml');
const PRE_COMMIT = '.pre-commit-config.yaml';

interface Answers {
  template: TemplateName;
  team: string;
  timezone: string;
  owner: string | NewRole;
  ci: boolean;
  preCommit: boolean;
}

interface Planned {
  path: string;
  text: string;
  overwrite: boolean;
  note: string;
}

export async function runInit(file: string, options: InitOptions, io: Io): Promise<number> {
  const reviewed = options.today === undefined ? localToday(io.now()) : checkedDate(options.today);
  // A control character in the name (a line feed, ESC) would break the lines that name the
  // file: the cases file's header comment, lint's file:line:col, the CI and pre-commit entries.
  const control = firstControl(file, false);
  if (control !== undefined) throw usageError(`the matrix file name ${JSON.stringify(file)} holds ${describeControl(control.char)}; choose a name without control characters`);
  if (!/\.ya?ml$/i.test(file)) throw usageError(`a matrix file name ends in .yaml or .yml (lint finds its tests in NAME.cases.yaml); got "${file}"`);
  checkFlags(options);
  const target = resolve(io.cwd, file);
  const folder = dirname(target);
  const shown = (path: string) => relative(io.cwd, path) || path;
  const missing = missingFolders(folder, shown);
  const casesPath = target.replace(/\.ya?ml$/i, '.cases.yaml');
  // Before any question: nobody should answer six of them to learn the file is taken.
  refuseExisting([target, casesPath], options, shown);

  const asker: InitPrompter | undefined = io.stdinIsTTY && io.stdout.isTTY && !options.yes ? (await import('../init-prompt.js')).inquirerPrompter : undefined;
  const answers = await gather(options, asker);

  const root = repositoryRoot(folder, io.cwd);
  const schema = schemaPath(folder, root);
  const text = renderMatrix({ template: answers.template, team: answers.team, timezone: answers.timezone, owner: answers.owner, reviewed, schema: schema.path });
  const matrix = loadMatrix(text).matrix;
  if (!matrix) throw new Error(`the ${answers.template} template does not load`);
  const cases = starterCases(matrix, basename(target));
  await checkClean(text, cases.text, target, casesPath, reviewed);

  const plan: Planned[] = [
    { path: target, text, overwrite: Boolean(options.force), note: `the ${answers.template} template for ${answers.team}, ${answers.timezone}, owned by ${ownerId(answers.owner)}` },
    { path: casesPath, text: cases.text, overwrite: Boolean(options.force), note: `${cases.count} matrix tests, one per triage outcome` },
    // The shipped workflow (and a team's own CI) runs `docs --check` on the sheet, so it is
    // written with the matrix: green on day one, whichever CI the team copies.
    { path: sheetPathFor(target), text: safeText(renderSheet(matrix, { source: basename(target) })), overwrite: Boolean(options.force), note: 'the reference sheet (regenerate it with escalate docs --out after each change)' },
  ];
  if (answers.ci || answers.preCommit) {
    const matrixRel = fromRoot(root, target);
    const casesRel = fromRoot(root, casesPath);
    if (answers.ci) {
      plan.push({ path: join(root, WORKFLOW), text: workflowFor(shippedWorkflow(), matrixRel, casesRel, sheetPathFor(matrixRel)), overwrite: Boolean(options.force), note: 'lints the matrix on every pull request that touches it, and checks its sheet' });
    }
    if (answers.preCommit) {
      const path = join(root, PRE_COMMIT);
      const existing = readIfExists(path);
      const result = preCommitConfig(existing, matrixRel, casesRel);
      if (!result.ok) throw usageError(`cannot add the escalate-lint hook to ${shown(path)}: ${result.reason}`);
      if (result.unchanged) io.stdout.write(`${shown(path)} already has the escalate-lint hook; left as it is\n`);
      else plan.push({ path, text: result.text, overwrite: true, note: existing === undefined ? 'runs escalate lint before each commit' : 'added the escalate-lint hook' });
    }
  }
  refuseExisting(plan.filter((step) => !step.overwrite).map((step) => step.path), options, shown);

  writeAll(plan, missing, shown);
  if (missing.length > 0) io.stdout.write(`created folder ${shown(missing[missing.length - 1]!)}\n`);
  for (const step of plan) io.stdout.write(`wrote ${shown(step.path)}: ${step.note}\n`);
  if (!schema.installed) {
    io.stdout.write(`the editor modeline points at ${schema.path}, which appears once the package is installed here: npm i -D escalation-matrix\n`);
  }
  io.stdout.write(`next: make the roles, contacts and targets yours, then run: npx escalate lint ${shown(target)} --coverage\n`);
  return EXIT.ok;
}

function refuseExisting(paths: string[], options: InitOptions, shown: (path: string) => string): void {
  if (options.force) return;
  const taken = paths.find((path) => existsSync(path));
  if (taken) throw usageError(`${shown(taken)} already exists; pass --force to replace it`);
}

/** Options that are wrong whatever the answers: reported before any question is asked. */
function checkFlags(options: InitOptions): void {
  if (options.team !== undefined) {
    const problem = textProblem(options.team, '--team');
    if (problem) throw usageError(problem);
  }
  if (options.timezone !== undefined && !isValidTimeZone(options.timezone)) {
    throw usageError(`--timezone "${options.timezone}" is not an IANA time zone name, like Europe/Berlin or America/New_York${didYouMean(options.timezone, Intl.supportedValuesOf('timeZone'))}`);
  }
  if (options.owner !== undefined && !ROLE_ID.test(options.owner)) {
    throw usageError(`--owner "${options.owner}" is not a role id: lower-case letters, digits, "-" or "_", like "support-lead"`);
  }
  if (options.ownerTitle !== undefined) {
    const problem = textProblem(options.ownerTitle, '--owner-title');
    if (problem) throw usageError(problem);
  }
  if (options.ownerContact !== undefined) {
    const problem = contactProblem(options.ownerContact);
    if (problem) throw usageError(`--owner-contact: ${problem}`);
  }
}

function contactProblem(contact: string): string | undefined {
  if (PLACEHOLDER_CONTACT.test(contact.trim())) return `"${contact}" says nobody yet; give a queue, pager, channel or shared mailbox`;
  return textProblem(contact, 'the contact');
}

/** The answers: options first; on a terminal, a question for each one missing; else the defaults. */
async function gather(options: InitOptions, ask: InitPrompter | undefined): Promise<Answers> {
  let template = options.template;
  if (ask && !options.templateGiven) {
    template = await ask.select(
      'Which template fits your team best?',
      (Object.keys(TEMPLATES) as TemplateName[]).map((name) => ({ value: name, name, description: TEMPLATES[name].summary })),
      'support',
    );
  }
  const team = options.team ?? (ask ? await ask.input('Team name (the matrix name)?', TEMPLATES[template].team, (v) => textProblem(v, 'the team name')) : TEMPLATES[template].team);
  const timezone =
    options.timezone ??
    (ask
      ? await ask.input('Time zone of the team (IANA name)?', hostZone(), (v) => (isValidTimeZone(v) ? undefined : `not an IANA time zone name, like Europe/Berlin${didYouMean(v, Intl.supportedValuesOf('timeZone'))}`))
      : hostZone());
  const owner = await chooseOwner(template, options, ask);
  const ci = options.ci !== undefined || (ask ? await ask.confirm('Add a GitHub Actions workflow that lints the matrix on pull requests?', false) : false);
  const preCommit = options.preCommit === true || (ask ? await ask.confirm('Add a pre-commit hook that lints the matrix before each commit?', false) : false);
  return { template, team: team.trim(), timezone, owner, ci, preCommit };
}

const NEW_ROLE = '\u0000new';

async function chooseOwner(template: TemplateName, options: InitOptions, ask: InitPrompter | undefined): Promise<string | NewRole> {
  const roles = ownerChoices(template);
  const known = (id: string) => roles.some((r) => r.id === id);
  let id = options.owner;
  if (id === undefined && ask) {
    const choices = [...roles.map((r) => ({ value: r.id, name: `${r.title} (${r.id})` })), { value: NEW_ROLE, name: 'Another role…', description: 'a new role, with its contact' }];
    id = await ask.select('Which role keeps the matrix current and reviews it?', choices, defaultOwner(template));
    if (id === NEW_ROLE) id = await ask.input('Id of the new role (like ops-manager)?', undefined, (v) => (ROLE_ID.test(v) ? (roleIds(template).includes(v) ? `"${v}" is already a role of the template` : undefined) : 'lower-case letters, digits, "-" or "_"'));
  }
  id ??= defaultOwner(template);
  if (known(id)) {
    if (options.ownerTitle !== undefined || options.ownerContact !== undefined) {
      throw usageError(`--owner-title and --owner-contact describe a new role, but "${id}" is a role of the ${template} template already`);
    }
    return id;
  }
  if (roleIds(template).includes(id)) {
    throw usageError(`"${id}" is a client or vendor role of the ${template} template; the matrix is owned by an internal role (${roles.map((r) => r.id).join(', ')})`);
  }
  if (!ask && options.ownerContact === undefined) {
    throw usageError(
      `--owner "${id}" is not an internal role of the ${template} template (${roles.map((r) => r.id).join(', ')})${didYouMean(id, roles.map((r) => r.id))}; to create it, add --owner-contact`,
    );
  }
  const title = options.ownerTitle ?? (ask ? await ask.input(`Title of the role ${id}?`, titleOf(id), (v) => textProblem(v, 'the title')) : titleOf(id));
  const contact = options.ownerContact ?? (await ask!.input(`How to reach ${title} (a queue, pager, channel or shared mailbox)?`, undefined, contactProblem));
  return { id, title: title.trim(), contact: contact.trim() };
}

const ownerId = (owner: string | NewRole) => (typeof owner === 'string' ? owner : `${owner.id} (a new role)`);
const titleOf = (id: string) => id.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The time zone this machine runs in, when it is one a matrix may name. */
function hostZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/** Ensures the starter lints with no finding at full coverage: a guard on the templates, never the user's fault. */
async function checkClean(matrix: string, cases: string, matrixPath: string, casesPath: string, today: string): Promise<void> {
  const reports = await lintTarget({ matrix: { file: matrixPath, text: matrix }, cases: { file: casesPath, text: cases } }, { today, coverage: true });
  const first = reports.flatMap((r) => r.diagnostics.map((d) => `${basename(r.file)}:${d.line}:${d.column} ${d.message}`))[0];
  if (first) throw new Error(`the starter matrix does not lint clean: ${first}`);
}

/**
 * Folders to create for a file in `folder`, outermost first. Refused in one line before
 * anything is made: a folder on the path that is a file, a symbolic link that leads nowhere
 * (mkdir would stop at it) or round in a loop, a folder that cannot be searched, and a missing
 * folder whose parent this process may not write in.
 */
function missingFolders(folder: string, shown: (path: string) => string): string[] {
  const missing: string[] = [];
  for (let dir = folder; ; dir = dirname(dir)) {
    let stat: Stats;
    try {
      stat = statSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A loop of links further up: named at the link that loops, not below it.
      if (code === 'ELOOP' && symlinkTarget(dir) === undefined && dirname(dir) !== dir) continue;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw usageError(`cannot write into ${shown(dir)}: ${fsReason(error)}`);
      const link = symlinkTarget(dir);
      if (link !== undefined) throw usageError(`cannot write into ${shown(dir)}: it is a symbolic link to ${link}, which does not exist; create that folder or name another path`);
      missing.unshift(dir);
      if (dirname(dir) === dir) break;
      continue;
    }
    if (!stat.isDirectory()) throw usageError(`cannot write into ${shown(dir)}: it is a file, not a folder`);
    if (missing.length > 0) {
      try {
        accessSync(dir, constants.W_OK | constants.X_OK);
      } catch (error) {
        throw usageError(`cannot create the folder ${shown(missing[0]!)}: ${fsReason(error)} in ${shown(dir)}`);
      }
    }
    break;
  }
  return missing;
}

/** Where the symbolic link at `path` points, or undefined when it is none (stat has said what it leads to is missing, or a loop). */
function symlinkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the missing folders and writes every file, all or nothing: every target is checked
 * before anything is made (kind, hard links, an existing file, its folder), then the folders
 * are made and the files written together (writeFilesAtomic: every temporary file first, then
 * the renames, undone should one fail). If anything fails, the folders made are removed again,
 * so a refusal (exit 2) leaves the tree as it was.
 */
function writeAll(plan: Planned[], matrixFolders: string[], shown: (path: string) => string): void {
  // The workflow's folder (.github/workflows) may be missing too; parents before children.
  const folders = [...new Set([...matrixFolders, ...plan.flatMap((step) => missingFolders(dirname(step.path), shown))])].sort((a, b) => a.length - b.length);
  for (const step of plan) if (!folders.includes(dirname(step.path))) checkTarget(step.path, { overwrite: step.overwrite, shown: shown(step.path) });
  const made: string[] = [];
  try {
    for (const folder of folders) {
      try {
        mkdirSync(folder);
      } catch (error) {
        throw usageError(`cannot create the folder ${shown(folder)}: ${fsReason(error)}`);
      }
      made.push(folder);
    }
    writeFilesAtomic(plan.map((step) => ({ target: step.path, texts: [safeText(step.text)], overwrite: step.overwrite, shown: shown(step.path) })));
  } catch (error) {
    for (const folder of made.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty: something else was put there meanwhile, and is not ours to remove
      }
    }
    throw error;
  }
}

/** A path from the repository root, as CI and pre-commit name it. */
function fromRoot(root: string, path: string): string {
  const rel = relative(root, path).split(sep).join('/');
  if (rel.startsWith('../') || !SIMPLE_PATH.test(rel)) {
    throw usageError(`--ci and --pre-commit name the matrix by its path from the repository root (${root}); use a path inside it of letters, digits, ".", "_", "-" and "/"; got "${rel}"`);
  }
  return rel;
}

function shippedWorkflow(): string {
  const path = packagePath('docs', 'github-actions.yml');
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw usageError(`this installation of escalate has no ${path}; reinstall the package`);
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw usageError(`cannot read ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkedDate(text: string): string {
  const match = DATE.exec(text.trim());
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !date || date.toISOString().slice(0, 10) !== match[0]) throw usageError(`--today takes a calendar date, YYYY-MM-DD; got "${text}"`);
  return match[0];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Today on the machine's own calendar, as lint reads it for review-overdue. */
const localToday = (now: Date) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
