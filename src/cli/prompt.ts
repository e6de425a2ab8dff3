/**
 * The only module that imports @inquirer/prompts; loaded lazily, and only when stdin and
 * stdout are terminals. It turns a triage question into a select prompt with the help
 * text, the path so far, "Not sure" (when the matrix marks an unsure answer) and "Back".
 * Ctrl-C rejects with ExitPromptError, which the program turns into exit 130.
 */
import { input, search, select } from '@inquirer/prompts';
import type { QuestionView } from '../triage/engine.js';
import { START_FORMS } from '../time/start.js';
import type { AskStep, Reply } from '../triage/interview.js';
import type { Colors } from './colors.js';
import { plain } from './colors.js';
import { safeText } from './io.js';

/** Streams and signal for a prompt; tests pass their own, the CLI the process's. */
export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal?: AbortSignal;
  clearPromptOnDone?: boolean;
}

const BACK = '\u0000back';
const UNSURE = '\u0000unsure';

export interface QuestionPromptConfig {
  message: string;
  choices: { value: string; name: string; description?: string }[];
  theme: { style: { message: (text: string, status: string) => string } };
  loop: false;
  pageSize: number;
  /** The choice to start on: the earlier reply when Back returned here. */
  default?: string;
}

/** The select configuration for one question: pure, so it can be checked without a terminal. */
export function questionPrompt(step: AskStep, colors: Colors = plain): QuestionPromptConfig {
  const { question, path } = step;
  const lines = [question.text];
  if (question.help) lines.push(colors.dim(`  ${question.help}`));
  if (path.length > 0) lines.push(colors.dim(`  So far: ${path.map((p) => `${p.question} → ${p.label}${p.unsure ? ' (not sure)' : ''}`).join(' · ')}`));
  const choices: QuestionPromptConfig['choices'] = question.choices.map((c) => ({ value: c.id, name: c.label }));
  const unsure = question.choices.find((c) => c.unsure);
  if (step.canBeUnsure && unsure) {
    choices.push({ value: UNSURE, name: 'Not sure', description: `Takes "${unsure.label}": when unsure, treat it as the more severe case.` });
  }
  const previous = path.at(-1);
  if (step.canGoBack && previous) choices.push({ value: BACK, name: '← Back', description: `Return to: ${previous.text}` });
  const earlier = step.previous?.kind === 'unsure' ? UNSURE : step.previous?.kind === 'answer' ? step.previous.id : undefined;
  return {
    message: lines.join('\n'),
    choices,
    ...(earlier !== undefined && choices.some((c) => c.value === earlier) ? { default: earlier } : {}),
    // Once answered, keep only the question on screen: "✔ Question? Answer".
    theme: { style: { message: (text, status) => (status === 'done' ? colors.bold(text.split('\n')[0]!) : colors.bold(text)) } },
    loop: false,
    pageSize: Math.max(7, choices.length),
  };
}

/** Asks one question; resolves to the reply, rejects with ExitPromptError on Ctrl-C. */
export async function askQuestion(step: AskStep, colors: Colors = plain, context?: PromptContext): Promise<Reply> {
  // The prompt library draws on the terminal itself, past the Io edge: its text is made safe here.
  const config = questionPrompt(step, colors);
  const style = config.theme.style.message;
  const value = await select({ ...config, choices: config.choices.map(safeChoice), theme: { style: { message: (text: string, status: string) => safeText(style(text, status)) } } }, context);
  if (value === BACK) return { kind: 'back' };
  if (value === UNSURE) return { kind: 'unsure' };
  return { kind: 'answer', id: value };
}

/**
 * The prompt library draws on the terminal itself, past the Io edge, so what it is handed
 * passes the edge's function here, once, after styling: matrix text shows its control
 * characters escaped, and the colours (marked by colorsFor) become real codes.
 */
const safeChoice = <T extends { name: string; description?: string }>(c: T): T => ({ ...c, name: safeText(c.name), ...(c.description !== undefined ? { description: safeText(c.description) } : {}) });
const safeTheme = (colors: Colors) => ({ style: { message: (text: string) => safeText(colors.bold(text)) } });
/** As safeTheme, but once answered the prompt keeps only its question: the hint in brackets goes, so the line stays short. */
const answeredTheme = (colors: Colors, hint: string) => ({
  style: { message: (text: string, status: string) => safeText(colors.bold(status === 'done' ? text.replace(` ${hint}`, '') : text)) },
});

export const CONTRACT_HINT = '(type to search)';
export const START_QUESTION = 'When did it start?';
export const START_AT = 'Started at';
const START_HINT = '(20 min ago, 2h ago, 03:10, 2026-03-27T16:30)';

/** The line triage prints before its first question. */
export const triageHeader = (matrixName: string, colors: Colors = plain) => `${colors.bold('Triage')} · ${matrixName} ${colors.dim('(Ctrl-C to stop)')}`;

/**
 * What the prompts leave on the screen once answered, one line each (before the terminal
 * wraps them): the header, each tree question with its answer, the contract, the start
 * (Earlier… adds the typed time). The card follows; together they are what a responder
 * sees, so the screen budget is measured on this.
 */
