import type { ImpactOptions } from '../../src/diff/impact.js';
import type { Change, MatrixDiff } from '../../src/diff/types.js';
import type { Matrix } from '../../src/matrix/schema.js';
export declare const diffFixture: (name: string) => string;
export declare function loadFixture(name: string): Matrix;
export declare function diffFixtures(before: string, after: string, options?: ImpactOptions): MatrixDiff;
/** A change as a short code: `targets changed severities.sev1.targets.acknowledge stricter`. */
export declare const code: (c: Change) => string;
export declare const codes: (diff: MatrixDiff) => string[];
