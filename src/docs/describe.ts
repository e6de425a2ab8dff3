/**
 * Field descriptions taken from the format itself, so the sheet explains a field in the
 * same words as the JSON Schema and the editor tooltips.
 */
import { z } from 'zod';
import { TARGET_KINDS, targets, type TargetKind } from '../matrix/schema.js';

/** The description of a schema, looking through `.optional()` and `.default()` wrappers. */
export function describedAs(schema: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    if (current.description) return current.description;
    current = current instanceof z.ZodOptional || current instanceof z.ZodDefault ? (current.unwrap() as z.ZodType) : undefined;
  }
  return undefined;
}

/** What each response target means, in the format's words. */
export const TARGET_MEANINGS: Readonly<Record<TargetKind, string>> = Object.fromEntries(
  TARGET_KINDS.map((kind) => [kind, describedAs(targets.shape[kind]) ?? kind]),
) as Record<TargetKind, string>;
