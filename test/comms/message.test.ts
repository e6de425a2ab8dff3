/** `--message` through the whole program in-process, with the clock pinned, so every time in the text is exact. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/io.js';

async function run(argv: string[], now: string) {
  const { io, stdout, stderr } = memoryIo({ now: () => new Date(now) });
  const code = await main({ argv: ['triage', ...argv], io });
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('--message with a pinned clock', () => {
  it('the acknowledgment contains the real owner and the next-update time', async () => {
    const r = await run(['--matrix', 'examples/saas-support.yaml', '--severity', 'sev1', '--at', '2026-03-27T16:30', '--message', 'acknowledge', '--impact', 'Checkout fails for all tenants'], '2026-03-27T15:42:00Z');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Subject: [Critical] We are on it\n\n' +
        'We have confirmed the issue you reported and classified it as Critical.\n' +
        'Support lead (incident commander) now owns it. Current impact: Checkout fails for all tenants.\n' +
        'Our next update will reach you by Fri 27 Mar 17:00 (UTC+01:00).\n',
    );
  });

  it('an update an hour in gives the next update after now, not after the start', async () => {
    const r = await run(['--matrix', 'examples/saas-support.yaml', '--severity', 'sev2', '--at', '2026-03-27T16:30', '--message', 'update', '--impact', 'Exports fail', '--actions', 'Restarted workers', '--next-step', 'Roll back 4.2'], '2026-03-27T18:40:00Z');
    expect(r.stdout).toBe(
      'Subject: [High] Update\n\n' +
        'Summary: High incident, started Fri 27 Mar 16:30 (UTC+01:00).\n' +
        'Current impact: Exports fail\n' +
        'Actions taken: Restarted workers\n' +
        'Next step: Roll back 4.2\n' +
        'Next update: Fri 27 Mar 20:30 (UTC+01:00) · Owner: Product specialist\n',
    );
    expect(r.stderr).toBe('');
  });

  it('renders for the contract\u2019s client and cadence, with the message in the JSON', async () => {
    const r = await run(['--matrix', 'examples/msp.yaml', '--severity', 'p1', '--client', 'northwind', '--at', '2026-11-10T10:00', '--message', 'acknowledge', '--json'], '2026-11-10T15:05:00Z');
    expect(JSON.parse(r.stdout).message).toEqual({
      kind: 'acknowledge',
      audience: 'client',
      body: 'Hello Northwind Logistics, we have logged your issue as p1 (Critical).\nL2 systems engineer is working on it (servicedesk@northpoint.example, quoting your ticket number). Next update by Tue 10 Nov 10:30 (UTC-05:00).\n',
    });
  });

  it('--audience picks the internal template', async () => {
    const r = await run(['--matrix', 'examples/client-vendor.yaml', '--severity', 'sev1', '--client', 'contoso-care', '--at', '2026-11-10T10:00', '--message', 'acknowledge', '--audience', 'internal'], '2026-11-10T10:05:00Z');
    expect(r.stdout).toBe('Logged as sev1 for Contoso Retail · customer care; Vendor operations manager owns it. Next update Tue 10 Nov 11:00 (UTC+00:00).\n');
  });
});
