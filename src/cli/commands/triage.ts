import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { SetExit } from './index.js';
import { collect } from '../flags.js';

export interface TriageOptions {
  matrix?: string;
  answer?: string[];
  answers?: string;
  severity?: string;
  at?: string;
  tz?: string;
  json?: boolean;
  full?: boolean;
  markdown?: boolean;
  record?: string;
  /** False with --no-input: never prompt, even on a terminal. */
  input: boolean;
  client?: string;
  tier?: string;
  message?: 'acknowledge' | 'update' | 'resolution';
  audience?: 'client' | 'internal';
  handoff?: boolean;
  field?: string[];
  impact?: string;
  actions?: string;
  nextStep?: string;
}

export function registerTriage(program: Command, io: Io, setExit: SetExit): void {
  program
    .command('triage')
    .summary('walk the triage tree and print severity, owner, deadlines and escalation timeline')
    .description(
      [
        'Answer the triage questions (prompted on a terminal, or given with --answer/--answers) and get the severity, the owning role, every deadline as a clock time and the escalation timeline.',
        'Without a terminal, a missing answer exits 2 naming the question and its choices (with --json, as {"error":{"code":"missing_answer","question":{...}}} on stdout), so a script or chat bot can walk the tree one question at a time by re-running with one more --answer.',
      ].join('\n\n'),
    )
    .option('-m, --matrix <file>', 'the matrix file (default: $ESCALATE_MATRIX, then escalation-matrix.yaml here or above)')
    .option('-a, --answer <question=answer>', 'answer a question by choice id or label, case-insensitively; "unsure" takes the not-sure answer (repeatable)', collect)
    .option('--answers <file>', 'answers from a YAML or JSON file (question: answer), or a --record transcript to replay: its answers (or its --severity), client or tier, start and handoff values; flags win')
    .option('-s, --severity <id>', 'skip the tree: the severity is already known')
    .option('--at <time>', 'when the incident started: now (default), "20 min ago", "2h ago", 03:10 (the latest 03:10 not in the future, in the display zone) or ISO 8601 (without an offset, in the matrix time zone)')
    .option('--tz <zone>', 'show times in this IANA time zone, like America/New_York, instead of the matrix one')
    .option('--client <id>', 'apply this client\u2019s contract (its tier, targets and extra roles); "none" says no contract applies (same as --answer contract=none)')
    .option('--tier <id>', 'apply this customer tier\u2019s targets and extra roles')
    .addOption(new Option('--json', 'print the result as JSON (schemas/triage-result.schema.json)').conflicts('markdown'))
    .option('--markdown', 'print the result as markdown, to paste into a ticket or chat')
    .option('--full', 'the whole card: every deadline, the escalation timeline, updates, RCA, follow-up and handoff (default: the answer only, to fit one screen)')
    .addOption(new Option('--message <kind>', 'print the rendered communication template, ready to paste').choices(['acknowledge', 'update', 'resolution']))
    .addOption(new Option('--audience <who>', 'which template audience to render with --message (default: client; internal only when there is no client template, with a note)').choices(['client', 'internal']))
    .option('--impact <text>', 'current impact, for message templates')
    .option('--actions <text>', 'actions taken so far, for message templates')
    .option('--next-step <text>', 'the next step, for message templates')
    .option('--handoff', 'ask for the handoff packet fields the severity requires (on a terminal)')
    .option('--field <id=text>', 'a handoff packet field value by field id (repeatable); an unknown id is refused, one the severity does not require is kept as an extra field', collect)
    .option('--record <file>', 'also write the JSON transcript to this new file (never overwritten; its folder must exist)')
    .option('--no-input', 'never prompt, even on a terminal: a missing answer is an error')
    .action(async (options: TriageOptions) => {
      const { runTriage } = await import('./triage-run.js');
      setExit(await runTriage(options, io));
    });
}
