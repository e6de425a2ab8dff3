/**
 * End-to-end: every option of every command that takes one value, read from the commands'
 * own definitions (a new option is covered when it is added), given twice with different
 * values exits 2 with one line naming both, before the command does anything; the same
 * value twice is the same run as once.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, type Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands/index.js';
import type { Io } from '../../src/cli/io.js';
import { example, runCli } from '../helpers/cli.js';

const NOW = { ESCALATE_NOW: '2026-12-07T15:00:00Z' };
const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-repeated-'));

/** The options that take several values, in order: repeating them with different values is what they are for. */
const REPEATABLE = ['lint --rule', 'triage --answer', 'triage --field', 'simulate --severity', 'simulate --answer', 'import --column', 'import --priority', 'import --org'];
/** The commands whose --json also prints a refusal on stdout (docs/triage.md, docs/simulate.md). */
const JSON_REFUSALS = ['triage', 'simulate'];

const program = new Command('escalate');
registerCommands(program, {} as Io, () => undefined, []);
const commands = program.commands;

const takesValue = (o: Option) => (o.required || o.optional) && !o.variadic;
/** Two values commander accepts for the option: two of its choices, or two numbers (any parser of this program takes them). */
const twoValues = (o: Option): [string, string] | undefined => (o.argChoices ? (o.argChoices.length >= 2 ? [o.argChoices[0]!, o.argChoices[1]!] : undefined) : ['1', '2']);

/** What commander needs before a command runs: its required arguments and mandatory options (a placeholder each; none is read, the refusal comes first). */
function needed(command: Command, except: Option): string[] {
  const args = command.registeredArguments.filter((a) => a.required).map((a) => a.argChoices?.[0] ?? 'x');
  const mandatory = command.options.filter((o) => o.mandatory && o !== except).flatMap((o) => [o.long!, 'x']);
  return [...args, ...mandatory];
}

const single = commands.flatMap((command) =>
  command.options.filter((o) => takesValue(o) && !REPEATABLE.includes(`${command.name()} ${o.long}`)).map((option) => ({ command, option, name: `${command.name()} ${option.long}` })),
);

describe('the options the table is made of', () => {
  it('covers every command, and the repeatable list names options that exist and collect', () => {
    expect(commands.map((c) => c.name()).sort()).toEqual(['diff', 'docs', 'event', 'export', 'import', 'init', 'lint', 'report', 'schema', 'simulate', 'status', 'triage']);
    const all = commands.flatMap((c) => c.options.filter(takesValue).map((o) => `${c.name()} ${o.long}`));
    for (const name of REPEATABLE) expect(all).toContain(name);
    for (const name of ['triage --at', 'triage --severity', 'triage --client', 'simulate --tier', 'lint --format', 'diff --max-paths', 'event --by', 'import --out-dir', 'export --check', 'init --template', 'report --timezone']) {
      expect(single.map((s) => s.name)).toContain(name);
    }
  });

  it('the repeatable options keep every value, and the others one', () => {
    for (const command of commands) {
      for (const option of command.options.filter(takesValue)) {
        const name = `${command.name()} ${option.long}`;
        const values = twoValues(option);
        if (!values) continue;
        const c = new Command(command.name()).exitOverride();
        c.addOption(option);
        c.parse([option.long!, values[0], option.long!, values[1]], { from: 'user' });
        const value = c.getOptionValue(option.attributeName());
        if (REPEATABLE.includes(name)) expect(value, name).toEqual(values);
        else expect(Array.isArray(value), name).toBe(false);
      }
    }
  });
});

