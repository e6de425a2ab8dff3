/** Telling a file from a revision on the command line. */
import { describe, expect, it } from 'vitest';
import { atRevision, parseSide, type SideContext } from '../../src/diff/side.js';

const context = (files: string[] = [], revisions: string[] = [], matrix = 'escalation-matrix.yaml'): SideContext => ({
  isFile: (path) => files.includes(path),
  isRevision: (revision) => revisions.includes(revision),
  matrixPath: () => matrix,
});

describe('parseSide', () => {
  it('reads a plain path as a file', () => {
    expect(parseSide('old.yaml', context(['old.yaml']))).toEqual({ kind: 'file', path: 'old.yaml', label: 'old.yaml' });
  });

  it('reads REV:PATH with git, passing it on as written', () => {
    expect(parseSide('HEAD~1:config/matrix.yaml', context())).toEqual({ kind: 'git', revision: 'HEAD~1', spec: 'HEAD~1:config/matrix.yaml', label: 'HEAD~1:config/matrix.yaml' });
  });

  it('lets an existing file whose name has a colon win over a revision', () => {
    expect(parseSide('v1:matrix.yaml', context(['v1:matrix.yaml']))).toMatchObject({ kind: 'file', path: 'v1:matrix.yaml' });
  });

  it('takes a bare revision, or REV: with no path, as the matrix file at that revision', () => {
    const expected = { kind: 'git', revision: 'main', spec: 'main:./escalation-matrix.yaml', label: 'main:escalation-matrix.yaml' };
    expect(parseSide('main', context([], ['main']))).toEqual(expected);
    expect(parseSide('main:', context())).toEqual(expected);
  });

  it('reads a name that is neither a file nor a revision as a file, so the error says what is missing', () => {
    expect(parseSide('missing.yaml', context())).toEqual({ kind: 'file', path: 'missing.yaml', label: 'missing.yaml' });
  });

  it('marks a missing name that may have meant a revision, so the error can say it is neither', () => {
    expect(parseSide('HEAD~5', context())).toEqual({ kind: 'file', path: 'HEAD~5', label: 'HEAD~5', unknown: true });
    expect(parseSide('origin/mian', context())).toMatchObject({ unknown: true });
    expect(parseSide('config/matrix.yml', context())).not.toHaveProperty('unknown');
    expect(parseSide('--output=x', context())).not.toHaveProperty('unknown');
  });

  it('never asks git about something that looks like an option', () => {
    const ctx = context([], ['--output=x']);
    expect(parseSide('--output=x', ctx).kind).toBe('file');
  });

  it('asks for the matrix path only when a side needs it', () => {
    let asked = 0;
    const ctx = { ...context(['a.yaml']), matrixPath: () => (asked++, 'm.yaml') };
    parseSide('a.yaml', ctx);
    parseSide('HEAD:b.yaml', ctx);
    expect(asked).toBe(0);
  });
});

describe('atRevision', () => {
  it('addresses the matrix relative to the current folder, as git does with ./', () => {
    expect(atRevision('HEAD', 'config/m.yaml')).toEqual({ kind: 'git', revision: 'HEAD', spec: 'HEAD:./config/m.yaml', label: 'HEAD:config/m.yaml' });
    expect(atRevision('HEAD', '../m.yaml')).toMatchObject({ spec: 'HEAD:../m.yaml' });
  });
});
