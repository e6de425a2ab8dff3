/** The triage decision tree, as a Mermaid flowchart and as a nested list for renderers without Mermaid. */
import type { Matrix } from '../../matrix/schema.js';
import { code, fenced, inline, mermaidLabel } from '../escape.js';
import { blocks } from '../markdown.js';
import { roleTitle, severityById, severityRef } from '../format.js';
import { triageGraph, type Edge, type OutcomeNode, type QuestionNode, type TriageGraph } from '../triage-graph.js';

export const TRIAGE_HEADING = 'Triage decision tree';

export function triageSection(matrix: Matrix): string | undefined {
  const graph = triageGraph(matrix);
  if (!graph) return undefined;
  const chart = mermaid(matrix, graph);
  return blocks(
    `## ${TRIAGE_HEADING}`,
    'Start at the first question and follow the answers to a level, an owner and a route. When unsure, take the answer marked *if unsure*: it is the more severe case. The ids in brackets script a walk: `escalate triage --answer QUESTION=ANSWER`.',
    fenced(chart, 'mermaid'),
    tooBigNote(chart, graph),
    nestedList(matrix, graph),
  );
}

/** Mermaid's default limits; past them code hosts show an error instead of the chart. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

function tooBigNote(chart: string, graph: TriageGraph): string | undefined {
  if (graph.edges.length <= MERMAID_MAX_EDGES && chart.length <= MERMAID_MAX_TEXT) return undefined;
  return `*This chart has ${graph.edges.length} answers and ${chart.length} characters, past Mermaid's default limits (${MERMAID_MAX_EDGES} edges, ${MERMAID_MAX_TEXT} characters): most code hosts will not draw it. The list below shows the same tree.*`;
}

// ── Mermaid ──────────────────────────────────────────────────────────────────────

export function mermaid(matrix: Matrix, graph: TriageGraph): string {
  const lines = ['flowchart TD'];
  for (const q of graph.questions) lines.push(`  ${q.node}["${mermaidLabel(q.ask)}"]`);
  for (const o of graph.outcomes) lines.push(`  ${o.node}(["${outcomeLabel(matrix, o).map(mermaidLabel).join('<br>')}"])`);
  if (graph.deadEnd) lines.push(`  ${graph.deadEnd.node}["no next step defined"]`);
  for (const e of graph.edges) lines.push(`  ${e.from.node} -->|"${mermaidLabel(answerLabel(e))}"| ${e.to.node}`);
  const unreachable = graph.questions.filter((q) => !q.reachable);
  if (unreachable.length) {
    lines.push('  classDef unreachable stroke-dasharray: 5 5');
    lines.push(`  class ${unreachable.map((q) => q.node).join(',')} unreachable`);
  }
  return lines.join('\n');
}

function outcomeLabel(matrix: Matrix, o: OutcomeNode): string[] {
  const severity = severityById(matrix, o.severity);
  const parts = [severity ? `${severity.id} · ${severity.name}` : o.severity, `owner: ${matrix.roles[o.owner]?.title ?? o.owner}`];
  if (o.route) parts.push(`route: ${o.route}`);
  if (o.inform) parts.push(`inform: ${o.inform.map((id) => matrix.roles[id]?.title ?? id).join(', ')}`);
  if (o.note) parts.push(o.note);
  return parts;
}

const answerLabel = (edge: Edge): string => `${edge.answer.label}${edge.answer.unsure ? ' · if unsure' : ''}`;

// ── Nested list ──────────────────────────────────────────────────────────────────

/** Deeper than this, a branch continues as its own item below: deep nesting is unreadable and some renderers give up. */
export const MAX_LIST_DEPTH = 6;

function nestedList(matrix: Matrix, graph: TriageGraph): string {
  const byId = new Map(graph.questions.map((q) => [q.id, q]));
  const expanded = new Set<string>();
  const queued = new Set<string>();
  const later: QuestionNode[] = [];
  const out: string[] = [];
  // Recursion is bounded by MAX_LIST_DEPTH; deeper branches wait in `later`.
  const question = (q: QuestionNode, depth: number, prefix: string) => {
    const indent = '  '.repeat(depth);
    if (expanded.has(q.id)) {
      out.push(`${indent}${prefix}continue at ${questionText(q)} (see above)`);
      return;
    }
    if (depth > MAX_LIST_DEPTH) {
      out.push(`${indent}${prefix}continue at ${questionText(q)} (below)`);
      if (!queued.has(q.id)) later.push(q);
      queued.add(q.id);
      return;
    }
    expanded.add(q.id);
    out.push(`${indent}${prefix}${questionText(q)}${q.help ? ` — *check:* ${inline(q.help)}` : ''}`);
    for (const edge of graph.edgesFrom.get(q.id) ?? []) {
      const label = `- **${inline(edge.answer.label)}** (${code(edge.answerId)})${edge.answer.unsure ? ' *if unsure*' : ''} → `;
      const to = edge.to;
      if (to.kind === 'question') question(byId.get(to.id)!, depth + 1, label);
      else if (to.kind === 'outcome') out.push(`${indent}  ${label}${outcomeText(matrix, to)}`);
      else out.push(`${indent}  ${label}*no next step defined* (\`escalate lint\` reports it)`);
    }
  };
  const start = byId.get(graph.start);
  if (start) question(start, 0, '- ');
  for (let i = 0; i < later.length; i++) {
    const q = later[i]!;
    if (expanded.has(q.id)) continue;
    if (!out.includes('Continued:')) out.push('', 'Continued:', '');
    question(q, 0, '- ');
  }
  const unreachable = graph.questions.filter((q) => !q.reachable && !expanded.has(q.id));
  if (unreachable.length) {
    out.push('', 'Not reachable from the first question (`escalate lint` reports these):', '');
    for (const q of unreachable) if (!expanded.has(q.id)) question(q, 0, '- ');
    for (let i = 0; i < later.length; i++) if (!expanded.has(later[i]!.id)) question(later[i]!, 0, '- ');
  }
  return out.join('\n');
}

const questionText = (q: QuestionNode): string => `**${inline(q.ask)}** (${code(q.id)})`;

function outcomeText(matrix: Matrix, o: OutcomeNode): string {
  const parts = [`**${severityRef(matrix, o.severity)}**`, `owner ${roleTitle(matrix, o.owner)}`];
  if (o.route) parts.push(`route ${code(o.route)}`);
  if (o.inform) parts.push(`informs ${o.inform.map((id) => roleTitle(matrix, id)).join(', ')}`);
  if (o.note) parts.push(inline(o.note));
  return parts.join(' · ');
}
