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
  return {
    message: lines.join('\n'),
    choices,
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

/** Asks for one handoff field; an empty answer leaves it missing. */
export async function askText(label: string, help: string | undefined, context?: PromptContext): Promise<string> {
  const message = help ? `${label} (${help})` : label;
  return (await input({ message: safeText(message) }, context)).trim();
}

export type ContractReply = { kind: 'answer'; id: string } | { kind: 'back' };

/** The search configuration for the contract question: type to filter clients and tiers; "none" first. */
export function contractPrompt(question: QuestionView, canGoBack: boolean, colors: Colors = plain) {
  const choices = question.choices.map((c) => ({ value: c.id, name: c.label }));
  const back = canGoBack ? [{ value: BACK, name: '← Back', description: 'Return to the last triage question' }] : [];
  return {
    message: `${question.text} ${colors.dim('(type to search)')}`,
    source: (term: string | undefined) => {
      const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = choices.filter((c) => words.every((w) => `${c.value} ${c.name}`.toLowerCase().includes(w)));
      return [...found, ...back];
    },
    pageSize: Math.min(10, Math.max(5, choices.length + back.length)),
  };
}

/** Asks which contract applies; resolves to a choice id or back. */
export async function askContract(question: QuestionView, canGoBack: boolean, colors: Colors = plain, context?: PromptContext): Promise<ContractReply> {
  const config = contractPrompt(question, canGoBack, colors);
  const value = await search({ ...config, theme: safeTheme(colors), source: (term: string | undefined) => config.source(term).map(safeChoice) }, context);
  return value === BACK ? { kind: 'back' } : { kind: 'answer', id: value };
}

export type StartReply = { kind: 'start'; text: string } | { kind: 'back' };
const EARLIER = '\u0000earlier';

/**
 * Asks when the incident started: Enter takes "now"; "Earlier" asks for the time in any
 * form `--at` takes, checked as it is typed so a typo is fixed on the spot.
 */
export async function askStart(check: (text: string) => string | undefined, backTo: string | undefined, colors: Colors = plain, context?: PromptContext): Promise<StartReply> {
  const choice = await select(
    {
      message: 'When did it start?',
      theme: safeTheme(colors),
      choices: [
        { value: 'now', name: 'Now' },
        { value: EARLIER, name: 'Earlier…', description: `Type it: ${START_FORMS}` },
        ...(backTo ? [{ value: BACK, name: '← Back', description: `Return to ${backTo}` }] : []),
      ],
      loop: false,
    },
    context,
  );
  if (choice === BACK) return { kind: 'back' };
  if (choice !== EARLIER) return { kind: 'start', text: 'now' };
  const text = await input(
    {
      message: `Started at ${colors.dim('(20 min ago, 2h ago, 03:10, 2026-03-27T16:30)')}`,
      theme: safeTheme(colors),
      validate: (value) => {
        const problem = check(value);
        return problem === undefined ? true : safeText(problem);
      },
    },
    context,
  );
  return { kind: 'start', text: text.trim() };
}
