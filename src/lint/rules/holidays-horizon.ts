import { findingAt, type Finding, type Rule } from '../rule.js';

/** How long before the listed holidays run out the rule starts warning. */
export const HOLIDAY_HORIZON_DAYS = 60;
const DAY = 86_400_000;

export const holidaysHorizon: Rule = {
  id: 'holidays-horizon',
  group: 'upkeep',
  level: 'warning',
  rationale: 'Holidays are listed by date: once the list runs out, or a yearly holiday is missing next year, a holiday silently counts as a working day and deadlines fall on it.',
  check({ matrix, locator, today, fileHolidays }) {
    const out: Finding[] = [];
    const year = Number(today.slice(0, 4));
    for (const [id, calendar] of Object.entries(matrix.calendars ?? {})) {
      const own = calendar.holidays ?? [];
      const fromFile = fileHolidays && Object.hasOwn(fileHolidays, id) ? fileHolidays[id]! : [];
      // Inline dates are found at their own line; a date only in the holidays file, at `holidays_from`.
      const holidays = [...own, ...fromFile.filter((d) => !own.includes(d))];
      if (holidays.length === 0) continue;
      const where = (i: number): (string | number)[] => (i < own.length ? ['calendars', id, 'holidays', i] : ['calendars', id, 'holidays_from']);
      const file = calendar.holidays_from === undefined ? '' : ` (with ${calendar.holidays_from})`;
      const years = holidays.map((d) => Number(d.slice(0, 4)));
      const last = Math.max(...years);
      const end = Date.parse(`${last}-12-31T00:00:00Z`);
      const left = Math.round((end - Date.parse(`${today}T00:00:00Z`)) / DAY);
      if (left < HOLIDAY_HORIZON_DAYS) {
        const when = left < 0 ? `ran out ${-left} day${left === -1 ? '' : 's'} ago` : `run out in ${left} day${left === 1 ? '' : 's'}`;
        // Where next year's dates belong: the holidays file when its dates reach as far, else the list.
        const fileReaches = fromFile.some((d) => d.startsWith(`${last}-`)) || own.length === 0;
        const at = calendar.holidays_from !== undefined && fileReaches ? ['calendars', id, 'holidays_from'] : ['calendars', id, 'holidays'];
        out.push(findingAt(locator, at, `calendar "${id}"${file} lists holidays up to ${last}: they ${when}, and from ${last + 1}-01-01 every holiday counts as a working day; add ${last + 1}'s holidays`));
        continue;
      }
      // A holiday on the same date in two listed years recurs; when next year is listed without it, it was forgotten.
      if (!years.includes(year + 1)) continue;
      const listed = new Set(holidays);
      holidays.forEach((date, i) => {
        if (!date.startsWith(`${year}-`)) return;
        const monthDay = date.slice(5);
        const recurs = holidays.filter((d) => d.slice(5) === monthDay).length >= 2;
        if (recurs && !listed.has(`${year + 1}-${monthDay}`)) {
          out.push(findingAt(locator, where(i), `calendar "${id}"${file} keeps ${monthDay} as a holiday every year listed but not in ${year + 1}; add ${year + 1}-${monthDay} or say why it is a working day then`));
        }
      });
    }
    return out;
  },
};