export function answeredLines(
  matrix: { name: string },
  path: { text: string; label: string; unsure?: boolean }[],
  contractLabel: string | undefined,
  earlierStart: string | undefined,
  startAsked = true,
): string[] {
  const lines = path.length > 0 ? [triageHeader(matrix.name)] : [];
  for (const p of path) lines.push(`✔ ${p.text} ${p.unsure ? 'Not sure' : p.label}`);
  if (contractLabel !== undefined) lines.push(`✔ Which contract applies? ${contractLabel}`);
  if (!startAsked) return lines;
  lines.push(`✔ ${START_QUESTION} ${earlierStart === undefined ? 'Now' : 'Earlier…'}`);
  if (earlierStart !== undefined) lines.push(`✔ ${START_AT} ${earlierStart}`);
  return lines;
}

/** Asks for one handoff field; an empty answer leaves it missing. */
export async function askText(label: string, help: string | undefined, context?: PromptContext): Promise<string> {
  const message = help ? `${label} (${help})` : label;
  return (await input({ message: safeText(message) }, context)).trim();
}

export type ContractReply = { kind: 'answer'; id: string } | { kind: 'back' };

const NOTHING = '\u0000nothing';

/**
 * The search configuration for the contract question: type to filter clients and tiers;
 * "none" first. A search that matches nothing says so and still offers the standard
 * contract, so Enter never silently goes back. `previous` (the choice id taken before a
 * Back returned here) is preselected.
 */
export function contractPrompt(question: QuestionView, canGoBack: boolean, colors: Colors = plain, previous?: string) {
  const choices = question.choices.map((c) => ({ value: c.id, name: c.label }));
  const back = canGoBack ? [{ value: BACK, name: '← Back', description: 'Return to the last triage question' }] : [];
  const standard = choices[0]!;
  return {
    message: `${question.text} ${colors.dim(CONTRACT_HINT)}`,
    source: (term: string | undefined): { value: string; name: string; description?: string; disabled?: boolean | string }[] => {
      const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const matches = (c: { value: string; name: string }) => words.every((w) => `${c.value} ${c.name}`.toLowerCase().includes(w));
      const found = choices.filter(matches);
      if (found.length > 0) return [...found, ...back];
      // Typing "back" asks for Back by name; anything else that matches nothing still offers the standard contract.
      if (words.length > 0 && back.some((b) => words.every((w) => b.name.toLowerCase().includes(w)))) return back;
      return [
        { value: NOTHING, name: `Nothing matches "${term ?? ''}"`, disabled: '(Backspace to search again)' },
        { ...standard, description: `No client or tier matched "${term ?? ''}"; Enter takes the standard contract` },
        ...back,
      ];
    },
    pageSize: Math.min(10, Math.max(5, choices.length + back.length)),
    ...(previous !== undefined && choices.some((c) => c.value === previous) ? { default: previous } : {}),
  };
}

/** Asks which contract applies; resolves to a choice id or back. */
export async function askContract(question: QuestionView, canGoBack: boolean, colors: Colors = plain, context?: PromptContext, previous?: string): Promise<ContractReply> {
  const config = contractPrompt(question, canGoBack, colors, previous);
  const value = await search({ ...config, theme: answeredTheme(colors, colors.dim(CONTRACT_HINT)), source: (term: string | undefined) => config.source(term).map(safeChoice) }, context);
  return value === BACK ? { kind: 'back' } : { kind: 'answer', id: value };
}

export type StartReply = { kind: 'start'; text: string } | { kind: 'back' };
const EARLIER = '\u0000earlier';

/** What a typed start reads as: the instant as the card will show it, or why it cannot be read. */
export type StartCheck = (text: string) => { ok: true; shown: string } | { ok: false; reason: string };

/**
 * The start-time field's live line: what an empty Enter does, the instant the text reads
 * as, or the problem, so a typo is seen before Enter. Pure.
 */
export function startFeedback(value: string, check: StartCheck, colors: Colors = plain): string {
  if (value.trim() === '') return colors.dim('(empty Enter: back to Now / Earlier…)');
  const read = check(value);
  return read.ok ? `${value}  ${colors.dim(`→ ${read.shown}`)}` : `${value}  ${colors.red(`✗ ${read.reason}`)}`;
}

/**
 * Asks when the incident started: Enter takes "now"; "Earlier" asks for the time in any
 * form `--at` takes, checked as it is typed so a typo is fixed on the spot; an empty Enter
 * there returns to the choices. `previous` (the text given before a Back returned here)
 * preselects its choice.
 */
export async function askStart(check: StartCheck, backTo: string | undefined, colors: Colors = plain, context?: PromptContext, previous?: string): Promise<StartReply> {
  let earlier = previous !== undefined && previous !== 'now';
  for (;;) {
    const choice = await select(
      {
        message: START_QUESTION,
        theme: safeTheme(colors),
        choices: [
          { value: 'now', name: 'Now' },
          { value: EARLIER, name: 'Earlier…', description: safeText(`Type it: ${START_FORMS}`) },
          ...(backTo ? [{ value: BACK, name: '← Back', description: safeText(`Return to ${backTo}`) }] : []),
        ],
        ...(earlier ? { default: EARLIER } : {}),
        loop: false,
      },
      context,
    );
    if (choice === BACK) return { kind: 'back' };
    if (choice !== EARLIER) return { kind: 'start', text: 'now' };
    const text = await input(
      {
        message: `${START_AT} ${colors.dim(START_HINT)}`,
        theme: answeredTheme(colors, colors.dim(START_HINT)),
        transformer: (value, { isFinal }) => safeText(isFinal ? value : startFeedback(value, check, colors)),
        validate: (value) => {
          if (value.trim() === '') return true;
          const read = check(value);
          return read.ok ? true : safeText(read.reason);
        },
      },
      context,
    );
    if (text.trim() !== '') return { kind: 'start', text: text.trim() };
    earlier = true;
  }
}
