/**
 * node-ical, loaded without leaving its Temporal behind. On load it puts its own copy of
 * temporal-polyfill (0.3, whose zones give every instant from 1 January ten years from now
 * on the offset of that day: winter time all year in Berlin) in `globalThis.Temporal` when
 * there is none, and temporal-polyfill 1.x, the Temporal the tests' oracles are written on,
 * takes a global Temporal met on its first import for the runtime's own and hands that out
 * instead of itself. Test files share their worker's loaded modules (vitest.config.ts), so
 * every file after this one in the worker would check against that copy. node-ical keeps
 * the Temporal it took (its modules hold it); the global is put back as it was at once,
 * before anything else can see it.
 */
import { createRequire } from 'node:module';

const before = Object.getOwnPropertyDescriptor(globalThis, 'Temporal');
const nodeIcal = createRequire(import.meta.url)('node-ical') as typeof import('node-ical');
if (before) Object.defineProperty(globalThis, 'Temporal', before);
else delete (globalThis as { Temporal?: unknown }).Temporal;

export default nodeIcal;
