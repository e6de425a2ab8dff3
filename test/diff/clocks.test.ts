/**
 * Targets on a business-hours calendar are working time, and calendars themselves carry a
 * direction: the diff judges time the way triage counts it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diagnostics.js';
import { diffMatrices } from '../../src/diff/diff.js';
import { failReason } from '../../src/diff/fail-on.js';
import type { MatrixDiff } from '../../src/diff/types.js';
import { loadMatrix } from '../../src/matrix/load.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { planIncident } from '../../src/triage/plan.js';
import { ROOT } from '../helpers/cli.js';
import { matrixWith } from './trees.js';

const example = (name: string): Matrix => {
  const result = loadMatrix(readFileSync(`${ROOT}examples/${name}.yaml`, 'utf8'));
  if (!result.matrix) throw new Error(`${name} does not load`);
  return result.matrix;
};
const edited = (matrix: Matrix, edit: (m: Matrix) => void): Matrix => {
  const copy = structuredClone(matrix);
  edit(copy);
  return copy;
};
const lines = (diff: MatrixDiff) => diff.changes.map((c) => `${formatPath(c.path)} ${c.direction}`);

/** Three levels; s3 runs on `office` (Mon-Fri 09:00-18:00, a 9-hour working day) unless told otherwise. */
const OFFICE = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '09:00-18:00' };
function matrix(edit: (m: Record<string, any>) => void = () => {}): Matrix {
  const data: Record<string, any> = {
    calendars: { office: { ...OFFICE }, late: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '12:00-18:00' } },
    severities: [
      { id: 's1', name: 'S1', definition: 'Level s1', owner: 'lead', targets: { acknowledge: '15m', resolution: '2d' } },
      { id: 's2', name: 'S2', definition: 'Level s2', owner: 'lead', targets: { acknowledge: '1h' } },
      {
        id: 's3',
        name: 'S3',
        definition: 'Level s3',
        owner: 'lead',
        calendar: 'office',
        targets: { acknowledge: '4h', escalate_after: '1d', resolution: '5d' },
        escalation: [{ after: '0m', notify: ['lead'] }, { after: '1d', notify: ['eng'] }],
      },
    ],
    tiers: { gold: { calendar: 'office', targets: { s1: { acknowledge: '1d' } } }, basic: {} },
    clients: { acme: { name: 'Acme', tier: 'gold' } },
  };
  edit(data);
  return matrixWith(undefined, data);
}
const diff = (edit: (m: Record<string, any>) => void) => diffMatrices(matrix(), matrix(edit));

describe('targets on a business-hours calendar are compared in working time', () => {
  it('1d → 10h on a 9-hour working day is looser (the reviewer repro on the SaaS example)', () => {
    const old = example('saas-support');
    const next = edited(old, (m) => {
      m.severities.find((s) => s.id === 'sev3')!.targets!.escalate_after = '10h';
    });
    const result = diffMatrices(old, next);
    expect(lines(result)).toEqual(['severities.sev3.targets.escalate_after looser']);
    expect(failReason(result, 'looser')).toBe('1 change makes the matrix looser');
    // Triage agrees: from Monday 09:00 the deadline moves from 18:00 to Tuesday 10:00.
    const start = new Date('2027-03-01T09:00:00+01:00');
    const due = (m: Matrix) => {
      const plan = planIncident(m, 'sev3', { start, now: start });
      if (!plan.ok) throw new Error(plan.reason);
      return plan.plan.deadlines.find((d) => d.kind === 'escalate_after')!.iso;
    };
    expect([due(old), due(next)]).toEqual(['2027-03-01T18:00:00+01:00', '2027-03-02T10:00:00+01:00']);
  });

  it('1d and 9h on a 9-hour working day are the same time: no change', () => {
    expect(lines(diff((m) => (m.severities[2].targets.escalate_after = '9h')))).toEqual([]);
  });

  it('round the clock, 1d is still 24 hours: 2d → 40h is stricter there, and looser on a calendar', () => {
    expect(lines(diff((m) => (m.severities[0].targets.resolution = '40h')))).toEqual(['severities.s1.targets.resolution stricter']);
    expect(lines(diff((m) => (m.severities[2].targets.resolution = '50h')))).toEqual(['severities.s3.targets.resolution looser']);
  });

  it('an escalation step moved from 1d to 10h on a calendar is later, so looser', () => {
    expect(lines(diff((m) => (m.severities[2].escalation[1].after = '10h')))).toEqual(['severities.s3.escalation[1].after looser']);
  });

  it('a tier override runs on the tier calendar: 1d → 10h there is looser', () => {
    expect(lines(diff((m) => (m.tiers.gold.targets.s1.acknowledge = '10h')))).toEqual(['tiers.gold.targets.s1.acknowledge looser']);
  });

  it("a client override runs on its tier's calendar", () => {
    const result = diff((m) => (m.clients.acme.targets = { s1: { acknowledge: '10h' } }));
    // The tier allows 1d = 9 working hours on office; 10 working hours is looser.
    expect(lines(result)).toEqual(['clients.acme.targets.s1.acknowledge looser']);
  });

  it('moving a level onto business hours with 2d → 3d is looser on both counts', () => {
    const result = diff((m) => {
      m.severities[0].calendar = 'office';
      m.severities[0].targets.resolution = '3d';
    });
    // Three working days take longer than two days round the clock, though they hold fewer working minutes.
    expect(lines(result)).toEqual(['severities.s1.calendar looser', 'severities.s1.targets.resolution looser']);
  });

  it('the same written target on a new calendar is no target change: the calendar change carries it', () => {
    expect(lines(diff((m) => (m.severities[0].calendar = 'office')))).toEqual(['severities.s1.calendar looser']);
  });
});

