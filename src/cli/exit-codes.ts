/**
 * The exit codes each command's `--help` lists: its own, then the three every run shares.
 * docs/*.md says the same per command; keep them in step.
 */

type Codes = readonly (readonly [number, string])[];

const SIGNALS: Codes = [
  [129, 'hung up (SIGHUP)'],
  [130, 'interrupted (Ctrl-C)'],
  [143, 'terminated (SIGTERM)'],
];

const COULD_NOT_RUN = 'could not run as asked';

export const COMMAND_EXIT_CODES: Record<string, Codes> = {
  lint: [
    [0, 'no errors (warnings are allowed)'],
    [1, 'errors, or more warnings than --max-warnings'],
    [2, `${COULD_NOT_RUN}: a missing or unreadable file, a glob that matches nothing, a bad --rule, --today or --max-warnings value`],
  ],
  init: [
    [0, 'the files are written'],
    [2, `${COULD_NOT_RUN}, and nothing is written: a file exists (without --force) or cannot be replaced (a folder, several hard links), a wrong option, a folder on the path is a file or a link to nowhere, a folder that cannot be made or written in`],
  ],
  triage: [
    [0, 'the result is printed'],
    [1, 'the matrix has errors, its tree is broken, or a template names an unknown placeholder'],
    [2, `${COULD_NOT_RUN}: an answer missing or invalid without a terminal, an unknown severity, client or tier, a bad --at, --record on an existing file`],
  ],
  schema: [
    [0, 'the schema is printed, or every file checked is current'],
    [1, 'a file falls short: a matrix breaks the format or its modeline leads elsewhere, or a schema copy is stale'],
    [2, `${COULD_NOT_RUN}: a missing or unreadable file, --write outside a source checkout`],
  ],
  diff: [
    [0, 'compared (also when there are changes, unless --fail-on matched)'],
    [1, '--fail-on matched (a change, or more breaches on replayed records), or a side is not a valid matrix'],
    [2, `${COULD_NOT_RUN}: a missing file, an unknown revision, a bad option value, a --coverage picture that would replace a file the diff reads`],
  ],
  docs: [
    [0, 'printed, written, or --check found the file current'],
    [1, 'the matrix has errors, or --check found the file stale or missing'],
    [2, `${COULD_NOT_RUN}: --check without --out, an unknown --role, a bad --as-of, a missing folder for --out, an --out that is the matrix or a holidays file it names`],
  ],
  event: [
    [0, 'the event is appended'],
    [1, 'severity-changed: the matrix has errors'],
    [2, `${COULD_NOT_RUN}, and the record is left as it was: not a valid record, an unknown TYPE, no --by, a time before the start or in the future`],
  ],
  status: [
    [0, 'nothing is overdue'],
    [1, 'something is overdue: a target, the next status update, or an escalation step nobody recorded'],
    [2, `${COULD_NOT_RUN}: a missing or unreadable path, a file that is not a valid record (the others are still shown), or an --as-of without an offset over records of matrices in different zones`],
    [3, 'with --warn-within: nothing is overdue yet, but something falls overdue within the window if nobody acts (1 and 2 take precedence)'],
  ],
  report: [
    [0, 'the report is printed or written'],
    [2, `${COULD_NOT_RUN}: a missing path, a file that is not a valid record, a bad --from, --to, --as-of or --timezone, records of matrices in different zones without --timezone, or an --out that is a file the report reads`],
  ],
  import: [
    [0, 'every row is imported'],
    [1, 'the matrix has errors, or --skip-invalid skipped rows that cannot be read (the rest is imported)'],
    [2, `${COULD_NOT_RUN}: a row cannot be read (nothing is written; --skip-invalid imports the rest), a missing file or --out-dir folder, a bad mapping`],
  ],
  export: [
    [0, 'the export is written, or --check found no drift (a matcher it cannot check is only a warning; with --parity, no parity error)'],
    [1, 'the matrix has errors, or --check found drift, or --parity found a parity gap: the tool paging someone else, later or not at all (PagerDuty: also through a holiday; ics: other working hours or holidays than the matrix)'],
    [2, `${COULD_NOT_RUN}: FILE cannot be read, a matrix without calendars for ics, a bad option value, an --out or --tests that is a file the export reads`],
  ],
  simulate: [
    [0, 'the simulation is printed'],
    [1, 'the matrix has errors'],
    [2, `${COULD_NOT_RUN}: a bad --at, --from, --to, --every or --week, an unknown severity, client or tier, answers that stop short of an outcome, two different answers to one question, clients or tiers, a sweep of more than 10,000 starts, a calendar that cannot meet a target`],
  ],
};

/** The codes of the program itself (`escalate --help`): what any command may return. */
export const PROGRAM_EXIT_CODES: Codes = [
  [0, 'success (lint: no errors; warnings are allowed)'],
  [1, 'findings: the matrix has errors, --check found a stale file or drift, a lint threshold was crossed, diff --fail-on matched, status found something overdue, import --skip-invalid skipped rows'],
  [3, 'status --warn-within: something falls overdue within the window (nothing is overdue yet)'],
  [2, `${COULD_NOT_RUN}: an unknown option, a missing or unreadable file, a triage answer missing without a terminal`],
];

/** Wraps text between words to `width` columns. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The "Exit codes:" help section, at most `width` columns wide. */
export function exitCodesHelp(codes: Codes, width = 80): string {
  const out = ['', 'Exit codes:'];
  for (const [code, meaning] of [...codes, ...SIGNALS]) {
    const [first = '', ...rest] = wrap(meaning, width - 7);
    out.push(`  ${String(code).padEnd(5)}${first}`);
    for (const line of rest) out.push(`       ${line}`);
  }
  return out.join('\n');
}

/** The same codes as a markdown table, for the command's page under docs/ (kept current by a test). */
export function exitCodesMarkdown(command: string): string {
  const codes = COMMAND_EXIT_CODES[command] ?? PROGRAM_EXIT_CODES;
  const rows = [...codes, ...SIGNALS].map(([code, meaning]) => `| ${code} | ${meaning.replace(/\|/g, '\\|').replace(/(--[a-z-]+|\bTYPE\b|\bFILE\b)/g, '`$1`')} |`);
  return ['| code | meaning |', '| --- | --- |', ...rows].join('\n');
}
