/**
 * "Did you mean" for misspelled keys and ids: the closest candidate within a small edit
 * distance. The work is bounded whatever the input: words longer than MAX_WORD get no
 * suggestion, at most MAX_CANDIDATES candidates are compared, the distance is computed in a
 * band of the allowed edits only, and a `SuggestionBudget` shared by one file's checks stops
 * suggesting once SUGGESTION_WORK cells have been computed (thousands of unknown references
 * against thousands of ids then cost what the first few hundred did).
 */
import type { WorkCounter } from '../work.js';

/** Ids and keys are short; a longer word is no typo of one. */
export const MAX_WORD = 64;
/** Candidates compared for one word. */
export const MAX_CANDIDATES = 2_000;
/** Distance cells one file's suggestions may compute in all (a few tens of milliseconds). */
export const SUGGESTION_WORK = 4_000_000;

/** Work left for one file's suggestions; pass the same budget to every call for that file. */
export interface SuggestionBudget {
  left: number;
  work?: WorkCounter;
}

export function suggestionBudget(work?: WorkCounter): SuggestionBudget {
  return work ? { left: SUGGESTION_WORK, work } : { left: SUGGESTION_WORK };
}

export function closest(word: string, candidates: Iterable<string>, budget: SuggestionBudget = suggestionBudget()): string | undefined {
  if (word.length > MAX_WORD || budget.left <= 0) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  let compared = 0;
  for (const candidate of candidates) {
    if (++compared > MAX_CANDIDATES || budget.left <= 0) break;
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(lower, candidate.toLowerCase(), Math.min(limit, bestDistance), budget);
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ?? sharedStem(lower, candidates, budget);
}

/**
 * A candidate that shares a long start with the word, for forms an edit distance misses:
 * "manager" → "management". The shared start is at least five characters and two thirds of
 * the word.
 */
function sharedStem(lower: string, candidates: Iterable<string>, budget: SuggestionBudget): string | undefined {
  let best: string | undefined;
  let bestLength = Math.max(5, Math.ceil((lower.length * 2) / 3)) - 1;
  let compared = 0;
  for (const candidate of candidates) {
    if (++compared > MAX_CANDIDATES) break;
    const other = candidate.toLowerCase();
    let n = 0;
    while (n < lower.length && n < other.length && lower[n] === other[n]) n++;
    spend(budget, n + 1);
    if (n > bestLength) {
      best = candidate;
      bestLength = n;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string {
  const match = closest(word, candidates, budget);
  return match ? ` (did you mean "${match}"?)` : '';
}

/**
 * As didYouMean, but never a numbered sibling: "sev9" is not a misspelt "sev1", and "l1" not
 * "l2" - guessing one for the other changes who or how severe. Candidates that differ from the
 * word only in their digits are left out.
 */
export function didYouMeanNotSibling(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string {
  const letters = (text: string) => text.toLowerCase().replace(/[0-9]+/g, '#');
  const digits = (text: string) => text.replace(/[^0-9]/g, '');
  const safe: string[] = [];
  for (const c of candidates) {
    if (safe.length >= MAX_CANDIDATES) break;
    if (!(letters(c) === letters(word) && digits(c) !== digits(word))) safe.push(c);
  }
  return didYouMean(word, safe, budget);
}

function spend(budget: SuggestionBudget, cells: number): void {
  budget.left -= cells;
  budget.work?.add('comparison', cells);
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and adjacent
 * swaps), computed only within `limit` of the diagonal; anything over `limit` is returned as
 * `limit + 1`. Rows that are all over the limit end the work early.
 */
function editDistance(a: string, b: string, limit: number, budget: SuggestionBudget): number {
  const over = limit + 1;
  const width = b.length + 1;
  let before = new Array<number>(width).fill(over);
  let previous = new Array<number>(width);
  let current = new Array<number>(width);
  for (let j = 0; j < width; j++) previous[j] = j <= limit ? j : over;
  let cells = 0;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current.fill(over);
    current[0] = i <= limit ? i : over;
    let rowBest = current[0]!;
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = Math.min(best, over);
      if (current[j]! < rowBest) rowBest = current[j]!;
    }
    cells += to - from + 1;
    if (rowBest > limit) {
      spend(budget, cells);
      return over;
    }
    [before, previous, current] = [previous, current, before];
  }
  spend(budget, cells);
  return previous[b.length]!;
}
