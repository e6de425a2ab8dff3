/**
 * Every shell example of the user documentation runs: each fenced `sh`, `shell`, `bash` or
 * `console` block of README.md and docs/*.md, in a temporary folder, with the clock pinned
 * (ESCALATE_NOW), as a reader would type it. The convention (CONTRIBUTING.md, "Documentation"):
 *
 * - The blocks of one page run in order in one folder, so a walkthrough is a sequence. The
 *   folder starts as a project that has installed escalate: `escalation-matrix.yaml` and
 *   `escalation-matrix.cases.yaml` (the saas-support example), `examples/`, and
 *   `node_modules/escalation-matrix`; `escalate` and `npx escalate` run the built binary.
 * - `sh`/`shell`/`bash`: run as one bash script; every command must exit 0, except one whose
 *   comment says otherwise (`npx escalate status incidents/   # exit 1 when ...`).
 * - `console`: `$ COMMAND` lines (continued with a trailing `\`), each followed by the output
 *   it shows (stdout and stderr as they interleave), compared line by line; a line `…` stands
 *   for any number of lines and a line ending in ` …` for any line that starts the same.
 *   Exit status 0 unless the command's comment says `# exit N`.
 * - `<!-- docs-test: KEY=VALUE ... -->` on the line before a fence sets, for that block and
 *   the page's later blocks: `now=2026-03-27T16:42:00+01:00` (the pinned clock; default
 *   DEFAULT_NOW), `matrix=examples/msp.yaml` (copies it, and its cases, over the folder's
 *   escalation-matrix.yaml), `fresh` (empties the folder first, node_modules kept),
 *   `setup=NAME` (runs SETUPS[NAME] first: a state the page assumes, such as a git history).
 * - Blocks that cannot run here are listed in EXCEPTIONS below, each with its reason.
 *
 * Pages are independent (each has its own folder): two of them run side by side in the
 * background from the start of the file, each page's blocks in order; a block's test awaits
 * its block's outcome.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type RunnerTestSuite } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { blocks, pages, type Block } from './pages.js';

const RUNNABLE = new Set(['sh', 'shell', 'bash', 'console']);
export const DEFAULT_NOW = '2026-12-06T10:00:00Z';

/** Blocks that do not run in the test, by page and the start of their first line, and why. */
export const EXCEPTIONS: { page: string; first: string; why: string }[] = [
  { page: 'README.md', first: 'npm i -D escalation-matrix', why: 'installs from the npm registry; the installed package is tested in test/package.test.ts' },
  { page: 'README.md', first: 'npm i -D git+https://', why: 'placeholders for a git host; installing from git and from a tarball is tested in test/package.test.ts' },
  { page: 'docs/triage.md', first: 'npx escalate triage  ', why: 'asks on a terminal; the prompts are tested in test/triage (and without a terminal it exits 2)' },
];

