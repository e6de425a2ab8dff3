/**
 * Offsets in the text → 1-based line and column. yaml's own LineCounter only learns the
 * line starts its lexer reports, which after some syntax errors leaves columns past the end
 * of the line; this index is built from the text itself, so every position exists.
 */
export interface Positions {
  linePos(offset: number): { line: number; col: number };
}

export class TextPositions implements Positions {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  linePos(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: at - this.starts[low]! + 1 };
  }
}
