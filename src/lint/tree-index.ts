/**
 * The triage tree as a graph with integer nodes, built once per lint run. Every analysis
 * here is linear in questions plus answers: reachability and "can still reach an outcome"
 * are breadth-first searches, cycles come from one iterative depth-first search.
 */
import type { Matrix, Question } from '../matrix/schema.js';
import type { WorkCounter } from '../work.js';

export interface Edge {
  /** Index of the answer in its question. */
  answer: number;
  /** Index of the next question. */
  to: number;
}

export interface Cycle {
  /** The first question of the loop met on a walk from the start. */
  entry: number;
  /** The loop from its entry back to it, as question indexes (shortened when long). */
  path: number[];
  /** How many questions the loop holds. */
  length: number;
}

export interface TreeIndex {
  ids: string[];
  /** The questions, in the order of `ids`. */
  questions: Question[];
  index: ReadonlyMap<string, number>;
  /** The start question, or -1 when there is no tree or the start is undefined. */
  start: number;
  /** `next` edges per question (answers with an outcome have none). */
  out: Edge[][];
  /** Whether a question has at least one answer that ends in an outcome. */
  hasOutcome: boolean[];
  reachable(): boolean[];
  leadsToOutcome(): boolean[];
  cycles(): Cycle[];
  /**
   * Per question, the index (in `matrix.severities`, 0 = most severe) of the most severe
   * outcome reachable through its answers, or -1 when none is.
   */
  worst(): number[];
}

/** Loops longer than this are shown as their first and last questions. */
const SHOWN = 8;

/** `work`, when given, counts every question and edge visited (tests hold it linear). */
export function buildTreeIndex(matrix: Matrix, work?: WorkCounter): TreeIndex {
  const questions = matrix.triage?.questions ?? {};
  const ids = Object.keys(questions);
  const list = ids.map((id) => questions[id]!);
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  const out: Edge[][] = [];
  const hasOutcome: boolean[] = [];
  for (const question of list) {
    const edges: Edge[] = [];
    let outcome = false;
    const answers = question.answers;
    work?.add('visit', 1 + answers.length);
    for (let a = 0; a < answers.length; a++) {
      const answer = answers[a]!;
      if (answer.outcome) outcome = true;
      else if (answer.next !== undefined) {
        const to = index.get(answer.next);
        if (to !== undefined) edges.push({ answer: a, to });
      }
    }
    out.push(edges);
    hasOutcome.push(outcome);
  }
  const start = matrix.triage ? (index.get(matrix.triage.start) ?? -1) : -1;

  let reachable: boolean[] | undefined;
  let leads: boolean[] | undefined;
  let cycles: Cycle[] | undefined;
  let worst: number[] | undefined;
  return {
    ids,
    questions: list,
    index,
    start,
    out,
    hasOutcome,
    reachable: () => (reachable ??= reach(out, start, work)),
    leadsToOutcome: () => (leads ??= leadsToOutcome(out, hasOutcome, work)),
    cycles: () => (cycles ??= findCycles(out, start, work)),
    worst: () => (worst ??= worstReachable(matrix, list, out, work)),
  };
}

/**
 * Backwards from the questions with a direct outcome, most severe level first: the first
 * level to mark a question is the most severe it can reach. Each question is marked once,
 * so it stays linear even with loops.
 */
function worstReachable(matrix: Matrix, questions: Question[], out: Edge[][], work?: WorkCounter): number[] {
  const rank = new Map(matrix.severities.map((s, i) => [s.id, i]));
  const into: number[][] = out.map(() => []);
  out.forEach((edges, from) => edges.forEach(({ to }) => into[to]!.push(from)));
  const direct: number[][] = matrix.severities.map(() => []);
  questions.forEach((question, q) => {
    let best = Infinity;
    for (const answer of question.answers) if (answer.outcome) best = Math.min(best, rank.get(answer.outcome.severity) ?? Infinity);
    if (best !== Infinity) direct[best]!.push(q);
  });
  const worst = new Array<number>(questions.length).fill(-1);
  direct.forEach((seeds, level) => {
    const queue = seeds.filter((q) => worst[q] === -1);
    for (const q of queue) worst[q] = level;
    for (let head = 0; head < queue.length; head++) {
      for (const from of into[queue[head]!]!) {
        work?.add('visit', 1);
        if (worst[from] === -1) {
          worst[from] = level;
          queue.push(from);
        }
      }
    }
  });
  return worst;
}

function reach(out: Edge[][], start: number, work?: WorkCounter): boolean[] {
  const seen = new Array<boolean>(out.length).fill(false);
  if (start < 0) return seen;
  const queue = [start];
  seen[start] = true;
  for (let head = 0; head < queue.length; head++) {
    const edges = out[queue[head]!]!;
    work?.add('visit', 1 + edges.length);
    for (const { to } of edges) {
      if (!seen[to]) {
        seen[to] = true;
        queue.push(to);
      }
    }
  }
  return seen;
}

/** Backwards from every question that has an outcome answer. */
function leadsToOutcome(out: Edge[][], hasOutcome: boolean[], work?: WorkCounter): boolean[] {
  const into: number[][] = out.map(() => []);
  out.forEach((edges, from) => {
    work?.add('visit', 1 + edges.length);
    edges.forEach(({ to }) => into[to]!.push(from));
  });
  const good = hasOutcome.slice();
  const queue = hasOutcome.flatMap((has, i) => (has ? [i] : []));
  for (let head = 0; head < queue.length; head++) {
    const sources = into[queue[head]!]!;
    work?.add('visit', 1 + sources.length);
    for (const from of sources) {
      if (!good[from]) {
        good[from] = true;
        queue.push(from);
      }
    }
  }
  return good;
}

const WHITE = 0;
const GREY = 1;
const BLACK = 2;

/** One cycle per loop entry, found by a depth-first walk from the start, then from every question not yet seen. */
function findCycles(out: Edge[][], start: number, work?: WorkCounter): Cycle[] {
  const colour = new Uint8Array(out.length);
  const depth = new Int32Array(out.length).fill(-1);
  const reported = new Set<number>();
  const found: Cycle[] = [];
  const stack: number[] = [];
  const next: number[] = [];
  const roots = start >= 0 ? [start, ...out.keys()] : [...out.keys()];
  for (const root of roots) {
    work?.add('visit');
    if (colour[root] !== WHITE) continue;
    stack.push(root);
    next.push(0);
    colour[root] = GREY;
    depth[root] = 0;
    while (stack.length > 0) {
      work?.add('visit');
      const top = stack.length - 1;
      const node = stack[top]!;
      const edge = out[node]![next[top]!];
      if (!edge) {
        colour[node] = BLACK;
        depth[node] = -1;
        stack.pop();
        next.pop();
        continue;
      }
      next[top]!++;
      if (colour[edge.to] === WHITE) {
        colour[edge.to] = GREY;
        depth[edge.to] = stack.length;
        stack.push(edge.to);
        next.push(0);
      } else if (colour[edge.to] === GREY && !reported.has(edge.to)) {
        reported.add(edge.to);
        const from = depth[edge.to]!;
        const length = stack.length - from;
        const path =
          length <= SHOWN
            ? stack.slice(from)
            : [...stack.slice(from, from + SHOWN / 2), -1, ...stack.slice(stack.length - SHOWN / 2 + 1)];
        found.push({ entry: edge.to, path, length });
      }
    }
  }
  return found;
}
