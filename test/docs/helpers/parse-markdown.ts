/**
 * A small reader for the markdown the sheet generator writes: enough to check its structure
 * (tables, fenced blocks, the Mermaid chart) without comparing text.
 */
export interface Table {
  /** 1-based line of the header row. */
  line: number;
  header: string[];
  /** The `| --- |` row, which must follow the header. */
  delimiter: string;
  rows: string[][];
}

export interface Fence {
  line: number;
  info: string;
  body: string;
}

/** Splits a table row on unescaped pipes. */
export function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, i) => {
    const marker = /^(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (fence !== undefined && marker && marker[0] === fence[0] && marker.length >= fence.length && text.trim() === marker) fence = undefined;
    else if (fence === undefined) out.push({ line: i + 1, text });
  });
  return out;
}

export function tables(markdown: string): Table[] {
  const groups: { line: number; rows: string[] }[] = [];
  let previous = -1;
  for (const { line, text } of proseLines(markdown)) {
    if (text.startsWith('|')) {
      const last = groups[groups.length - 1];
      if (last && line === previous + 1) last.rows.push(text);
      else groups.push({ line, rows: [text] });
      previous = line;
    }
  }
  return groups.map((g) => ({ line: g.line, header: cells(g.rows[0]!), delimiter: g.rows[1] ?? '', rows: g.rows.slice(2).map(cells) }));
}

export function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const marker = open[1]!;
    let j = i + 1;
    while (j < lines.length && !(lines[j]!.trim().startsWith(marker[0]!.repeat(marker.length)) && /^(`{3,}|~{3,})\s*$/.test(lines[j]!.trim()))) j++;
    out.push({ line: i + 1, info: open[2]!.trim(), body: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

export interface MermaidChart {
  direction: string;
  nodes: { id: string; shape: 'box' | 'stadium'; label: string }[];
  edges: { from: string; to: string; label: string }[];
  /** Lines that are neither nodes, edges nor styling: a well-formed chart has none. */
  unknown: string[];
}

export function parseMermaid(body: string): MermaidChart {
  const [first, ...rest] = body.split('\n');
  const chart: MermaidChart = { direction: first?.replace(/^flowchart\s+/, '') ?? '', nodes: [], edges: [], unknown: [] };
  for (const raw of rest) {
    const line = raw.trim();
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([A-Za-z]\w*)\["([^"]*)"\]$/.exec(line))) chart.nodes.push({ id: m[1]!, shape: 'box', label: m[2]! });
    else if ((m = /^([A-Za-z]\w*)\(\["([^"]*)"\]\)$/.exec(line))) chart.nodes.push({ id: m[1]!, shape: 'stadium', label: m[2]! });
    else if ((m = /^([A-Za-z]\w*) -->\|"([^"]*)"\| ([A-Za-z]\w*)$/.exec(line))) chart.edges.push({ from: m[1]!, label: m[2]!, to: m[3]! });
    else if (!/^(classDef|class) /.test(line)) chart.unknown.push(line);
  }
  return chart;
}

/** The text under a `## heading`, up to the next `## ` heading. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return '';
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start + 1, end < 0 ? undefined : end + 1);
}

/** Mermaid entity codes (`#34;`) back to characters. */
export const decodeMermaid = (label: string): string => label.replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
