/**
 * A unified-style line diff, for `--check` to show what is stale. Myers' O(ND) algorithm:
 * fast when two sheets differ in a few lines, which is the usual case.
 */
export interface DiffOptions {
  /** Names for the `---`/`+++` header lines. */
  from: string;
  to: string;
  /** Unchanged lines shown around each change. */
  context?: number;
  /** Stop after this many output lines, saying how many were left out. */
  maxLines?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * The diff of two texts, or '' when they are equal line for line. A final newline that one
 * text has and the other lacks is a difference too, shown as diff shows it: the last line
 * changed, followed by `\ No newline at end of file`.
 */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  const markLast = endsLine(before) !== endsLine(after);
  const a = splitLines(before, markLast);
  const b = splitLines(after, markLast);
  const ops = diffLines(a, b);
  if (ops.every((op) => op.kind === ' ')) return '';
  const out = [`--- ${options.from}`, `+++ ${options.to}`, ...hunks(ops, options.context ?? 3)];
  const max = options.maxLines ?? Infinity;
  if (out.length > max) {
    const rest = out.length - max;
    return `${out.slice(0, max).join('\n')}\n… ${rest} more diff ${rest === 1 ? 'line' : 'lines'}\n`;
  }
  return `${out.join('\n')}\n`;
}

/** Stands for a missing final newline at the end of a last line: no line holds a line feed, so it cannot be part of one. */
const NO_NEWLINE = '\n';

const endsLine = (text: string): boolean => text === '' || text.endsWith('\n');

function splitLines(text: string, markLast: boolean): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else if (markLast) lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

const opLines = (op: Op): string[] =>
  op.line.endsWith(NO_NEWLINE) ? [`${op.kind}${op.line.slice(0, -NO_NEWLINE.length)}`, '\\ No newline at end of file'] : [`${op.kind}${op.line}`];

/**
 * An edit script turning `a` into `b`: the shortest one when they differ in at most
 * `maxEdits` lines (the usual stale sheet), else the differing middle replaced wholesale,
 * so a file replaced by something else entirely cannot exhaust memory.
 */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 2000): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (line: string): Op => ({ kind: ' ', line });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = shortestEdits(midA, midB, maxEdits) ?? [...midA.map((line): Op => ({ kind: '-', line })), ...midB.map((line): Op => ({ kind: '+', line }))];
  return [...a.slice(0, start).map(same), ...middle, ...a.slice(endA).map(same)];
}

/** Myers' O(ND) algorithm; undefined when more than `maxEdits` edits are needed. */
function shortestEdits(a: readonly string[], b: readonly string[], maxEdits: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // snapshots[d] holds v after step d, for k in [-d, d]: O(D²) memory, bounded by maxEdits.
  const snapshots: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= limit && !done; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    snapshots.push(v.slice(offset - d, offset + d + 1));
  }
  if (!done) return undefined;
  const at = (d: number, k: number): number => snapshots[d]![k + d]!;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = snapshots.length - 1; d > 0; d--) {
    const k = x - y;
    const down = k === -d || (k !== d && at(d - 1, k - 1) < at(d - 1, k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(d - 1, prevK);
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) ops.push({ kind: ' ', line: a[x - 1]! });
    if (down) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
  // Step 0 is a run of equal lines from the start.
  for (; x > 0; x--) ops.push({ kind: ' ', line: a[x - 1]! });
  return ops.reverse();
}

function hunks(ops: readonly Op[], context: number): string[] {
  const out: string[] = [];
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = changed[i]!;
    while (i < changed.length && changed[i]! <= end + 2 * context) end = changed[i++]!;
    const stop = Math.min(ops.length, end + context + 1);
    const [aStart, bStart] = positions(ops, start);
    const slice = ops.slice(start, stop);
    const aCount = slice.filter((op) => op.kind !== '+').length;
    const bCount = slice.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`, ...slice.flatMap(opLines));
  }
  return out;
}

/** 1-based line numbers in `a` and `b` where op `index` starts. */
function positions(ops: readonly Op[], index: number): [number, number] {
  let a = 1;
  let b = 1;
  for (const op of ops.slice(0, index)) {
    if (op.kind !== '+') a++;
    if (op.kind !== '-') b++;
  }
  return [a, b];
}

const range = (start: number, count: number): string => (count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`);
