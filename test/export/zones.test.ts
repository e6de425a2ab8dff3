/**
 * Zones are written in the spelling the time-zone database uses: lint and triage match zone
 * names without regard to case, Go (Alertmanager), PagerDuty and calendar clients do not.
 */
import { describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager } from '../../src/export/alertmanager.js';
import { alertmanagerDrift, icsDrift, pagerdutyDrift } from '../../src/export/drift.js';
import { exportIcs } from '../../src/export/ics.js';
import { exportPagerduty, pagerdutyJson } from '../../src/export/pagerduty.js';
import { canonicalZone } from '../../src/time/zone.js';
import { variant } from './helpers.js';

describe('canonicalZone', () => {
  it.each([
    ['america/new_york', 'America/New_York'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['europe/london', 'Europe/London'],
    ['utc', 'UTC'],
    ['etc/utc', 'Etc/UTC'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['pacific/chatham', 'Pacific/Chatham'],
    ['us/eastern', 'America/New_York'],
  ])('%s → %s', (zone, fixed) => expect(canonicalZone(zone)).toBe(fixed));

  it.each(['America/New_York', 'UTC', 'Etc/UTC', 'US/Eastern', 'Asia/Calcutta', 'Australia/Sydney'])('%s is left alone', (zone) => expect(canonicalZone(zone)).toBe(zone));
});

describe('exports write the canonical spelling, and their own output has no drift', () => {
  const m = variant('client-vendor', (x) => {
    x.timezone = 'europe/london';
    for (const c of Object.values(x.calendars ?? {})) if (c.timezone !== undefined) c.timezone = c.timezone.toLowerCase();
  });
  it('alertmanager, pagerduty and ics', () => {
    const am = exportAlertmanager(m);
    const amText = alertmanagerYaml(am.config, m.name, am.warnings);
    const pd = pagerdutyJson(exportPagerduty(m).config);
    const ics = exportIcs(m).text;
    for (const text of [amText, pd, ics]) {
      expect(text).not.toMatch(/europe\/london/);
      expect(text).toMatch(/Europe\/London/);
    }
    expect(pagerdutyDrift(m, pd)).toEqual({ ok: true, diagnostics: [] });
    expect(alertmanagerDrift(m, amText)).toEqual({ ok: true, diagnostics: [] });
    expect(icsDrift(m, ics)).toEqual({ ok: true, diagnostics: [] });
  });
});
