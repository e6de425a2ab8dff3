/**
 * A value worked out once per key: `map`'s entry for `key`, made by `make` when there is none.
 * The map is emptied when it holds `limit` entries, so a long run (a simulation, a report over
 * many matrices) never grows it without bound. For pure work only: the key must say
 * everything the value depends on.
 */
export function remembered<K, V>(map: Map<K, V>, key: K, limit: number, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= limit) map.clear();
    map.set(key, value);
  }
  return value;
}
