/**
 * The matrix schema for the loader, reached through a function: the command bundles replace
 * this file (scripts/build.mjs, `lazySchemas`) with one that builds the zod schema on first
 * call, so a valid matrix, which `acceptMatrix` (fast.ts) takes, never builds it.
 */
import * as S from './schema.js';

export const schemas = (): typeof S => S;
