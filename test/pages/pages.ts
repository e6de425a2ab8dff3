/**
 * The user documentation as data: README.md and docs/*.md, their fenced blocks, headings
 * and links. Shared by the link check and the runnable-examples test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { ROOT } from '../helpers/cli.js';

/** Every user page, relative to the repository root. */
export function pages(): string[] {
  const docs = readdirSync(`${ROOT}docs`).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

export const read = (page: string) => readFileSync(`${ROOT}${page}`, 'utf8');

export interface Block {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  /** The lines between the fences. */
  lines: string[];
  /** `key=value` pairs of a `<!-- docs-test: ... -->` comment on the line before the fence. */
  directive: Record<string, string>;
}

const DIRECTIVE = /^<!-- docs-test:(.*)-->\s*$/;

/** The fenced blocks of a page (``` or ~~~ of any length; a longer fence holds shorter ones). */
export function blocks(page: string, text = read(page)): Block[] {
  const lines = text.split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      body.push(lines[j]!);
    }
    const directive: Record<string, string> = {};
    const before = DIRECTIVE.exec(lines[i - 1] ?? '');
    if (before) {
      for (const pair of before[1]!.trim().split(/\s+/).filter(Boolean)) {
        const at = pair.indexOf('=');
        directive[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? 'true' : pair.slice(at + 1);
      }
    }
    found.push({ page, line: i + 1, lang: open[2]!, lines: body, directive });
    i = j;
  }
  return found;
}

/** The page's text outside fenced blocks, line numbers kept (fenced lines become empty). */
export function prose(page: string, text = read(page)): string[] {
  const lines = text.split('\n');
  for (const block of blocks(page, text)) {
    for (let k = block.line - 1; k <= block.line + block.lines.length && k < lines.length; k++) lines[k] = '';
  }
  return lines;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(page: string, text = read(page)): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of prose(page, text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .replace(/<[^>]*>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const line of prose(page, text)) for (const m of line.matchAll(/<a (?:name|id)="([^"]+)"/g)) result.add(m[1]!);
  return result;
}

export interface Link {
  page: string;
  line: number;
  target: string;
}

/** Markdown links and images `[text](target)` outside code, with their line. */
export function links(page: string, text = read(page)): Link[] {
  const found: Link[] = [];
  prose(page, text).forEach((line, index) => {
    const outsideCode = line.replace(/`[^`]*`/g, '');
    for (const m of outsideCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ page, line: index + 1, target: m[1]! });
  });
  return found;
}
