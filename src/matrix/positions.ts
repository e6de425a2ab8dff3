/**
 * Offsets in the text → 1-based line and column. yaml's own LineCounter only learns the
 * line starts its lexer reports, which after some syntax errors leaves columns past the end
 * of the line; this index is built from the text itself, so every position exists.
 *
 * A lookup costs a bounded number of steps whatever the size of the text (a big matrix
 * with thousands of findings stays linear): the text is cut into blocks of BLOCK
 * characters, each block knows the line it starts in, and the line of an offset is found
 * by a binary search among the lines that start inside its block (at most BLOCK of them).
 */
import type { WorkCounter } from '../work.js';

export interface Positions {
  linePos(offset: number): { line: number; col: number };
}

const BLOCK = 64;

export class TextPositions implements Positions {
  private readonly starts: number[] = [0];
  /** The index in `starts` of the line each block begins in. */
  private readonly blocks: Int32Array;

  constructor(
    private readonly text: string,
    private readonly work?: WorkCounter,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    this.blocks = new Int32Array(Math.floor(text.length / BLOCK) + 2);
    let line = 0;
    for (let b = 0; b < this.blocks.length; b++) {
      const offset = b * BLOCK;
      while (line + 1 < this.starts.length && this.starts[line + 1]! <= offset) line++;
      this.blocks[b] = line;
    }
  }

  linePos(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const block = Math.floor(at / BLOCK);
    let low = this.blocks[block]!;
    let high = this.blocks[block + 1]!;
    while (low < high) {
      this.work?.add('line-step');
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: at - this.starts[low]! + 1 };
  }
}
