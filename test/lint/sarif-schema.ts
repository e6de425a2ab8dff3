/**
 * The SARIF 2.1.0 JSON Schema, as shipped by @microsoft/jest-sarif (MIT). It is written in
 * draft-04; Ajv 8 validates draft-07, and the only draft-04 constructs this schema uses are
 * the `$schema` URI and the top-level `id` (no boolean exclusiveMinimum/Maximum), so those
 * two are rewritten and nothing else changes. Its `language` pattern has a stray `]` that
 * only compiles without the regular-expression `u` flag, so patterns are compiled without it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

export function sarifValidator(): ValidateFunction {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  expectDraft04Only(schema);
  const { id, $schema: _draft04, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormatsModule as unknown as (ajv: Ajv) => void)(ajv);
  return ajv.compile({ ...rest, $id: String(id), $schema: 'http://json-schema.org/draft-07/schema#' });
}

/** Guards the rewrite above: a future schema with draft-04-only keywords must not slip through. */
function expectDraft04Only(schema: unknown): void {
  const text = JSON.stringify(schema);
  if (/"exclusive(Minimum|Maximum)":\s*(true|false)/.test(text)) throw new Error('the SARIF schema uses draft-04 boolean exclusive bounds; rewrite them');
}
