/**
 * The atomic writes when the file system fails them partway, injected where no real disk can
 * be made to fail on cue: a full disk (ENOSPC) once the temporary file exists, and a rename
 * that fails after other files were put in place. Whatever fails, every target keeps its old
 * text and no temporary file is left. (Runs in a module graph of its own, ISOLATED in
 * vitest.config.ts: node:fs is replaced here.)
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFilesAtomic, writeLinesAtomic, writePiecesAtomic, writeTempLines, type FileWrite } from '../../src/cli/files.js';

/** What fails: every write to a file (a full disk), or the renames by their number in the run. */
const fail = vi.hoisted(() => ({ writes: false, renames: new Set<number>(), renameCount: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const failure = (code: string, message: string) => Object.assign(new Error(`${code}: ${message}`), { code });
  return {
    ...fs,
    writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
      if (fail.writes) throw failure('ENOSPC', 'no space left on device, write');
      return (fs.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof fs.writeSync,
    renameSync: (from: string, to: string) => {
      if (fail.renames.has(++fail.renameCount)) throw failure('EIO', 'i/o error, rename');
      fs.renameSync(from, to);
    },
  };
});

const made: string[] = [];
/** A folder holding `files` (name: text). */
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-write-failure-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

afterEach(() => {
  fail.writes = false;
  fail.renames.clear();
  fail.renameCount = 0;
});
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('a full disk once the temporary file exists', () => {
  const writers: [string, (target: string) => unknown][] = [
    ['writeFileAtomic', (target) => writeFileAtomic(target, 'new\n', { overwrite: true })],
    ['writeLinesAtomic', (target) => writeLinesAtomic(target, ['new'], { overwrite: true })],
    ['writePiecesAtomic', (target) => writePiecesAtomic(target, ['new', '\n'], { overwrite: true })],
  ];
  it.each(writers)('%s: one line, the old file stands, no temporary file', (_name, write) => {
    const dir = folder({ 'sheet.md': 'old\n' });
    fail.writes = true;
    expect(() => write(join(dir, 'sheet.md'))).toThrow(/^cannot write .*sheet\.md: no space left on the device$/);
    expect(contents(dir)).toEqual({ 'sheet.md': 'old\n' });
  });

  it.each(writers)('%s: a new file is not made either', (_name, write) => {
    const dir = folder();
    fail.writes = true;
    expect(() => write(join(dir, 'sheet.md'))).toThrow(/no space left on the device/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writeTempLines: one line, no temporary file', () => {
    const dir = folder();
    fail.writes = true;
    expect(() => writeTempLines(dir, ['a', 'b'])).toThrow(/^cannot write a temporary file in .*: no space left on the device$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('several files: a full disk at the last one replaces none of them', () => {
    const dir = folder({ 'a.yaml': 'old a\n', 'c.md': 'old c\n' });
    const writes: FileWrite[] = ['a.yaml', 'b.yaml', 'c.md'].map((name) => ({ target: join(dir, name), texts: [`new ${name}\n`], overwrite: true }));
    // The first two temporary files are written; the disk is full from the third on.
    writes[2]!.texts = (function* () {
      fail.writes = true;
      yield 'new c.md\n';
    })();
    expect(() => writeFilesAtomic(writes)).toThrow(/^cannot write .*c\.md: no space left on the device$/);
    expect(contents(dir)).toEqual({ 'a.yaml': 'old a\n', 'c.md': 'old c\n' });
  });
});

describe('several files: a rename that fails after others were put in place', () => {
  const three = (dir: string) => ['a.yaml', 'b.yaml', 'c.md'].map((name) => ({ target: join(dir, name), texts: [`new ${name}\n`], overwrite: true }));

  it('puts the old text back (the same file, by a rename) and removes the new ones', () => {
    const dir = folder({ 'a.yaml': 'old a\n', 'c.md': 'old c\n' });
    const inode = statSync(join(dir, 'a.yaml')).ino;
    fail.renames.add(3); // a and b are in place when c fails
    expect(() => writeFilesAtomic(three(dir))).toThrow(/^cannot write .*c\.md: EIO: i\/o error, rename$/);
    expect(contents(dir)).toEqual({ 'a.yaml': 'old a\n', 'c.md': 'old c\n' });
    expect(statSync(join(dir, 'a.yaml')).ino).toBe(inode);
    expect(statSync(join(dir, 'a.yaml')).nlink).toBe(1);
  });

  it('when the old text cannot be put back, the message says where it is kept', () => {
    const dir = folder({ 'a.yaml': 'old a\n', 'c.md': 'old c\n' });
    fail.renames.add(3).add(4); // c fails, then putting a back fails
    let message = '';
    try {
      writeFilesAtomic(three(dir));
    } catch (error) {
      message = (error as Error).message;
    }
    const kept = /^cannot write .*c\.md: EIO: i\/o error, rename; could not put back .*a\.yaml \(its old text is in (.*\.escalate-[a-z0-9]{8}\.tmp)\)$/.exec(message);
    expect(kept, message).not.toBeNull();
    expect(readFileSync(kept![1]!, 'utf8')).toBe('old a\n');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('new a.yaml\n');
    expect(readdirSync(dir).sort()).toEqual([kept![1]!.slice(dir.length + 1), 'a.yaml', 'c.md'].sort());
  });

  it('files placed without replacing (init without --force) are removed again', () => {
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    const writes = [
      { target: join(dir, 'a.yaml'), texts: ['a\n'], overwrite: false },
      { target: join(dir, 'sub', 'b.yaml'), texts: ['b\n'], overwrite: true },
    ];
    fail.renames.add(1); // b's rename; a was linked into place
    expect(() => writeFilesAtomic(writes)).toThrow(/cannot write .*b\.yaml: EIO/);
    expect(readdirSync(dir)).toEqual(['sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });
});
