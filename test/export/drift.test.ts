/**
 * Drift: a file exported from the matrix is clean; a hand edit (a delay, a target order, a
 * receiver, a calendar) is a located finding, exit 1, in every lint output format.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager } from '../../src/export/alertmanager.js';
import { alertmanagerDrift, icsDrift, pagerdutyDrift } from '../../src/export/drift.js';
import { exportIcs } from '../../src/export/ics.js';
import { exportPagerduty, pagerdutyJson } from '../../src/export/pagerduty.js';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix } from './helpers.js';

const codes = (r: ReturnType<typeof pagerdutyDrift>) => (r.ok ? r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`) : [`failed: ${r.reason}`]);
const amText = (name: string) => {
  const { config, warnings } = exportAlertmanager(exampleMatrix(name));
  return alertmanagerYaml(config, name, warnings);
};
const pdText = (name: string) => pagerdutyJson(exportPagerduty(exampleMatrix(name)).config);

describe.each(EXAMPLES)('examples/%s.yaml: its own export has no drift', (name) => {
  it('alertmanager, pagerduty and ics', () => {
    const m = exampleMatrix(name);
    expect(codes(alertmanagerDrift(m, amText(name)))).toEqual([]);
    expect(codes(pagerdutyDrift(m, pdText(name)))).toEqual([]);
    expect(codes(icsDrift(m, exportIcs(m).text))).toEqual([]);
  });
});

describe('pagerduty drift', () => {
  const m = exampleMatrix('saas-support');
  it('a hand-edited delay, at its line and column', () => {
    const text = pdText('saas-support').replace('"escalation_delay_in_minutes": 90', '"escalation_delay_in_minutes": 60');
    const line = text.split('\n').findIndex((l) => l.includes(': 60')) + 1;
    const result = pagerdutyDrift(m, text);
    expect(codes(result)).toEqual([`drift-delay ${line}:44`]);
    expect(result.ok && result.diagnostics[0]!.message).toBe('policy "sev1" rule 2 waits 60 minutes; the matrix says 90');
  });

  it('targets swapped are order; a target replaced is targets; a rule removed is rules; a policy removed is missing', () => {
    const doc = JSON.parse(pdText('saas-support'));
    const sev1 = doc.resource.pagerduty_escalation_policy.sev1;
    sev1.rule[0].target.reverse();
    sev1.rule[2].target[0].id = 'PSOMEONE';
    doc.resource.pagerduty_escalation_policy.sev2.rule.pop();
    delete doc.resource.pagerduty_escalation_policy.sev4;
    const result = pagerdutyDrift(m, JSON.stringify(doc, null, 2));
    expect(result.ok && result.diagnostics.map((d) => d.code)).toEqual(['drift-order', 'drift-targets', 'drift-rules', 'drift-missing']);
  });

  it('finds a policy under another resource name by its name, and accepts a single rule written as an object', () => {
    const doc = JSON.parse(pdText('saas-support'));
    const policies = doc.resource.pagerduty_escalation_policy;
    policies.frontline_queue = { ...policies.sev4, rule: policies.sev4.rule[0] };
    delete policies.sev4;
    expect(codes(pagerdutyDrift(m, JSON.stringify(doc)))).toEqual([]);
  });

  it('support hours edited by hand', () => {
    const text = pdText('saas-support').replace('"end_time": "18:00:00"', '"end_time": "17:00:00"');
    expect(codes(pagerdutyDrift(m, text)).map((c) => c.split(' ')[0])).toEqual(['drift-hours']);
  });

  describe('behaviour-changing edits that are easy to miss, each at its line and column, saying what changed', () => {
    const cv = exampleMatrix('client-vendor');
    const base = () => JSON.parse(pagerdutyJson(exportPagerduty(cv).config)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const check = (edit: (doc: ReturnType<typeof base>) => void, needle: string) => {
      const doc = base();
      edit(doc);
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      const result = pagerdutyDrift(cv, text);
      if (!result.ok) throw new Error(result.reason);
      const line = text.split('\n').findIndex((l) => l.includes(needle)) + 1;
      return { found: result.diagnostics, line };
    };
    it('num_loops', () => {
      const { found, line } = check((d) => (d.resource.pagerduty_escalation_policy!.sev1!.num_loops = 2), '"num_loops": 2');
      expect(found.map((f) => `${f.line} ${f.message}`)).toEqual([`${line} policy "sev1" repeats its rules 2 more times (num_loops 2); the matrix path runs once (num_loops 0)`]);
    });
    it('rules that are null, or a null rule, are no rules (never taken as the matrix path)', () => {
      const none = check((d) => (d.resource.pagerduty_escalation_policy!.sev1!.rule = null), '"rule": null');
      expect(none.found.map((f) => `${f.code} ${f.message}`)).toEqual([expect.stringMatching(/^drift-rules policy "sev1" has 0 rules; the matrix path has \d+$/)]);
      const one = check((d) => (d.resource.pagerduty_escalation_policy!.sev1!.rule = [null]), '"rule": [');
      expect(one.found.map((f) => f.code)).toEqual(['drift-rules', 'drift-rules']);
      expect(one.found.map((f) => f.message)).toEqual([expect.stringMatching(/has 1 rule; /), expect.stringMatching(/^policy "sev1" rule 1 is null, not a rule; the matrix path's rule 1 escalates after \d+ min$/)]);
    });
    it('a num_loops this check cannot read as a number (a template) says so, never NaN', () => {
      const { found, line } = check((d) => (d.resource.pagerduty_escalation_policy!.sev1!.num_loops = '${0}'), '"num_loops"');
      expect(found.map((f) => `${f.line} ${f.message}`)).toEqual([`${line} policy "sev1" has num_loops "\${0}", not a whole number this check can read (Terraform evaluates a \${…} template itself); the matrix path runs once (num_loops 0)`]);
      expect(check((d) => (d.resource.pagerduty_escalation_policy!.sev1!.num_loops = '0'), '"num_loops"').found).toEqual([]);
    });
    it('a service pointed at another severity\'s policy', () => {
      const { found, line } = check((d) => (d.resource.pagerduty_service!.sev3!.escalation_policy = '${pagerduty_escalation_policy.sev1.id}'), 'sev1.id');
      expect(found.map((f) => `${f.code} ${f.line} ${f.message}`)).toEqual([
        `drift-targets ${line} service "sev3" escalates by \${pagerduty_escalation_policy.sev1.id}; the matrix pages sev3 by \${pagerduty_escalation_policy.sev3.id}`,
      ]);
    });
    it('urgency changed', () => {
      const { found } = check((d) => {
        (d.resource.pagerduty_service!.sev3!.incident_urgency_rule as { outside_support_hours: { urgency: string }[] }[])[0]!.outside_support_hours[0]!.urgency = 'high';
      }, 'outside_support_hours');
      expect(found.map((f) => f.message)).toEqual(['service "sev3" urgency outside support hours is constant high; the matrix says constant low']);
      expect(found[0]!.line).toBeGreaterThan(1);
    });
    it('scheduled_actions removed: low urgency would never escalate', () => {
      const { found } = check((d) => delete d.resource.pagerduty_service!.sev3!.scheduled_actions, '"sev3": {');
      expect(found.map((f) => f.message)).toEqual([expect.stringContaining('does not raise urgency at the start of support hours')]);
    });
    it('a support-hours zone edited names the field', () => {
      const { found, line } = check((d) => ((d.resource.pagerduty_service!.sev3!.support_hours as { time_zone: string }[])[0]!.time_zone = 'Europe/Paris'), 'Europe/Paris');
      expect(found.map((f) => `${f.line} ${f.message}`)).toEqual([`${line} service "sev3" support hours time_zone is "Europe/Paris"; the matrix says "Europe/London"`]);
    });
  });

  it('a file that is not JSON is a failure with its position, not a finding', () => {
    const result = pagerdutyDrift(m, '{ "resource": [ }');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.line).toBe(1);
  });
});

describe('alertmanager drift', () => {
  const m = exampleMatrix('msp');
  it('a receiver swapped for another, at the route that sends it', () => {
    const text = amText('msp').replace('        - receiver: l2-oncall-pager\n', '        - receiver: someone-else\n');
    const result = alertmanagerDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['drift-receivers', 'severity=p1: routed to servicedesk, someone-else; the matrix pages servicedesk, l2-oncall-pager (missing l2-oncall-pager; not in the matrix: someone-else)'],
    ]);
    const line = text.split('\n').findIndex((l) => l.includes('someone-else')) + 1;
    expect(result.ok && result.diagnostics[0]!.line).toBe(line);
  });

  it('reads legacy match: and regex matchers the way Alertmanager does', () => {
    const text = [
      'route:',
      '  receiver: sdm-pager',
      '  routes:',
      '    - { receiver: l2-oncall-pager, matchers: [\'outcome="reset-risk.vip"\', severity="p3"], continue: true, active_time_intervals: [business], mute_time_intervals: [business-holidays] }',
      '    - { receiver: accounts-channel, matchers: [\'outcome="reset-risk.vip"\', severity="p3"], continue: true, active_time_intervals: [business], mute_time_intervals: [business-holidays] }',
      '    - match: { severity: p1 }',
      '      routes: [{ receiver: servicedesk, continue: true }, { receiver: l2-oncall-pager, continue: true }, { receiver: accounts-channel, matchers: [tier="premium"] }]',
      '    - matchers: [\'severity=~"p2"\']',
      '      routes: [{ receiver: servicedesk, continue: true }, { receiver: l2-oncall-pager, continue: true }, { receiver: accounts-channel, matchers: [tier="premium"] }]',
      '    - matchers: [\'severity=~"p[34]"\', tier!="premium"]',
      '      receiver: servicedesk',
      '      active_time_intervals: [business]',
      '      mute_time_intervals: [business-holidays]',
      '    - matchers: [\'severity=~"p[34]"\']',
      '      routes: [{ receiver: servicedesk, continue: true }, { receiver: accounts-channel }]',
      'receivers: [{ name: sdm-pager }]',
    ].join('\n');
    const result = alertmanagerDrift(m, text);
    // Only the calendar is missing: the routes agree with the matrix.
    expect(result.ok && result.diagnostics.map((d) => d.code)).toEqual(['drift-missing', 'drift-missing']);
  });

  it('a route that lost its time intervals pages round the clock: drift, once per route', () => {
    const text = amText('msp').replace(/ {10}active_time_intervals:\n {12}- business\n/g, '');
    const result = alertmanagerDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => d.code)).toEqual(['drift-hours', 'drift-hours']);
    expect(result.ok && result.diagnostics[0]!.message).toBe(
      'severity=p3: receiver servicedesk is active always, muted business-holidays; the matrix pages on calendar "business" (active business, muted business-holidays)',
    );
  });

  it('the default receiver changed: alerts no severity route takes go elsewhere', () => {
    const text = amText('msp').replace('route:\n  receiver: sdm-pager\n', 'route:\n  receiver: nobody\n');
    const result = alertmanagerDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`)).toEqual([
      `drift-default ${text.split('\n').indexOf('  receiver: nobody') + 1}:13 the default receiver is "nobody"; alerts no severity route takes (no severity label, an unknown severity) go to "sdm-pager", the matrix owner's receiver`,
    ]);
  });

  it.each([
    ['a catch-all route at the end', (t: string) => t.replace(/\nreceivers:\n/, '\n    - receiver: servicedesk\nreceivers:\n'), ['an alert with no severity label', 'severity=unknown (no severity of the matrix)']],
    ['a first route for every severity but the known ones', (t: string) => t.replace(/\n {2}routes:\n/, '\n  routes:\n    - receiver: servicedesk\n      matchers:\n        - severity!~"p[1-4]"\n'), ['an alert with no severity label', 'severity=unknown (no severity of the matrix)']],
  ])('the default receiver kept, but %s takes the alerts no severity names: drift', (_, edit, shown) => {
    const text = edit(amText('msp'));
    expect(text).not.toBe(amText('msp'));
    const result = alertmanagerDrift(m, text);
    const defaults = result.ok ? result.diagnostics.filter((d) => d.code === 'drift-default') : [];
    expect(defaults.map((d) => d.message)).toEqual(shown.map((what) => `${what}: routed to servicedesk; alerts no severity route takes go to "sdm-pager", the matrix owner's receiver`));
  });

  describe('hand-kept matchers, read as Alertmanager reads them', () => {
    const withMatcher = (matcher: string) => amText('msp').replace('        - severity="p1"\n', `        - ${JSON.stringify(matcher)}\n`);
    it.each([
      ['instance=~"(.*\\.example\\.com)?", severity="p1"', 'a backslash escape Alertmanager keeps literally (the alert has no instance: empty)'],
      ['severity=~"(?i)P1"', 'a leading (?i)'],
      ['severity=~"p[[:digit:]]", severity!~"p[2-4]"', 'a POSIX class'],
      ['{severity=~"\\Ap1\\z"}', '\\A and \\z, braces'],
      ['severity=~"p[1]|\\Qp1.\\E"', '\\Q…\\E'],
      ['severity = p1 ,', 'unquoted, spaces, a trailing comma'],
    ])('%s (%s) routes p1 as before: no drift', (matcher) => {
      const result = alertmanagerDrift(m, withMatcher(matcher));
      if (!result.ok) throw new Error(result.reason);
      expect(result.diagnostics.filter((d) => d.code !== 'drift-uncheckable').map((d) => d.message)).toEqual([]);
      expect(result.diagnostics).toEqual([]);
    });

    it('a regex that takes p2 as well is drift, where it is (p2 routed twice)', () => {
      const text = withMatcher('severity=~"p[[:digit:]]"');
      const result = alertmanagerDrift(m, text);
      expect(result.ok && result.diagnostics.length).toBeGreaterThan(0);
    });

    it.each([
      ['severity=~"p(?i)1"', /flags inside the expression/],
      ['severity=~"(?U)p1"', /ungreedy/],
      ['severity=~"p[[:^alpha:]]"', /negated POSIX class/],
      ['severity=~"\\pLp1"', /escape \\p/],
    ])('%s cannot be checked exactly: a located warning, not drift', (matcher, reason) => {
      const text = withMatcher(matcher);
      const result = alertmanagerDrift(m, text);
      if (!result.ok) throw new Error(result.reason);
      expect(result.diagnostics.map((d) => `${d.code} ${d.level} ${d.line}`)).toEqual([`drift-uncheckable warning ${text.split('\n').findIndex((l) => l.includes('severity=~')) + 1}`]);
      expect(result.diagnostics[0]!.message).toMatch(reason);
    });

    it('a matcher Alertmanager refuses is said, not a crash', () => {
      const result = alertmanagerDrift(m, withMatcher('severity="p"1"'));
      expect(result.ok && result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('Alertmanager refuses this matcher (matcher value contains unescaped double quote')]);
    });
  });

  it('a calendar edited in time_intervals', () => {
    const text = amText('msp').replace('end_time: 18:00', 'end_time: 17:00');
    expect(codes(alertmanagerDrift(m, text)).map((c) => c.split(' ')[0])).toEqual(['drift-hours']);
    const result = alertmanagerDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual([
      `${text.split('\n').findIndex((l) => l.includes('start_time: 08:00')) + 1} time interval "business" times is 08:00-17:00; the matrix calendar says 08:00-18:00`,
    ]);
  });

  it('a holiday removed from a time interval: which one, in words', () => {
    const text = amText('msp').replace(/ {6}- days_of_month:\n {10}- "25"\n {8}months:\n {10}- december\n {8}years:\n {10}- "2026"\n {8}location: America\/New_York\n/, '');
    expect(text).not.toBe(amText('msp'));
    const result = alertmanagerDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => d.message)).toEqual(['time interval "business-holidays" has 5 entries; the matrix calendar has 6 (missing 2026 december 25)']);
  });
});

describe('ics drift', () => {
  it('a holiday removed from the working-hours rule and one holiday event deleted', () => {
    const m = exampleMatrix('msp');
    const text = exportIcs(m).text.replace('EXDATE;TZID=America/New_York:20261225T080000\r\n', '');
    const result = icsDrift(m, text);
    expect(result.ok && result.diagnostics.map((d) => d.code)).toEqual(['drift-hours']);
  });

  const m = exampleMatrix('msp');
  const base = exportIcs(m).text;
  const EXDATES = /(EXDATE;TZID=America\/New_York:\d{8}T\d{6}\r\n)+/;
  /** RFC 5545 folding at 75 octets, like any other producer. */
  const fold = (line: string) => line.match(/.{1,74}/g)!.join('\r\n ');
  const lineOf = (text: string, needle: string) => text.split('\r\n').findIndex((l) => l.includes(needle)) + 1;
  const found = (text: string) => {
    const r = icsDrift(m, text);
    if (!r.ok) throw new Error(r.reason);
    return r.diagnostics;
  };

  describe('equivalent rewrites are not drift', () => {
    it('the EXDATEs as one multi-valued, folded EXDATE', () => {
      const dates = base.match(EXDATES)![0].trim().split('\r\n').map((l) => l.split(':')[1]);
      const text = base.replace(EXDATES, `${fold(`EXDATE;TZID=America/New_York:${dates.join(',')}`)}\r\n`);
      expect(text).not.toBe(base);
      expect(found(text)).toEqual([]);
    });
    it('the same instants in UTC', () => {
      const text = base.replace('EXDATE;TZID=America/New_York:20261225T080000', 'EXDATE:20261225T130000Z');
      expect(found(text)).toEqual([]);
    });
    it('the lines of each event reordered', () => {
      // Content lines, not physical ones: a folded line (a long UID) keeps its continuation.
      const text = base.replace(/BEGIN:VEVENT\r\n([\s\S]*?)END:VEVENT/g, (_, body: string) => `BEGIN:VEVENT\r\n${body.trim().split(/\r\n(?![ \t])/).reverse().join('\r\n')}\r\nEND:VEVENT`);
      expect(text).not.toBe(base);
      expect(found(text)).toEqual([]);
    });
  });

  describe('behaviour-changing edits, each at its line and column', () => {
    it('a VTIMEZONE edited (every working hour moves): once, at the edited line', () => {
      const text = base.replace('TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400', 'TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0300');
      const d = found(text);
      expect(d.map((x) => `${x.code} ${x.line}:${x.column}`)).toEqual([`drift-hours ${lineOf(text, 'TZOFFSETTO:-0300')}:12`]);
      expect(d[0]!.message).toMatch(/^VTIMEZONE America\/New_York does not give the zone's real offsets .*every working hour in America\/New_York moves/);
    });
    it('a holiday dropped from a folded multi-valued EXDATE: at the EXDATE, not 1:1', () => {
      const dates = base.match(EXDATES)![0].trim().split('\r\n').map((l) => l.split(':')[1]).filter((d) => d !== '20270118T080000');
      const text = base.replace(EXDATES, `${fold(`EXDATE;TZID=America/New_York:${dates.join(',')}`)}\r\n`);
      const d = found(text);
      expect(d.map((x) => `${x.line}:${x.column}`)).toEqual([`${lineOf(text, 'EXDATE;')}:30`]);
      expect(d[0]!.message).toContain('missing 2027-01-18T13:00Z');
    });
    it('working hours shortened: at DTEND', () => {
      const text = base.replace('DTEND;TZID=America/New_York:20261020T180000', 'DTEND;TZID=America/New_York:20261020T170000');
      const d = found(text);
      expect(d.map((x) => `${x.line}:${x.column}`)).toEqual([`${lineOf(text, 'DTEND;TZID')}:29`]);
      expect(d[0]!.message).toMatch(/DTEND differs$/);
    });
    it('an event made busy', () => {
      const text = base.replace('TRANSP:TRANSPARENT', 'TRANSP:OPAQUE');
      expect(found(text).map((x) => `${x.line}:${x.column} ${x.message}`)).toEqual([
        `${lineOf(text, 'TRANSP:OPAQUE')}:8 event northpoint-it-managed-services-0956b7a2-business-hours@escalate is OPAQUE (busy); the matrix exports TRANSPARENT`,
      ]);
    });
    it('a holiday event deleted: at the end of the calendar', () => {
      // Its UID is folded: the event is found by the unfolded text.
      const text = base.replace(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g, (event) => (event.replace(/\r\n[ \t]/g, '').includes('holiday-2027-01-18@escalate') ? '' : event));
      expect(text).not.toBe(base);
      expect(found(text).map((x) => `${x.code} ${x.line}`)).toEqual([`drift-missing ${lineOf(text, 'END:VCALENDAR')}`]);
    });
  });
});

