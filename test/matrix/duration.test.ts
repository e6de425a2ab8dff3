import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/time/duration.js';
import { closest } from '../../src/matrix/suggest.js';
import { reviewDue, daysUntilReview } from '../../src/matrix/upkeep.js';
import { keysAt } from '../../src/matrix/shape.js';

describe('parseDuration', () => {
  it.each([
    ['15m', 15],
    ['2h', 120],
    ['1d', 1440],
    ['1h30m', 90],
    ['2w', 20160],
    ['0m', 0],
    [' 4h ', 240],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, minutes });
  });
  it.each(['', '15', 'm', '15 minutes', '1.5h', '30m1h', '-5m', '99999d', '1y'])('rejects %j', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
  it('formats minutes back to the shortest form', () => {
    expect([0, 15, 90, 1440, 1530].map(formatDuration)).toEqual(['0m', '15m', '1h30m', '1d', '1d1h30m']);
  });
});

describe('closest', () => {
  it('finds typos, transpositions and nothing for unrelated words', () => {
    expect(closest('severitiez', ['severities', 'roles'])).toBe('severities');
    expect(closest('calendar', ['owner', 'roles'])).toBeUndefined();
    expect(closest('sevirity', ['severity'])).toBe('severity');
    expect(closest('zzz', ['severities'])).toBeUndefined();
  });
});

describe('reviewDue', () => {
  it('adds the cadence in days', () => {
    expect(reviewDue('2026-10-01', '90d')).toBe('2026-12-30');
    expect(reviewDue('2026-12-15', '4w')).toBe('2027-01-12');
    expect(daysUntilReview('2026-10-01', '90d', '2026-12-31')).toBe(-1);
    expect(daysUntilReview('2026-10-01', '90d', '2026-12-20')).toBe(10);
  });
});

describe('keysAt', () => {
  it('walks objects, arrays and records of the schema', () => {
    expect(keysAt([])).toContain('severities');
    expect(keysAt(['severities', 0])).toContain('definition');
    expect(keysAt(['roles', 'lead'])).toEqual(['title', 'contact', 'side', 'client_contact', 'backup', 'description']);
    expect(keysAt(['triage', 'questions', 'q', 'answers', 0, 'outcome'])).toEqual(['severity', 'owner', 'route', 'note', 'inform']);
    expect(keysAt(['nothing'])).toEqual([]);
  });
});
