/** The answer fits an 80x24 screen for every case of screen-cases.ts, rendered; tmux.test.ts plays the longest of each example on a real terminal. */
import { describe, expect, it } from 'vitest';
import { SCREEN_ROWS } from '../../src/triage/card.js';
import { EXAMPLES, everyCase } from './screen-cases.js';

describe('the answer fits an 80x24 screen', () => {
  for (const file of EXAMPLES) {
    it(`${file}: every outcome x contract x exception x start`, () => {
      const cases = everyCase(file);
      expect(cases.length).toBeGreaterThan(10);
      // The shell prompt takes the last row.
      const over = cases.filter((c) => c.lines > SCREEN_ROWS);
      const worst = [...cases].sort((a, b) => b.lines - a.lines)[0]!;
      console.log(`${file}: ${cases.length} cases, the longest ${worst.lines} rows (${worst.name})`);
      expect(over.map((c) => `${c.name}: ${c.lines} rows\n${c.card}`)).toEqual([]);
    });
  }
});
