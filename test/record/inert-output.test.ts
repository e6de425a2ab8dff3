/**
 * What a reviewer opens is inert: ids and names from records cannot inject links, images,
 * HTML, headings or an open code fence into the markdown review (checked with a real
 * markdown parser, marked, as GitHub-flavoured markdown), nor formulas into the CSV (OWASP
 * CSV-injection guidance: cells starting with =, +, -, @, tab or CR are neutralised).
 */
import { marked, type Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { buildReport } from '../../src/record/report.js';
import { reportCsv, reportMarkdown } from '../../src/record/report-format.js';
import { makeRecord } from './make-record.js';

const HOSTILE = ['www.evil.example', '![pixel](https://evil.example/p.png)', '[click](https://evil.example)', '<img src=x onerror=alert(1)>', '# Heading', '```', '=HYPERLINK("https://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\r=1'];

function hostileReport() {
  const asOf = new Date('2026-04-02T12:00:00Z');
  const judged = HOSTILE.map((text, i) => {
    const record = makeRecord({ severity: 'sev1', start: `2026-03-2${i % 9}T16:30:00+01:00` }, [{ type: 'acknowledged', at: `2026-03-2${i % 9}T17:30:00+01:00` }]);
    record.severity = { ...record.severity, id: text, name: text };
    record.contract = { ...record.contract, client: { id: text, name: text } as never, tier: { id: `${text} tier` } as never };
    return { file: `records/${text}\nline.json`, evaluation: evaluate(record, asOf) };
  });
  return buildReport(judged, { asOf });
}

const walk = (tokens: Token[], seen: string[]) => {
  for (const t of tokens) {
    seen.push(t.type);
    const nested = t as { tokens?: Token[]; rows?: { tokens: Token[] }[][]; header?: { tokens: Token[] }[] };
    if (nested.tokens) walk(nested.tokens, seen);
    for (const h of nested.header ?? []) walk(h.tokens, seen);
    for (const row of nested.rows ?? []) for (const c of row) walk(c.tokens, seen);
  }
  return seen;
};

describe('inert outputs', () => {
  it('markdown: hostile ids and file names make no link, image, HTML, heading or extra code block', () => {
    const markdown = reportMarkdown(hostileReport(), 'Europe/Berlin');
    const tokens = marked.lexer(markdown, { gfm: true });
    const types = walk(tokens, []);
    for (const bad of ['link', 'image', 'html']) expect(types, bad).not.toContain(bad);
    const headings = tokens.filter((t) => t.type === 'heading').map((t) => (t as { text: string }).text);
    expect(headings.every((h) => !HOSTILE.some((x) => h.includes(x.trim())))).toBe(true);
    const codes = tokens.filter((t) => t.type === 'code').map((t) => (t as { lang?: string }).lang);
    expect(codes).toEqual(['mermaid', 'mermaid']); // the two charts, nothing opened by a record
  });

  it('the escaping is needed: the same ids unescaped would make links and images (so the test above can fail)', () => {
    const types = walk(marked.lexer(`| a |\n|---|\n| ${HOSTILE[0]} ${HOSTILE[1]} |\n`, { gfm: true }), []);
    expect(types).toContain('image');
    expect(types).toContain('link');
  });

  it('csv: every cell from a record that a spreadsheet would run as a formula starts with a quote', () => {
    const csv = reportCsv(hostileReport());
    const cells = csv
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((row) => row.split(',')[1]!);
    for (const key of cells) expect(key).not.toMatch(/^"?[=+\-@\t\r]/);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csv).toContain(`"'@SUM(A1)"`);
    expect(csv).toContain(`"'\tcmd"`);
  });
});
