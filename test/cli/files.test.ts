import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/files.js';

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
