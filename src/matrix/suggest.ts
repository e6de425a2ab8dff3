/** "Did you mean" for misspelled keys and ids: the closest candidate within a small edit distance. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance && d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ?? sharedStem(word, candidates);
}

/**
 * A candidate that shares a long start with the word, for forms an edit distance misses:
 * "manager" → "management". The shared start is at least five characters and two thirds of
 * the word.
 */
function sharedStem(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestLength = Math.max(5, Math.ceil((lower.length * 2) / 3)) - 1;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    let n = 0;
    while (n < lower.length && n < other.length && lower[n] === other[n]) n++;
    if (n > bestLength) {
      best = candidate;
      bestLength = n;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closest(word, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}

/**
 * As didYouMean, but never a numbered sibling: "sev9" is not a misspelt "sev1", and "l1" not
 * "l2" - guessing one for the other changes who or how severe. Candidates that differ from the
 * word only in their digits are left out.
 */
export function didYouMeanNotSibling(word: string, candidates: Iterable<string>): string {
  const letters = (text: string) => text.toLowerCase().replace(/[0-9]+/g, '#');
  const digits = (text: string) => text.replace(/[^0-9]/g, '');
  const safe = [...candidates].filter((c) => !(letters(c) === letters(word) && digits(c) !== digits(word)));
  return didYouMean(word, safe);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
