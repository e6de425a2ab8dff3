/** The output edge (safeText) and the shared definition of control characters. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { safeIo, safeOutput, safeText, styleCode, workflowCommands, writeInLines, type Io } from '../../src/cli/io.js';
import { escapeControls, firstControl, mayHoldControls } from '../../src/matrix/controls.js';

describe('safeText', () => {
  it.each([
    ['ESC sequences', 'a\u001b[2Jb', 'a\\u001b[2Jb'],
    ['an OSC 8 link', '\u001b]8;;https://x/\u0007click\u001b]8;;\u0007', '\\u001b]8;;https://x/\\u0007click\\u001b]8;;\\u0007'],
    ['a bare CR', 'over\rwrite', 'over\\u000dwrite'],
    ['C1 CSI and DEL', 'a\u009b1m\u007f', 'a\\u009b1m\\u007f'],
    ['bidi overrides and isolates', '\u202edesrever\u202c \u2066x\u2069', '\\u202edesrever\\u202c \\u2066x\\u2069'],
    ['line separators', 'a\u2028b\u2029', 'a\\u2028b\\u2029'],
    ['NUL and BEL', '\u0000\u0007', '\\u0000\\u0007'],
  ])('escapes %s visibly', (_name, raw, shown) => {
    expect(safeText(raw)).toBe(shown);
  });

  it('keeps tabs, line feeds, CRLF, emoji and right-to-left letters', () => {
    const text = 'a\tb\nc\r\nשלום 🚨 ü\n';
    expect(safeText(text)).toBe(text);
  });

  it('escapes the first character of a line a CI log would run as a command, anywhere in the text', () => {
    expect(safeText('ok\n::error::x\n  ::warning::y\n##[error]z\n##vso[task.complete]w\n')).toBe('ok\n\\u003a:error::x\n  \\u003a:warning::y\n\\u0023#[error]z\n\\u0023#vso[task.complete]w\n');
    expect(safeText('a line with :: inside and ##[ too')).toBe('a line with :: inside and ##[ too');
  });

  it('knows where lines start across writes', () => {
    let out = '';
    const output = safeOutput({ write: (t) => void (out += t), isTTY: false });
    output.write('key');
    output.write('::not a command start\n');
    output.write('::error::x');
    expect(out).toBe('key::not a command start\n\\u003a:error::x');
  });

  it('lets the program’s own colours and workflow commands through, and only those', () => {
    expect(safeText(`${styleCode('\u001b[31m')}red${styleCode('\u001b[39m')}`)).toBe('\u001b[31mred\u001b[39m');
    expect(safeText(workflowCommands('::error file=a::m\n'))).toBe('::error file=a::m\n');
    // Matrix text cannot forge the mark: it does not know the per-process key.
    expect(safeText('\u2063abc\u2063[31m\n\u2063::error::x')).not.toMatch(/\u001b|^::/m);
  });

  it('is idempotent, so text made safe for a file stays the same on the terminal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(safeText(safeText(text))).toBe(safeText(text));
      }),
    );
  });

  it('leaves no raw control character and no command line, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\n', '::', '##[', '\u001b', '\r', '\u202e'))), (parts) => {
        const out = safeText(parts.join(''));
        expect(firstControl(out, true)).toBeUndefined();
        expect(out).not.toMatch(/^\s*(::|##\[)/m);
      }),
    );
  });

  it('escapes exactly what one pass of the pattern escapes, though text without any is returned after a quicker scan', () => {
    const pattern = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/gu;
    const plain = (text: string) => text.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const near = fc.constantFrom('\r', '\n', '\r\n', '\t', '\u0000', '\u001f', '\u007f', '\u009f', '\u00a0', '\u061b', '\u061c', '\u200d', '\u200e', '\u2027', '\u2028', '\u202e', '\u202f', '\u2066', '\u2069', '\u206a', '🚨', '\ud83d', 'ü', 'a');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), near)), (parts) => {
        const text = parts.join('');
        expect(escapeControls(text)).toBe(plain(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('mayHoldControls (the lint rule’s fast path) never misses a control character', () => {
  it('whatever YAML a value with control characters is written as', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'BLOCK_LITERAL') as fc.Arbitrary<'PLAIN'>, (value, type) => {
        const text = stringify({ key: value, [value]: 1 }, { defaultStringType: type });
        if (firstControl(value, false)) expect(mayHoldControls(text), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is false for ordinary matrix text, quotes and backslashes included', () => {
    expect(mayHoldControls('name: "A \\"quoted\\" name"\npath: C:\\\\tools\nlist: [a, b]\r\n')).toBe(false);
    expect(mayHoldControls('title: "Evil \\e[2J"')).toBe(true);
    expect(mayHoldControls('title: "x\\u202Ey"')).toBe(true);
    expect(mayHoldControls('title: "x\\u00e9y"')).toBe(false);
  });
});

describe('safeIo', () => {
  it('passes the terminal and its current width through, so the card still fits the terminal', () => {
    let columns = 80;
    const raw = { write: () => undefined, isTTY: true, get columns() { return columns; } };
    const io = safeIo({ cwd: '/', env: {}, stdout: raw, stderr: raw } as unknown as Io);
    expect(io.stdout.isTTY).toBe(true);
    expect(io.stdout.columns).toBe(80);
    columns = 120; // resized after the wrap
    expect(io.stdout.columns).toBe(120);
  });
});

describe('lone surrogates', () => {
  it('are written as U+FFFD, as any UTF-8 encoder writes them, so the text compared is the text written', () => {
    expect(safeText('Cr\ud800it')).toBe('Cr\ufffdit');
    expect(safeText('\udc00 and \ud83d')).toBe('\ufffd and \ufffd');
    expect(safeText('a pair \ud83d\ude00 stays')).toBe('a pair \ud83d\ude00 stays');
    expect(Buffer.from(safeText('Cr\ud800it')).toString('utf8')).toBe(safeText('Cr\ud800it'));
  });
});

describe('writeInLines', () => {
  const collect = (pieces: string[]) => {
    const writes: string[] = [];
    writeInLines({ write: (text) => void writes.push(text), isTTY: false }, pieces);
    return writes;
  };

  it('writes every piece, in order, in chunks of whole lines of about 64 KB', () => {
    const pieces = Array.from({ length: 20_000 }, (_, i) => `{"n": ${i}}${i % 3 === 0 ? '\n' : ', '}`);
    const writes = collect(pieces);
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBeGreaterThan(2);
    for (const write of writes.slice(0, -1)) {
      expect(write.endsWith('\n')).toBe(true);
      expect(write.length).toBeGreaterThanOrEqual((1 << 16) - 100);
    }
  });

  it('holds a line longer than a chunk until it ends, and gathers it in doubling steps', () => {
    const long = Array.from({ length: 50_000 }, () => 'abcdefgh'); // 400 KB, no line end
    let joins = 0;
    const pieces = {
      *[Symbol.iterator]() {
        for (const piece of long) yield piece;
        yield '\nnext line\n';
        yield 'tail';
      },
    };
    const original = Array.prototype.join;
    Array.prototype.join = function (this: unknown[], separator?: string) {
      joins++;
      return original.call(this, separator);
    };
    let writes: string[];
    try {
      writes = [];
      const out = writes;
      writeInLines({ write: (text) => void out.push(text), isTTY: false }, pieces);
    } finally {
      Array.prototype.join = original;
    }
    expect(writes.join('')).toBe(`${long.join('')}\nnext line\ntail`);
    for (const write of writes.slice(0, -1)) expect(write.endsWith('\n')).toBe(true);
    expect(writes[0]!.length).toBeGreaterThan(400_000); // the long line went out whole
    // 64 KB, 128 KB, 256 KB, 512 KB and the end: a handful of joins, not one per piece.
    expect(joins).toBeLessThan(10);
  });

  it('writes nothing when there are no pieces, or only empty ones', () => {
    expect(collect([])).toEqual([]);
    expect(collect(['', ''])).toEqual([]);
  });

  it('makes the next chunk only once the output has passed on the last (a slow pipe holds one chunk, not the whole text)', async () => {
    const pieces = Array.from({ length: 30_000 }, (_, i) => `{"n": ${i}}\n`);
    let made = 0;
    const counted = {
      *[Symbol.iterator]() {
        for (const piece of pieces) {
          made++;
          yield piece;
        }
      },
    };
    const writes: string[] = [];
    let release: (() => void) | undefined;
    const output = {
      write: (text: string) => void writes.push(text),
      isTTY: false,
      // Every write fills the pipe: the writer must wait until it is released.
      drained: () => new Promise<void>((resolve) => (release = resolve)),
    };
    const done = writeInLines(output, counted);
    const seen: number[] = [];
    for (let round = 0; round < 200 && release !== undefined; round++) {
      await Promise.resolve();
      // While it waits, nothing more is made or written.
      seen.push(writes.length);
      const madeBefore = made;
      await new Promise((resolve) => setImmediate(resolve));
      expect(made).toBe(madeBefore);
      expect(writes.length).toBe(seen.at(-1));
      const go = release;
      release = undefined;
      go();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await done;
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBeGreaterThan(3);
    // One write per release: a chunk at a time.
    expect(seen).toEqual(seen.map((_, i) => i + 1));
  });

  it('makes nothing more once the output has closed (its reader has gone)', async () => {
    let made = 0;
    const pieces = {
      *[Symbol.iterator]() {
        for (let i = 0; i < 30_000; i++) {
          made++;
          yield `{"n": ${i}}\n`;
        }
      },
    };
    const writes: string[] = [];
    const output = { write: (text: string) => void writes.push(text), isTTY: false, closed: false };
    const done = writeInLines(
      {
        ...output,
        write: (text: string) => {
          writes.push(text);
          if (writes.length === 2) output.closed = true;
        },
        get closed() {
          return output.closed;
        },
      },
      pieces,
    );
    await done;
    expect(writes).toHaveLength(2);
    expect(made).toBeLessThan(30_000 / 2);
  });
});
