/**
 * Matrix text that begins a line of the sheet or of a role card stays text of the block it is
 * placed in: read back by a real markdown parser (marked, GitHub-flavoured), a hostile value
 * gives the very same blocks as a plain word, and reads as written. The values are the
 * markers that could open a block there: setext underlines (`=`, `-`), thematic breaks,
 * list items, headings, block quotes, fences and HTML blocks, and a heading's closing `#`s.
 */
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, test } from 'vitest';
import type { Matrix } from '../../src/matrix/schema.js';
import { renderRoleCard } from '../../src/docs/role-card.js';
import { renderSheet } from '../../src/docs/sheet.js';
import { loadExample } from './helpers/load.js';

const HOSTILE = ['=', '==', '-', '---', '***', '#', '##', '>', '```', '<div>', '1.', '+'];
/** A word no sheet holds, standing for the value in the baseline. */
const PLAIN = 'Plainword';

/** Every field whose text begins a line somewhere: a heading, a paragraph, a bullet, a quote or a step's note line. */
const PLACES: Record<string, (m: Matrix, text: string) => void> = {
  'matrix name (the sheet title, the start of a role card quote)': (m, text) => void (m.name = text),
  'matrix description (a paragraph)': (m, text) => void (m.description = `${text}\n\n${text}`),
  'review trigger (a bullet)': (m, text) => void (m.review_triggers = [text, text]),
  'closing checklist item (a task bullet)': (m, text) => void (m.closing = [text, text]),
  'governance review threshold, as text and as a structured one (bullets)': (m, text) => {
    m.governance_review = [text, { id: 'structured', text }];
  },
  'escalation step note (the line after a hard break, in the sheet and in role cards)': (m, text) => {
    for (const s of m.severities) for (const step of s.escalation ?? []) step.note = text;
  },
  'severity name (a ### heading)': (m, text) => void (m.severities[0]!.name = text),
  'role title (a role card heading)': (m, text) => void (m.roles['support-lead']!.title = text),
  'role description (a role card paragraph)': (m, text) => void (m.roles['support-lead']!.description = text),
  'authority (a role card bullet)': (m, text) => {
    for (const a of m.authority ?? []) a.may = text;
  },
};

const base = loadExample('saas-support');

function render(place: (m: Matrix, text: string) => void, text: string): string[] {
  const matrix = structuredClone(base);
  place(matrix, text);
  return [renderSheet(matrix, { source: 'm.yaml' }), ...Object.keys(matrix.roles).map((role) => renderRoleCard(matrix, role, { source: 'm.yaml' }))];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** What a reader sees of inline content: the HTML marked makes of it, without tags. */
const shown = (tokens: Token[]): string =>
  marked.Parser.parseInline(tokens)
    .replace(/<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/**
 * The blocks of a document, nested, each leaf with the text it shows. Code blocks give only
 * their language: Mermaid labels spell characters as entity codes and are checked apart.
 */
function blocksOf(tokens: Token[], depth = 0): string[] {
  const out: string[] = [];
  const pad = '  '.repeat(depth);
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        break;
      case 'heading':
        out.push(`${pad}h${(t as Tokens.Heading).depth}: ${shown(t.tokens!)}`);
        break;
      case 'paragraph':
      case 'text':
        out.push(`${pad}${t.type}: ${shown(t.tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Token])}`);
        break;
      case 'list':
        out.push(`${pad}list ${(t as Tokens.List).ordered ? 'ordered' : 'bullet'}`);
        for (const item of (t as Tokens.List).items) {
          out.push(`${pad}  item${item.task ? ` [${item.checked ? 'x' : ' '}]` : ''}`);
          out.push(...blocksOf(item.tokens, depth + 2));
        }
        break;
      case 'blockquote':
        out.push(`${pad}quote`);
        out.push(...blocksOf((t as Tokens.Blockquote).tokens, depth + 1));
        break;
      case 'code':
        out.push(`${pad}code ${(t as Tokens.Code).lang ?? ''}`);
        break;
      case 'table': {
        const table = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((c) => shown(c.tokens)).join(' | ');
        out.push(`${pad}table: ${row(table.header)}`, ...table.rows.map((r) => `${pad}  row: ${row(r)}`));
        break;
      }
      default:
        // hr, html, def…: nothing the sheet writes on its own; shown whole so a difference is readable.
        out.push(`${pad}${t.type}: ${t.raw.trim()}`);
    }
  }
  return out;
}

