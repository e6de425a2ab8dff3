/** The report's governance section: which structured thresholds triggered in the range, and the incidents behind each. Pure. */
import { formatInstant } from '../time/instant.js';
import type { TriggerResult } from './governance.js';
import { cell } from './report-format.js';

const when = (d: Date, zone: string) => formatInstant(d, zone).slice(0, 16).replace('T', ' ');

export function governanceJson(results: readonly TriggerResult[], free: readonly string[], zone: string) {
  return {
    triggers: results.map((r) => ({
      id: r.id,
      text: r.text,
      condition: r.condition,
      triggered: r.triggered,
      hits: r.hits.map((h) => ({
        ...(h.key !== undefined ? { key: h.key } : {}),
        incidents: h.incidents.map(({ file, evaluation: e }) => ({
          file,
          severity: e.severity,
          ...(e.client ? { client: e.client } : {}),
          ...(e.tier ? { tier: e.tier } : {}),
          started_at: formatInstant(e.start, zone),
        })),
      })),
    })),
    free_text: [...free],
  };
}

export function governanceMarkdown(results: readonly TriggerResult[], free: readonly string[], zone: string): string {
  const out: string[] = ['## Governance review', ''];
  const triggered = results.filter((r) => r.triggered);
  out.push(
    results.length === 0
      ? 'The matrix states no structured governance triggers.'
      : `${triggered.length} of ${results.length} governance trigger${results.length === 1 ? '' : 's'} triggered by the incidents in this report${triggered.length > 0 ? ': the review meeting\u2019s agenda.' : '.'}`,
    '',
  );
  if (results.length > 0) {
    out.push('| trigger | condition | triggered | incidents behind it |', '|---|---|---|---:|');
    for (const r of results) out.push(`| ${cell(r.text)} | ${cell(r.condition)} | ${r.triggered ? '**yes**' : 'no'} | ${r.hits.reduce((n, h) => n + h.incidents.length, 0)} |`);
    out.push('');
  }
  for (const r of triggered) {
    out.push(`### ${cell(r.text)}`, '');
    for (const h of r.hits) {
      const prefix = h.key !== undefined ? `${cell(h.key)}: ` : '';
      for (const { file, evaluation: e } of h.incidents) {
        const who = [e.severity, e.client ?? e.tier].filter((x): x is string => x !== undefined).map(cell).join(', ');
        out.push(`- ${prefix}${cell(file)} (${who}), started ${when(e.start, zone)}`);
      }
    }
    out.push('');
  }
  if (free.length > 0) {
    out.push('Thresholds written as free text, for people to judge:', '');
    for (const f of free) out.push(`- ${cell(f)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
