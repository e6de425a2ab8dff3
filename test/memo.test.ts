import { describe, expect, it } from 'vitest';
import { remembered } from '../src/memo.js';

describe('remembered', () => {
  it('makes a value once per key, and never holds more than the limit', () => {
    const map = new Map<number, string>();
    let made = 0;
    const get = (k: number) => remembered(map, k, 3, () => `v${k}#${++made}`);
    expect(get(1)).toBe('v1#1');
    expect(get(1)).toBe('v1#1');
    expect(made).toBe(1);
    for (let k = 2; k <= 10; k++) get(k);
    expect(map.size).toBeLessThanOrEqual(3);
    expect(get(10)).toBe('v10#10'); // still held after the last clearing
  });

  it('keeps a null answer, and keeps nothing when making throws', () => {
    const map = new Map<string, number | null>();
    let made = 0;
    expect(remembered(map, 'a', 10, () => (made++, null))).toBeNull();
    expect(remembered(map, 'a', 10, () => (made++, 1))).toBeNull();
    expect(made).toBe(1);
    expect(() => remembered(map, 'b', 10, () => { throw new Error('bad'); })).toThrow('bad');
    expect(map.has('b')).toBe(false);
  });
});