const read = (markdown: string): string[] => blocksOf(marked.lexer(markdown, { gfm: true }));

/** Each value alone (it begins the line), and the # runs also at the end of a text (a heading's closing sequence). */
const VALUES = [...HOSTILE, 'Text #', 'Text ##'];

/**
 * The documents cut before each `## ` heading, so only the parts that show the field are read
 * back (marked takes milliseconds a sheet). A block the value opened by mistake shows in its
 * own part: a fence or a heading it starts changes what follows it there.
 */
const parts = (docs: string[]): string[] => docs.flatMap((doc) => doc.split(/\n(?=## )/));

test.each(Object.entries(PLACES))('%s: each hostile value gives the blocks a plain word gives, and reads as written', (_, place) => {
  const plain = parts(render(place, PLAIN));
  const shows = plain.map((part) => part.includes(PLAIN));
  expect(shows).toContain(true);
  const baseline = plain.map((part, i) => (shows[i] ? read(part).join('\n') : part));
  for (const value of VALUES) {
    const hostile = parts(render(place, value));
    expect(hostile).toHaveLength(plain.length);
    hostile.forEach((part, i) => {
      // A part without the field must not change at all; one with it must read as the plain one with the value in its place.
      const expected = shows[i] ? baseline[i]!.split(PLAIN).join(value) : baseline[i];
      expect(shows[i] ? read(part).join('\n') : part, `the value ${JSON.stringify(value)}`).toBe(expected);
    });
  }
});

test('the escaping is needed: unescaped, the same values make other blocks (so the test above can fail)', () => {
  // A step note under a hard break: = and - are setext underlines, the step becomes a heading.
  expect(marked.lexer('1. **At once** — pull in Frontline\\\n   =\n')[0]).toMatchObject({ type: 'list', items: [{ tokens: [{ type: 'heading' }] }] });
  // A trailing # is a heading's closing sequence, dropped.
  expect(marked.lexer('# Support desk #\n')[0]).toMatchObject({ type: 'heading', text: 'Support desk' });
  // A name beginning a quote line opens a heading inside the quote; may beginning a bullet, a list inside it.
  expect(marked.lexer('> # Acme · role `x`\n')[0]).toMatchObject({ type: 'blockquote', tokens: [{ type: 'heading' }] });
  expect(marked.lexer('- 1. Roll back\n')[0]).toMatchObject({ items: [{ tokens: [{ type: 'list' }] }] });
});

describe('headings keep a trailing # run', () => {
  const headings = (markdown: string) =>
    marked
      .lexer(markdown, { gfm: true })
      .filter((t): t is Tokens.Heading => t.type === 'heading')
      .map((h) => `${'#'.repeat(h.depth)} ${shown(h.tokens)}`);

  test.each(['Support desk #', 'Support desk ##', '#', '###', 'C# desk', 'Desk \\#'])('%j', (name) => {
    const matrix = structuredClone(base);
    matrix.name = name;
    matrix.severities[0]!.name = name;
    matrix.roles['support-lead']!.title = name;
    const sheet = headings(renderSheet(matrix));
    expect(sheet[0]).toBe(`# ${name}`);
    expect(sheet).toContain(`### sev1 ${name}`);
    expect(headings(renderRoleCard(matrix, 'support-lead'))[0]).toBe(`# Role card: ${name}`);
  });
});
