import { findingAt, type Finding, type Rule } from '../rule.js';

/**
 * Minutes since the epoch, reading a time without an offset as UTC: both ends of one
 * window share a zone. A date alone starts at midnight, or ends at the end of that day.
 */
function instant(text: string, end = false): number {
  if (text.length === 10) return Date.parse(`${text}T00:00Z`) / 60_000 + (end ? 24 * 60 : 0);
  const date = text;
  const offset = /(Z|[+-]\d{2}:\d{2})$/.test(date) ? '' : 'Z';
  return Date.parse(`${date}${offset}`) / 60_000;
}

export const exceptionWindow: Rule = {
  id: 'exception-window',
  group: 'upkeep',
  level: 'error',
  rationale: 'An exception that ends before it starts is never active: the change it promises silently never happens.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    (matrix.exceptions ?? []).forEach((exception, i) => {
      if (instant(exception.until, true) <= instant(exception.from)) {
        out.push(findingAt(locator, ['exceptions', i, 'until'], `exception "${exception.id}" ends (${exception.until}) before it starts (${exception.from})`));
      }
    });
    return out;
  },
};