describe('calendar changes have a direction', () => {
  it('a tier moved from round the clock onto business hours is looser (the reviewer repro on the MSP example)', () => {
    const old = example('msp');
    const next = edited(old, (m) => {
      m.tiers!.premium!.calendar = 'business';
    });
    const result = diffMatrices(old, next);
    expect(lines(result)).toEqual(['tiers.premium.calendar looser']);
    expect(failReason(result, 'looser')).toBe('1 change makes the matrix looser');
    expect(lines(diffMatrices(next, old))).toEqual(['tiers.premium.calendar stricter']);
  });

  it('a tier without a calendar runs on each level’s own: setting one is judged against those', () => {
    expect(lines(diff((m) => (m.tiers.basic.calendar = 'office')))).toEqual(['tiers.basic.calendar looser']);
    expect(lines(diff((m) => (m.tiers.basic.calendar = '24x7')))).toEqual(['tiers.basic.calendar stricter']);
  });

  it('switching a level between two business calendars compares their working time per week', () => {
    expect(lines(diff((m) => (m.severities[2].calendar = 'late')))).toEqual(['severities.s3.calendar looser']);
    expect(lines(diffMatrices(matrix((m) => (m.severities[2].calendar = 'late')), matrix()))).toEqual(['severities.s3.calendar stricter']);
  });

  it('shorter hours and fewer working days are looser; longer and more are stricter', () => {
    expect(lines(diff((m) => (m.calendars.office.hours = '09:00-17:00')))).toEqual(['calendars.office.hours looser']);
    expect(lines(diff((m) => (m.calendars.office.hours = '08:00-18:00')))).toEqual(['calendars.office.hours stricter']);
    expect(lines(diff((m) => (m.calendars.office.days = ['mon', 'tue', 'wed', 'thu'])))).toEqual(['calendars.office.days looser']);
    expect(lines(diff((m) => (m.calendars.office.days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'])))).toEqual(['calendars.office.days stricter']);
    expect(lines(diff((m) => (m.calendars.office.days = ['tue', 'wed', 'thu', 'fri', 'sat'])))).toEqual(['calendars.office.days neutral']);
  });

  it('a holiday added on a working day is looser, one removed is stricter; one on a weekend takes no time', () => {
    const withHoliday = (dates: string[]) => (m: Record<string, any>) => (m.calendars.office.holidays = dates);
    expect(lines(diff(withHoliday(['2027-03-01'])))).toEqual(['calendars.office.holidays looser']); // a Monday
    expect(lines(diffMatrices(matrix(withHoliday(['2027-03-01'])), matrix()))).toEqual(['calendars.office.holidays stricter']);
    expect(lines(diff(withHoliday(['2027-03-06'])))).toEqual(['calendars.office.holidays neutral']); // a Saturday
  });

  it('a calendar no level or tier runs on commits to nothing: its changes stay neutral', () => {
    expect(lines(diff((m) => (m.calendars.late.hours = '13:00-18:00')))).toEqual(['calendars.late.hours neutral']);
  });
});
