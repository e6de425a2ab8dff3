/** What the two sides of a diff were read from, as the user named them. */
export interface SideLabels {
  old: string;
  new: string;
}

/** Groups changes by area, keeping the order they come in (already by area). */
export function groupByArea<T extends { area: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.area) ?? [];
    list.push(item);
    groups.set(item.area, list);
  }
  return [...groups];
}
