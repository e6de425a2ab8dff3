/** Pairing items of two lists that have no ids, the way a reader would match them. */
export interface Pairing {
  /** Index in the old list, index in the new list; in new-list order. */
  pairs: [number, number][];
  removed: number[];
  added: number[];
}

/** Tries each rule in turn on the items still unpaired; the first match in the new list wins. */
export function pairBy<T>(before: readonly T[], after: readonly T[], rules: readonly ((a: T, b: T) => boolean)[]): Pairing {
  const free = new Set(before.keys());
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  for (const same of rules) {
    for (const i of [...free]) {
      const j = after.findIndex((b, k) => !used.has(k) && same(before[i]!, b));
      if (j < 0) continue;
      free.delete(i);
      used.add(j);
      pairs.push([i, j]);
    }
  }
  pairs.sort((x, y) => x[1] - y[1]);
  return { pairs, removed: [...free], added: [...after.keys()].filter((j) => !used.has(j)) };
}