/** What a page assumes the reader already has, made before a block with `setup=NAME`. */
export const SETUPS: Record<string, string> = {
  // A repository whose matrix on main is test/fixtures/diff/saas-old.yaml, with a working
  // copy changed to saas-readme.yaml (the change docs/diff.md shows), and old.yaml/new.yaml.
  'git-history': [
    'git init -q -b main && git config user.email docs@example.com && git config user.name docs',
    `cp ${JSON.stringify(join(ROOT, 'test/fixtures/diff/saas-old.yaml'))} escalation-matrix.yaml && cp escalation-matrix.yaml old.yaml`,
    'git add escalation-matrix.yaml && git commit -qm first && git commit -q --allow-empty -m second',
    'git update-ref refs/remotes/origin/main HEAD',
    `cp ${JSON.stringify(join(ROOT, 'test/fixtures/diff/saas-readme.yaml'))} escalation-matrix.yaml && cp escalation-matrix.yaml new.yaml`,
  ].join(' && '),
  // docs/escalation.md written before the matrix's sev1 acknowledge target went from 20m to 15m.
  'stale-sheet': [
    'mkdir -p docs && escalate docs --out docs/escalation.md > /dev/null',
    "sed -i 's/^| `sev1` Critical | round the clock | 15m |/| `sev1` Critical | round the clock | 20m |/' docs/escalation.md",
  ].join(' && '),
  // paging.tf.json edited by hand: p1's second rule waits 45 minutes, p2's first rule has its targets swapped.
  'hand-edited-paging': `node -e ${JSON.stringify(
    "const fs=require('fs');const j=JSON.parse(fs.readFileSync('paging.tf.json','utf8'));const p=j.resource.pagerduty_escalation_policy;p.p1.rule[1].escalation_delay_in_minutes=45;p.p2.rule[0].target.reverse();fs.writeFileSync('paging.tf.json',JSON.stringify(j,null,2)+'\n')",
  )}`,
  // alertmanager.yml edited by hand: p1's routes muted on Christmas Day (New York).
  'christmas-mute': `node -e ${JSON.stringify(
    "const fs=require('fs');const t=fs.readFileSync('alertmanager.yml','utf8');const a=t.indexOf('- severity=\"p1\"');const b=t.indexOf('- severity=\"p2\"');fs.writeFileSync('alertmanager.yml',t.slice(0,a)+t.slice(a,b).replaceAll('          continue: true','          mute_time_intervals: [christmas]\n          continue: true')+t.slice(b)+'  - name: christmas\n    time_intervals:\n      - { months: [december], days_of_month: [\"25\"], location: America/New_York }\n')",
  )}`,
  // calendars.ics without its Christmas holiday event.
  'ics-without-christmas': `node -e ${JSON.stringify(
    "const fs=require('fs');fs.writeFileSync('calendars.ics',fs.readFileSync('calendars.ics','utf8').split('BEGIN:VEVENT').filter((b)=>!b.includes('holiday-2026-12-25')).join('BEGIN:VEVENT'))",
  )}`,
};

/** Programs a block needs besides escalate; a block whose program is missing is skipped, except in CI. */
const PROGRAMS = ['amtool', 'jq'];
const present = new Map<string, boolean>();
const installed = (program: string) => {
  if (!present.has(program)) present.set(program, spawnSync(program, ['--version']).status === 0);
  return present.get(program)!;
};
const missing = (block: Block) =>
  PROGRAMS.find((program) => block.lines.some((line) => new RegExp(`(^|[\\s$;&|])${program}\\s`).test(line)) && !installed(program));

const isException = (block: Block) => EXCEPTIONS.find((e) => e.page === block.page && (block.lines[0] ?? '').startsWith(e.first));

/** `# exit N` in a command's comment: the status the example says it ends with. */
function expectedExit(line: string): number {
  const m = /\s#\s*exit (\d+)\b/.exec(line);
  return m ? Number(m[1]) : 0;
}

