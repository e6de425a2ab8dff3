/** Which files a lint run checks: matrices with the tests beside them, and cases files bringing in their matrix. */
import { describe, expect, it } from 'vitest';
import { lintTargets } from '../../src/lint/targets.js';

const on = (...files: string[]) => (path: string) => files.includes(path);

describe('lint targets', () => {
  it('finds NAME.cases.yaml (or .yml) beside NAME.yaml', () => {
    expect(lintTargets(['a.yaml', 'b.yml', 'c.yaml'], { exists: on('a.cases.yaml', 'b.cases.yml') })).toEqual([
      { matrix: 'a.yaml', cases: 'a.cases.yaml' },
      { matrix: 'b.yml', cases: 'b.cases.yml' },
      { matrix: 'c.yaml' },
    ]);
  });

  it('turns a cases file (from a glob or named) into a test of its matrix, once', () => {
    const globbed = ['t/a.cases.yaml', 't/a.yaml', 't/b.tests.yml'];
    expect(lintTargets(globbed, { exists: on('t/a.yaml', 't/a.cases.yaml', 't/b.yml', 't/b.tests.yml') })).toEqual([
      { matrix: 't/a.yaml', cases: 't/a.cases.yaml' },
      { matrix: 't/b.yml', cases: 't/b.tests.yml' },
    ]);
  });

  it('takes --cases FILE for the matrix, and --no-cases for none', () => {
    expect(lintTargets(['a.yaml'], { exists: on('a.cases.yaml'), cases: 'other.yaml' })).toEqual([{ matrix: 'a.yaml', cases: 'other.yaml' }]);
    expect(lintTargets(['a.yaml', 'a.cases.yaml'], { exists: on('a.yaml', 'a.cases.yaml'), cases: false })).toEqual([{ matrix: 'a.yaml' }]);
  });

  it('leaves a path without a YAML extension alone', () => {
    expect(lintTargets(['matrix'], { exists: () => true })).toEqual([{ matrix: 'matrix' }]);
  });
});
