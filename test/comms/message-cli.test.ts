/** End-to-end: contracts, exceptions, --message and handoff fields on the built binary. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli, STACK_TRACE } from '../helpers/cli.js';
import { clockText, offsetText } from '../../src/time/display.js';

const MSP = example('msp.yaml');
const SAAS = example('saas-support.yaml');
const VENDOR = example('client-vendor.yaml');
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;
const ack = (out: Record<string, any>) => out.deadlines.find((d: { kind: string }) => d.kind === 'acknowledge');

describe('--message on the built binary', () => {
  it('prints the acknowledgment with the real owner and next-update time, ready to paste', () => {
    // Started ten minutes ago: the next update (every 30m) is twenty minutes from now.
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
    const next = new Date(start.getTime() + 30 * 60_000);
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--at', start.toISOString(), '--message', 'acknowledge', '--impact', 'Checkout fails for all tenants']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Subject: [Critical] We are on it\n\n' +
        'We have confirmed the issue you reported and classified it as Critical.\n' +
        'Support lead (incident commander) now owns it. Current impact: Checkout fails for all tenants.\n' +
        `Our next update will reach you by ${clockText(next, 'Europe/Berlin')} (${offsetText(next, 'Europe/Berlin')}).\n`,
    );
    expect(r.stderr).toBe('');
  });

  it('names the gaps the responder still has to fill', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev2', '--message', 'update']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Current impact: [impact]');
    expect(r.stdout).toContain('· Owner: Product specialist');
    expect(r.stderr).toBe('note: the message has gaps to fill: [impact] (--impact), [actions] (--actions), [next_step] (--next-step)\n');
  });

  it('says when there is no template for the audience', () => {
    const none = runCli(['triage', '--matrix', VENDOR, '--severity', 'sev3', '--message', 'acknowledge', '--audience', 'client']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('escalate: the matrix has no acknowledge template for sev3 for the client audience; add one under templates\n');
  });

  it('without --audience prefers the client template, and says so when only an internal one exists', () => {
    const client = runCli(['triage', '--matrix', VENDOR, '--severity', 'sev1', '--message', 'acknowledge', '--impact', 'x']);
    expect(client.stdout).toMatch(/^Subject: Incident notice: /);
    expect(client.stderr).toBe('');
    const internal = runCli(['triage', '--matrix', VENDOR, '--severity', 'sev3', '--message', 'acknowledge']);
    expect(internal.code).toBe(0);
    expect(internal.stdout).toMatch(/^Logged as sev3/);
    expect(internal.stderr).toBe('note: the matrix has no client acknowledge template for sev3; this is the internal one, not for the client (--audience internal picks it without this note)\n');
    const asked = runCli(['triage', '--matrix', VENDOR, '--severity', 'sev3', '--message', 'acknowledge', '--audience', 'internal']);
    expect(asked.stdout).toMatch(/^Logged as sev3/);
    expect(asked.stderr).toBe('');
  });

  it('markdown output carries the message', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--at', '2026-03-27T16:30', '--message', 'resolution', '--markdown', '--impact', 'x', '--actions', 'y']);
    expect(r.stdout).toContain('**Message (resolution, client)**');
    expect(r.stdout).toContain('A root-cause summary follows by Sun 29 Mar 17:30 (UTC+02:00).');
  });

  it('refuses an unknown kind', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev1', '--message', 'apology']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'apology' is invalid/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('contracts on the command line', () => {
  it('the same incident for a standard and a premium client: same severity, different stated deadlines', () => {
    const answers = ['--answer', 'outage=yes', '--answer', 'reach=many', '--at', '2026-11-10T10:00', '--json'];
    const standard = json(runCli(['triage', '--matrix', MSP, '--client', 'harbor-dental', ...answers]).stdout);
    const premium = json(runCli(['triage', '--matrix', MSP, '--client', 'northwind', ...answers]).stdout);
    expect(standard.severity.id).toBe('p1');
    expect(premium.severity.id).toBe('p1');
    expect(ack(standard)).toMatchObject({ at: '2026-11-10T10:15:00-05:00', source: 'severity' });
    expect(ack(premium)).toMatchObject({ at: '2026-11-10T10:10:00-05:00', source: 'tier premium' });
    expect(premium.contract).toMatchObject({ tier: { id: 'premium' }, client: { id: 'northwind' } });
    expect(premium.contract.changes[0]).toEqual({ kind: 'acknowledge', from: '15m', to: '10m', source: 'tier premium' });
  });

  it('an exception changes targets inside its window and not outside, and the card shows it', () => {
    const args = ['triage', '--matrix', MSP, '--severity', 'p1', '--client', 'northwind'];
    const inside = runCli([...args, '--at', '2027-01-16T03:00', '--json']);
    expect(ack(json(inside.stdout))).toMatchObject({ target: '5m', source: 'exception northwind-migration' });
    expect(json(inside.stdout).contract.exceptions[0]).toMatchObject({
      id: 'northwind-migration',
      from: '2027-01-15T18:00:00-05:00',
      until: '2027-01-18T08:00:00-05:00',
      approved_by: { role: 'service-manager' },
    });
    const outside = runCli([...args, '--at', '2027-01-20T03:00', '--json']);
    expect(ack(json(outside.stdout))).toMatchObject({ target: '10m', source: 'tier premium' });
    expect(json(outside.stdout).contract.exceptions).toEqual([]);
    const card = runCli([...args, '--at', '2027-01-16T03:00']).stdout;
    // The exception's changes stand on its own line; the contract line keeps only the tier's and the client's.
    expect(card).toMatch(/^Exception northwind-migration: Northwind data-centre migration weekend;\n +acknowledge 15m → 5m, escalate_after 1h → 30m; adds L3 senior\n +engineer; active until/m);
    expect(card).toMatch(/^Contract +Northwind Logistics \(northwind\), tier premium; assign_owner 15m →/m);
    expect(card).not.toMatch(/^Contract .*acknowledge/m);
  });

  it('an exception starting at a time the clocks skip is active after the jump', () => {
    const dir = mkdtempSync(join(tmpdir(), 'escalate-exc-'));
    const file = join(dir, 'mexc.yaml');
    writeFileSync(file, readFileSync(MSP, 'utf8').replace('from: 2027-01-15T18:00', 'from: 2027-03-14T02:30').replace('until: 2027-01-18T08:00', 'until: 2027-03-16T08:00'));
    const r = runCli(['triage', '--matrix', file, '--severity', 'p1', '--client', 'northwind', '--at', '2027-03-15T10:00', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).contract.exceptions).toEqual([
      expect.objectContaining({ id: 'northwind-migration', from: '2027-03-14T03:00:00-04:00', until: '2027-03-16T08:00:00-04:00' }),
    ]);
  });

  it('--tier alone applies the tier; a tier contradicting the client is refused', () => {
    const tier = json(runCli(['triage', '--matrix', MSP, '--severity', 'p2', '--tier', 'premium', '--at', '2026-11-10T10:00', '--json']).stdout);
    expect(ack(tier)).toMatchObject({ target: '15m', source: 'tier premium' });
    const clash = runCli(['triage', '--matrix', MSP, '--severity', 'p2', '--tier', 'standard', '--client', 'northwind', '--json']);
    expect(clash.code).toBe(2);
    expect(json(clash.stdout).error.code).toBe('tier_mismatch');
  });
});

describe('handoff fields and authority', () => {
  it('--field values reach the JSON and markdown; missing ones are listed', () => {
    const args = ['triage', '--matrix', SAAS, '--severity', 'sev3', '--field', 'impact-summary=One tenant cannot filter'];
    const out = json(runCli([...args, '--json']).stdout);
    expect(out.handoff).toEqual({
      fields: [
        { id: 'impact-summary', label: 'Impact summary', help: 'Who is affected and how badly, in one sentence.', value: 'One tenant cannot filter' },
        { id: 'reproduction', label: 'Reproduction steps' },
      ],
      missing: ['reproduction'],
    });
    const md = runCli([...args, '--markdown']).stdout;
    expect(md).toContain('- **Impact summary:** One tenant cannot filter');
    expect(md).toContain('- **Reproduction steps:** _missing_');
    expect(runCli([...args, '--full']).stdout).toMatch(/^Handoff +1\/2 fields; missing: reproduction$/m);
  });

  it('a malformed --field is one line and exit 2', () => {
    const r = runCli(['triage', '--matrix', SAAS, '--severity', 'sev3', '--field', 'impact']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^escalate: --field "impact": write it as ID=TEXT/);
  });

  it('the outcome states what the owner may do and the governance follow-ups', () => {
    const out = json(runCli(['triage', '--matrix', VENDOR, '--severity', 'sev1', '--at', '2026-11-10T10:00', '--json']).stdout);
    expect(out.authority).toContainEqual({ role: expect.objectContaining({ role: 'ops-manager' }), may: 'Switch the programme to the business-continuity site', owner: true });
    expect(out.governance).toMatchObject({
      rca: { due: { at: '2026-11-12T10:00:00+00:00' }, owner: { role: 'quality' } },
      review: 'Weekly business review',
      risk_entry: { after: 1, within: '90d' },
    });
    expect(out.governance.follow_ups).toContain('Formal RCA document signed off by the client');
    expect(out.governance.agenda[0]).toMatch(/^SEV1 Critical incident started Tue 10 Nov 10:00, owned by Vendor operations manager/);
  });
});
