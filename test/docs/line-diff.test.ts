import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { diffLines, unifiedDiff } from '../../src/docs/line-diff.js';

const names = { from: 'a.md', to: 'b.md' };

describe('unifiedDiff', () => {
  test('equal texts give no diff', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', names)).toBe('');
  });

  test('a changed line shows as - and + with three lines of context', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    const after = before.replace('5', 'five');
    expect(unifiedDiff(before, after, names)).toBe(['--- a.md', '+++ b.md', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'));
  });

  test('changes far apart get separate hunks; close ones share one', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const far = [...lines];
    far[1] = 'changed 2';
    far[25] = 'changed 26';
    expect(unifiedDiff(lines.join('\n'), far.join('\n'), names).match(/^@@/gm)).toHaveLength(2);
    const near = [...lines];
    near[1] = 'changed 2';
    near[6] = 'changed 7';
    expect(unifiedDiff(lines.join('\n'), near.join('\n'), names).match(/^@@/gm)).toHaveLength(1);
  });

  test('an added last line and a file that was emptied', () => {
    expect(unifiedDiff('a\n', 'a\nb\n', names)).toBe('--- a.md\n+++ b.md\n@@ -1 +1,2 @@\n a\n+b\n');
    expect(unifiedDiff('a\nb\n', '', names)).toBe('--- a.md\n+++ b.md\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });

  test('a final newline on one side only is a difference, marked as diff marks it', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', names)).toBe('--- a.md\n+++ b.md\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(unifiedDiff('a\nb\n', 'a\nb', names)).toBe('--- a.md\n+++ b.md\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n');
    expect(unifiedDiff('', 'a', names)).toBe('--- a.md\n+++ b.md\n@@ -0,0 +1 @@\n+a\n\\ No newline at end of file\n');
  });

  test('a long diff is cut, saying how much was left out', () => {
    const before = Array.from({ length: 50 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 50 }, (_, i) => `new ${i}`).join('\n');
    const diff = unifiedDiff(before, after, { ...names, maxLines: 10 });
    expect(diff.split('\n')).toHaveLength(12);
    expect(diff).toMatch(/… 93 more diff lines\n$/);
  });
});

describe('diffLines', () => {
  const line = fc.constantFrom('a', 'b', 'c', 'd', '');
  test('the script rebuilds both sides and is never longer than replacing everything', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((op) => op.kind !== '+').map((op) => op.line)).toEqual(a);
        expect(ops.filter((op) => op.kind !== '-').map((op) => op.line)).toEqual(b);
        const edits = ops.filter((op) => op.kind !== ' ').length;
        expect(edits).toBeLessThanOrEqual(a.length + b.length);
      }),
    );
  });

  test('the script is minimal: edits = |a| + |b| - 2·LCS', () => {
    const lcs = (a: string[], b: string[]) => {
      const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
      return t[a.length]![b.length]!;
    };
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.array(line, { maxLength: 25 }), (a, b) => {
        const edits = diffLines(a, b).filter((op) => op.kind !== ' ').length;
        expect(edits).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
    );
  });

  test('past the edit limit the differing middle is replaced wholesale, still rebuilding both sides', () => {
    const a = ['same', 'a1', 'a2', 'a3', 'end'];
    const b = ['same', 'b1', 'a2', 'b3', 'end'];
    expect(diffLines(a, b).filter((op) => op.kind !== ' ')).toHaveLength(4);
    const wholesale = diffLines(a, b, 1);
    expect(wholesale.map((op) => `${op.kind}${op.line}`)).toEqual([' same', '-a1', '-a2', '-a3', '+b1', '+a2', '+b3', ' end']);
  });

  // How fast is a budget of `npm run bench`.
  test('two large unrelated texts diff in bounded memory', () => {
    const a = Array.from({ length: 60_000 }, (_, i) => `a ${i}`);
    const b = Array.from({ length: 60_000 }, (_, i) => `b ${i}`);
    const diff = unifiedDiff(a.join('\n'), b.join('\n'), { ...names, maxLines: 20 });
    expect(diff.split('\n')[2]).toBe('@@ -1,60000 +1,60000 @@');
  });
});
