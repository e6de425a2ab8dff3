// Writes N incident records for the report benchmark: the records of examples/records,
// copied with every instant moved back by whole weeks (so each keeps its shape, its
// business-hours pattern and its events), spread over about four years. As in a real
// history, incidents of earlier weeks are resolved (a resolved event is added a day in);
// only the latest week's copies stay open.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[+-]\d{2}:\d{2}|Z))"/g;
const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;

export function generateRecords(examplesDir, outDir, count) {
  const templates = readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(join(examplesDir, f), 'utf8'));
  for (let i = 0; i < count; i++) {
    const weeks = (i * 37) % 200;
    const shift = weeks * WEEK;
    const record = JSON.parse(templates[i % templates.length].replace(ISO, (_, iso) => `"${new Date(Date.parse(iso) - shift).toISOString().slice(0, 19)}Z"`));
    const events = record.events ?? [];
    if (weeks > 0 && !events.some((e) => e.type === 'resolved')) {
      const at = new Date(Date.parse(record.started_at) + DAY).toISOString().slice(0, 19) + 'Z';
      events.push({ type: 'resolved', at, by: 'bench', recorded_at: at });
    }
    writeFileSync(join(outDir, `inc-${String(i).padStart(5, '0')}.json`), `${JSON.stringify({ ...record, events }, null, 2)}\n`);
  }
}
