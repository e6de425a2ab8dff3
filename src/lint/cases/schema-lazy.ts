/**
 * The cases schemas for the loader, reached through a function: the command bundles replace
 * this file (scripts/build.mjs, `lazySchemas`) with one that builds them on first call, so a
 * valid cases file, which `acceptCases` (fast.ts) takes, never builds them.
 */
import * as S from './schema.js';

export const schemas = (): typeof S => S;
