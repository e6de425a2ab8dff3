/** The keys the schema allows at a path, for "did you mean" on unknown keys. */
import type { core } from 'zod/mini';
import type { Path } from '../diagnostics.js';
import { schemas } from './schema-lazy.js';

interface Def {
  type: string;
  shape?: Record<string, core.$ZodType>;
  element?: core.$ZodType;
  valueType?: core.$ZodType;
  innerType?: core.$ZodType;
  in?: core.$ZodType;
}

const defOf = (schema: core.$ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: core.$ZodType): core.$ZodType {
  let current = schema;
  for (let def = defOf(current); def.innerType || (def.type === 'pipe' && def.in); def = defOf(current)) {
    current = (def.innerType ?? def.in)!;
  }
  return current;
}

export function keysAt(path: Path, root: core.$ZodType = schemas().matrixSchema): string[] {
  let schema: core.$ZodType | undefined = unwrap(root);
  for (const part of path) {
    const def: Def = defOf(schema);
    if (def.type === 'object' && typeof part === 'string') schema = def.shape?.[part];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else schema = undefined;
    if (!schema) return [];
    schema = unwrap(schema);
  }
  const def = defOf(schema);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
