/** Upkeep dates: when the matrix is next due for review. Pure date arithmetic on YYYY-MM-DD. */
import { durationMinutes } from '../time/duration.js';

const DAY_MINUTES = 24 * 60;

/** `reviewed` plus the review cadence, as YYYY-MM-DD (cadences are counted in whole days, rounded up). */
export function reviewDue(reviewed: string, reviewEvery: string): string {
  const days = Math.ceil(durationMinutes(reviewEvery) / DAY_MINUTES);
  const [y, m, d] = reviewed.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `today` until the review is due; negative when overdue. */
export function daysUntilReview(reviewed: string, reviewEvery: string, today: string): number {
  const due = Date.parse(`${reviewDue(reviewed, reviewEvery)}T00:00:00Z`);
  return Math.round((due - Date.parse(`${today}T00:00:00Z`)) / (DAY_MINUTES * 60_000));
}
