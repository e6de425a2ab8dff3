/** JSON Schemas generated from the zod schemas: the committed copies are drift-tested against these. */
import * as z from 'zod/mini';
import { matrixSchema } from './schema.js';
import { triageResultSchema } from '../triage/result-schema.js';
import { recordSchema } from '../record/schema.js';
import { simulateResultSchema } from '../simulate/result-schema.js';

export interface GeneratedSchema {
  /** File name under schemas/. */
  file: string;
  text: string;
}

export function toJsonSchemaText(schema: z.core.$ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-07', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return `${JSON.stringify({ $schema, title, ...rest }, null, 2)}\n`;
}

export function generatedSchemas(): GeneratedSchema[] {
  return [
    { file: 'escalation-matrix.schema.json', text: toJsonSchemaText(matrixSchema, 'escalate matrix') },
    { file: 'triage-result.schema.json', text: toJsonSchemaText(triageResultSchema, 'escalate triage result') },
    { file: 'incident-record.schema.json', text: toJsonSchemaText(recordSchema, 'escalate incident record') },
    { file: 'simulate-result.schema.json', text: toJsonSchemaText(simulateResultSchema, 'escalate simulate result') },
  ];
}
