/**
 * The interactive walk: asks for each missing answer through an injected `ask`, supports
 * "not sure" (the question's unsure answer) and going back one question. Pure apart from
 * what `ask` does; the inquirer adapter in src/cli/prompt.ts is one `ask`, tests are another.
 */
import type { Matrix } from '../matrix/schema.js';
import { UNSURE, walk, type Answers, type PathEntry, type QuestionView, type WalkResult } from './engine.js';

export type Reply = { kind: 'answer'; id: string } | { kind: 'unsure' } | { kind: 'back' };

export interface AskStep {
  question: QuestionView;
  /** The questions answered so far, in order. */
  path: PathEntry[];
  /** Whether there is a question to go back to. */
  canGoBack: boolean;
  /** Whether "not sure" can be answered (the question marks an unsure answer). */
  canBeUnsure: boolean;
}

export type Ask = (step: AskStep) => Promise<Reply>;

/** Walks until an outcome (or a broken tree), asking for every missing answer. */
export async function interview(matrix: Matrix, given: Answers, ask: Ask): Promise<Exclude<WalkResult, { kind: 'question' }>> {
  const answers: Record<string, string> = { ...given };
  for (;;) {
    const result = walk(matrix, answers);
    if (result.kind !== 'question') return result;
    const { question, path } = result;
    const reply = await ask({ question, path, canGoBack: path.length > 0, canBeUnsure: question.choices.some((c) => c.unsure) });
    if (reply.kind === 'back') {
      const previous = path.at(-1);
      if (previous) delete answers[previous.question];
    } else {
      answers[question.id] = reply.kind === 'unsure' ? UNSURE : reply.id;
    }
  }
}
