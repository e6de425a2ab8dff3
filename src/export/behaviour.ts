/**
 * What each paging tool will do with a matrix's export, step by step, and what it will not
 * (with the reason): built from the exports themselves, so the statement and the file never
 * disagree. docs/export.md shows it for every example; tests check each claim against the
 * consumer (amtool, a running Alertmanager, the provider schema, ical.js). Pure.
 */
import type { Matrix } from '../matrix/schema.js';
import { exportAlertmanager, expectedReceivers } from './alertmanager.js';
import { exportIcs } from './ics.js';
import { exportPagerduty, resourceName } from './pagerduty.js';
import type { ExportWarning } from './warnings.js';

export interface ToolBehaviour {
  tool: 'alertmanager' | 'pagerduty' | 'ics';
  /** What the tool does, one line per step or severity. */
  performs: string[];
  /** What the matrix says that the tool will not do, each with its reason. */
  not: ExportWarning[];
  /** PagerDuty with `--pull-in separate-services`: what it pages then, one line per severity. */
  pullIn?: string[];
}

const target = (t: { type: string; id: string }) => `${t.type.replace(/_reference$/, '')} ${t.id}`;

export function exportBehaviour(matrix: Matrix): ToolBehaviour[] {
  const am = exportAlertmanager(matrix);
  const alertmanager: ToolBehaviour = {
    tool: 'alertmanager',
    performs: matrix.severities.map((s) => `${s.id}: an alert labelled severity=${s.id} reaches ${expectedReceivers(matrix, s).join(', ')} at once`),
    not: am.warnings,
  };
  const pd = exportPagerduty(matrix);
  const pagerduty: ToolBehaviour = {
    tool: 'pagerduty',
    performs: matrix.severities.flatMap((s) => {
      const policy = pd.config.resource.pagerduty_escalation_policy[resourceName(s.id)];
      if (!policy) return [];
      let at = 0;
      const steps = policy.rule.map((r, k) => {
        const line = `${k === 0 ? 'at once' : `after ${at} min${' if nobody acknowledged'}`} ${r.target.map(target).join(', ')}`;
        at += r.escalation_delay_in_minutes;
        return line;
      });
      const service = pd.config.resource.pagerduty_service?.[resourceName(s.id)];
      const hours = service ? `; low urgency outside support hours (${service.support_hours[0]!.start_time}-${service.support_hours[0]!.end_time} ${service.support_hours[0]!.time_zone}), raised to high when they start` : '';
      return [`${s.id}: pages ${steps.join('; ')}${hours}`];
    }),
    not: pd.warnings,
    pullIn: pullInLines(matrix),
  };
  const calendars = Object.keys(matrix.calendars ?? {});
  const ics: ToolBehaviour = {
    tool: 'ics',
    performs:
      calendars.length === 0
        ? []
        : calendars.map((id) => `calendar ${id}: working hours ${matrix.calendars![id]!.hours} on ${matrix.calendars![id]!.days.join(', ')} as a weekly event, ${new Set(matrix.calendars![id]!.holidays).size} holidays excluded and listed as all-day events`),
    not: calendars.length === 0 ? [] : [...exportIcs(matrix).warnings, { code: 'calendar-only', path: ['calendars'], message: 'a calendar pages nobody: it gives helpdesk and calendar tools the working time the targets count' }],
  };
  return [alertmanager, pagerduty, ics];
}

/** Each severity as the --pull-in export pages it: the first point at once, each later one acknowledged or not. */
function pullInLines(matrix: Matrix): string[] {
  const { config } = exportPagerduty(matrix, { pullIn: 'separate-services' });
  const policies = config.resource.pagerduty_escalation_policy;
  const orchestrations = config.resource.pagerduty_event_orchestration_service ?? {};
  return matrix.severities.flatMap((s) => {
    const key = resourceName(s.id);
    const first = policies[key];
    if (!first) return [];
    const later = Object.entries(orchestrations)
      .filter(([name]) => name.startsWith(`${key}-pull-in-`))
      .map(([name, o]) => ({ name, minutes: o.catch_all[0]!.actions[0]!.suspend / 60 }))
      .sort((a, b) => a.minutes - b.minutes)
      .map(({ name, minutes }) => `after ${minutes} min acknowledged or not ${policies[name]!.rule[0]!.target.map(target).join(', ')} (\`${name}\`)`);
    if (later.length === 0) return [];
    return [`${s.id}: pages at once ${first.rule[0]!.target.map(target).join(', ')}; ${later.join('; ')}`];
  });
}

const TITLES = { alertmanager: 'Alertmanager', pagerduty: 'PagerDuty', ics: 'iCalendar' } as const;

/** The behaviour as Markdown, one section per tool. */
export function behaviourMarkdown(matrix: Matrix, file: string): string {
  const lines = [`#### ${file}: ${matrix.name}`, ''];
  for (const b of exportBehaviour(matrix)) {
    if (b.performs.length === 0 && b.not.length === 0) continue;
    lines.push(`**${TITLES[b.tool]}** (\`escalate export ${b.tool} -m ${file}\`) will:`, '');
    for (const p of b.performs) lines.push(`- ${p}`);
    if (b.pullIn?.length) {
      lines.push('', `With \`--pull-in separate-services\` (each alert sent to the pull-in integrations too; wall-clock minutes; only a resolve event stops a pull-in), it pages instead:`, '');
      for (const p of b.pullIn) lines.push(`- ${p}`);
    }
    lines.push('', 'and will not:', '');
    for (const w of b.not) lines.push(`- ${w.message} (\`${w.code}\`)`);
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
