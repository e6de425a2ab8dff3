/**
 * The matrix-test format: `NAME.cases.yaml` beside `NAME.yaml`. Each case gives the triage
 * answers and what they must lead to, the way routing configs are tested before production.
 */
import { z } from 'zod';
import { TARGET_KINDS } from '../../matrix/schema.js';

const answerValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const DEADLINE_KINDS = [...TARGET_KINDS.filter((k) => k !== 'update_every'), 'next_update'] as const;

export const matrixCase = z.strictObject({
  name: z.string().min(1, { error: 'must not be empty' }).describe('What the case proves, in a few words.'),
  answers: z.record(z.string(), answerValue).describe('Answers by question id: a choice id or label, or "unsure".'),
  at: z.string().optional().describe('The incident start for deadline expectations: YYYY-MM-DDTHH:MM, in the matrix time zone unless it has an offset.'),
  client: z.string().optional().describe('A client id whose contract applies.'),
  tier: z.string().optional().describe('A tier id whose contract applies.'),
  expect: z.strictObject({
    severity: z.string().describe('The severity id the answers must give.'),
    owner: z.string().describe('The owning role id.'),
    route: z.string().nullable().optional().describe('The route id; null when no route may be taken.'),
    deadlines: z
      .partialRecord(z.enum(DEADLINE_KINDS), z.string())
      .optional()
      .describe('Deadlines by kind, as times; needs `at`.'),
  }),
});

export const casesFile = z.strictObject({
  $schema: z.string().optional(),
  cases: z.array(matrixCase).describe('The matrix tests.'),
});

export type MatrixCase = z.infer<typeof matrixCase>;
export type CasesFile = z.infer<typeof casesFile>;