describe('an option that takes one value, given twice with different values', () => {
  for (const { command, option, name } of single) {
    const values = twoValues(option);
    // An option with a single choice cannot be given two different accepted values: commander refuses the other.
    if (!values) {
      it(`${name}: its one choice, and commander refuses any other`, () => {
        const r = runCli([command.name(), ...needed(command, option), option.long!, 'other'], { cwd: tmp() });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^error: option '.*' argument 'other' is invalid\. Allowed choices are /);
      });
      continue;
    }
    it(`${name}: exit 2, one line naming both, nothing done`, () => {
      const dir = tmp();
      // The first under the short flag where there is one: both spellings are the one option.
      const first = option.short ?? option.long!;
      const args = [command.name(), ...needed(command, option), first, values[0], option.long!, values[1]];
      const r = runCli(args, { cwd: dir, env: NOW });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`escalate: ${option.long} "${values[0]}" and ${option.long} "${values[1]}" disagree; pass ${option.long} once\n`);
      expect(readdirSync(dir)).toEqual([]);
      if (command.options.some((o) => o.long === '--json')) {
        const json = runCli([...args, '--json'], { cwd: dir, env: NOW });
        expect(json.code).toBe(2);
        expect(json.stderr).toBe(r.stderr);
        if (JSON_REFUSALS.includes(command.name())) expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'invalid_option', message: r.stderr.slice('escalate: '.length, -1) } });
        else expect(json.stdout).toBe('');
      }
    });
  }
});

describe('the same value twice', () => {
  for (const { command, option, name } of single) {
    it(`${name}: the same run as once`, () => {
      const value = twoValues(option)?.[0] ?? option.argChoices![0]!;
      const run = (times: number) => {
        const dir = tmp();
        const r = runCli([command.name(), ...needed(command, option), ...Array.from({ length: times }, () => [option.long!, value]).flat()], { cwd: dir, env: NOW });
        return { ...r, stdout: r.stdout.replaceAll(dir, 'DIR'), stderr: r.stderr.replaceAll(dir, 'DIR') };
      };
      const twice = run(2);
      expect(twice.stderr).not.toMatch(/disagree/);
      expect(twice).toEqual(run(1));
    });
  }
});

describe('repeated values that are not a disagreement', () => {
  const MSP = example('msp.yaml');
  const triage = (...args: string[]) => runCli(['triage', '--matrix', MSP, '--severity', 'p1', '--json', ...args], { env: NOW });

  it('the same --at twice plans the same deadlines; two different ones are refused instead of taking the last', () => {
    const once = triage('--at', '2026-12-01T10:00Z');
    expect(once.code, once.stderr).toBe(0);
    expect(triage('--at', '2026-12-01T10:00Z', '--at', '2026-12-01T10:00Z').stdout).toBe(once.stdout);
    const two = triage('--at', '2026-12-01T10:00Z', '--at', '2026-12-02T10:00Z');
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('escalate: --at "2026-12-01T10:00Z" and --at "2026-12-02T10:00Z" disagree; pass --at once\n');
  });

  it('repeatable options take different values', () => {
    const r = runCli(['lint', example('saas-support.yaml'), '--rule', 'review-overdue=off', '--rule', 'case-coverage=off']);
    expect(r.code, r.stderr).toBe(0);
    const answered = runCli(['simulate', '--matrix', MSP, '--severity', 'p1', '--severity', 'p2', '--at', '10:00', '--json'], { env: NOW });
    expect(answered.code, answered.stderr).toBe(0);
  });

  it('a flag alone may be repeated; a value and the --no- form of it disagree', () => {
    expect(triage('--no-input', '--no-input', '--at', '10:00').code).toBe(0);
    expect(runCli(['lint', example('msp.yaml'), '--no-cases', '--no-cases', '--quiet', '--quiet']).code).toBe(0);
    const both = runCli(['lint', example('msp.yaml'), '--cases', 'msp.cases.yaml', '--no-cases']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('escalate: --cases "msp.cases.yaml" and --no-cases disagree; pass one or the other\n');
  });

  it('a default or an environment value is not given: one flag beside it is no disagreement', () => {
    expect(runCli(['lint', example('msp.yaml'), '--format', 'json']).code).toBe(0);
    const env = runCli(['lint', '--matrix', example('msp.yaml')], { env: { ESCALATE_MATRIX: example('saas-support.yaml') } });
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toMatch(/1 file checked/);
  });
});
