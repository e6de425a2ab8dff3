import { describe, expect, it } from 'vitest';
import { agoText, minutesFrom, relativeText, spanText } from '../../src/time/relative.js';

describe('relative times', () => {
  const now = new Date('2026-03-27T15:42:00Z');
  it('counts whole minutes toward now', () => {
    expect(minutesFrom(now, new Date('2026-03-27T15:54:59Z'))).toBe(12);
    expect(minutesFrom(now, new Date('2026-03-27T15:36:30Z'))).toBe(-5);
    expect(minutesFrom(now, now)).toBe(0);
  });
  it('words a span with its two largest units', () => {
    expect(spanText(45)).toBe('45 min');
    expect(spanText(60)).toBe('1 h');
    expect(spanText(200)).toBe('3 h 20 min');
    expect(spanText(-3000)).toBe('2 d 2 h');
    expect(spanText(2880)).toBe('2 d');
  });
  it('says in, overdue by, or due now', () => {
    expect(relativeText(12)).toBe('in 12 min');
    expect(relativeText(-5)).toBe('overdue by 5 min');
    expect(relativeText(0)).toBe('due now');
    expect(agoText(-12)).toBe('12 min ago');
    expect(agoText(90)).toBe('in 1 h 30 min');
  });
});
