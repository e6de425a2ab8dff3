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
  /**
   * The reply given to this question before a Back returned to it, to preselect: a quick
   * Enter after Back keeps the answer instead of taking the first choice.
   */
  previous?: Reply;
}

export type Ask = (step: AskStep) => Promise<Reply>;

/** The reply a path entry stands for: its answer, or "not sure" when the unsure answer was taken that way. */
export const replyOf = (entry: PathEntry): Reply => (entry.unsure ? { kind: 'unsure' } : { kind: 'answer', id: entry.answer });

/**
 * Walks until an outcome (or a broken tree), asking for every missing answer. `previous`
 * holds replies to preselect by question id (a Back from a later prompt returning here);
 * every Back within the walk adds the answer it takes away.
 */
export async function interview(matrix: Matrix, given: Answers, ask: Ask, previous: Readonly<Record<string, Reply>> = {}): Promise<Exclude<WalkResult, { kind: 'question' }>> {
  const answers: Record<string, string> = { ...given };
  const before = new Map<string, Reply>(Object.entries(previous));
  for (;;) {
    const result = walk(matrix, answers);
    if (result.kind !== 'question') return result;
    const { question, path } = result;
    const earlier = before.get(question.id);
    const reply = await ask({ question, path, canGoBack: path.length > 0, canBeUnsure: question.choices.some((c) => c.unsure), ...(earlier ? { previous: earlier } : {}) });
    if (reply.kind === 'back') {
      const last = path.at(-1);
      if (last) {
        before.set(last.question, replyOf(last));
        delete answers[last.question];
      }
    } else {
      answers[question.id] = reply.kind === 'unsure' ? UNSURE : reply.id;
    }
  }
}