describe('escalate export --check (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'escalate-drift-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a hand-edited delay in an exported Terraform file is drift: exit 1, in every lint format', () => {
    const file = join(dir, 'paging.tf.json');
    expect(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '-o', file]).code).toBe(0);
    expect(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file]).code).toBe(0);
    const edited = readFileSync(file, 'utf8').replace('"escalation_delay_in_minutes": 240', '"escalation_delay_in_minutes": 120');
    writeFileSync(file, edited);
    const line = edited.split('\n').findIndex((l) => l.includes(': 120')) + 1;

    const stylish = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file]);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain(`${line}:44  error    policy "p2" rule 1 waits 120 minutes; the matrix says 240  drift-delay`);

    const github = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file, '--format', 'github']);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(new RegExp(`^::error file=.*paging\\.tf\\.json,line=${line},col=44,title=escalate drift-delay::`, 'm'));

    const json = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file, '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 0 });
    expect(report.files[0]).toMatchObject({ kind: 'paging', diagnostics: [{ code: 'drift-delay', line, column: 44 }] });

    const sarif = runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--check', file, '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    const result = JSON.parse(sarif.stdout).runs[0].results[0];
    expect(result.ruleId).toBe('drift-delay');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: line, startColumn: 44 });
  });

  it('a hand-edited receiver in an exported Alertmanager file is drift: exit 1', () => {
    const file = join(dir, 'alertmanager.yml');
    expect(runCli(['export', 'alertmanager', '-m', example('saas-support.yaml'), '-o', file]).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('- receiver: eng-primary-pager', '- receiver: support-queue'));
    const run = runCli(['export', 'alertmanager', '-m', example('saas-support.yaml'), '--check', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('drift-receivers');
  });

  it('a matcher that cannot be checked is a located warning and exit 0; the crash-prone \\. escape is read, not an internal error', () => {
    const file = join(dir, 'alertmanager-hand.yml');
    expect(runCli(['export', 'alertmanager', '-m', example('msp.yaml'), '-o', file]).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('        - severity="p1"\n', '        - \'severity=~"(?U)p1"\'\n'));
    const run = runCli(['export', 'alertmanager', '-m', example('msp.yaml'), '--check', file]);
    expect(run.stdout).toMatch(/:\d+:\d+: warning .*drift-uncheckable|drift-uncheckable/);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    writeFileSync(file, text.replace('        - severity="p1"\n', '        - \'instance=~".*\\.example\\.com"\'\n        - severity="p1"\n'));
    const crash = runCli(['export', 'alertmanager', '-m', example('msp.yaml'), '--check', file]);
    expect(crash.stderr).not.toMatch(STACK_TRACE);
    expect(crash.stderr).not.toMatch(/internal error/i);
    // Alerts without an instance label no longer reach p1's receivers: that is drift, said.
    expect(crash.code).toBe(1);
    expect(crash.stdout).toContain('drift-receivers');
  });

  it('errors: a missing file, an unreadable one, HCL and --check with --out are exit 2, one line, no stack', () => {
    const cases = [
      ['export', 'pagerduty', '-m', example('msp.yaml'), '--check', join(dir, 'nope.tf.json')],
      ['export', 'pagerduty', '-m', example('msp.yaml'), '--check', example('msp.md')],
      ['export', 'pagerduty', '-m', example('msp.yaml'), '--check', join(dir, 'main.tf')],
      ['export', 'alertmanager', '-m', example('msp.yaml'), '--check', example('msp.yaml'), '--out', join(dir, 'x')],
      ['export', 'pagerduty', '-m', example('msp.yaml'), '--tests', join(dir, 'x.sh')],
      ['export', 'opsgenie', '-m', example('msp.yaml')],
    ];
    writeFileSync(join(dir, 'main.tf'), 'resource "pagerduty_escalation_policy" "p1" {}\n');
    for (const args of cases) {
      const run = runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).not.toMatch(STACK_TRACE);
      expect(run.stderr.trim().split('\n').length, `${args.join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(2);
    }
  });

  it('a matrix with errors is exit 1 before anything is written', () => {
    const out = join(dir, 'never.yml');
    const run = runCli(['export', 'alertmanager', '-m', 'test/fixtures/broken/paging-unknown-role.yaml', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown-role');
    expect(() => readFileSync(out)).toThrow();
  });
});
