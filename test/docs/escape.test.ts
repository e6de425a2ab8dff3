import { describe, expect, test } from 'vitest';
import { cell, code, fenced, inline, leading, mermaidLabel, paragraphs } from '../../src/docs/escape.js';
import { cells, decodeMermaid, fences, tables } from './helpers/parse-markdown.js';

describe('inline', () => {
  test.each([
    ['a | b', 'a \\| b'],
    ['*bold* and `code`', '\\*bold\\* and \\`code\\`'],
    ['[link](x)', '\\[link\\](x)'],
    ['back\\slash', 'back\\\\slash'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['<b>tag</b>', '\\<b>tag\\</b>'],
    ['&amp; and &#35;', '\\&amp; and \\&#35;'],
    ['_emphasis_', '\\_emphasis\\_'],
  ])('escapes %j', (text, expected) => {
    expect(inline(text)).toBe(expected);
  });

  test.each(['severity_name', 'Q&A', 'a < b', 'x > y', '#support-queue', 'pager:lead'])('leaves %j readable', (text) => {
    expect(inline(text)).toBe(text);
  });

  test('collapses line breaks and runs of spaces', () => {
    expect(inline('  one\ntwo\r\n  three  ')).toBe('one two three');
  });
});

describe('leading', () => {
  test.each([
    ['# heading', '\\# heading'],
    ['> quote', '\\> quote'],
    ['- bullet', '\\- bullet'],
    ['+ bullet', '\\+ bullet'],
    ['--- rule', '\\--- rule'],
    ['1. numbered', '1\\. numbered'],
    ['12) numbered', '12\\) numbered'],
    ['=', '\\='],
    ['===', '\\==='],
  ])('escapes the block marker of %j', (text, expected) => {
    expect(leading(text)).toBe(expected);
  });

  test.each(['#support-queue', '2026 was a year', '-5 degrees', 'Plain text', '= 5', '2+2=4'])('leaves %j alone', (text) => {
    expect(leading(text)).toBe(text);
  });
});

test('paragraphs keep blank-line breaks and join single line breaks', () => {
  expect(paragraphs('one\ntwo\n\n# three\n')).toBe('one two\n\n\\# three');
});

describe('cell', () => {
  test('keeps a row on one line and never splits it', () => {
    const text = 'first | line\nsecond line\r\nthird';
    const escaped = cell(text);
    expect(escaped).toBe('first \\| line<br>second line<br>third');
    expect(escaped).not.toMatch(/\n/);
    const row = `| a | ${escaped} | c |`;
    expect(cells(row)).toHaveLength(3);
  });

  test('a table of hostile cells parses back with the right column count', () => {
    const hostile = ['|', '||', 'a|b|c', '\\|', 'x\n|y', '`|`'];
    const md = ['| one | two |', '| --- | --- |', ...hostile.map((h) => `| ${cell(h)} | ${cell(h)} |`)].join('\n');
    const [t] = tables(md);
    expect(t!.rows).toHaveLength(hostile.length);
    for (const row of t!.rows) expect(row).toHaveLength(2);
  });
});

describe('code', () => {
  test('wraps plain text in single backticks', () => {
    expect(code('sev1')).toBe('`sev1`');
  });
  test('uses a longer delimiter around backticks', () => {
    expect(code('a`b')).toBe('`` a`b ``');
    expect(code('x``y')).toBe('``` x``y ```');
  });
});

describe('fenced', () => {
  test('a fence inside the text cannot close the block early', () => {
    const body = 'before\n```\ninside\n````\nafter';
    const block = fenced(body, 'text');
    const [found] = fences(block);
    expect(found!.info).toBe('text');
    expect(found!.body).toBe(body);
    expect(block.startsWith('`````text\n')).toBe(true);
  });
  test('normalises line endings and drops trailing blank lines', () => {
    expect(fenced('a\r\nb\n\n')).toBe('```\na\nb\n```');
  });
});

describe('mermaidLabel', () => {
  const SPECIAL = ['"', '[', ']', '(', ')', '{', '}', '|', '<', '>', '#', '&', '`'];

  test.each(SPECIAL)('escapes %j as an entity code', (c) => {
    const label = mermaidLabel(`a ${c} b`);
    expect(label).not.toContain(c === '#' ? '# ' : c);
    expect(label).toMatch(/^a #\d+; b$/);
    expect(decodeMermaid(label)).toBe(`a ${c} b`);
  });

  test('a label with every special character decodes back to the text', () => {
    const text = 'Is it "down" [all] (every) {region} | <now>? #1 & `x`';
    const label = mermaidLabel(text);
    expect(label).not.toMatch(/["[\](){}|<>`]/);
    expect(decodeMermaid(label)).toBe(text);
  });

  test('keeps a label on one line', () => {
    expect(mermaidLabel('one\ntwo')).toBe('one two');
  });
});
