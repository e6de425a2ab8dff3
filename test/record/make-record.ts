/** Builds incident records for tests the way triage --record does, from a shipped example matrix. */
import { buildResult } from '../../src/triage/result.js';
import { planIncident } from '../../src/triage/plan.js';
import type { IncidentRecord, RecordEvent } from '../../src/record/schema.js';
import { formatInstant } from '../../src/time/instant.js';
import { loadExample } from '../triage/load-example.js';

const matrices = new Map<string, ReturnType<typeof loadExample>>();

export interface RecordSpec {
  matrix?: string;
  severity: string;
  start: string;
  client?: string;
  tier?: string;
  handoff?: Record<string, string>;
}

/** An event as a test writes it: who and when it was recorded are filled in. */
export type EventInput = RecordEvent extends infer E ? (E extends RecordEvent ? Omit<E, 'recorded_at' | 'by'> & { by?: string } : never) : never;

export function makeRecord(spec: RecordSpec, events: EventInput[] = []): IncidentRecord {
  const name = spec.matrix ?? 'saas-support.yaml';
  if (!matrices.has(name)) matrices.set(name, loadExample(name));
  const matrix = matrices.get(name)!;
  const start = new Date(spec.start);
  const planned = planIncident(matrix, spec.severity, { start, now: start, ...(spec.client ? { client: spec.client } : {}), ...(spec.tier ? { tier: spec.tier } : {}) });
  if (!planned.ok) throw new Error(planned.reason);
  const result = buildResult(matrix, planned.plan, { path: [], decidedBy: 'severity', sha256: 'f'.repeat(64), handoff: spec.handoff ?? {} });
  const zone = matrix.timezone;
  return {
    ...result,
    events: events.map((e) => ({ by: 'tester', recorded_at: formatInstant(new Date(e.at), zone), ...e, at: formatInstant(new Date(e.at), zone) }) as RecordEvent),
  };
}
