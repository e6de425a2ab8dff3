import { findingAt, type Rule } from '../rule.js';

/** Contacts that say "nobody yet". */
export const PLACEHOLDER_CONTACT = /^(tbd|tba|todo|fixme|n\/?a|none|nobody|unknown|pending|later|xxx+|\?+|-+|\.+)$/i;

export const roleContact: Rule = {
  id: 'role-contact',
  group: 'ownership',
  level: 'error',
  rationale: 'Every role needs a real way to reach whoever holds it now (queue, pager, channel or mailbox); "TBD" fails at 3 a.m.',
  check({ matrix, locator }) {
    return Object.entries(matrix.roles).flatMap(([id, role]) =>
      PLACEHOLDER_CONTACT.test(role.contact.trim())
        ? [findingAt(locator, ['roles', id, 'contact'], `role "${id}" has the placeholder contact "${role.contact}"; give a queue, pager, channel or shared mailbox`)]
        : [],
    );
  },
};
