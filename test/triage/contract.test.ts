import { describe, expect, it } from 'vitest';
import { applyContract, exceptionWindow } from '../../src/triage/contract.js';
import { planIncident, type IncidentPlan, type PlanOptions } from '../../src/triage/plan.js';
import type { Matrix, MatrixException } from '../../src/matrix/schema.js';
import { loadExample } from './load-example.js';

const msp = loadExample('msp.yaml');
const vendor = loadExample('client-vendor.yaml');
const t = (text: string) => new Date(text);

function plan(matrix: Matrix, severity: string, options: Partial<PlanOptions> & { start: Date }): IncidentPlan {
  const result = planIncident(matrix, severity, { now: options.start, ...options });
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}
const due = (p: IncidentPlan, kind: string) => p.deadlines.find((d) => d.kind === kind);

// A Tuesday in New York, outside the Northwind migration window.
const TUESDAY = t('2026-11-10T10:00:00-05:00');

describe('customer tiers and named clients', () => {
  it('a standard and a premium client get the same severity with different, stated deadlines', () => {
    const standard = plan(msp, 'p1', { start: TUESDAY, client: 'harbor-dental' });
    const premium = plan(msp, 'p1', { start: TUESDAY, client: 'northwind' });
    expect(standard.severity.id).toBe('p1');
    expect(premium.severity.id).toBe('p1');
    expect(due(standard, 'acknowledge')).toMatchObject({ target: '15m', iso: '2026-11-10T10:15:00-05:00', source: 'severity' });
    expect(due(premium, 'acknowledge')).toMatchObject({ target: '10m', iso: '2026-11-10T10:10:00-05:00', source: 'tier premium' });
    expect(standard.contract.changes).toEqual([]);
    expect(standard.contract.tier?.id).toBe('standard');
    expect(premium.contract.changes).toEqual([
      { kind: 'acknowledge', from: '15m', to: '10m', source: 'tier premium' },
      { kind: 'assign_owner', from: '15m', to: '10m', source: 'tier premium' },
      { kind: 'notify_client', from: '30m', to: '20m', source: 'tier premium' },
      { kind: 'update_every', from: '1h', to: '30m', source: 'tier premium' },
    ]);
    expect(premium.contract.client).toEqual({ id: 'northwind', name: 'Northwind Logistics', note: 'Warehouses run nights; treat any scanner outage as a P1 candidate.' });
  });

  it('adds the tier\u2019s and the client\u2019s roles to the first escalation step, saying where they came from', () => {
    const premium = plan(msp, 'p1', { start: TUESDAY, client: 'northwind' });
    expect(premium.contract.extraRoles).toEqual([
      { role: 'account-manager', source: 'tier premium' },
      { role: 'client-exec', source: 'client northwind' },
    ]);
    expect(premium.escalation[0]!.notify.map((r) => [r.role, r.source])).toEqual([
      ['l1', undefined],
      ['l2', undefined],
      ['account-manager', 'tier premium'],
      ['client-exec', 'client northwind'],
    ]);
  });

  it('a client\u2019s own targets win over its tier\u2019s', () => {
    const contoso = plan(msp, 'p1', { start: TUESDAY, client: 'contoso' });
    expect(due(contoso, 'acknowledge')).toMatchObject({ target: '5m', source: 'client contoso' });
    expect(due(contoso, 'assign_owner')).toMatchObject({ target: '10m', source: 'tier premium' });
  });

  it('a tier\u2019s calendar replaces the severity\u2019s: premium P3 runs round the clock', () => {
    const friday = t('2026-11-13T19:00:00-05:00');
    const standard = plan(msp, 'p3', { start: friday, tier: 'standard' });
    const premium = plan(msp, 'p3', { start: friday, tier: 'premium' });
    expect(standard.clock).toMatchObject({ id: 'business', source: 'severity' });
    expect(due(standard, 'acknowledge')!.iso).toBe('2026-11-16T09:00:00-05:00');
    expect(premium.clock).toMatchObject({ id: '24x7', source: 'tier premium' });
    expect(due(premium, 'acknowledge')!.iso).toBe('2026-11-13T19:30:00-05:00');
  });

  it('refuses an unknown client or tier, and a tier that contradicts the client', () => {
    const severity = msp.severities[0]!;
    expect(applyContract(msp, severity, { client: 'acme' }, TUESDAY)).toMatchObject({ ok: false, code: 'unknown-client' });
    expect(applyContract(msp, severity, { tier: 'gold' }, TUESDAY)).toMatchObject({ ok: false, code: 'unknown-tier' });
    expect(applyContract(msp, severity, { client: 'northwind', tier: 'standard' }, TUESDAY)).toMatchObject({ ok: false, code: 'tier-mismatch' });
    expect(applyContract(msp, severity, { client: 'northwind', tier: 'premium' }, TUESDAY).ok).toBe(true);
  });
});

