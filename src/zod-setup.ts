/**
 * zod, set up once for every schema in the program, and the helper that stands in for
 * classic zod's `.describe()` and `.meta()`. The schemas use zod's functional API
 * (`zod/mini`): classic zod puts dozens of chainable methods on every schema, and building
 * the matrix schema at each start-up paid for them.
 *
 * Import zod as `import * as z from 'zod/mini'` in each file, never through a re-export or
 * by destructuring `z`: either way the bundler keeps all of zod instead of what is used.
 */
import * as z from 'zod/mini';

// `zod/mini` has no messages until a locale is chosen (classic zod picks English itself);
// issues.ts rewords the size messages, and the rest are zod's English ones.
// `jitless`: classic zod compiles a fast path with `new Function` the first time each object
// schema parses; a CLI parses once per run, where that compile costs more than it saves
// (~14 ms → ~6 ms). `zod/mini` objects never compile one; the setting keeps it that way.
z.config({ ...z.locales.en(), jitless: true });

/**
 * `schema` with `meta` (a description, a pattern) for its JSON Schema, as classic zod's
 * `.meta()` makes. A copy only when `schema` already carries metadata; a schema made for the
 * call gets it in place, which spares building it twice at every start-up (the schemas are
 * built whenever a command loads them, and most descriptions sit on fresh schemas). A schema
 * shared without metadata must be passed as `shared.clone()`, or the metadata would reach
 * every use of it (the committed JSON Schemas would show the drift).
 */
export function withMeta<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const target = z.globalRegistry.has(schema) ? schema.clone() : schema;
  z.globalRegistry.add(target, meta);
  return target;
}

/** A copy of `schema` with a description, as classic zod's `.describe()` makes. */
export const described = <T extends z.ZodMiniType>(schema: T, description: string): T => withMeta(schema, { description });
