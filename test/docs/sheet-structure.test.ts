/** The sheet read back as markdown: every table well-formed, every concept of the matrix present. */
import { describe, expect, test } from 'vitest';
import { renderSheet } from '../../src/docs/sheet.js';
import { answerId } from '../../src/triage/engine.js';
import { EXAMPLES, loadExample, loadFixture } from './helpers/load.js';
import { decodeMermaid, fences, parseMermaid, section, tables } from './helpers/parse-markdown.js';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

const CASES = [...EXAMPLES.map((name) => ({ name, load: () => loadExample(name) })), ...['hostile-text', 'minimal', 'tree-oddities'].map((name) => ({ name, load: () => loadFixture(name) }))];

describe.each(CASES)('sheet of $name', ({ name, load }) => {
  const matrix = load();
  const sheet = renderSheet(matrix, { source: `${name}.yaml` });

  test('every table row has as many cells as its header, and a delimiter row', () => {
    const found = tables(sheet);
    expect(found.length).toBeGreaterThan(0);
    for (const t of found) {
      expect(t.delimiter, `table at line ${t.line}`).toMatch(/^\|( --- \|)+$/);
      expect(t.delimiter.split('---').length - 1, `delimiter at line ${t.line}`).toBe(t.header.length);
      for (const row of t.rows) expect(row, `row of the table at line ${t.line}`).toHaveLength(t.header.length);
    }
  });

  test('is deterministic and ends with exactly one newline', () => {
    expect(renderSheet(load(), { source: `${name}.yaml` })).toBe(sheet);
    expect(sheet.endsWith('\n') && !sheet.endsWith('\n\n')).toBe(true);
  });

  test('never leaks a missing value', () => {
    expect(sheet).not.toMatch(/undefined|\[object Object\]|NaN/);
  });

  test('lists every severity in the severity and target tables, in order', () => {
    const [levels] = tables(section(sheet, 'Severity levels'));
    expect(levels!.header).toEqual(['Level', 'Definition', 'Impact', 'Examples', 'Owner']);
    expect(levels!.rows.map((r) => r[0])).toEqual(matrix.severities.map((s) => expect.stringContaining(`\`${s.id}\``)));
    const [targets] = tables(section(sheet, 'Response targets'));
    expect(targets!.rows).toHaveLength(matrix.severities.length);
  });

  test('has one role row per role and one escalation timeline per severity', () => {
    const [roles] = tables(section(sheet, 'Roles and contacts'));
    expect(roles!.rows).toHaveLength(Object.keys(matrix.roles).length);
    for (const id of Object.keys(matrix.roles)) expect(roles!.rows.some((r) => r[0]!.includes(`(\`${id}\`)`))).toBe(true);
    const paths = section(sheet, 'Escalation paths');
    for (const s of matrix.severities) {
      expect(paths).toContain(`### \`${s.id}\``);
      const steps = paths.split(`### \`${s.id}\``)[1]!.split('\n### ')[0]!.match(/^\d+\. \*\*/gm) ?? [];
      expect(steps).toHaveLength(s.escalation?.length ?? 0);
    }
  });

  test('the contents list links every section heading', () => {
    const headings = [...sheet.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    const links = [...sheet.matchAll(/^- \[(.+)\]\(#([a-z0-9-]+)\)$/gm)].map((m) => m[1]);
    expect(links).toEqual(headings);
  });

  test.runIf(matrix.triage)('the Mermaid chart has one node per question and per outcome, one edge per answer', () => {
    const tree = matrix.triage!;
    const mermaid = fences(sheet).filter((f) => f.info === 'mermaid');
    expect(mermaid).toHaveLength(1);
    const chart = parseMermaid(mermaid[0]!.body);
    expect(chart.direction).toBe('TD');
    expect(chart.unknown).toEqual([]);
    const questions = chart.nodes.filter((n) => n.shape === 'box');
    const outcomes = chart.nodes.filter((n) => n.shape === 'stadium');
    expect(questions).toHaveLength(Object.keys(tree.questions).length);
    const answers = Object.values(tree.questions).flatMap((q) => q.answers);
    const distinct = new Set(answers.filter((a) => a.outcome).map((a) => JSON.stringify([a.outcome!.severity, a.outcome!.owner ?? matrix.severities.find((s) => s.id === a.outcome!.severity)!.owner, a.outcome!.route, a.outcome!.note])));
    expect(outcomes).toHaveLength(distinct.size);
    expect(chart.edges).toHaveLength(answers.length);
    const ids = new Set(chart.nodes.map((n) => n.id));
    expect(ids.size).toBe(chart.nodes.length);
    for (const e of chart.edges) {
      expect(ids.has(e.from) && ids.has(e.to), `${e.from} --> ${e.to}`).toBe(true);
    }
    // Read back, each question's node has its text and its edges carry its answers, in order, to the right node.
    const nodeOf = new Map(Object.entries(tree.questions).map(([qid, q]) => [qid, questions.find((n) => decodeMermaid(n.label) === collapse(q.ask))]));
    for (const [qid, q] of Object.entries(tree.questions)) {
      const node = nodeOf.get(qid);
      expect(node, `node for question ${qid}`).toBeDefined();
      const edges = chart.edges.filter((e) => e.from === node!.id);
      expect(edges.map((e) => decodeMermaid(e.label))).toEqual(q.answers.map((a) => `${collapse(a.label)}${a.unsure ? ' · if unsure' : ''}`));
      q.answers.forEach((a, i) => {
        if (a.outcome) expect(outcomes.map((o) => o.id)).toContain(edges[i]!.to);
        else expect(edges[i]!.to).toBe(nodeOf.get(a.next!)!.id);
      });
    }
  });

  test.runIf(matrix.triage)('the nested list has one item per answer with its scripted id', () => {
    const tree = matrix.triage!;
    const list = section(sheet, 'Triage decision tree').split('```').at(-1)!;
    const items = list.split('\n').filter((l) => /^\s*- \*\*.+\*\* \(`[^`]+`\)( \*if unsure\*)? → /.test(l));
    const answers = Object.values(tree.questions).flatMap((q) => q.answers);
    expect(items).toHaveLength(answers.length);
    for (const a of answers) expect(list).toContain(`(\`${answerId(a)}\`)`);
  });
});
