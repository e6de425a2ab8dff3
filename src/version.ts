/** Replaced at build time from package.json; the fallback is for tests run from source. */
declare const __ESCALATE_VERSION__: string | undefined;
export const VERSION: string = typeof __ESCALATE_VERSION__ === 'string' ? __ESCALATE_VERSION__ : '0.0.0-dev';
