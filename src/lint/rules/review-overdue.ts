import { daysUntilReview, reviewDue } from '../../matrix/upkeep.js';
import { findingAt, type Rule } from '../rule.js';

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  group: 'upkeep',
  level: 'warning',
  rationale: 'A matrix past its review date describes a team that may no longer exist.',
  check({ matrix, locator, today }) {
    const days = daysUntilReview(matrix.reviewed, matrix.review_every, today);
    if (days >= 0) return [];
    const due = reviewDue(matrix.reviewed, matrix.review_every);
    return [
      findingAt(
        locator,
        ['reviewed'],
        `the review is overdue: due ${due} (reviewed ${matrix.reviewed}, every ${matrix.review_every}), ${-days} day${days === -1 ? '' : 's'} ago; review the matrix and update reviewed`,
      ),
    ];
  },
};
