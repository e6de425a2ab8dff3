/**
 * The output-hostility corpus: matrices whose every free-text value carries control
 * characters (ESC sequences, OSC 8 links, OSC 0 titles, a bare CR, U+202E, C1 CSI, DEL),
 * a newline before a forged `::error::` CI command, and in turn markdown breakers, Mermaid
 * breakers or a 400-character word (test/fixtures/hostile-output/, made by generate.mjs).
 * Each is rendered through every command and format; every byte of stdout, stderr and the
 * files written is checked: no raw control character, no line a CI log would run as a
 * command (only `lint --format github` writes those, escaped), JSON that parses, markdown
 * tables that keep their columns and Mermaid labels that keep their quotes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadMatrix } from '../src/matrix/load.js';
import { example, fixture, runCli } from './helpers/cli.js';
import { memoryIo } from './helpers/io.js';

/** Raw bytes that act on a terminal: C0 but tab and LF, CR not before LF, DEL, C1, bidi controls, line separators. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/u;
/** What GitHub Actions and Azure Pipelines read as a command at the start of a line. */
const CI_COMMAND = /^\s*(::|##\[|##vso\[)/m;
const AT = '2026-03-27T16:30:00+00:00';

interface Output {
  what: string;
  text: string;
  /** The part that must parse as JSON (stdout; notes go to stderr). */
  json?: string;
  github?: boolean;
  markdown?: boolean;
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, stdout, stderr } = memoryIo();
  const code = await main({ argv, io });
  return { code, stdout: stdout(), stderr: stderr() };
}

function expectSafe({ what, text, json, github, markdown }: Output): void {
  const raw = RAW_CONTROL.exec(text);
  expect(raw, `${what}: raw U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 40), (raw?.index ?? 0) + 10))}`).toBeNull();
  if (github) {
    for (const line of text.split('\n').filter((l) => l !== '')) expect(line, what).toMatch(/^::(error|warning) file=[^\n]*::[^\n]*$/);
  } else {
    const forged = CI_COMMAND.exec(text);
    expect(forged, `${what}: a line starts a CI command: ${JSON.stringify(text.slice(forged?.index ?? 0, (forged?.index ?? 0) + 60))}`).toBeNull();
  }
  if (json !== undefined) expect(() => JSON.parse(json), what).not.toThrow();
  if (markdown) expectMarkdownIntact(what, text);
}

