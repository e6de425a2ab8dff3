/** Time-bound exceptions: window, approver, scope and the targets they change. */
import type { Matrix, MatrixException } from '../../matrix/schema.js';
import { cell, code, inline } from '../escape.js';
import { blocks, table } from '../markdown.js';
import { dateTimeText, roleTitle, severityById, type SheetOptions } from '../format.js';
import { changeRows } from './contracts.js';

export const EXCEPTIONS_HEADING = 'Exceptions';

export function exceptionsSection(matrix: Matrix, options: SheetOptions): string | undefined {
  const exceptions = matrix.exceptions ?? [];
  if (exceptions.length === 0) return undefined;
  const judged = options.asOf !== undefined;
  const header = ['Exception', 'Reason', 'From', 'Expires', 'Approved by', 'Applies to', 'Owner while active', 'Also told', ...(judged ? [`Status on ${options.asOf}`] : [])];
  const rows = exceptions.map((e) => [
    code(e.id),
    cell(e.reason),
    dateTimeText(e.from, matrix.timezone),
    dateTimeText(e.until, matrix.timezone),
    roleTitle(matrix, e.approved_by),
    scope(matrix, e),
    e.owner ? roleTitle(matrix, e.owner) : '',
    (e.notify ?? []).map((r) => roleTitle(matrix, r)).join(', '),
    ...(options.asOf !== undefined ? [status(e, options.asOf)] : []),
  ]);
  const changes = exceptions.flatMap((e) => changeRows(matrix, `exception ${code(e.id)}`, e.targets, (sid) => severityById(matrix, sid)?.targets));
  return blocks(
    `## ${EXCEPTIONS_HEADING}`,
    judged
      ? 'Every exception is explicit and ends; outside its window the standard targets apply.'
      : 'Every exception is explicit and ends; outside its window the standard targets apply. This sheet does not judge which are in effect today: run `escalate docs --as-of YYYY-MM-DD` to mark them, or `escalate lint` to flag expired ones.',
    table(header, rows),
    changes.length
      ? blocks('### Exception target changes', 'Each change is from the level\'s standard target.', table(['Applies to', 'Level', 'Target', 'Change'], changes))
      : undefined,
  );
}

function scope(matrix: Matrix, exception: MatrixException): string {
  const parts: string[] = [];
  parts.push(exception.severities?.length ? `levels ${exception.severities.map(code).join(', ')}` : 'all levels');
  if (exception.clients?.length) {
    const names = exception.clients.map((id) => {
      const client = Object.hasOwn(matrix.clients ?? {}, id) ? matrix.clients?.[id] : undefined;
      return client ? inline(client.name) : code(id);
    });
    parts.push(`clients ${names.join(', ')}`);
  } else parts.push('all clients');
  return parts.join('; ');
}

/** Judged on dates only: an exception is in effect on every day its window touches. */
export function status(exception: MatrixException, asOf: string): 'upcoming' | 'in effect' | 'expired' {
  if (exception.until.slice(0, 10) < asOf) return 'expired';
  if (exception.from.slice(0, 10) > asOf) return 'upcoming';
  return 'in effect';
}
