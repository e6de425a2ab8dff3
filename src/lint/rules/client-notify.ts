import { sideOf } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const clientNotify: Rule = {
  id: 'client-notify',
  group: 'timing',
  level: 'error',
  rationale: 'When a level tells the client, the matrix must say when and which client-side role hears it.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    matrix.severities.forEach((severity, i) => {
      const at = ['severities', i];
      const rule = severity.client?.notify;
      const step = (severity.escalation ?? []).findIndex((s) => s.notify_client === true);
      if (rule === 'none' && step >= 0) {
        out.push(findingAt(locator, [...at, 'escalation', step, 'notify_client'], `${severity.id}: escalation step ${step + 1} notifies the client, but client.notify is "none"`));
        return;
      }
      if (rule !== 'formal' && rule !== 'informal' && step < 0) return;
      const why = rule === 'formal' || rule === 'informal' ? `client.notify is "${rule}"` : `escalation step ${step + 1} notifies the client`;
      const anchor = rule ? [...at, 'client', 'notify'] : [...at, 'escalation', step, 'notify_client'];
      if (!severity.targets?.notify_client) {
        out.push(findingAt(locator, severity.targets ? [...at, 'targets'] : anchor, `${severity.id}: ${why} but no time is set for it; add targets.notify_client`, severity.targets ? 'key' : 'value'));
      }
      const contact = severity.client?.contact;
      if (contact === undefined) {
        out.push(findingAt(locator, severity.client ? [...at, 'client'] : anchor, `${severity.id}: ${why} but names no client-side role to tell; add client.contact`, severity.client ? 'key' : 'value'));
      } else if (sideOf(matrix, contact) !== 'client') {
        out.push(findingAt(locator, [...at, 'client', 'contact'], `${severity.id}: client.contact "${contact}" is not a client-side role; name the role on the client's side that is told (a role with side: client)`));
      }
    });
    return out;
  },
};
