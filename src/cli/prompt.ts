/**
 * The only module that imports @inquirer/prompts; loaded lazily, and only when stdin and
 * stdout are terminals. It turns a triage question into a select prompt with the help
 * text, the path so far, "Not sure" (when the matrix marks an unsure answer) and "Back".
 * Ctrl-C rejects with ExitPromptError, which the program turns into exit 130.
 */
import { input, select } from '@inquirer/prompts';
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
  const choices = config.choices.map((c) => ({ ...c, name: safeText(c.name), ...(c.description !== undefined ? { description: safeText(c.description) } : {}) }));
  const value = await select({ ...config, message: safeText(config.message), choices }, context);
  if (value === BACK) return { kind: 'back' };
  if (value === UNSURE) return { kind: 'unsure' };
  return { kind: 'answer', id: value };
}

/** Asks for one handoff field; an empty answer leaves it missing. */
export async function askText(label: string, help: string | undefined, context?: PromptContext): Promise<string> {
  const message = help ? `${label} (${help})` : label;
  return (await input({ message: safeText(message) }, context)).trim();
}
