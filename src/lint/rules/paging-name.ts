import { PAGERDUTY_NAME_FORBIDDEN, pagerdutyName } from '../../export/pagerduty.js';
import { toolsInUse } from '../../export/paging.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

export const pagingName: Rule = {
  id: 'paging-name',
  group: 'text',
  level: 'warning',
  rationale: 'PagerDuty refuses \\ / & < > in escalation policy and service names, which `escalate export pagerduty` builds from the matrix name and the severity names; the export replaces them with "-".',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    if (!toolsInUse(matrix).includes('pagerduty')) return out;
    const check = (text: string, path: (string | number)[], what: string) => {
      if (!PAGERDUTY_NAME_FORBIDDEN.test(text)) return;
      const chars = [...new Set(text.match(/[\\/&<>]/g))].join(' ');
      out.push(findingAt(locator, path, `${what} "${text}" has ${chars}, which PagerDuty refuses in names; \`escalate export pagerduty\` writes "${pagerdutyName(text)}"`));
    };
    check(matrix.name, ['name'], 'the matrix name');
    matrix.severities.forEach((severity, i) => check(severity.name, ['severities', i, 'name'], `severity ${severity.id}'s name`));
    return out;
  },
};
