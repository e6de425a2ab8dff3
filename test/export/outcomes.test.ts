/**
 * Triage outcomes that change the owner or who is told cannot be routed (an alert carries no
 * triage answer): both paging exports list each one, where it is in the tree, in the file,
 * on stderr and in --json; the routing tests and a running Alertmanager confirm those roles
 * are not reached by the severity alone.
 */
import { describe, expect, it } from 'vitest';
import { exportAlertmanager, routingTests } from '../../src/export/alertmanager.js';
import { exportPagerduty } from '../../src/export/pagerduty.js';
import { example, runCli } from '../helpers/cli.js';
import { exampleMatrix } from './helpers.js';

describe('MSP: "security concern → security" and the VIP path\'s account manager', () => {
  const m = exampleMatrix('msp');
  it.each([
    ['alertmanager', () => exportAlertmanager(m).warnings, 'Alertmanager'],
    ['pagerduty', () => exportPagerduty(m).warnings, 'PagerDuty'],
  ] as const)('%s lists both as not exported, at their place in the tree', (_, warnings, tool) => {
    const found = warnings().filter((w) => w.code === 'outcome-roles');
    expect(found.map((w) => [w.path.join('.'), w.message])).toEqual([
      ['triage.questions.reset-risk.answers.0.outcome.owner', `triage "reset-risk" → "Security concern" (p2) makes security the owner; alerts carry no triage answer, so ${tool} pages p2's roles and security is not paged for it`],
      ['triage.questions.reset-risk.answers.1.outcome.owner', `triage "reset-risk" → "A VIP" (p3) makes l2 the owner; alerts carry no triage answer, so ${tool} pages p3's roles and l2 is not paged for it`],
      ['triage.questions.reset-risk.answers.1.outcome.inform', `triage "reset-risk" → "A VIP" (p3) informs account-manager; alerts carry no triage answer, so ${tool} does not tell them`],
    ]);
  });

  it('the routing tests show what happens instead: a p3 alert does not reach the account manager without a premium tier', () => {
    const p3 = routingTests(m, []).find((t) => t.name === 'every p3 alert')!;
    expect(p3.receivers).not.toContain('accounts-channel');
  });

  it('stderr and --json carry them', () => {
    const run = runCli(['export', 'alertmanager', '-m', example('msp.yaml')]);
    expect(run.stderr).toContain('not expressible: triage "reset-risk" → "A VIP" (p3) informs account-manager');
    const json = JSON.parse(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--json']).stdout) as { warnings: { code: string }[] };
    expect(json.warnings.filter((w) => w.code === 'outcome-roles')).toHaveLength(3);
  });
});
