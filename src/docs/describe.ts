/**
 * Field descriptions taken from the format itself, so the sheet explains a field in the
 * same words as the JSON Schema and the editor tooltips.
 */
import * as z from 'zod/mini';
import { TARGET_KINDS, targets, type TargetKind } from '../matrix/schema.js';

/** The description of a schema, looking through `optional` and `_default` wrappers. */
export function describedAs(schema: z.core.$ZodType): string | undefined {
  let current: z.core.$ZodType | undefined = schema;
  while (current) {
    const description = z.globalRegistry.get(current)?.description;
    if (description) return description;
    current = current instanceof z.ZodMiniOptional || current instanceof z.ZodMiniDefault ? current._zod.def.innerType : undefined;
  }
  return undefined;
}

/** What each response target means, in the format's words. */
export const TARGET_MEANINGS: Readonly<Record<TargetKind, string>> = Object.fromEntries(
  TARGET_KINDS.map((kind) => [kind, describedAs(targets.shape[kind]) ?? kind]),
) as Record<TargetKind, string>;