describe('time-bound exceptions', () => {
  // northwind-migration: 2027-01-15T18:00 until 2027-01-18T08:00 New York time, p1 and p2, client northwind.
  it('inside its window an exception wins over the tier, and adds its roles', () => {
    const p = plan(msp, 'p1', { start: t('2027-01-16T03:00:00-05:00'), client: 'northwind' });
    expect(p.contract.exceptions.map((e) => e.id)).toEqual(['northwind-migration']);
    expect(due(p, 'acknowledge')).toMatchObject({ target: '5m', source: 'exception northwind-migration' });
    expect(due(p, 'escalate_after')).toMatchObject({ target: '30m', source: 'exception northwind-migration' });
    expect(due(p, 'assign_owner')).toMatchObject({ target: '10m', source: 'tier premium' });
    expect(p.contract.extraRoles.map((r) => r.role)).toEqual(['account-manager', 'client-exec', 'l3']);
    expect(p.severity.id).toBe('p1');
  });

  it('outside its window it changes nothing: just before, at its end, and after', () => {
    for (const start of ['2027-01-15T17:59:00-05:00', '2027-01-18T08:00:00-05:00', '2027-02-01T12:00:00-05:00']) {
      const p = plan(msp, 'p1', { start: t(start), client: 'northwind' });
      expect(p.contract.exceptions, start).toEqual([]);
      expect(due(p, 'acknowledge')!.target).toBe('10m');
    }
    expect(plan(msp, 'p1', { start: t('2027-01-15T18:00:00-05:00'), client: 'northwind' }).contract.exceptions).toHaveLength(1);
  });

  it('applies only to its severities and clients', () => {
    const inside = t('2027-01-16T03:00:00-05:00');
    expect(plan(msp, 'p3', { start: inside, client: 'northwind' }).contract.exceptions).toEqual([]);
    expect(plan(msp, 'p1', { start: inside, client: 'contoso' }).contract.exceptions).toEqual([]);
    expect(plan(msp, 'p1', { start: inside }).contract.exceptions).toEqual([]);
  });

  it('an exception for every client applies without --client; an expired one is ignored', () => {
    // peak-season: 2026-12-01T00:00 until 2027-01-04T23:59 London time; sev2 notify_client 2h → 1h.
    const during = plan(vendor, 'sev2', { start: t('2026-12-10T10:00:00Z') });
    expect(due(during, 'notify_client')).toMatchObject({ target: '1h', source: 'exception peak-season' });
    expect(during.escalation[0]!.notify.map((r) => r.role)).toContain('client-ops');
    const expired = plan(vendor, 'sev2', { start: t('2027-02-01T10:00:00Z') });
    expect(expired.contract.exceptions).toEqual([]);
    expect(due(expired, 'notify_client')).toMatchObject({ target: '2h', source: 'severity' });
  });

  it('a tier plus an active exception: the exception wins where both set a target', () => {
    // contoso-refunds is on the regulated tier: sev2 notify_client 1h, update_every 1h; the exception sets the same.
    const p = plan(vendor, 'sev2', { start: t('2026-12-10T10:00:00Z'), client: 'contoso-refunds' });
    expect(due(p, 'notify_client')!.source).toBe('exception peak-season');
    expect(p.clock).toMatchObject({ id: '24x7', source: 'tier regulated' });
    expect(p.contract.extraRoles).toEqual([
      { role: 'quality', source: 'tier regulated' },
      { role: 'client-ops', source: 'exception peak-season' },
    ]);
  });

  it('an exception may change the owner while active', () => {
    const withOwner: Matrix = {
      ...msp,
      exceptions: [{ ...msp.exceptions![0]!, owner: 'l3' } as MatrixException],
    };
    const inside = plan(withOwner, 'p1', { start: t('2027-01-16T03:00:00-05:00'), client: 'northwind' });
    expect(inside.owner).toMatchObject({ role: 'l3', source: 'exception northwind-migration' });
    const outside = plan(withOwner, 'p1', { start: t('2027-02-16T03:00:00-05:00'), client: 'northwind' });
    expect(outside.owner.role).toBe('l2');
  });

  it('a date without a time ends at the end of that day, in the matrix zone', () => {
    const exception = { ...msp.exceptions![0]!, from: '2027-01-15', until: '2027-01-17' } as MatrixException;
    const window = exceptionWindow(exception, 'America/New_York')!;
    expect(window.from.toISOString()).toBe('2027-01-15T05:00:00.000Z');
    expect(window.until.toISOString()).toBe('2027-01-18T05:00:00.000Z');
  });
});

