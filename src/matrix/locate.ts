/**
 * Maps a path in the parsed data back to a line and column in the YAML text. The walk
 * resolves aliases and stops at the deepest node that exists, so a missing key points at
 * its parent and a path through an alias points at the anchored node.
 */
import { Alias, Scalar, YAMLMap, YAMLSeq, type Document, type Node, type Pair } from 'yaml';
import type { Positions } from './positions.js';
import type { Path, Position } from '../diagnostics.js';

// yaml's node classes, read once: a bundle reaches a CommonJS package's exports through a
// getter at each use, and a lint of many findings walks a path per finding.
const [AliasNode, ScalarNode, MapNode, SeqNode] = [Alias, Scalar, YAMLMap, YAMLSeq];

export interface Span extends Position {
  endLine: number;
  endColumn: number;
  /** False when the path ran out before its end: the span is the nearest existing parent. */
  exact: boolean;
}

export interface Locator {
  /** The value at `path`, or its nearest existing parent. */
  value(path: Path): Span;
  /** The key of the last path segment (a map key), or the value when there is no key. */
  key(path: Path): Span;
  /**
   * True when the last path segment is a key that a comma split off the pair before it in a
   * flow mapping: not the mapping's first key, and followed by no `:` (`{ scope: One user, or
   * two }` reads `or two` as a key without a value).
   */
  splitAtComma(path: Path): boolean;
}

type Range = readonly [number, number, number?];

/** Key → pair, built once per mapping, so locating many findings in a big matrix stays linear. */
const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairIndex(map: YAMLMap): Map<string, Pair> {
  let index = indexes.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items) {
      const key = item.key instanceof ScalarNode ? String(item.key.value) : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, item as Pair);
    }
    indexes.set(map, index);
  }
  return index;
}

/** The first pair of `map` whose key reads `key`: a small mapping is scanned, a large one indexed. */
function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const items = map.items;
  if (items.length > 8) return pairIndex(map).get(key);
  for (const item of items) {
    if (!(item.key instanceof ScalarNode)) continue;
    const value: unknown = item.key.value;
    if ((typeof value === 'string' ? value : String(value)) === key) return item as Pair;
  }
  return undefined;
}

export function createLocator(doc: Document.Parsed | Document, lines: Positions): Locator {
  const span = (range: Range | null | undefined, exact: boolean): Span => {
    const start = range ? lines.linePos(range[0]) : { line: 1, col: 1 };
    const end = range ? lines.linePos(range[1]) : start;
    return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col, exact };
  };

  const walk = (path: Path) => {
    let node: unknown = doc.contents;
    let keyNode: Node | undefined;
    let parentKey: Node | undefined;
    let parent: unknown;
    let depth = 0;
    // Made at the first alias met: most walks meet none, and a lint of many findings walks once per finding.
    let seen: Set<unknown> | undefined;
    for (const part of path) {
      // `instanceof` where yaml's isMap and kin read a symbol-keyed field of any kind of node:
      // the same answer for the nodes yaml makes (YAMLSet is a YAMLMap, YAMLOMap a YAMLSeq), at a
      // fraction of the cost when every finding walks its path.
      while (node instanceof AliasNode && !(seen ??= new Set()).has(node)) {
        seen.add(node);
        node = node.resolve(doc as Document);
      }
      let next: unknown;
      let nextKey: Node | undefined;
      if (node instanceof MapNode) {
        const pair = pairOf(node, String(part));
        if (pair) {
          next = pair.value ?? pair.key;
          nextKey = pair.key as Node;
        }
      } else if (node instanceof SeqNode && typeof part === 'number') {
        next = node.items[part];
      }
      if (next === undefined) break;
      parent = node;
      parentKey = keyNode;
      node = next;
      keyNode = nextKey;
      depth++;
    }
    return { node: node as Node | null, keyNode, parent, parentKey, exact: depth === path.length };
  };

  const rangeOf = (node: unknown): Range | undefined =>
    node && typeof node === 'object' && 'range' in node ? ((node as Node).range ?? undefined) : undefined;

  return {
    value(path) {
      const found = walk(path);
      if (found.exact) return span(rangeOf(found.node) ?? rangeOf(found.keyNode), true);
      // Missing: point at the key of the deepest existing map, else at the map itself.
      return span(rangeOf(found.keyNode) ?? rangeOf(found.node), false);
    },
    key(path) {
      const found = walk(path);
      if (found.exact && found.keyNode) return span(rangeOf(found.keyNode), true);
      return this.value(path);
    },
    splitAtComma(path) {
      const found = walk(path);
      const map = found.parent;
      if (!found.exact || !(map instanceof MapNode) || !map.flow) return false;
      const pair = pairOf(map, String(path[path.length - 1]));
      // yaml leaves a pair's value null only when no `:` follows its key (`a:` alone holds a null scalar).
      return pair !== undefined && pair.value === null && map.items.indexOf(pair) > 0;
    },
  };
}
