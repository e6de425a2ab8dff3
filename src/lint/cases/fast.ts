/**
 * The cases schema's fast path: `acceptCases(data)` returns what `casesFile.safeParse(data).data`
 * would, or `undefined` when it is not sure, and the loader then asks the schema (see
 * src/matrix/fast.ts; `test/lint/cases-fast.test.ts` holds the two to the same answer).
 */
import { bool, list, NO, object, oneOf, opt, record, str, text, type Check } from '../../matrix/fast.js';
import { DEADLINE_KINDS } from './kinds.js';
import type { CasesFile } from './schema.js';

/** An answer: text, a finite number or a boolean, as text. */
const answerValue: Check = (v) => (typeof v === 'string' ? v : (typeof v === 'number' && Number.isFinite(v)) || bool(v) !== NO ? String(v) : NO);
const nullable = (check: Check): Check => (v) => (v === null ? null : check(v));

const matrixCase = object({
  name: text,
  answers: record(str, answerValue),
  at: opt(str),
  client: opt(str),
  tier: opt(str),
  expect: object({
    severity: str,
    owner: opt(str),
    route: opt(nullable(str)),
    inform: opt(list(str)),
    deadlines: opt(record(oneOf(...DEADLINE_KINDS), str)),
    paged: opt(record(str, str)),
  }),
});
const casesFile = object({ $schema: opt(str), cases: list(matrixCase) });

export function acceptCases(data: unknown): CasesFile | undefined {
  const out = casesFile(data);
  return out === NO ? undefined : (out as CasesFile);
}
