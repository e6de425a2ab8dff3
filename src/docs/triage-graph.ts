/**
 * The triage tree as a graph the sheet can draw: one node per question, one per distinct
 * outcome, one edge per answer. Shared by the Mermaid chart and the nested list, so both
 * always show the same tree.
 */
import type { Answer, Matrix, Outcome } from '../matrix/schema.js';
import { answerId } from '../triage/engine.js';

export interface QuestionNode {
  kind: 'question';
  /** Node id in the chart: q1, q2, … in reading order. */
  node: string;
  id: string;
  ask: string;
  help?: string;
  reachable: boolean;
}

export interface OutcomeNode {
  kind: 'outcome';
  node: string;
  severity: string;
  /** The owning role: the outcome's, else the severity's. */
  owner: string;
  route?: string;
  note?: string;
  /** Roles this answer path also informs. */
  inform?: string[];
}

/** An answer that names neither a next question nor an outcome (lint reports it; the sheet still shows it). */
export interface DeadEndNode {
  kind: 'dead-end';
  node: string;
}

export interface Edge {
  from: QuestionNode;
  to: QuestionNode | OutcomeNode | DeadEndNode;
  answer: Answer;
  answerId: string;
}

export interface TriageGraph {
  start: string;
  questions: QuestionNode[];
  outcomes: OutcomeNode[];
  deadEnd?: DeadEndNode;
  edges: Edge[];
  /** The edges leaving each question, by question id, in answer order. */
  edgesFrom: ReadonlyMap<string, readonly Edge[]>;
}

export function triageGraph(matrix: Matrix): TriageGraph | undefined {
  const tree = matrix.triage;
  if (!tree) return undefined;
  const order = readingOrder(tree.start, tree.questions);
  const questions = new Map<string, QuestionNode>();
  order.forEach((id, i) => {
    const q = tree.questions[id]!;
    questions.set(id, { kind: 'question', node: `q${i + 1}`, id, ask: q.ask, ...(q.help ? { help: q.help } : {}), reachable: false });
  });
  markReachable(tree.start, tree.questions, questions);

  const outcomes = new Map<string, OutcomeNode>();
  let deadEnd: DeadEndNode | undefined;
  const edges: Edge[] = [];
  const edgesFrom = new Map<string, Edge[]>();
  for (const id of order) {
    const from = questions.get(id)!;
    const own: Edge[] = [];
    edgesFrom.set(id, own);
    for (const answer of tree.questions[id]!.answers) {
      let to: Edge['to'] | undefined;
      // The engine takes the outcome when an answer names both.
      if (answer.outcome) to = outcomeNode(matrix, answer.outcome, outcomes);
      else if (answer.next !== undefined) to = questions.get(answer.next);
      if (!to) to = deadEnd ??= { kind: 'dead-end', node: 'dead1' };
      const edge: Edge = { from, to, answer, answerId: answerId(answer) };
      edges.push(edge);
      own.push(edge);
    }
  }
  return { start: tree.start, questions: [...questions.values()], outcomes: [...outcomes.values()], ...(deadEnd ? { deadEnd } : {}), edges, edgesFrom };
}

/** Depth-first from the start in answer order, then any unreachable questions in file order. */
function readingOrder(start: string, questions: Record<string, { answers: Answer[] }>): string[] {
  const seen = new Set<string>();
  // An explicit stack, not recursion: a tree may be thousands of questions deep.
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !Object.hasOwn(questions, id)) continue;
    seen.add(id);
    const next = questions[id]!.answers.filter((a) => !a.outcome && a.next !== undefined).map((a) => a.next!);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  for (const id of Object.keys(questions)) seen.add(id);
  return [...seen];
}

function markReachable(start: string, raw: Record<string, { answers: Answer[] }>, nodes: Map<string, QuestionNode>): void {
  const stack = [start];
  while (stack.length) {
    const node = nodes.get(stack.pop()!);
    if (!node || node.reachable) continue;
    node.reachable = true;
    for (const answer of raw[node.id]!.answers) if (!answer.outcome && answer.next !== undefined) stack.push(answer.next);
  }
}

function outcomeNode(matrix: Matrix, outcome: Outcome, nodes: Map<string, OutcomeNode>): OutcomeNode {
  const owner = outcome.owner ?? matrix.severities.find((s) => s.id === outcome.severity)?.owner ?? '';
  const key = JSON.stringify([outcome.severity, owner, outcome.route ?? null, outcome.note ?? null, outcome.inform ?? []]);
  let node = nodes.get(key);
  if (!node) {
    node = {
      kind: 'outcome',
      node: `r${nodes.size + 1}`,
      severity: outcome.severity,
      owner,
      ...(outcome.route ? { route: outcome.route } : {}),
      ...(outcome.note ? { note: outcome.note } : {}),
      ...(outcome.inform && outcome.inform.length > 0 ? { inform: outcome.inform } : {}),
    };
    nodes.set(key, node);
  }
  return node;
}
