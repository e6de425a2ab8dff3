import type { Matrix } from '../../src/matrix/schema.js';
export declare function loadExample(name: string): Matrix;
export declare function loadTriageFixture(name: string): Matrix;