/** Every row of a table has the header's number of cells; every Mermaid line has balanced quotes. */
function expectMarkdownIntact(what: string, text: string): void {
  const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
  let header: number | undefined;
  let inMermaid = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inMermaid = line === '```mermaid';
    else if (inMermaid) expect((line.match(/"/g) ?? []).length % 2, `${what}: mermaid line ${line.slice(0, 80)}`).toBe(0);
    if (line.startsWith('|')) {
      header ??= cells(line);
      expect(cells(line), `${what}: table row ${line.slice(0, 120)}`).toBe(header);
    } else header = undefined;
  }
}

describe.each(['saas-support', 'client-vendor'])('hostile output corpus: %s', (name) => {
  const file = fixture(`hostile-output/${name}.yaml`);
  const matrix = loadMatrix(readFileSync(file, 'utf8')).matrix!;
  const dir = mkdtempSync(join(tmpdir(), 'escalate-hostile-output-'));

  it('is a loadable matrix whose text really is hostile', () => {
    expect(matrix).toBeDefined();
    const source = readFileSync(file, 'utf8');
    expect(source).toMatch(/\\e\]8;;|\u001b\]8;;/);
    expect(source).toContain('::error file=x::forged');
  });

  it('lint names the control characters (exit 1) in every format, each output safe', async () => {
    for (const format of ['stylish', 'json', 'github', 'sarif']) {
      const r = await run(['lint', file, '--format', format]);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toContain('control-characters');
      expectSafe({ what: `lint --format ${format}`, text: r.stdout + r.stderr, ...(format === 'json' || format === 'sarif' ? { json: r.stdout } : {}), github: format === 'github' });
    }
  });

  it('docs: the sheet, every role card and the --out file are safe, tables and charts intact', async () => {
    const sheet = await run(['docs', '--matrix', file]);
    expect(sheet.code).toBe(0);
    expectSafe({ what: 'docs', text: sheet.stdout + sheet.stderr, markdown: true });
    for (const role of Object.keys(matrix.roles)) {
      const card = await run(['docs', '--matrix', file, '--role', role]);
      expect(card.code, role).toBe(0);
      expectSafe({ what: `docs --role ${role}`, text: card.stdout + card.stderr, markdown: true });
    }
    const out = join(dir, `${name}.md`);
    const written = await run(['docs', '--matrix', file, '--out', out]);
    expect(written.code).toBe(0);
    expectSafe({ what: 'docs --out (file)', text: readFileSync(out, 'utf8'), markdown: true });
    expect(readFileSync(out, 'utf8')).toBe(sheet.stdout);
    const checked = await run(['docs', '--matrix', file, '--out', out, '--check']);
    expect(checked.code, checked.stderr).toBe(0);
    writeFileSync(out, 'stale\n');
    const stale = await run(['docs', '--matrix', file, '--out', out, '--check']);
    expect(stale.code).toBe(1);
    expectSafe({ what: 'docs --check diff', text: stale.stdout + stale.stderr });
  });

  it('triage: card, JSON, markdown, messages, record and the missing-answer errors are safe', async () => {
    for (const severity of matrix.severities.map((s) => s.id)) {
      const base = ['triage', '--matrix', file, '--severity', severity, '--at', AT];
      for (const [flags, kind] of [
        [[], 'card'],
        [['--json'], 'json'],
        [['--markdown'], 'markdown'],
        [['--message', 'acknowledge'], 'message'],
        [['--message', 'update', '--json'], 'json'],
        [['--message', 'resolution'], 'message'],
      ] as const) {
        const r = await run([...base, ...flags]);
        expect([0, 1, 2], `${severity} ${flags.join(' ')}: ${r.stderr}`).toContain(r.code);
        expectSafe({ what: `triage ${severity} ${flags.join(' ')}`, text: r.stdout + r.stderr, ...(kind === 'json' ? { json: r.stdout } : {}) });
      }
    }
    const record = join(dir, `${name}.record.json`);
    const recorded = await run(['triage', '--matrix', file, '--severity', matrix.severities[0]!.id, '--at', AT, '--record', record]);
    expect(recorded.code).toBe(0);
    expectSafe({ what: 'triage --record (file)', text: readFileSync(record, 'utf8'), json: readFileSync(record, 'utf8') });
    expect(JSON.parse(readFileSync(record, 'utf8')).severity.name).toBe(matrix.severities[0]!.name);
    for (const json of [[], ['--json']]) {
      const r = await run(['triage', '--matrix', file, '--at', AT, ...json]);
      expect(r.code).toBe(2);
      expectSafe({ what: `triage missing answer ${json.join('')}`, text: r.stdout + r.stderr, ...(json.length > 0 ? { json: r.stdout } : {}) });
    }
  });

  it('diff against the example in every format is safe', async () => {
    for (const format of ['terminal', 'markdown', 'json']) {
      const r = await run(['diff', example(`${name}.yaml`), file, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      expectSafe({ what: `diff --format ${format}`, text: r.stdout + r.stderr, ...(format === 'json' ? { json: r.stdout } : {}) });
    }
  });
});

describe('hostile text in arguments and keys reaches messages escaped', () => {
  const evil = '\u001b[2J\u001b]0;owned\u0007\u202e\n::error::forged';

  it.each([
    [['docs', '--matrix', example('msp.yaml'), '--role', evil]],
    [['triage', '--matrix', example('msp.yaml'), '--answer', `${evil}=yes`]],
    [['triage', '--matrix', example('msp.yaml'), '--answer', `outage=${evil}`, '--json']],
    [['lint', `${evil}.yaml`]],
    [['lint', '--rule', `${evil}=error`, example('msp.yaml')]],
    [[`--bogus${evil}`]],
    [['diff', evil, example('msp.yaml')]],
  ])('%j', async (argv) => {
    const r = await run(argv);
    expect([1, 2]).toContain(r.code);
    expectSafe({ what: argv.join(' '), text: r.stdout + r.stderr });
    expect(r.stdout + r.stderr).toContain('\\u001b');
  });

  it('a misspelt key with a newline cannot print a `::` line through plain lint (spawned, as CI runs it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-key-'));
    const path = join(dir, 'm.yaml');
    writeFileSync(path, readFileSync(example('msp.yaml'), 'utf8').replace(/^name:/m, '"typo\\n::error::forged\\n::stop-commands::x\\e[2J": 1\nname:'));
    const r = runCli(['lint', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unknown key "typo\\u000a::error::forged\\u000a::stop-commands::x\\u001b[2J"');
    expectSafe({ what: 'lint (spawned)', text: r.stdout + r.stderr });
  });
});
