/** A signal that arrives after an event is safely written ends the run with exit 0 and says the event is kept, not 143. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signalOutcome } from '../../src/cli/entry.js';
import { committedWork, markCommitted } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { example, runCli } from '../helpers/cli.js';
import { memoryIo } from '../helpers/io.js';

describe('a signal after the write', () => {
  it('before anything is written: the conventional code; after: exit 0 and a line saying the event is kept', () => {
    expect(signalOutcome('terminated (SIGTERM)', 143, undefined)).toEqual({ code: 143, message: '\nescalate: terminated (SIGTERM)\n' });
    expect(signalOutcome('terminated (SIGTERM)', 143, 'the acknowledged event was written to inc.json')).toEqual({
      code: 0,
      message: '\nescalate: terminated (SIGTERM) after the acknowledged event was written to inc.json; it is kept\n',
    });
  });

  it('escalate event marks its work done once the record is written, and not before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-signal-'));
    const record = join(dir, 'inc.json');
    expect(runCli(['triage', '--matrix', example('saas-support.yaml'), '--severity', 'sev1', '--at', '2026-11-24T10:00+01:00', '--record', record]).code).toBe(0);
    // Each run starts with nothing done (other tests in this worker ran commands before);
    // one refused before its write marks nothing.
    const { io } = memoryIo({ now: () => new Date('2026-11-24T09:30:00Z') });
    markCommitted('the work of an earlier run');
    expect(await main({ argv: ['event', record, 'acknowledged'], io })).toBe(2); // no --by
    expect(committedWork()).toBeUndefined();
    expect(await main({ argv: ['event', record, 'acknowledged', '--by', 'dana'], io })).toBe(0);
    expect(committedWork()).toBe(`the acknowledged event was written to ${record}`);
    expect(JSON.parse(readFileSync(record, 'utf8')).events).toHaveLength(1);
  });
});
