/**
 * Commander's own usage errors (an unknown option or command, a bad choice, a value its
 * parser refused) quote what was typed: it stays on the message's one line, every control
 * character escaped as the program's own messages escape it (src/quote.ts).
 */
import { describe, expect, it } from 'vitest';
import { commanderLine, controlsEscaped } from '../../src/quote.js';
import { STACK_TRACE, runCli } from '../helpers/cli.js';

describe('commanderLine', () => {
  it.each([
    ['an unknown option', "error: unknown option '--bogus\nx'\n", "error: unknown option '--bogus\\nx'\n"],
    ['its own suggestion keeps its line', "error: unknown option '--matrx\n'\n(Did you mean --matrix?)\n", "error: unknown option '--matrx\\n'\n(Did you mean --matrix?)\n"],
    ['an unknown command', "error: unknown command 'ln\nt'\n(Did you mean one of init, lint?)\n", "error: unknown command 'ln\\nt'\n(Did you mean one of init, lint?)\n"],
    ['a suggestion typed by the user', "error: unknown option '--x\n(Did you mean --y?)'\n", "error: unknown option '--x\\n(Did you mean --y?)'\n"],
    ['a typed suggestion before the real one', "error: unknown option '--matrx'\n(Did you mean --y?)'\n(Did you mean --matrix?)\n", "error: unknown option '--matrx'\\n(Did you mean --y?)'\n(Did you mean --matrix?)\n"],
    ['a suggestion after another message', "error: option '--f <x>' argument 'a\n(Did you mean b?)' is invalid.\n", "error: option '--f <x>' argument 'a\\n(Did you mean b?)' is invalid.\n"],
    ['a bad choice with ESC, tab and CR', "error: option '-f, --format <format>' argument '\u001b[2J\t\r' is invalid. Allowed choices are a, b.\n", "error: option '-f, --format <format>' argument '\\u001b[2J\\t\\r' is invalid. Allowed choices are a, b.\n"],
    ['a line separator and a bidirectional override', "error: unknown command '\u2028\u202e'\n", "error: unknown command '\\u2028\\u202e'\n"],
    ['a message without user text', 'error: too many arguments for \'docs\'. Expected 0 arguments but got 1.\n', 'error: too many arguments for \'docs\'. Expected 0 arguments but got 1.\n'],
  ])('%s', (_what, message, shown) => {
    expect(commanderLine(message)).toBe(shown);
  });

  it.each([
    ['line feed, tab, CR, backspace, form feed as quoted writes them', 'a\nb\tc\rd\be\f', 'a\\nb\\tc\\rd\\be\\f'],
    ['other controls as \\uXXXX', '\u0000\u0007\u001b\u007f\u009b', '\\u0000\\u0007\\u001b\\u007f\\u009b'],
    ['quotes, backslashes and other text as they are', 'quotes " \' and \\ stay, ü 🚨 שלום', 'quotes " \' and \\ stay, ü 🚨 שלום'],
  ])('controlsEscaped writes %s', (_what, text, shown) => {
    expect(controlsEscaped(text)).toBe(shown);
  });
});

describe("commander's own messages keep user text on one line", () => {
  /** [what, argv, the message's first line, commander's suggestion line or undefined] */
  const cases: [string, string[], string, string | undefined][] = [
    ['an unknown option', ['lint', '--bogus\nx'], "error: unknown option '--bogus\\nx'", undefined],
    ['an unknown option with a suggestion', ['lint', '--matrx\n'], "error: unknown option '--matrx\\n'", '(Did you mean --matrix?)'],
    ['an unknown option that types a suggestion', ['lint', '--x\n(Did you mean --y?)'], "error: unknown option '--x\\n(Did you mean --y?)'", undefined],
    ['an unknown command', ['lnt\n\u001b[2J'], "error: unknown command 'lnt\\n\\u001b[2J'", undefined],
    ['an unknown command with a suggestion', ['ln\nt'], "error: unknown command 'ln\\nt'", '(Did you mean one of init, lint?)'],
    ['a bad choice', ['lint', '--format', 'x\ny\u001b]0;title\u0007'], "error: option '-f, --format <format>' argument 'x\\ny\\u001b]0;title\\u0007' is invalid. Allowed choices are stylish, json, github, sarif.", undefined],
    ['a bad choice of an argument', ['export', 'pager\r\nduty'], "error: command-argument value 'pager\\r\\nduty' is invalid for argument 'tool'. Allowed choices are alertmanager, pagerduty, ics.", undefined],
    ['a value its parser refuses', ['diff', '--max-paths', '1\n2\t'], "error: option '--max-paths <n>' argument '1\\n2\\t' is invalid. give a whole number of 1 or more.", undefined],
    ['a missing argument', ['event'], "error: missing required argument 'record'", undefined],
    ['an option without its value', ['triage', '--at'], "error: option '--at <time>' argument missing", undefined],
    ['too many arguments', ['docs', 'x\ny'], "error: too many arguments for 'docs'. Expected 0 arguments but got 1.", undefined],
  ];
  it.each(cases)('%s', (_what, argv, message, suggestion) => {
    const r = runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const help = argv[0] === 'lnt\n\u001b[2J' || argv[0] === 'ln\nt' ? '(run with --help for usage)' : `(run escalate ${argv[0]} --help for usage)`;
    expect(r.stderr).toBe([message, ...(suggestion ? [suggestion] : []), help, ''].join('\n'));
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
