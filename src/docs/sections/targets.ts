/** Response targets per severity, the calendar each runs on, and the calendars themselves. */
import type { Matrix } from '../../matrix/schema.js';
import { code, inline } from '../escape.js';
import { blocks, bullets, table } from '../markdown.js';
import { TARGET_MEANINGS, describedAs } from '../describe.js';
import { calendar as calendarSchema } from '../../matrix/schema.js';
import { calendarLabel, daysText, hoursText, severityLabel, TARGET_LABELS, usedTargetKinds } from '../format.js';

export const TARGETS_HEADING = 'Response targets';

export function targetsSection(matrix: Matrix): string {
  const kinds = usedTargetKinds(matrix);
  const rows = matrix.severities.map((s) => [
    severityLabel(s),
    calendarLabel(s.calendar),
    ...kinds.map((kind) => s.targets?.[kind] ?? ''),
    s.promise ? promiseCell(s.promise, s.targets?.[s.promise]) : '',
  ]);
  const legend = bullets(kinds.map((kind) => `**${TARGET_LABELS[kind]}:** ${inline(TARGET_MEANINGS[kind])}`));
  return blocks(
    `## ${TARGETS_HEADING}`,
    'Every time counts from the incident start. A target on business hours counts only working time on its calendar; the others run round the clock.',
    table(['Level', 'Runs on', ...kinds.map((k) => TARGET_LABELS[k]), 'Promised to the client'], rows),
    legend,
    calendarsBlock(matrix),
  );
}

function promiseCell(promise: 'workaround' | 'resolution', within: string | undefined): string {
  return within ? `${promise} within ${within}` : promise;
}

function calendarsBlock(matrix: Matrix): string | undefined {
  const calendars = Object.entries(matrix.calendars ?? {});
  if (calendars.length === 0) return undefined;
  const rows = calendars.map(([id, c]) => [
    code(id),
    daysText(c.days),
    hoursText(c.hours),
    inline(c.timezone ?? matrix.timezone),
    [c.holidays?.length ? c.holidays.join(', ') : '', c.holidays_from !== undefined ? `(with ${code(c.holidays_from)})` : ''].filter(Boolean).join(' '),
  ]);
  return blocks('### Calendars', inline(describedAs(calendarSchema) ?? ''), table(['Calendar', 'Days', 'Hours', 'Time zone', 'Holidays (no business time)'], rows));
}
