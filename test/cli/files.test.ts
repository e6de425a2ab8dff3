import { execFileSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded, TooLargeError, writeFileAtomic } from '../../src/cli/files.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'escalate-files-'));

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temporary file behind', () => {
    const dir = tmp();
    const path = join(dir, 'sheet.md');
    writeFileSync(path, 'old\n');
    writeFileAtomic(path, 'new\n', { overwrite: true });
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['sheet.md']);
  });

  it('refuses to replace an existing file without overwrite, keeping it intact', () => {
    const dir = tmp();
    const path = join(dir, 'm.yaml');
    writeFileSync(path, 'mine\n');
    expect(() => writeFileAtomic(path, 'theirs\n', { overwrite: false })).toThrow(/already exists; pass --force/);
    expect(readFileSync(path, 'utf8')).toBe('mine\n');
    expect(readdirSync(dir)).toEqual(['m.yaml']);
  });

  it('fails with one line and no leftovers when the final rename fails', () => {
    const dir = tmp();
    const path = join(dir, 'target');
    mkdirSync(path);
    writeFileSync(join(path, 'keep.txt'), 'kept\n');
    expect(() => writeFileAtomic(path, 'x', { overwrite: true })).toThrow(/^cannot write .*target: /);
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readFileSync(join(path, 'keep.txt'), 'utf8')).toBe('kept\n');
  });

  it('writes through a symlink and keeps the link', () => {
    const dir = tmp();
    const real = join(dir, 'real.md');
    const link = join(dir, 'link.md');
    writeFileSync(real, 'old\n');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new\n', { overwrite: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new\n');
  });

  it('reports a missing folder as one line', () => {
    const dir = tmp();
    expect(() => writeFileAtomic(join(dir, 'nope', 'x.md'), 'x', { overwrite: true })).toThrow(/cannot write .*x\.md: no such file/);
  });
});

describe('writeFileAtomic: only regular files and new paths', () => {
  const refused = (path: string, kind: RegExp) => {
    expect(() => writeFileAtomic(path, 'x', { overwrite: true })).toThrow(kind);
  };

  it('refuses a character device before writing anything, and the device stays', () => {
    const dir = tmp();
    refused('/dev/null', /^cannot write \/dev\/null: it is not a regular file but a character device/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a FIFO without opening it (no hang), and a socket', async () => {
    const dir = tmp();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    refused(fifo, /it is not a regular file but a named pipe \(FIFO\)/);
    const socket = join(dir, 'sock');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socket, done));
    try {
      refused(socket, /it is not a regular file but a socket/);
      expect(readdirSync(dir).sort()).toEqual(['fifo', 'sock']);
    } finally {
      server.close();
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('follows a dangling symlink: the file is created where it points, the link stays', () => {
    const dir = tmp();
    symlinkSync('sheet.md', join(dir, 'link.md'));
    writeFileAtomic(join(dir, 'link.md'), 'new\n', { overwrite: false });
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'sheet.md'), 'utf8')).toBe('new\n');
  });

  it('follows a chain of links to a device and refuses it', () => {
    const dir = tmp();
    symlinkSync('/dev/null', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    refused(join(dir, 'b'), /character device/);
  });

  it('keeps the mode of the file it replaces (0600 stays 0600, 0755 stays 0755)', () => {
    const dir = tmp();
    for (const mode of [0o600, 0o755, 0o640]) {
      const path = join(dir, `f${mode.toString(8)}`);
      writeFileSync(path, 'old');
      chmodSync(path, mode);
      writeFileAtomic(path, 'new', { overwrite: true });
      expect(statSync(path).mode & 0o777).toBe(mode);
      expect(readFileSync(path, 'utf8')).toBe('new');
    }
  });

  it('refuses a file with hard links instead of splitting them; both names keep the old text', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.md'), 'old');
    linkSync(join(dir, 'a.md'), join(dir, 'b.md'));
    refused(join(dir, 'a.md'), /has 2 hard links/);
    expect(readFileSync(join(dir, 'b.md'), 'utf8')).toBe('old');
    expect(statSync(join(dir, 'a.md')).nlink).toBe(2);
  });

  it.each([231, 245, 255])('writes a name of %i bytes: the temporary name never pushes it past the limit', (bytes) => {
    const dir = tmp();
    const name = 'n'.repeat(bytes - 3) + '.md';
    writeFileAtomic(join(dir, name), 'x', { overwrite: false });
    writeFileAtomic(join(dir, name), 'y', { overwrite: true });
    expect(readdirSync(dir)).toEqual([name]);
    expect(readFileSync(join(dir, name), 'utf8')).toBe('y');
  });

  it('a name over the limit is one line saying so', () => {
    const dir = tmp();
    expect(() => writeFileAtomic(join(dir, `${'n'.repeat(256)}.md`), 'x', { overwrite: true })).toThrow(/the name is too long/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('readBounded: kind and size before reading', () => {
  it('refuses a sparse 200 MB file by its size without reading it', () => {
    const path = join(tmp(), 'big.yaml');
    writeFileSync(path, '');
    truncateSync(path, 200 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(() => readBounded(path, 12 * 1024 * 1024)).toThrow(TooLargeError);
    // Nothing near 200 MB was allocated (counting work, not time).
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a FIFO (never blocks), a character device (never reads /dev/zero) and a folder', () => {
    const dir = tmp();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readBounded(fifo, 100)).toThrow(/not a regular file but a named pipe/);
    expect(() => readBounded('/dev/zero', 100)).toThrow(/not a regular file but a character device/);
    expect(() => readBounded(dir, 100)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });

  it('reads a file at the limit, refuses one byte more, and follows symlinks', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ok'), 'x'.repeat(100));
    symlinkSync('ok', join(dir, 'link'));
    expect(readBounded(join(dir, 'link'), 100)).toBe('x'.repeat(100));
    writeFileSync(join(dir, 'over'), 'x'.repeat(101));
    expect(() => readBounded(join(dir, 'over'), 100)).toThrow(/over the limit/);
  });
});