describe('exception windows across daylight-saving changes', () => {
  const northwind = msp.exceptions![0]!;
  const withWindow = (from: string, until: string, timezone = msp.timezone): Matrix => ({
    ...msp,
    timezone,
    exceptions: [{ ...northwind, from, until } as MatrixException],
  });

  it('an exception starting at a time the clocks skip starts when they jump, and is active after it', () => {
    // New York skips 02:00-03:00 on 14 March 2027.
    const matrix = withWindow('2027-03-14T02:30', '2027-03-16T08:00');
    expect(exceptionWindow(matrix.exceptions![0]!, 'America/New_York')!.from.toISOString()).toBe('2027-03-14T07:00:00.000Z');
    const p = plan(matrix, 'p1', { start: t('2027-03-15T10:00:00-04:00'), client: 'northwind' });
    expect(p.contract.exceptions.map((e) => e.id)).toEqual(['northwind-migration']);
    expect(due(p, 'acknowledge')).toMatchObject({ target: '5m', source: 'exception northwind-migration' });
    expect(plan(matrix, 'p1', { start: t('2027-03-14T01:59:00-05:00'), client: 'northwind' }).contract.exceptions).toEqual([]);
    expect(plan(matrix, 'p1', { start: t('2027-03-14T03:00:00-04:00'), client: 'northwind' }).contract.exceptions).toHaveLength(1);
  });

  it('an exception ending at a time the clocks skip ends when they jump', () => {
    const matrix = withWindow('2027-03-13T08:00', '2027-03-14T02:30');
    const window = exceptionWindow(matrix.exceptions![0]!, 'America/New_York')!;
    expect(window.until.toISOString()).toBe('2027-03-14T07:00:00.000Z');
    expect(plan(matrix, 'p1', { start: t('2027-03-14T01:30:00-05:00'), client: 'northwind' }).contract.exceptions).toHaveLength(1);
    expect(plan(matrix, 'p1', { start: t('2027-03-14T03:00:00-04:00'), client: 'northwind' }).contract.exceptions).toEqual([]);
  });

  it('a time the clocks pass twice is its first occurrence', () => {
    // New York repeats 01:00-02:00 on 7 November 2027: 01:30 is first -04:00, then -05:00.
    const window = exceptionWindow({ ...northwind, from: '2027-11-07T01:30', until: '2027-11-08' } as MatrixException, 'America/New_York')!;
    expect(window.from.toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });

  it('a date alone starts at the first instant of that day, even where the clocks skip midnight', () => {
    // Santiago jumps from 00:00 to 01:00 on 6 September 2026.
    const matrix = withWindow('2026-09-06', '2026-09-07', 'America/Santiago');
    const window = exceptionWindow(matrix.exceptions![0]!, 'America/Santiago')!;
    expect(window.from.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(window.until.toISOString()).toBe('2026-09-08T03:00:00.000Z');
    const p = plan(matrix, 'p1', { start: t('2026-09-06T10:00:00-03:00'), client: 'northwind' });
    expect(p.contract.exceptions.map((e) => e.id)).toEqual(['northwind-migration']);
    // Santiago turns its clocks back from 24:00 to 23:00 on 4 April 2026: that day is 25 hours long.
    const autumn = exceptionWindow({ ...northwind, from: '2026-04-04', until: '2026-04-04' } as MatrixException, 'America/Santiago')!;
    expect(autumn.until.toISOString()).toBe('2026-04-05T04:00:00.000Z');
  });
});
