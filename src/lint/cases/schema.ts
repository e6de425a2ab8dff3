/**
 * The matrix-test format: `NAME.cases.yaml` beside `NAME.yaml`. Each case gives the triage
 * answers and what they must lead to, the way routing configs are tested before production.
 */
import * as z from 'zod/mini';
import { described } from '../../zod-setup.js';
import { DEADLINE_KINDS } from './kinds.js';

const answerValue = z.pipe(z.union([z.string(), z.number(), z.boolean()]), z.transform(String));

export { DEADLINE_KINDS };

export const matrixCase = z.strictObject({
  name: described(z.string().check(z.minLength(1, { error: 'must not be empty' })), 'What the case proves, in a few words.'),
  answers: described(z.record(z.string(), answerValue), 'Answers by question id: a choice id or label, or "unsure".'),
  at: described(
    z.optional(z.string()),
    'The incident start for deadline expectations: YYYY-MM-DDTHH:MM, in the matrix time zone unless it has an offset.',
  ),
  client: described(z.optional(z.string()), 'A client id whose contract applies.'),
  tier: described(z.optional(z.string()), 'A tier id whose contract applies.'),
  expect: z.strictObject({
    severity: described(z.string(), 'The severity id the answers must give.'),
    owner: described(z.optional(z.string()), 'The owning role id; omit it to check the severity (and whatever else is given) only.'),
    route: described(z.optional(z.nullable(z.string())), 'The route id; null when no route may be taken.'),
    inform: described(z.optional(z.array(z.string())), 'The role ids the answer path informs (its outcome\u2019s inform), in any order; [] when none.'),
    deadlines: described(z.optional(z.partialRecord(z.enum(DEADLINE_KINDS), z.string())), 'Deadlines by kind, as times; needs `at`.'),
    paged: described(
      z.optional(z.record(z.string(), z.string())),
      'Time travel: role ids with the time each is first paged or pulled in (its first escalation step), like `eng-oncall: 2026-12-25T03:00`; needs `at`.',
    ),
  }),
});

export const casesFile = z.strictObject({
  $schema: z.optional(z.string()),
  cases: described(z.array(matrixCase), 'The matrix tests.'),
});

export type MatrixCase = z.infer<typeof matrixCase>;
export type CasesFile = z.infer<typeof casesFile>;
