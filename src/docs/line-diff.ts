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

/** The diff of two texts, or '' when their lines are equal. */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  const a = splitLines(before);
  const b = splitLines(after);
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

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The shortest edit script turning `a` into `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the edits.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x]! });
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
    else ops.push({ kind: '-', line: a[--x]! });
  }
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
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`, ...slice.map((op) => `${op.kind}${op.line}`));
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
