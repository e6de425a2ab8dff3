/** Small matrices built in code, for decision-tree cases a fixture file would hide. */
import { type Matrix, type Question } from '../../src/matrix/schema.js';
type Tree = {
    start: string;
    questions: Record<string, Question>;
};
export declare function matrixWith(triage: Tree | undefined, extra?: Record<string, unknown>): Matrix;
/** `{ x: 's1', y: 'q:b' }`: answers by id; `q:ID` leads to another question, anything else is a severity. */
export declare function q(answers: Record<string, string>): Question;
/** A chain of `n` questions: each "yes" ends at s1 (s2 at `flip`), each "no" asks the next one. */
export declare function chain(n: number, flip?: number): Tree;
/** `levels` shared questions with two answers each: 2^levels answer paths. The last "b" ends at `last`. */
export declare function ladder(levels: number, last?: string): Tree;
export {};
