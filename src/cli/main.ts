/**
 * The command-line program. Each command registers its options here and loads its
 * implementation lazily, so a run only parses the code it needs.
 */
import { Command, CommanderError } from 'commander';
import { clearCommitted, ExitError, EXIT, safeIo, terminalGone, usageError, type Io } from './io.js';
import { JSON_REFUSALS, registerCommands } from './commands/index.js';
import { watchOneValues } from './flags.js';
import { commanderLine } from '../quote.js';
import { VERSION } from '../version.js';
import { COMMAND_EXIT_CODES, PROGRAM_EXIT_CODES, exitCodesHelp } from './exit-codes.js';

/** Help is at most this wide, whatever the terminal: it is read in 80-column windows and CI logs. */
const HELP_WIDTH = 80;


export interface MainOptions {
  argv: readonly string[];
  io: Io;
}

export async function main({ argv, io: given }: MainOptions): Promise<number> {
  // Every byte a command prints passes the output edge: matrix text never reaches a terminal or CI log raw.
  const io = safeIo(given);
  clearCommitted();
  const program = new Command('escalate');
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  // Help and usage errors go through the Io like everything else: commander's own defaults
  // would read process.stdout (its width and colours), making Node's stream for one line.
  // Help is plain text at a fixed width (HELP_WIDTH), so it has no colours to keep.
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => io.stderr.write(s),
    getOutHelpWidth: () => HELP_WIDTH,
    getErrHelpWidth: () => HELP_WIDTH,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
    // Commander's own messages quote what was typed (`unknown option '…'`): a line feed in it
    // would end the message early, so every control character there is written as its escape.
    outputError: (message: string, write: (s: string) => void) => write(commanderLine(message)),
  };
  program
    .description('Lint, triage and document an escalation matrix kept as YAML in your repository.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--debug', 'print internal details (stack traces) when something unexpected fails')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ helpWidth: HELP_WIDTH })
    .addHelpText('after', exitCodesHelp(PROGRAM_EXIT_CODES))
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput(output)
    .exitOverride();
  registerCommands(program, io, setExit, argv);
  for (const command of program.commands) {
    command.exitOverride().configureOutput(output);
    command.showHelpAfterError(`(run escalate ${command.name()} --help for usage)`);
    command.configureHelp({ helpWidth: HELP_WIDTH });
    command.addHelpText('after', exitCodesHelp(COMMAND_EXIT_CODES[command.name()] ?? PROGRAM_EXIT_CODES));
  }
  // An option that takes one value, given twice with different values, is refused before the
  // command runs (commander would keep the last); see flags.ts. A command's options are watched
  // only when it is the one run (just before commander parses them), not every command's at start.
  const refusals = new Map<Command, () => string | undefined>([[program, watchOneValues(program)]]);
  program.hook('preSubcommand', (_program, subcommand) => void refusals.set(subcommand, watchOneValues(subcommand)));
  program.hook('preAction', (_program, command) => {
    for (let c: Command | null = command; c; c = c.parent) {
      const reason = refusals.get(c)?.();
      if (reason === undefined) continue;
      if (JSON_REFUSALS.has(command.name()) && command.opts().json === true) io.stdout.write(`${JSON.stringify({ error: { code: 'invalid_option', message: reason } })}\n`);
      throw usageError(reason);
    }
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `escalate` alone prints help on stderr as a usage error; `escalate help` and `--help` succeed.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      }
      // commander has already printed its one-line message.
      return EXIT.usage;
    }
    if (isExitError(error)) {
      if (error.message) io.stderr.write(`escalate: ${error.message}\n`);
      return error.exitCode;
    }
    if (isInterrupt(error)) {
      io.stderr.write('escalate: interrupted\n');
      return EXIT.interrupted;
    }
    if (terminalGone(error)) {
      io.stderr.write('escalate: hung up (the terminal closed)\n');
      return EXIT.hungUp;
    }
    const debug = argv.includes('--debug');
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`escalate: internal error: ${message}\n`);
    io.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'run with --debug for details\n');
    return EXIT.usage;
  }
}

/** Commands are separate bundles with their own copy of ExitError, so match by shape, not class. */
function isExitError(error: unknown): error is ExitError {
  return error instanceof Error && error.name === 'ExitError' && typeof (error as ExitError).exitCode === 'number';
}

function isInterrupt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
