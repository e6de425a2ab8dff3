/**
 * `escalate CMD --help` belongs to CMD: its own options and exit codes (none of another
 * command's), every line at most 80 columns whatever the terminal, and every option value
 * named by what it looks like.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_EXIT_CODES, exitCodesHelp } from '../../src/cli/exit-codes.js';
import { runCli } from '../helpers/cli.js';

const programHelp = runCli(['--help']).stdout;
/** The commands `escalate --help` lists. */
const COMMANDS = [...programHelp.slice(programHelp.indexOf('\nCommands:')).matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
const help = new Map(COMMANDS.map((c) => [c, runCli([c, '--help'], { env: { COLUMNS: '200' } })]));
const columns = (line: string) => [...line].length;

describe('per-command --help', () => {
  it('lists the commands', () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(['lint', 'init', 'triage', 'schema', 'diff', 'docs', 'event', 'status', 'report', 'import', 'export']));
  });

  it.each(COMMANDS)('%s: exit codes of its own, listed in COMMAND_EXIT_CODES', (command) => {
    expect(Object.keys(COMMAND_EXIT_CODES), `add "${command}" to COMMAND_EXIT_CODES in src/cli/exit-codes.ts`).toContain(command);
    const { stdout, code } = help.get(command)!;
    expect(code).toBe(0);
    expect(stdout.endsWith(`${exitCodesHelp(COMMAND_EXIT_CODES[command]!)}\n`)).toBe(true);
    const exits = stdout.slice(stdout.indexOf('\nExit codes:'));
    // No other command's name stands in its exit codes (the shared block once said "lint:" in event --help).
    for (const other of COMMANDS.filter((c) => c !== command)) expect(exits, `${command} --help names ${other}`).not.toMatch(new RegExp(`\\b${other}\\b[:]`));
    expect(exits).toMatch(/^ {2}0 {4}/m);
    expect(exits).toMatch(/^ {2}130  interrupted/m);
  });

  it.each(COMMANDS)('%s: every line fits 80 columns, even on a wide terminal', (command) => {
    const long = help.get(command)!.stdout.split('\n').filter((line) => columns(line) > 80);
    expect(long).toEqual([]);
  });

  it('the program help fits 80 columns too', () => {
    expect(programHelp.split('\n').filter((line) => columns(line) > 80)).toEqual([]);
  });

  it.each(COMMANDS)('%s: every option value is named by what it looks like', (command) => {
    const options = help.get(command)!.stdout.split('\n').filter((line) => /^ {2}-/.test(line));
    for (const line of options) expect(line, line).not.toMatch(/<(value|string|arg|val|x)>/);
  });

  it('event --help lists only event options and codes, not lint ones', () => {
    const { stdout } = help.get('event')!;
    expect(stdout).not.toMatch(/max-warnings|lint/);
    expect(stdout).toMatch(/^ {2}0 {4}the event is appended$/m);
  });

  it('import --help lists --skip-invalid and its exit 1', () => {
    const { stdout } = help.get('import')!;
    expect(stdout.replace(/\s+/g, ' ')).toContain('--skip-invalid import the valid rows even when some are not: they are listed on stderr, and the exit code is 1');
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/ 1 the matrix has errors, or --skip-invalid skipped rows/);
  });

  it('wraps an exit code meaning between words, under the code', () => {
    const text = exitCodesHelp([[2, 'word '.repeat(30).trim()]], 40);
    const lines = text.split('\n').slice(2);
    expect(lines[0]).toMatch(/^ {2}2 {4}word/);
    expect(lines[1]).toMatch(/^ {7}word/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
  });
});
