/** Impossible times in a record are refused with the field named, never read as NaN and counted met. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecord, readRecordLean } from '../../src/record/read.js';
import { impossibleTime } from '../../src/record/limits.js';
import { runCli, STACK_TRACE } from '../helpers/cli.js';
import { makeRecord } from './make-record.js';

const base = () => makeRecord({ severity: 'sev1', start: '2026-03-27T16:30:00+01:00' });
const withEvent = (at: string, recorded = at) => ({ ...base(), events: [{ type: 'acknowledged', at, by: 'x', recorded_at: recorded }] });

describe('impossible times', () => {
  it.each([
    ['2026-02-31T10:00:00+01:00', /2026-02 has no day 31/],
    ['2026-03-27T25:00:00+01:00', /25:00:00 is not a time of day/],
    ['2026-03-27T16:60:00+01:00', /16:60:00 is not a time of day/],
    ['2026-13-01T10:00:00Z', /month 13 does not exist/],
    ['2026-03-27T16:40:00+25:00', /\+25:00 is not an offset/],
  ])('%s in an event is refused naming events.0.at', (at, why) => {
    for (const read of [readRecord, readRecordLean]) {
      const result = read(JSON.stringify(withEvent(at, '2026-03-27T16:40:00+01:00')));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toMatch(/^events\.0\.at: /);
        expect(result.reason).toMatch(why);
      }
    }
  });

  it('29 February only in a leap year; 23:59:59 and -12:00 are real', () => {
    expect(impossibleTime('2028-02-29T10:00:00Z')).toBeUndefined();
    expect(impossibleTime('2026-02-29T10:00:00Z')).toMatch(/no day 29/);
    expect(impossibleTime('2026-12-31T23:59:59-12:00')).toBeUndefined();
  });

  it('an event before the start, or after it was recorded (beyond a minute), is refused naming the field', () => {
    const early = readRecordLean(JSON.stringify(withEvent('2026-03-27T16:00:00+01:00')));
    expect(early).toMatchObject({ ok: false, reason: 'events.0.at: 2026-03-27T16:00:00+01:00 is before the incident started (started_at 2026-03-27T16:30:00+01:00)' });
    const future = readRecord(JSON.stringify(withEvent('2026-03-27T18:00:00+01:00', '2026-03-27T16:40:00+01:00')));
    expect(future).toMatchObject({ ok: false, reason: expect.stringMatching(/^events\.0\.at: 2026-03-27T18:00:00\+01:00 is in the future of when it was recorded/) });
    expect(readRecord(JSON.stringify(withEvent('2026-03-27T16:40:30+01:00', '2026-03-27T16:40:00+01:00'))).ok).toBe(true); // within the minute
  });

  it('status on a record with 31 February exits 2 naming file and field, never counting it met', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-times-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(withEvent('2026-02-31T10:00:00+01:00', '2026-03-27T16:40:00+01:00')));
    const result = runCli(['status', dir, '--as-of', '2026-03-27T18:00+01:00']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.json: events\.0\.at: 2026-02-31T10:00:00\+01:00 is not a real time: 2026-02 has no day 31/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
