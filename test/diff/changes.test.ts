/** One fixture pair per kind of change: the exact list of changes each one produces. */
import { describe, expect, it } from 'vitest';
import { codes, diffFixtures } from './helpers.js';

const CASES: Record<string, string[]> = {
  'severity-added': ['severities added severities.sev4 neutral'],
  'severity-removed': [
    'severities removed severities.sev3 looser',
    'authority changed authority[1].severities neutral',
    'triage retargeted triage.questions.billing.answers.no stricter',
  ],
  'severity-renamed': ['severities renamed severities.sev2.name neutral'],
  'severity-definition': [
    'severities changed severities.sev2.definition neutral',
    'severities added severities.sev2.impact.scope neutral',
    'severities removed severities.sev2.examples neutral',
    'severities added severities.sev2.examples neutral',
    'severities added severities.sev2.promise neutral',
  ],
  'severity-reordered': ['severities reordered severities neutral'],
  'severity-lowered': ['triage retargeted triage.questions.core.answers.yes looser'],
  targets: [
    'targets changed severities.sev1.targets.acknowledge stricter',
    'targets changed severities.sev1.targets.workaround looser',
    'targets removed severities.sev2.targets.resolution looser',
    'targets added severities.sev2.targets.rca stricter',
  ],
  owners: ['owners changed severities.sev2.owner neutral'],
  roles: [
    'roles added roles.security neutral',
    'roles changed roles.frontline.title neutral',
    'roles added roles.specialist.description neutral',
    'roles added roles.lead.client_contact neutral',
    'roles removed roles.lead.backup neutral',
    'roles changed roles.eng.contact neutral',
    'roles changed roles.finance.side neutral',
  ],
  escalation: [
    'escalation added severities.sev1.escalation[3] stricter',
    'escalation retimed severities.sev1.escalation[1].after looser',
    'escalation changed severities.sev1.escalation[2].notify neutral',
    'escalation removed severities.sev2.escalation[1] looser',
  ],
  'client-rule': [
    'client changed severities.sev1.client.channel neutral',
    'client changed severities.sev2.client.notify looser',
    'client added severities.sev3.client.audience neutral',
  ],
  'triggers-routes': [
    'triggers removed triggers.billing-failure neutral',
    'triggers added triggers.data-exposure neutral',
    'triggers changed triggers.outage.review_as looser',
    'routes added routes.vendor neutral',
    'routes changed routes.engineering.when neutral',
    'routes changed routes.finance.to neutral',
  ],
  tiers: [
    'tiers changed tiers.standard.description neutral',
    'tiers changed tiers.enterprise.targets.sev1.acknowledge stricter',
    'tiers removed tiers.enterprise.targets.sev2.acknowledge looser',
  ],
  clients: ['clients changed require_contract stricter', 'clients removed clients.globex neutral', 'clients added clients.initech neutral', 'clients changed clients.acme.tier neutral'],
  exceptions: [
    'exceptions added exceptions.staffing neutral',
    'exceptions changed exceptions.launch.until neutral',
    'exceptions changed exceptions.launch.targets.sev1.acknowledge looser',
  ],
  templates: [
    'templates added templates[2] neutral',
    'templates changed templates[0].subject neutral',
    'templates changed templates[1].body neutral',
    'templates changed templates[3].audience neutral',
  ],
  handoff: [
    'handoff changed severities.sev1.handoff neutral',
    'handoff changed severities.sev2.handoff neutral',
    'handoff removed handoff.logs neutral',
    'handoff added handoff.deadline neutral',
    'handoff changed handoff.repro.label neutral',
  ],
  'authority-governance': [
    'authority added authority[2] neutral',
    'authority changed authority[1].limit neutral',
    'governance changed severities.sev1.governance.rca_owner neutral',
    'governance changed severities.sev1.governance.risk_entry neutral',
    'governance added severities.sev1.governance.follow_ups neutral',
    'governance added governance_review neutral',
    'governance removed closing neutral',
  ],
  calendars: [
    'severities added severities.sev2.calendar looser',
    'calendars added calendars.weekend neutral',
    'calendars changed calendars.office.hours stricter',
    'calendars changed calendars.office.holidays neutral',
  ],
  upkeep: [
    'upkeep changed name neutral',
    'upkeep changed description neutral',
    'upkeep changed owner neutral',
    'upkeep changed reviewed neutral',
    'upkeep changed review_every looser',
    'upkeep added review_triggers neutral',
    'upkeep changed timezone neutral',
    'settings changed lint.rules.review-overdue neutral',
  ],
  tree: [
    'triage added triage.questions.vendor neutral',
    'triage added triage.questions.scope.answers.none neutral',
    'triage relabelled triage.questions.core.answers.no.label neutral',
    'triage reordered triage.questions.core.answers neutral',
    'triage changed triage.questions.billing.answers.yes.outcome.inform neutral',
    'triage retargeted triage.questions.billing.answers.no neutral',
  ],
  'tree-question-removed': ['triage removed triage.questions.billing neutral', 'triage retargeted triage.questions.scope.answers.one neutral'],
  'tree-lowered-via-question': ['triage added triage.questions.reach neutral', 'triage retargeted triage.questions.core.answers.yes neutral'],
  'no-tree': ['triage removed triage neutral'],
  'no-change': [],
};

