/** The library API: the pure core, usable without the CLI. */
export { loadMatrix, type LoadResult } from './matrix/load.js';
export { matrixSchema } from './matrix/schema.js';
export type * from './matrix/schema.js';
export type { Diagnostic, Level, Path, Position } from './diagnostics.js';
export { parseDuration, formatDuration } from './time/duration.js';
export { formatReference } from './matrix/reference.js';
