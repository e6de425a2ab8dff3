import type { Matrix } from '../../../src/matrix/schema.js';
export declare const EXAMPLES: readonly ['saas-support', 'msp', 'client-vendor'];
/** A matrix file that must load cleanly: a failure here is a broken fixture, said loudly. */
export declare function loadFile(path: string): Matrix;
export declare const loadExample: (name: string) => Matrix;
export declare const loadFixture: (name: string) => Matrix;