describe('changes found on each fixture pair', () => {
  it.each(Object.entries(CASES))('%s', (name, expected) => {
    expect(codes(diffFixtures('base.yaml', `${name}.yaml`))).toEqual(expected);
  });

  it('the same matrix against itself has no changes and no affected paths', () => {
    const diff = diffFixtures('base.yaml', 'base.yaml');
    expect(diff.changes).toEqual([]);
    expect(diff.impact).toMatchObject({ affected: 0, checked: 4, paths: [], omitted: 0, truncated: false });
  });

  it('is symmetric in kind: swapping the sides turns added into removed and stricter into looser', () => {
    expect(codes(diffFixtures('targets.yaml', 'base.yaml'))).toEqual([
      'targets changed severities.sev1.targets.acknowledge looser',
      'targets changed severities.sev1.targets.workaround stricter',
      'targets added severities.sev2.targets.resolution stricter',
      'targets removed severities.sev2.targets.rca looser',
    ]);
  });
});

describe('what the changes say', () => {
  it('keeps the values before and after, as written', () => {
    const [ack] = diffFixtures('base.yaml', 'targets.yaml').changes;
    expect(ack).toMatchObject({ subject: 'sev1', field: 'acknowledge', old: '15m', new: '10m' });
  });

  it('names a renamed severity by its id with both names', () => {
    expect(diffFixtures('base.yaml', 'severity-renamed.yaml').changes[0]).toMatchObject({ subject: 'severity sev2', old: 'High', new: 'Major' });
  });

  it('gives the roles a step pulls in as lists', () => {
    const pulled = diffFixtures('base.yaml', 'escalation.yaml').changes.find((c) => c.field === 'notify');
    expect(pulled).toMatchObject({ old: ['executive'], new: ['executive', 'eng'] });
  });

  it('reports the severity order before and after', () => {
    expect(diffFixtures('base.yaml', 'severity-reordered.yaml').changes[0]).toMatchObject({ old: ['sev1', 'sev2', 'sev3'], new: ['sev1', 'sev3', 'sev2'] });
  });

  it('describes where a retargeted answer led and leads', () => {
    const edge = diffFixtures('base.yaml', 'tree.yaml').changes.find((c) => c.kind === 'retargeted');
    expect(edge).toMatchObject({ subject: 'billing=no', old: 'sev3', new: 'question vendor' });
  });

  it('judges a dropped override by the target that applies afterwards', () => {
    const dropped = diffFixtures('base.yaml', 'tiers.yaml').changes.find((c) => c.kind === 'removed');
    expect(dropped).toMatchObject({ old: '15m', direction: 'looser' }); // back to the severity's 30m
  });

  it('lists areas in report order whatever order the differs run in', () => {
    const areas = diffFixtures('base.yaml', 'calendars.yaml').changes.map((c) => c.area);
    expect(areas).toEqual(['severities', 'calendars', 'calendars', 'calendars']);
  });
});

describe('outcome inform', () => {
  it('a role an answer now informs is a change of that answer and of every path ending there', () => {
    const diff = diffFixtures('base.yaml', 'tree.yaml');
    expect(diff.changes.find((c) => c.field === 'inform')).toMatchObject({ subject: 'billing=yes', old: [], new: ['executive'], direction: 'neutral' });
    const path = diff.impact.paths.find((p) => p.answers.map((a) => `${a.question}=${a.answer}`).join(',') === 'scope=one,billing=yes');
    expect(path).toMatchObject({ status: 'changed', fields: ['inform'], new: { inform: ['executive'] } });
  });
});
