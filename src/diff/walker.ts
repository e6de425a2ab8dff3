/**
 * One tree's position during the joint walk of `impact.ts`: it advances through every
 * question already answered and can be wound back step by step, so the walk never
 * replays a path from the start (a 5,000-question chain stays linear).
 */
import type { Answer, Matrix } from '../matrix/schema.js';
import { answerId, resolveOutcome, UNSURE } from '../triage/engine.js';
import type { PathOutcome } from './types.js';

/** Where a tree stands: asking a question, at an outcome, or stuck (an answer it does not have, a loop). */
export type Position = { kind: 'ask'; question: string } | { kind: 'outcome'; outcome: PathOutcome } | { kind: 'none' };

/** What an advance did, to wind it back. */
export interface Undo {
  position: Position;
  consumed: { question: string; valid: boolean }[];
}

export interface Answers {
  /** The answer given to each question so far. */
  get(question: string): string | undefined;
  /** Called when a tree takes an answer it has, so answers no tree took can be told apart. */
  used(question: string, delta: 1 | -1): void;
}

export class TreeWalker {
  position: Position;
  private readonly questions = new Map<string, Map<string, Answer>>();
  /** The answer taken when the responder is not sure, by question. */
  private readonly unsure = new Map<string, Answer>();
  private readonly consumed = new Set<string>();

  constructor(private readonly matrix: Matrix) {
    const tree = matrix.triage;
    for (const [id, question] of Object.entries(tree?.questions ?? {})) {
      const byId = new Map<string, Answer>();
      // The first answer with an id wins, as it does when a responder answers.
      for (const answer of question.answers) if (!byId.has(answerId(answer))) byId.set(answerId(answer), answer);
      this.questions.set(id, byId);
      const unsure = question.answers.find((a) => a.unsure);
      if (unsure) this.unsure.set(id, unsure);
    }
    this.position = tree && this.questions.has(tree.start) ? { kind: 'ask', question: tree.start } : { kind: 'none' };
  }

  /** The answer ids of a question, in order; empty when the tree has no such question. */
  answersOf(question: string): string[] {
    return [...(this.questions.get(question)?.keys() ?? [])];
  }

  /** Whether the tree has this question. */
  has(question: string): boolean {
    return this.questions.has(question);
  }

  /**
   * The id of the answer "not sure" (`QUESTION=unsure`) takes, as triage picks it: an answer
   * whose id is `unsure`, else the first answer marked `unsure`; undefined when there is none.
   */
  unsureOf(question: string): string | undefined {
    if (this.questions.get(question)?.has(UNSURE)) return UNSURE;
    const answer = this.unsure.get(question);
    return answer ? answerId(answer) : undefined;
  }

  /** Takes every answer already given, until a question without one or the end. */
  advance(answers: Answers): Undo {
    const undo: Undo = { position: this.position, consumed: [] };
    while (this.position.kind === 'ask') {
      const question = this.position.question;
      const given = answers.get(question);
      if (given === undefined) break;
      if (this.consumed.has(question)) {
        this.position = { kind: 'none' }; // the tree loops back to a question it already asked
        break;
      }
      const answer = this.questions.get(question)?.get(given) ?? (given === UNSURE ? this.unsure.get(question) : undefined);
      this.consumed.add(question);
      undo.consumed.push({ question, valid: answer !== undefined });
      if (!answer) {
        this.position = { kind: 'none' };
        break;
      }
      answers.used(question, 1);
      this.position = this.follow(answer);
    }
    return undo;
  }

  rewind(undo: Undo, answers: Answers): void {
    for (const { question, valid } of undo.consumed) {
      this.consumed.delete(question);
      if (valid) answers.used(question, -1);
    }
    this.position = undo.position;
  }

  private follow(answer: Answer): Position {
    if (answer.outcome) {
      const outcome = resolveOutcome(this.matrix, answer.outcome);
      if (!outcome) return { kind: 'none' };
      const route = outcome.route;
      const to = route && this.matrix.routes && Object.hasOwn(this.matrix.routes, route) ? this.matrix.routes[route]!.to : undefined;
      return {
        kind: 'outcome',
        outcome: { severity: outcome.severity.id, owner: outcome.owner, ...(route ? { route } : {}), ...(to ? { routeTo: to } : {}), ...(outcome.inform ? { inform: [...outcome.inform].sort() } : {}) },
      };
    }
    return answer.next && this.questions.has(answer.next) ? { kind: 'ask', question: answer.next } : { kind: 'none' };
  }
}
