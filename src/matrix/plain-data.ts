/**
 * The JavaScript data of a parsed YAML document, as `doc.toJS()` gives it, by a direct walk
 * for the common case: mappings, lists and scalars with no anchors, aliases, tags of their
 * own or other node kinds. Anything else is left to yaml's own `toJS` (which counts aliases
 * against alias bombs). Lint converts every matrix and cases file at start-up, and yaml's
 * general path (a context object, anchor checks, merge-key checks per pair) costs about three
 * times the walk.
 */
import { Scalar, visit, YAMLMap, YAMLSeq, type Alias, type Document, type ToJSOptions } from 'yaml';

/** Marks a document the direct walk leaves to yaml. */
const OTHER = Symbol('other');

/**
 * An alias inside the very node its anchor names (`a: &a [*a]`): yaml makes a value that holds
 * itself, which every reader after it would walk for ever (a lint ran 48 s, took 4 GB and
 * aborted). `offset` is where the alias is in the text.
 */
export class RecursiveAliasError extends Error {
  constructor(
    readonly source: string,
    readonly offset: number | undefined,
  ) {
    super(`the alias *${source} is inside the node its anchor &${source} names, so the value would hold itself`);
  }
}

/** The first alias that stands inside the node its anchor names, if any. */
function recursiveAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target !== undefined && path.includes(target)) {
        found = alias;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function toData(doc: Document, options: ToJSOptions): unknown {
  const data = walk(doc.contents);
  if (data !== OTHER) return data;
  const cyclic = recursiveAlias(doc);
  if (cyclic) throw new RecursiveAliasError(cyclic.source, cyclic.range?.[0]);
  return doc.toJS(options);
}

function walk(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (typeof node !== 'object') return OTHER;
  const { constructor } = node;
  if (constructor === Scalar) {
    const scalar = node as Scalar;
    return scalar.anchor === undefined ? scalar.value : OTHER;
  }
  if (constructor === YAMLMap) {
    const map = node as YAMLMap;
    if (map.anchor !== undefined) return OTHER;
    const out: Record<string, unknown> = {};
    for (const { key, value } of map.items) {
      let name: string;
      if (key === null || key === undefined) name = '';
      else if ((key as object).constructor === Scalar && (key as Scalar).anchor === undefined) {
        const raw = (key as Scalar).value;
        if (raw === null) name = '';
        else if (raw === '<<') return OTHER; // a merge key, where a schema has them
        else if (typeof raw === 'object' || typeof raw === 'symbol') return OTHER;
        else name = String(raw);
      } else return OTHER;
      const data = walk(value);
      if (data === OTHER) return OTHER;
      // As yaml does: a name the object already answers to (`__proto__`, `toString`) becomes an own property.
      if (name in out) Object.defineProperty(out, name, { value: data, writable: true, enumerable: true, configurable: true });
      else out[name] = data;
    }
    return out;
  }
  if (constructor === YAMLSeq) {
    const seq = node as YAMLSeq;
    if (seq.anchor !== undefined) return OTHER;
    const out: unknown[] = [];
    for (const item of seq.items) {
      const data = walk(item);
      if (data === OTHER) return OTHER;
      out.push(data);
    }
    return out;
  }
  return OTHER;
}
