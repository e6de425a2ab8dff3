/** "in 12 min", "overdue by 5 min": a deadline relative to now, for people reading a card. */

/** Whole minutes from `now` until `at`, rounded toward now; negative when `at` has passed. */
export function minutesFrom(now: Date, at: Date): number {
  const ms = at.getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / 60_000) : -Math.floor(-ms / 60_000);
}

/** A span of minutes in words: `45 min`, `3 h 20 min`, `2 d 4 h` (the two largest units). */
export function spanText(minutes: number): string {
  const m = Math.abs(minutes);
  if (m < 60) return `${m} min`;
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
}

/** `in 12 min`, `overdue by 5 min`, or `due now`. */
export function relativeText(minutes: number): string {
  if (minutes === 0) return 'due now';
  return minutes > 0 ? `in ${spanText(minutes)}` : `overdue by ${spanText(minutes)}`;
}

/** `12 min ago`, `in 3 h`, `now`: for events rather than deadlines. */
export function agoText(minutes: number): string {
  if (minutes === 0) return 'now';
  return minutes < 0 ? `${spanText(minutes)} ago` : `in ${spanText(minutes)}`;
}
