/** Runs a suite twice: with offsets from Intl (the library default) and from the host clock (the CLI). */
import { afterAll, beforeAll, describe } from 'vitest';
import { useHostClock } from '../../src/time/offset.js';

export function underBothClocks(suite: () => void): void {
  for (const host of [false, true]) {
    describe(host ? 'offsets from the host clock' : 'offsets from Intl', () => {
      beforeAll(() => useHostClock(host));
      afterAll(() => useHostClock(false));
      suite();
    });
  }
}
