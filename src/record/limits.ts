/** Limits of the record format, in a module of its own so the file readers can name them without loading the schema. */

/**
 * The most a record may hold, in bytes: 4 MiB (4,194,304). Read above it is refused; an
 * event that would take a record past it is refused before anything is written. A record
 * grows by a few hundred bytes an event, so thousands of events stay far below it.
 */
export const RECORD_MAX_BYTES = 4 * 1024 * 1024;
