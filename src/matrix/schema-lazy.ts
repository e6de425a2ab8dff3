/**
 * The matrix schema for the loader, reached through a function. The command bundles replace
 * this file (scripts/build.mjs, `lazySchema`) with one that builds the zod schema on first
 * call, so a valid matrix, which `acceptMatrix` (fast.ts) takes, never builds it.
 */
import { matrixSchema } from './schema.js';

export const getMatrixSchema = (): typeof matrixSchema => matrixSchema;
