/** Governance triggers over judged incidents: which incidents each selects, counts within a rolling window, per client. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/record/evaluate.js';
import { evaluateGovernance } from '../../src/record/governance.js';
import type { Judged } from '../../src/record/report.js';
import type { GovernanceTrigger } from '../../src/matrix/schema.js';
import { makeRecord } from './make-record.js';

const AS_OF = new Date('2027-06-01T00:00:00Z');
/** A p1 (msp) for a client, acknowledged on time (15m) or late. */
const p1 = (file: string, start: string, client: string, ackAfterMinutes = 5): Judged => {
  const at = new Date(new Date(start).getTime() + ackAfterMinutes * 60_000).toISOString();
  const record = makeRecord({ matrix: 'msp.yaml', severity: 'p1', start, client }, [
    { type: 'acknowledged', at },
    { type: 'resolved', at: new Date(new Date(start).getTime() + 60 * 60_000).toISOString() },
  ]);
  return { file, evaluation: evaluate(record, AS_OF) };
};
/** The targets an incident breached, by the judging. */
const b = (j: Judged) => j.evaluation.targets.filter((t) => ['late', 'overdue', 'missed'].includes(t.state)).map((t) => t.kind);
/** The same incident with every target met on time (each event at its start). */
const ownerOnTime = (j: Judged): Judged => {
  const start = j.evaluation.start.toISOString();
  const record = makeRecord({ matrix: 'msp.yaml', severity: 'p1', start, client: j.evaluation.client! }, [
    { type: 'acknowledged', at: start },
    { type: 'owner_assigned', at: start },
    { type: 'client_notified', at: start },
    { type: 'update_sent', at: start },
    { type: 'resolved', at: start },
    { type: 'rca_delivered', at: start },
  ]);
  return { file: j.file, evaluation: evaluate(record, AS_OF) };
};
const files = (r: ReturnType<typeof evaluateGovernance>[number]) => r.hits.map((h) => [h.key ?? '-', h.incidents.map((j) => j.file)]);

describe('evaluateGovernance', () => {
  const repeat: GovernanceTrigger = { id: 'repeat', text: 'More than two P1s for one client in a quarter', severities: ['p1'], more_than: 2, within: '90d', per: 'client' };

  it('triggers per client when more than N start within the window, counting a start exactly `within` after the first', () => {
    const incidents = [
      p1('a.json', '2026-01-01T10:00:00Z', 'northwind'),
      p1('b.json', '2026-02-01T10:00:00Z', 'northwind'),
      p1('c.json', '2026-04-01T10:00:00Z', 'northwind'), // 90 days after a.json, to the minute
      p1('d.json', '2026-01-05T10:00:00Z', 'contoso'),
      p1('e.json', '2026-01-06T10:00:00Z', 'contoso'),
    ];
    const [result] = evaluateGovernance([repeat], incidents);
    expect(result!.triggered).toBe(true);
    expect(files(result!)).toEqual([['northwind', ['a.json', 'b.json', 'c.json']]]);
    const later = [incidents[0]!, incidents[1]!, p1('c.json', '2026-04-01T10:01:00Z', 'northwind')]; // a minute too late
    expect(evaluateGovernance([repeat], later)[0]!.triggered).toBe(false);
  });

  it('without per counts all clients together; without more_than triggers on every matching incident', () => {
    const incidents = [p1('a.json', '2026-01-01T10:00:00Z', 'northwind', 30), p1('b.json', '2026-01-02T10:00:00Z', 'contoso'), p1('c.json', '2026-01-03T10:00:00Z', 'contoso', 20)];
    const together = evaluateGovernance([{ ...repeat, per: undefined } as GovernanceTrigger], incidents)[0]!;
    expect(files(together)).toEqual([['-', ['a.json', 'b.json', 'c.json']]]);
    const late: GovernanceTrigger = { id: 'late', text: 'Any P1 acknowledged late', severities: ['p1'], breaches: 'acknowledge' };
    expect(files(evaluateGovernance([late], incidents)[0]!)).toEqual([['-', ['a.json', 'c.json']]]);
    const anyBreach: GovernanceTrigger = { id: 'any', text: 'Any breach', breaches: 'any' };
    // b.json was acknowledged on time but never had an owner assigned before its resolution: a missed target.
    expect(b(incidents[1]!)).toContain('assign_owner');
    expect(evaluateGovernance([anyBreach], incidents)[0]!.hits[0]!.incidents.map((j) => j.file)).toEqual(['a.json', 'b.json', 'c.json']);
    expect(evaluateGovernance([anyBreach], [incidents[1]!].map(ownerOnTime))[0]!.triggered).toBe(false);
    const p2only: GovernanceTrigger = { id: 'p2', text: 'Any P2', severities: ['p2'] };
    expect(evaluateGovernance([p2only], incidents)[0]).toMatchObject({ triggered: false, hits: [], condition: 'p2 · each incident' });
  });

  it('leaves free text to people and names each condition in words', () => {
    const results = evaluateGovernance(['A client escalates to their account executive', repeat], []);
    expect(results).toEqual([{ id: 'repeat', text: repeat.text, condition: 'p1 · more than 2 within 90d per client', triggered: false, hits: [] }]);
  });
});
