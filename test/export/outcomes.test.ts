/**
 * Triage outcomes that change the owner or who is told. An alert carries no triage answer:
 * Alertmanager routes an `outcome` label (QUESTION.ANSWER) to the outcome's roles that have a
 * receiver, and says so; roles without one, and every such outcome in PagerDuty, are listed
 * as not exported, where they are in the tree. The generated routing tests include one per
 * routed outcome, so amtool and the running Alertmanager check them.
 */
import { describe, expect, it } from 'vitest';
import { exportAlertmanager, routingTests } from '../../src/export/alertmanager.js';
import { exportPagerduty } from '../../src/export/pagerduty.js';
import { example, runCli } from '../helpers/cli.js';
import { exampleMatrix } from './helpers.js';

describe('MSP: "security concern → security" and the VIP path\'s account manager', () => {
  const m = exampleMatrix('msp');
  it('alertmanager routes the VIP path by an outcome label, and lists security (no receiver) as not exported', () => {
    const found = exportAlertmanager(m).warnings.filter((w) => w.code.startsWith('outcome-'));
    expect(found.map((w) => [w.code, w.path.join('.'), w.message])).toEqual([
      ['outcome-roles', 'triage.questions.reset-risk.answers.0.outcome.owner', `triage "reset-risk" → "Security concern" (p2) makes security the owner; alerts carry no triage answer, so Alertmanager pages p2's roles and security is not paged for it`],
      ['outcome-label', 'triage.questions.reset-risk.answers.1.outcome.owner', `triage "reset-risk" → "A VIP" (p3) makes l2 the owner; routed only for alerts labelled outcome="reset-risk.vip" (alerts carry no triage answer unless you add it)`],
      ['outcome-label', 'triage.questions.reset-risk.answers.1.outcome.inform', `triage "reset-risk" → "A VIP" (p3) informs account-manager; routed only for alerts labelled outcome="reset-risk.vip" (alerts carry no triage answer unless you add it)`],
    ]);
    const vip = routingTests(m, []).find((t) => t.labels.outcome === 'reset-risk.vip')!;
    expect(vip).toEqual({ name: 'p3 with triage outcome reset-risk.vip', labels: { severity: 'p3', outcome: 'reset-risk.vip' }, receivers: ['l2-oncall-pager', 'accounts-channel', 'servicedesk'] });
  });

  it.each([['pagerduty', () => exportPagerduty(m).warnings, 'PagerDuty']] as const)('%s lists all three as not exported, at their place in the tree', (_, warnings, tool) => {
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
    expect(run.stderr).toContain('not expressible: triage "reset-risk" → "A VIP" (p3) informs account-manager; routed only for alerts labelled outcome="reset-risk.vip"');
    const json = JSON.parse(runCli(['export', 'pagerduty', '-m', example('msp.yaml'), '--json']).stdout) as { warnings: { code: string }[] };
    expect(json.warnings.filter((w) => w.code === 'outcome-roles')).toHaveLength(3);
  });
});
