/** An invalid record is refused naming each of its problems by field (up to 30, then a count), never "(and 10 more)" of a library's. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecord, readRecordLean } from '../../src/record/read.js';
import { runCli, STACK_TRACE } from '../helpers/cli.js';

const bad = JSON.stringify({
  version: 1,
  started_at: 'yesterday',
  severity: { id: 3 },
  events: [{ type: 'acknowledged', at: '2026-01-01T00:00:00Z' }, { type: 'nope', at: 'x', by: 'a' }],
});

describe('an invalid record', () => {
  it('names every problem with its field, in words', () => {
    const result = readRecord(bad);
    expect(result.ok).toBe(false);
    const reason = result.ok ? '' : result.reason;
    expect(reason).not.toMatch(/more\)/);
    for (const part of [
      'matrix: missing (expected object)',
      'started_at: not a time with an offset, like 2026-03-27T16:30:00+01:00',
      'severity.id: Invalid input: expected string, received number',
      'severity.name: missing (expected string)',
      'events.0.by: missing (expected string)',
      'events.1.type: Invalid ',
    ]) {
      expect(reason).toContain(part);
    }
    expect(reason.split('; ').length).toBeGreaterThanOrEqual(10);
  });

  it('is named the same way when read leanly (status, report)', () => {
    const result = readRecordLean(bad);
    expect(result.ok ? '' : result.reason).toMatch(/^matrix: missing \(expected object\); started_at: not a time with an offset.*; events\.0\.by: missing \(expected string\); events\.1\.type: Invalid option: .*; events\.1\.at: not a time with an offset/);
  });

  it('names a field once, and past 30 problems counts the rest: a broken record of megabytes is still a short line', () => {
    const events = Array.from({ length: 20_000 }, () => ({ type: 'note', at: 'bad', by: 'b', note: 'n' }));
    const result = readRecordLean(JSON.stringify({ ...JSON.parse(bad), events }));
    const reason = result.ok ? '' : result.reason;
    expect(reason).toMatch(/; and \d+ more problems$/);
    const named = reason.replace(/; and \d+ more problems$/, '').split('; ');
    expect(named).toHaveLength(30);
    expect(new Set(named.map((p) => p.split(': ')[0])).size).toBe(30);
    expect(Number(/and (\d+) more/.exec(reason)![1])).toBeGreaterThan(19_970);
    expect(reason.length).toBeLessThan(4000);
    // The well-formed-but-unreal check does not add a second problem for the same time.
    expect(reason.match(/events\.0\.at/g)).toHaveLength(1);
  });

  it('escalate status says it in one line and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-bad-record-'));
    writeFileSync(join(dir, 'bad.json'), bad);
    const result = runCli(['status', join(dir, 'bad.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.json: .*started_at: not a time with an offset.*events\.1\.at: not a time with an offset/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
