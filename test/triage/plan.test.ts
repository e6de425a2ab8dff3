import { describe, expect, it } from 'vitest';
import { planDeadlines, planIncident, type IncidentPlan, type PlanOptions } from '../../src/triage/plan.js';
import { walk } from '../../src/triage/engine.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { loadExample } from './load-example.js';

const saas = loadExample('saas-support.yaml');
const msp = loadExample('msp.yaml');
const vendor = loadExample('client-vendor.yaml');

const t = (text: string) => new Date(text);
const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000);

function plan(matrix: Matrix, severity: string, options: Partial<PlanOptions> & { start: Date }): IncidentPlan {
  const result = planIncident(matrix, severity, { now: options.start, ...options });
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}
/** Noon UTC of an exception's first day (a date, or a date and time). */
const exceptionStart = (from: string) => Date.parse(`${from.slice(0, 10)}T12:00:00Z`);
const due = (p: IncidentPlan) => Object.fromEntries(p.deadlines.map((d) => [d.kind, d.iso]));

describe('planIncident: round the clock', () => {
  // Friday 27 March 2026, 16:30 in Berlin; clocks go forward on Sunday 29 March.
  const start = t('2026-03-27T16:30:00+01:00');
  const p = plan(saas, 'sev1', { start, now: minutes(start, 12) });

  it('gives every target as a clock time in the matrix zone, across the DST change', () => {
    expect(due(p)).toEqual({
      acknowledge: '2026-03-27T16:45:00+01:00',
      assign_owner: '2026-03-27T16:45:00+01:00',
      notify_client: '2026-03-27T17:00:00+01:00',
      next_update: '2026-03-27T17:00:00+01:00',
      escalate_after: '2026-03-27T17:00:00+01:00',
      workaround: '2026-03-27T20:30:00+01:00',
      resolution: '2026-03-28T16:30:00+01:00',
      rca: '2026-03-29T17:30:00+02:00',
    });
  });

  it('sorts deadlines by time and says how far away each is', () => {
    const times = p.deadlines.map((d) => d.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const ack = p.deadlines.find((d) => d.kind === 'acknowledge')!;
    expect(ack).toMatchObject({ minutesFromNow: 3, relative: 'in 3 min', overdue: false, target: '15m', source: 'severity' });
    expect(p.deadlines.find((d) => d.kind === 'workaround')!.promised).toBe(true);
    expect(p.deadlines.find((d) => d.kind === 'resolution')!.promised).toBe(false);
  });

  it('marks passed deadlines overdue when the start lies in the past', () => {
    const late = plan(saas, 'sev1', { start, now: minutes(start, 20) });
    expect(late.deadlines.find((d) => d.kind === 'acknowledge')).toMatchObject({ overdue: true, relative: 'overdue by 5 min', minutesFromNow: -5 });
  });

  it('lays out the escalation path with whom each step notifies', () => {
    expect(p.escalation.map((s) => [s.iso, s.notify.map((r) => r.role), s.notifyClient, s.approval?.role, s.reached])).toEqual([
      ['2026-03-27T16:30:00+01:00', ['frontline', 'support-lead', 'eng-oncall'], false, undefined, true],
      ['2026-03-27T17:00:00+01:00', ['head-of-support', 'customer-success'], true, undefined, false],
      ['2026-03-27T18:30:00+01:00', ['executive'], false, 'head-of-support', false],
    ]);
    expect(p.escalation[0]!.notify[1]).toEqual({ role: 'support-lead', title: 'Support lead (incident commander)', contact: 'pager:support-lead', side: 'internal', backup: 'pager:support-manager' });
  });

  it('says when and by whom the client is told', () => {
    expect(p.client).toMatchObject({ notify: 'formal', contact: { role: 'client-admin', side: 'client' }, by: { role: 'customer-success' } });
    expect(p.client?.due?.iso).toBe('2026-03-27T17:00:00+01:00');
    expect(p.client?.step?.iso).toBe('2026-03-27T17:00:00+01:00');
  });

  it('lists the next three status updates after now', () => {
    expect(p.updates.every).toBe('30m');
    expect(p.updates.next.map((u) => u.iso)).toEqual(['2026-03-27T17:00:00+01:00', '2026-03-27T17:30:00+01:00', '2026-03-27T18:00:00+01:00']);
    const later = plan(saas, 'sev1', { start, now: minutes(start, 95) });
    expect(later.updates.next.map((u) => u.iso)).toEqual(['2026-03-27T18:30:00+01:00', '2026-03-27T19:00:00+01:00', '2026-03-27T19:30:00+01:00']);
  });

  it('gives the RCA due time and owner and the governance follow-ups', () => {
    expect(p.governance.rca?.due?.iso).toBe('2026-03-29T17:30:00+02:00');
    expect(p.governance.rca?.owner?.role).toBe('eng-oncall');
    expect(p.governance.review).toBe('Weekly support review');
    expect(p.governance.riskEntry).toEqual({ after: 2, within: '90d' });
    expect(p.governance.followUps).toEqual(['Publish a post-incident summary to affected customers']);
    expect(p.governance.reviewThresholds).toHaveLength(2);
    expect(p.governance.agenda).toEqual([
      'SEV1 Critical incident started Fri 27 Mar 16:30, owned by Support lead (incident commander): impact, timeline and whether each target was met',
      'Root-cause analysis by Engineering on-call, due Sun 29 Mar 17:30',
      'Repeats: 2 or more sev1 incidents within 90d make a risk-register entry',
      'Publish a post-incident summary to affected customers',
    ]);
  });

  it('shows times in another zone on request, same instants', () => {
    const ny = plan(saas, 'sev1', { start, displayZone: 'America/New_York' });
    expect(ny.deadlines.find((d) => d.kind === 'acknowledge')!.iso).toBe('2026-03-27T11:45:00-04:00');
    expect(ny.zone).toBe('America/New_York');
  });

  it('a start just before the spring-forward night (New York, elapsed)', () => {
    const p1 = plan(msp, 'p1', { start: t('2026-03-08T01:30:00-05:00') });
    expect(due(p1)).toMatchObject({
      acknowledge: '2026-03-08T01:45:00-05:00',
      notify_client: '2026-03-08T03:00:00-04:00',
      workaround: '2026-03-08T06:30:00-04:00',
      // 2d is 48 elapsed hours: one hour later on the wall clock after the change.
      rca: '2026-03-10T02:30:00-04:00',
    });
    expect(p1.escalation.map((s) => s.iso)).toEqual(['2026-03-08T01:30:00-05:00', '2026-03-08T03:00:00-04:00', '2026-03-08T03:30:00-04:00', '2026-03-08T04:30:00-04:00']);
  });

  it('a start just before the fall-back night (London, elapsed)', () => {
    const s1 = plan(vendor, 'sev1', { start: t('2026-10-25T00:50:00+01:00') });
    expect(due(s1)).toMatchObject({ acknowledge: '2026-10-25T01:05:00+01:00', notify_client: '2026-10-25T01:20:00+01:00', workaround: '2026-10-25T03:50:00+00:00' });
  });
});

describe('planIncident: business hours', () => {
  it('Friday-evening start under office hours: Monday, after the DST change, to the minute', () => {
    const start = t('2026-03-27T19:00:00+01:00');
    const p = plan(saas, 'sev3', { start, now: start });
    expect(p.clock).toMatchObject({ id: 'office', zone: 'Europe/Berlin', hours: '09:00-18:00' });
    expect(due(p)).toMatchObject({
      acknowledge: '2026-03-30T13:00:00+02:00',
      assign_owner: '2026-03-30T13:00:00+02:00',
      // 1d is one working day: Monday 09:00–18:00.
      escalate_after: '2026-03-30T18:00:00+02:00',
      next_update: '2026-03-30T18:00:00+02:00',
      resolution: '2026-04-10T18:00:00+02:00',
    });
    expect(p.escalation.map((s) => s.iso)).toEqual(['2026-03-27T19:00:00+01:00', '2026-03-30T18:00:00+02:00']);
    expect(p.updates.next.map((u) => u.iso)).toEqual(['2026-03-30T18:00:00+02:00', '2026-03-31T18:00:00+02:00', '2026-04-01T18:00:00+02:00']);
  });

  it('skips the Christmas holidays and the weekend', () => {
    const p = plan(saas, 'sev4', { start: t('2026-12-23T15:00:00+01:00') });
    // 1d = one working day of 9 hours: 3 hours on the 23rd, then 6 on Monday the 28th.
    expect(due(p).acknowledge).toBe('2026-12-28T15:00:00+01:00');
  });

  it('New York business hours across the March change', () => {
    const p = plan(msp, 'p3', { start: t('2026-03-06T18:30:00-05:00') });
    expect(due(p).acknowledge).toBe('2026-03-09T09:00:00-04:00');
    expect(due(p).assign_owner).toBe('2026-03-09T10:00:00-04:00');
    const friday = plan(msp, 'p3', { start: t('2026-03-06T17:00:00-05:00') });
    expect(due(friday).acknowledge).toBe('2026-03-06T18:00:00-05:00');
    expect(due(friday).assign_owner).toBe('2026-03-09T09:00:00-04:00');
  });

  it('a matrix changed in place is planned by its new calendar, holidays and exception windows, never one read before', () => {
    // Before opening on the 23rd: a working day (1d) is that whole day's hours.
    const start = t('2026-12-23T07:00:00+01:00');
    const copy = structuredClone(saas);
    const office = copy.calendars!.office!;
    expect(due(plan(copy, 'sev4', { start })).acknowledge).toBe('2026-12-23T18:00:00+01:00');
    office.hours = '09:00-17:00';
    expect(due(plan(copy, 'sev4', { start })).acknowledge).toBe('2026-12-23T17:00:00+01:00');
    office.holidays = [...(office.holidays ?? []), '2026-12-23'];
    expect(due(plan(copy, 'sev4', { start })).acknowledge).toBe('2026-12-28T17:00:00+01:00');
    office.timezone = 'Europe/London';
    expect(due(plan(copy, 'sev4', { start })).acknowledge).toBe('2026-12-28T18:00:00+01:00');
    office.hours = '08:00-16:00';
    expect(due(plan(copy, 'sev4', { start })).acknowledge).toBe('2026-12-28T17:00:00+01:00');
    // An exception window read once, then moved: the moved window decides.
    const windowed = structuredClone(vendor);
    const exception = windowed.exceptions![0]!;
    const severity = exception.severities?.[0] ?? windowed.severities[0]!.id;
    const during = { start: new Date(exceptionStart(exception.from)) };
    expect(plan(windowed, severity, during).contract.exceptions.map((e) => e.id)).toContain(exception.id);
    exception.from = '2099-01-01';
    exception.until = '2099-01-02';
    expect(plan(windowed, severity, during).contract.exceptions.map((e) => e.id)).not.toContain(exception.id);
  });

  it('every deadline is at or after the start, for every severity and start hour', () => {
    for (const matrix of [saas, msp, vendor]) {
      for (const severity of matrix.severities) {
        for (let hour = 0; hour < 24 * 7; hour += 5) {
          const start = new Date(Date.UTC(2026, 2, 23, hour, 7));
          const p = plan(matrix, severity.id, { start });
          for (const d of p.deadlines) expect(d.at.getTime()).toBeGreaterThanOrEqual(start.getTime());
          const times = p.escalation.map((s) => s.at.getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
        }
      }
    }
  });
});

describe('planIncident: outcomes', () => {
  it('takes the owner and route of a walked outcome', () => {
    const result = walk(saas, { security: 'yes' });
    if (result.kind !== 'outcome') throw new Error('expected an outcome');
    const planned = planIncident(saas, result.outcome, { start: t('2026-03-27T16:30:00+01:00'), now: t('2026-03-27T16:30:00+01:00') });
    if (!planned.ok) throw new Error(planned.reason);
    expect(planned.plan.owner.role).toBe('security');
    expect(planned.plan.route).toMatchObject({ id: 'security', to: { role: 'security' }, via: 'Security incident form' });
    expect(planned.plan.rank).toBe(1);
  });

  it('refuses an unknown severity with a code', () => {
    const result = planIncident(saas, 'sev9', { start: t('2026-03-27T16:30:00Z'), now: t('2026-03-27T16:30:00Z') });
    expect(result).toMatchObject({ ok: false, code: 'unknown-severity' });
  });

  it('lists what the roles may do without escalating, for this severity', () => {
    const p = plan(saas, 'sev3', { start: t('2026-03-24T10:00:00+01:00') });
    expect(p.authority.map((a) => [a.role.role, a.owner])).toEqual([
      ['frontline', true],
      ['frontline', true],
      ['specialist', false],
    ]);
    expect(p.handoff.map((h) => h.id)).toEqual(['impact-summary', 'reproduction']);
  });
});

describe('planDeadlines: what a matrix test checks', () => {
  it('gives exactly the deadlines and owner planIncident gives, for every severity, client and tier of the examples', () => {
    const starts = ['2026-03-27T16:30:00+01:00', '2026-03-27T19:00:00+01:00', '2026-10-24T23:30:00Z', '2026-12-24T17:00:00+01:00'].map(t);
    let compared = 0;
    for (const matrix of [saas, msp, vendor]) {
      const contracts: Partial<PlanOptions>[] = [{}, ...Object.keys(matrix.clients ?? {}).map((client) => ({ client })), ...Object.keys(matrix.tiers ?? {}).map((tier) => ({ tier }))];
      for (const severity of matrix.severities)
        for (const start of starts)
          for (const contract of contracts) {
            const options = { start, now: minutes(start, 7), ...contract };
            const full = planIncident(matrix, severity.id, options);
            const lean = planDeadlines(matrix, severity.id, options);
            expect(lean.ok).toBe(full.ok);
            if (full.ok && lean.ok) {
              expect(lean.deadlines).toEqual(full.plan.deadlines);
              expect(lean.owner).toEqual(full.plan.owner);
              compared++;
            }
          }
    }
    expect(compared).toBeGreaterThan(100);
    expect(planDeadlines(saas, 'sev9', { start: starts[0]!, now: starts[0]! })).toMatchObject({ ok: false, code: 'unknown-severity' });
  });
});
