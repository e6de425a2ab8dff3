/** Import holds one ticket at a time whatever the size of the export: proved by counting what the history's writer held, never by timing. */
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../src/cli/commands/import-run.js';
import { STREAM_CHUNK_BYTES, type StreamStats } from '../../src/cli/files.js';
import { example } from '../helpers/cli.js';
import { memoryIo } from '../helpers/io.js';

const pad = (n: number) => String(n).padStart(2, '0');
function tickets(rows: number): string {
  const out = ['Ticket ID,Created time,Initial response time,Resolved time,Priority,Company Name\n'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2026, 0, 5) + (i % 300) * 86_400_000).toISOString().slice(0, 10);
    out.push(`${100000 + i},${day} ${pad(9 + (i % 8))}:${pad(i % 50)}:00,${day} ${pad(9 + (i % 8))}:${pad((i % 50) + 7)}:00,,${['Urgent', 'High', 'Medium', 'Low'][i % 4]},Northwind Logistics\n`);
  }
  return out.join('');
}

describe('import memory, counted', () => {
  it('writes 500 and 5,000 tickets holding the same chunk at most, while the history grows tenfold', async () => {
    const held = async (rows: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'escalate-import-memory-'));
      const csv = join(dir, 'tickets.csv');
      writeFileSync(csv, tickets(rows));
      const out = join(dir, 'out');
      mkdirSync(out);
      const stats: StreamStats = { maxBuffered: 0, bytes: 0 };
      const { io, stderr } = memoryIo({ cwd: dir });
      const code = await runImport(csv, { matrix: example('msp.yaml'), outDir: out, preset: 'freshdesk' }, io, stats);
      expect(stderr()).toBe('');
      expect(code).toBe(0);
      const [file] = readdirSync(join(out, 'imports'));
      expect(statSync(join(out, 'imports', file!)).size).toBe(stats.bytes);
      return stats;
    };
    const small = await held(500);
    const large = await held(5_000);
    expect(large.bytes).toBeGreaterThan(9 * small.bytes);
    // One chunk and the line that filled it, however many tickets: never the whole history.
    expect(small.maxBuffered).toBeLessThanOrEqual(STREAM_CHUNK_BYTES + 4096);
    expect(large.maxBuffered).toBeLessThanOrEqual(STREAM_CHUNK_BYTES + 4096);
    // About 150 bytes a ticket: 5,000 tickets in about 740 KB, not 50 MB of record files.
    expect(large.bytes / 5_000).toBeLessThan(200);
  }, 120_000);
});