/** Whether `actual` lines match the shown `expected` lines (`…` lines and ` …` endings). */
export function matches(expected: string[], actual: string[]): boolean {
  const line = (e: string, a: string) => e === a || (e.endsWith(' …') && a.startsWith(e.slice(0, -1)));
  const go = (i: number, j: number): boolean => {
    if (i === expected.length) return j === actual.length;
    if (expected[i] === '…') {
      for (let k = j; k <= actual.length; k++) if (go(i + 1, k)) return true;
      return false;
    }
    return j < actual.length && line(expected[i]!, actual[j]!) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

const tidy = (text: string) => {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
};

let shims = '';

/** `escalate` on PATH runs the built binary; `npx escalate` runs it too, as npx does once the package is installed. */
function makeShims(): void {
  writeFileSync(join(shims, 'escalate'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
  writeFileSync(join(shims, 'prelude.sh'), 'npx() { if [ "$1" = escalate ]; then shift; escalate "$@"; else command npx "$@"; fi; }\n');
}

interface Run {
  status: number | null;
  output: string;
  failure?: string;
}

function bash(dir: string, script: string, now: string): Promise<Run> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (status: number | null, also = '') => {
      if (!settled) resolve({ status, output: `${stdout}${stderr}${also}` });
      settled = true;
    };
    const child = spawn('bash', ['-c', script], {
      cwd: dir,
      timeout: 120_000,
      env: {
        ...process.env,
        PATH: `${shims}:${process.env.PATH}`,
        ESCALATE_NOW: now,
        ESCALATE_MATRIX: undefined,
        ESCALATE_BY: undefined,
        NO_COLOR: '1',
        FORCE_COLOR: undefined,
        HOME: dir,
        // Node reads this certificate bundle at every start (on a machine that sets it, ~40 ms of
        // CPU, as much as a short command's own work); no example makes a network connection.
        NODE_EXTRA_CA_CERTS: undefined,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (text: string) => void (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
    child.on('error', (error) => settle(null, error.message));
    child.on('close', (status) => settle(status));
  });
}

/** An sh block as a script whose ERR trap names the first command that ends unexpectedly. */
function shScript(block: Block, report: string): string {
  const want: string[] = [];
  const body: string[] = [];
  let start = 0;
  block.lines.forEach((line, k) => {
    if (k === 0 || !block.lines[k - 1]!.endsWith('\\')) start = k;
    const code = expectedExit(line);
    if (code !== 0) {
      for (let s = start; s <= k; s++) want.push(`[${s + 2}]=${code}`);
      const at = line.search(/\s#\s*exit \d/);
      body.push(`${line.slice(0, at)}; __expect $? ${code} ${k + 2}${line.slice(at)}`);
    } else body.push(line);
  });
  return [
    `source ${JSON.stringify(join(shims, 'prelude.sh'))}; set -o pipefail; declare -A __want=(${want.join(' ')}); __report=${JSON.stringify(report)}; __expect() { [ "$1" = "$2" ] || { echo "$3 $1 $2" > "$__report"; exit 97; }; }; trap 's=$?; [ "\${__want[$LINENO]:-0}" = "$s" ] || { echo "$LINENO $s 0" > "$__report"; exit 97; }' ERR`,
    ...body,
  ].join('\n');
}

let reports = 0;

async function runSh(dir: string, block: Block, now: string): Promise<string | undefined> {
  // A report file of its own: blocks of other pages run at the same time.
  const report = join(shims, `report-${++reports}`);
  const r = await bash(dir, shScript(block, report), now);
  const where = existsSync(report) ? readFileSync(report, 'utf8').trim().split(' ').map(Number) : undefined;
  if (where) {
    const [scriptLine, got, want] = where as [number, number, number];
    const docLine = block.line + scriptLine - 1;
    rmSync(report, { force: true });
    return `${block.page}:${docLine}: \`${block.lines[scriptLine - 2]}\` exited ${got}, expected ${want}\n${r.output}`;
  }
  if (r.status !== 0) return `${block.page}:${block.line}: the block ended with status ${r.status}\n${r.output}`;
  return undefined;
}

interface Shown {
  line: number;
  command: string;
  output: string[];
}

function consoleCommands(block: Block): Shown[] {
  const shown: Shown[] = [];
  for (let k = 0; k < block.lines.length; k++) {
    const line = block.lines[k]!;
    if (line.startsWith('$ ')) {
      let command = line.slice(2);
      const at = k;
      while (command.endsWith('\\') && k + 1 < block.lines.length) command = `${command}\n${block.lines[++k]}`;
      shown.push({ line: block.line + 1 + at, command, output: [] });
    } else if (shown.length > 0) shown[shown.length - 1]!.output.push(line);
  }
  return shown;
}

async function runConsole(dir: string, block: Block, now: string): Promise<string | undefined> {
  const commands = consoleCommands(block);
  if (commands.length === 0) return `${block.page}:${block.line}: a console block shows no \`$ \` command`;
  for (const shown of commands) {
    const r = await bash(dir, `source ${JSON.stringify(join(shims, 'prelude.sh'))}; exec 2>&1\n${shown.command}`, now);
    const want = expectedExit(shown.command);
    const expected = tidy(shown.output.join('\n'));
    const got = tidy(r.output);
    if (r.status !== want || !matches(expected, got)) {
      return [
        `${block.page}:${shown.line}: \`${shown.command}\` exited ${r.status} (expected ${want})${matches(expected, got) ? '' : '; its output differs from the page'}`,
        '--- expected (shown in the page)',
        ...expected,
        '+++ got',
        ...got,
      ].join('\n');
    }
  }
  return undefined;
}

function setUp(dir: string, matrix: string) {
  for (const name of readdirSync(dir)) if (name !== 'node_modules') rmSync(join(dir, name), { recursive: true, force: true });
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  useMatrix(dir, matrix);
}

function useMatrix(dir: string, matrix: string) {
  copyFileSync(join(ROOT, matrix), join(dir, 'escalation-matrix.yaml'));
  const cases = join(ROOT, matrix.replace(/\.ya?ml$/, '.cases.yaml'));
  if (existsSync(cases)) copyFileSync(cases, join(dir, 'escalation-matrix.cases.yaml'));
  else rmSync(join(dir, 'escalation-matrix.cases.yaml'), { force: true });
}

/** What running a block came to: a failure to report, or an error that stopped it (a setup). */
interface Outcome {
  failure?: string;
  error?: unknown;
}

interface PageRun {
  page: string;
  /** The page's blocks that run here (not exceptions, their programs present), in page order. */
  blocks: Block[];
}

/** Each running block's outcome, settled by its page's run: a block's test awaits it. */
const outcomes = new Map<Block, Promise<Outcome>>();
const pageRuns: PageRun[] = [];
/** Two pages at a time (each page's blocks one after another in its folder). */
const PAGES_AT_ONCE = 2;
let finished: Promise<unknown> = Promise.resolve();

/** Runs a page's blocks in order in a new folder, settling each block's outcome as it ends. */
async function runPage(page: string, run: { block: Block; settle: (outcome: Outcome) => void }[]): Promise<void> {
  let dir = '';
  let now = DEFAULT_NOW;
  try {
    dir = mkdtempSync(join(tmpdir(), 'escalate-docs-'));
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(ROOT, join(dir, 'node_modules/escalation-matrix'));
    symlinkSync('../escalation-matrix/bin/escalate.js', join(dir, 'node_modules/.bin/escalate'));
    setUp(dir, 'examples/saas-support.yaml');
  } catch (error) {
    for (const { settle } of run) settle({ error });
    if (dir) rmSync(dir, { recursive: true, force: true });
    return;
  }
  try {
    for (const { block, settle } of run) {
      try {
        if (block.directive.fresh) for (const name of readdirSync(dir)) if (name !== 'node_modules') rmSync(join(dir, name), { recursive: true, force: true });
        if (block.directive.matrix) useMatrix(dir, block.directive.matrix);
        if (block.directive.now) now = block.directive.now;
        if (block.directive.setup) {
          const script = SETUPS[block.directive.setup];
          if (script === undefined) throw new Error(`${page}:${block.line}: no setup "${block.directive.setup}" in SETUPS`);
          const made = await bash(dir, script, now);
          if (made.status !== 0) throw new Error(`${page}:${block.line}: setup ${block.directive.setup} failed\n${made.output}`);
        }
        settle({ failure: block.lang === 'console' ? await runConsole(dir, block, now) : await runSh(dir, block, now) });
      } catch (error) {
        settle({ error });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The names of the tests this run runs (all of them, unless a name filter or `.only` leaves some out). */
function selected(suite: Readonly<RunnerTestSuite>): Set<string> {
  const names = new Set<string>();
  const walk = (tasks: readonly RunnerTestSuite['tasks'][number][]) => {
    for (const task of tasks) {
      if (task.type === 'suite') walk(task.tasks);
      else if (task.mode !== 'skip' && task.mode !== 'todo') names.add(task.name);
    }
  };
  walk(suite.tasks);
  return names;
}

/** Starts the pages' runs in the background; each selected block's outcome is in `outcomes` at once. */
function startPages(suite: Readonly<RunnerTestSuite>): void {
  const wanted = selected(suite);
  const jobs = pageRuns.flatMap(({ page, blocks }) => {
    const run = blocks
      .filter((block) => wanted.has(testName(block)))
      .map((block) => {
        let settle: (outcome: Outcome) => void = () => {};
        outcomes.set(block, new Promise<Outcome>((resolve) => (settle = resolve)));
        return { block, settle };
      });
    return run.length === 0 ? [] : [() => runPage(page, run)];
  });
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  finished = Promise.all(Array.from({ length: PAGES_AT_ONCE }, lane));
}

const testName = (block: Block) => `${block.page}:${block.line} [${block.lang}] ${(block.lines[0] ?? '').slice(0, 60)}`;

beforeAll(() => {
  shims = mkdtempSync(join(tmpdir(), 'escalate-docs-bin-'));
  makeShims();
});
afterAll(async () => {
  await finished;
  rmSync(shims, { recursive: true, force: true });
});

describe('the shell examples of the documentation', () => {
  // Vitest passes the suite second: which of its tests this run runs.
  beforeAll(({}, suite) => startPages(suite));

  it('the exception list names only blocks that exist and are runnable', () => {
    const all = pages().flatMap((page) => blocks(page)).filter((b) => RUNNABLE.has(b.lang));
    for (const e of EXCEPTIONS) expect(all.some((b) => b.page === e.page && (b.lines[0] ?? '').startsWith(e.first)), `${e.page}: ${e.first}`).toBe(true);
  });

  it('compares shown output with `…` for elided lines (the matcher itself works)', () => {
    expect(matches(['a', '…', 'z'], ['a', 'b', 'c', 'z'])).toBe(true);
    expect(matches(['a', '…', 'z'], ['a', 'z'])).toBe(true);
    expect(matches(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(matches(['a …'], ['a long line'])).toBe(true);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
  });

  it('reports a broken example at its page and line, with the command and what it printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-docs-self-'));
    try {
      const block = (lang: string, lines: string[]): Block => ({ page: 'docs/x.md', line: 10, lang, lines, directive: {} });
      expect(await runSh(dir, block('sh', ['true', 'escalate lint missing.yaml', 'true']), DEFAULT_NOW)).toMatch(/^docs\/x\.md:12: `escalate lint missing\.yaml` exited 2, expected 0\n.*missing\.yaml/);
      expect(await runSh(dir, block('sh', ['escalate lint missing.yaml   # exit 2: no such file']), DEFAULT_NOW)).toBeUndefined();
      expect(await runSh(dir, block('sh', ['escalate --version   # exit 1']), DEFAULT_NOW)).toMatch(/^docs\/x\.md:11: `escalate --version   # exit 1` exited 0, expected 1/);
      expect(await runSh(dir, block('sh', ['if true; then', '  escalate --bogus', 'fi']), DEFAULT_NOW)).toMatch(/^docs\/x\.md:12: `  escalate --bogus` exited 2/);
      expect(await runConsole(dir, block('console', ['$ echo one', 'one', '$ echo two', 'three']), DEFAULT_NOW)).toBe(
        'docs/x.md:13: `echo two` exited 0 (expected 0); its output differs from the page\n--- expected (shown in the page)\nthree\n+++ got\ntwo',
      );
      expect(await runConsole(dir, block('console', ['$ printf "a\\nb\\nc\\n"', 'a', '…', 'c']), DEFAULT_NOW)).toBeUndefined();
      expect(await runConsole(dir, block('console', ['$ escalate --bogus   # exit 2', '…']), DEFAULT_NOW)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const page of pages()) {
    const runnable = blocks(page).filter((b) => RUNNABLE.has(b.lang));
    if (runnable.length === 0) continue;
    const pageRun: PageRun = { page, blocks: [] };
    pageRuns.push(pageRun);
    describe(page, () => {
      for (const block of runnable) {
        const exception = isException(block);
        const name = testName(block);
        if (exception) {
          it.skip(`${name} (not run: ${exception.why})`, () => {});
          continue;
        }
        const program = missing(block);
        if (program && process.env.CI) throw new Error(`${program} is missing in CI: .ci/run must install it (${page}:${block.line})`);
        if (program) {
          it.skip(`${name} (not run: ${program} is not on PATH)`, () => {});
          continue;
        }
        pageRun.blocks.push(block);
        it(name, async () => {
          const outcome = await outcomes.get(block);
          if (outcome === undefined) throw new Error(`${name}: its page did not start`);
          if ('error' in outcome) throw outcome.error;
          expect(outcome.failure ?? '').toBe('');
        });
      }
    });
  }
});
