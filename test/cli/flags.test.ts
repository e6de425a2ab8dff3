/** Options given more than once (src/cli/flags.ts). */
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { collect, oneValue, takesOneValue, watchOneValues } from '../../src/cli/flags.js';

/** A command like the program's: a value option with a short flag, one with a default, a choice, a repeatable one, booleans and a `--no-` pair. */
function command(): Command {
  return new Command('x')
    .exitOverride()
    .option('-m, --matrix <file>', 'a file')
    .addOption(new Option('-f, --format <format>', 'a format').choices(['a', 'b']).default('a'))
    .option('--rule <id>', 'repeatable', collect)
    .option('--cases <file>', 'a cases file')
    .option('--no-cases', 'no cases')
    .option('--no-input', 'never prompt')
    .option('--json', 'JSON')
    .option('--level [n]', 'an optional value')
    .action(() => undefined);
}

/** The refusal after parsing `args`, or undefined. */
function refusal(args: string[]): string | undefined {
  const c = command();
  const refused = watchOneValues(c);
  c.parse(args, { from: 'user' });
  return refused();
}

describe('watchOneValues', () => {
  it('refuses an option given two different values, in oneValue\'s words, under either of its flags', () => {
    expect(refusal(['--matrix', 'a.yaml', '--matrix', 'b.yaml'])).toBe('--matrix "a.yaml" and --matrix "b.yaml" disagree; pass --matrix once');
    expect(refusal(['-m', 'a.yaml', '--matrix=b.yaml'])).toBe('--matrix "a.yaml" and --matrix "b.yaml" disagree; pass --matrix once');
    expect(refusal(['-fa', '--format', 'b'])).toBe('--format "a" and --format "b" disagree; pass --format once');
    expect(refusal(['--matrix', 'a\nb', '--matrix', 'a'])).toBe('--matrix "a\\nb" and --matrix "a" disagree; pass --matrix once');
  });

  it('names the first option that disagrees, and its first two different values', () => {
    expect(refusal(['-m', 'a', '-m', 'a', '--format', 'a', '--format', 'b', '-m', 'c'])).toBe('--format "a" and --format "b" disagree; pass --format once');
  });

  it('takes the same value twice, a default, a repeatable option and repeated flags', () => {
    expect(refusal(['--matrix', 'a.yaml', '-m', 'a.yaml'])).toBeUndefined();
    expect(refusal(['--format', 'b'])).toBeUndefined();
    expect(refusal(['--rule', 'a=off', '--rule', 'b=off'])).toBeUndefined();
    expect(refusal(['--json', '--json', '--no-input', '--no-input', '--no-cases', '--no-cases'])).toBeUndefined();
    expect(refusal(['--level', '--level'])).toBeUndefined();
  });

  it('refuses a value and the --no- form of the same option', () => {
    expect(refusal(['--cases', 'c.yaml', '--no-cases'])).toBe('--cases "c.yaml" and --no-cases disagree; pass one or the other');
    expect(refusal(['--no-cases', '--cases', 'c.yaml'])).toBe('--no-cases and --cases "c.yaml" disagree; pass one or the other');
    expect(refusal(['--level', '--level', '2'])).toBe('--level and --level "2" disagree; pass one or the other');
  });

  it('does not count a value from the environment as given', () => {
    const c = new Command('x').exitOverride().addOption(new Option('--by <who>', 'who').env('X_BY')).action(() => undefined);
    const refused = watchOneValues(c);
    process.env.X_BY = 'priya';
    try {
      c.parse(['--by', 'sam'], { from: 'user' });
    } finally {
      delete process.env.X_BY;
    }
    expect(refused()).toBeUndefined();
    expect(c.opts().by).toBe('sam');
  });

  it('takesOneValue: a value, neither collected nor variadic', () => {
    const c = command().option('--many <x...>', 'variadic');
    const one = c.options.filter(takesOneValue).map((o) => o.long);
    expect(one).toEqual(['--matrix', '--format', '--cases', '--level']);
  });

  it('oneValue keeps one value given once or twice', () => {
    expect(oneValue('--at', undefined)).toEqual({ ok: true, value: undefined });
    expect(oneValue('--at', ['x', 'x'])).toEqual({ ok: true, value: 'x' });
  });
});
