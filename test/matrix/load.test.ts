import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/matrix/load.js';
import { example, fixture } from '../helpers/cli.js';

const load = (name: string) => loadMatrix(readFileSync(fixture(name), 'utf8'));
const found = (name: string) => load(name).diagnostics.map((d) => [d.code, d.line, d.column]);

/** Each broken fixture proves one mistake; the expected findings are code, line and column. */
const BROKEN: [string, [string, number, number][]][] = [
  ['alias-bomb', [['alias-limit', 1, 1]]],
  ['calendar-no-days', [['invalid-size', 8, 19]]],
  ['calendar-hours-past-midnight', [['invalid-value', 8, 33]]],
  ['duplicate-exception-id', [['duplicate-id', 27, 11]]],
  ['duplicate-handoff-id', [['duplicate-id', 27, 11]]],
  ['duplicate-trigger-id', [['duplicate-id', 27, 11]]],
  ['alias-missing-key', [['missing-key', 20, 5]]],
  ['custom-tag', [['yaml-tag', 2, 7]]],
  ['date-format', [['invalid-date', 4, 11]]],
  ['date-impossible', [['invalid-date', 4, 11]]],
  ['duplicate-key', [['duplicate-key', 7, 1]]],
  ['duplicate-severity-id', [['duplicate-id', 19, 9], ['unknown-severity', 32, 47]]],
  ['duration-absurd', [['invalid-duration', 5, 15]]],
  ['duration-negative', [['invalid-duration', 16, 46]]],
  ['duration-words', [['invalid-duration', 16, 29]]],
  ['duration-zero-target', [['invalid-duration', 24, 29]]],
  ['empty', [['not-a-matrix', 1, 1]]],
  ['enum-typo', [['invalid-value', 9, 69]]],
  ['flow-comma', [['unknown-key', 23, 32]]],
  ['invalid-role-id', [['invalid-id', 9, 3], ['unknown-role', 18, 37], ['unknown-role', 31, 75]]],
  ['missing-outcome-and-next', [['answer-target', 32, 11]]],
  ['missing-severity-owner', [['missing-key', 11, 5]]],
  ['missing-top-key', [['missing-key', 1, 1]]],
  ['multiple-documents', [['multiple-documents', 33, 1]]],
  ['not-a-mapping', [['not-a-matrix', 1, 1]]],
  ['only-comments', [['not-a-matrix', 1, 1]]],
  ['paging-two-targets', [['paging-target-kind', 11, 22]]],
  ['paging-unknown-role', [['unknown-role', 12, 3]]],
  ['proto-key', [['forbidden-key', 8, 3]]],
  ['reference-despite-structure', [['invalid-type', 2, 7], ['unknown-role', 18, 37]]],
  ['tab-indent', [['yaml-syntax', 8, 1], ['yaml-syntax', 9, 1]]],
  ['timezone-unknown', [['invalid-timezone', 6, 11]]],
  ['unknown-nested-key', [['missing-key', 11, 5], ['unknown-key', 13, 5]]],
  ['unknown-question', [['unknown-question', 32, 32]]],
  ['unknown-role-through-alias', [['unknown-key', 7, 1], ['unknown-role', 7, 28]]],
  ['unknown-role', [['unknown-role', 15, 12]]],
  ['unknown-severity', [['unknown-severity', 32, 47]]],
  ['unknown-top-key', [['unknown-key', 33, 1]]],
  ['version-2', [['invalid-value', 1, 10]]],
  ['wrong-type', [['invalid-type', 3, 3]]],
  ['yaml-11-directive', [['yaml-directive', 1, 1]]],
  ['yaml-syntax', [['yaml-syntax', 2, 7]]],
];

describe('loadMatrix: broken fixtures', () => {
  it('covers every file in test/fixtures/broken', () => {
    const files = readdirSync(fixture('broken')).map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(BROKEN.map(([name]) => name).sort());
  });

  it.each(BROKEN)('%s', (name, expected) => {
    const result = load(`broken/${name}.yaml`);
    expect(found(`broken/${name}.yaml`)).toEqual(expected);
    expect(result.matrix).toBeUndefined();
    for (const d of result.diagnostics) {
      expect(d.level).toBe('error');
      expect(d.message).not.toMatch(/\n/);
    }
  });
});

describe('loadMatrix: messages a person can act on', () => {
  const message = (name: string) => load(`broken/${name}.yaml`).diagnostics.map((d) => d.message);

  it('suggests the key that was meant', () => {
    expect(message('unknown-top-key')).toEqual(['unknown key "severitiez" in the matrix (did you mean "severities"?)']);
    expect(message('unknown-nested-key')[1]).toContain('did you mean "definition"?');
  });
  it('never guesses a defined role that is in use for an unknown one (it has its own duties): it lists the defined roles', () => {
    expect(message('unknown-role')[0]).toBe('unknown role "leed"; role ids come from roles (lead, oncall)');
  });
  it('an unknown role after a rename: no guess at the sibling l2, the defined roles listed; a role nothing uses is guessed', () => {
    const text = readFileSync(new URL('../fixtures/broken/unknown-role.yaml', import.meta.url), 'utf8');
    const renamed = text.replace('  lead: { title: Support lead', '  l2: { title: Second line, contact: "pager:l2" }\n  l1x: { title: Support lead').replace(/\blead\b/g, 'l1').replace('owner: leed', 'owner: l2').replace('l1x:', 'desk:');
    const messages = loadMatrix(renamed).diagnostics.filter((d) => d.code === 'unknown-role').map((d) => d.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/^unknown role "l1"; role ids come from roles \(l2, desk, oncall\)$/);
    const typo = loadMatrix(text.replace('owner: leed', 'owner: lead').replace('owner: oncall }', 'owner: lead }').replace('notify: [lead, oncall]', 'notify: [lead, oncal]'));
    expect(typo.diagnostics.map((d) => d.message)).toContain('unknown role "oncal" (did you mean "oncall"?); role ids come from roles (lead, oncall)');
  });
  it('says what size a list needs in plain words', () => {
    expect(message('calendar-no-days')).toEqual(['calendars.office.days needs at least 1 entry']);
  });
  it('names the first definition of a duplicated id', () => {
    expect(message('duplicate-exception-id')).toEqual(['exception "launch" is defined twice (first on line 26); ids must be unique']);
  });
  it('names the first line of a duplicated key', () => {
    expect(message('duplicate-key')).toEqual(['duplicate key "name"; it is already defined on line 2']);
  });
  it('explains a comma inside a flow mapping', () => {
    expect(message('flow-comma')[0]).toContain('a comma inside { … } starts a new key');
  });
  it('gives the comma hint only for a key a comma split off in { … }; any other key gets its did-you-mean', () => {
    const text = readFileSync(fixture('broken/flow-comma.yaml'), 'utf8');
    const flow = '    impact: { scope: One user, or two, workaround: Yes }\n';
    const messages = (replacement: string, edited = text) => loadMatrix(edited.replace(flow, replacement)).diagnostics.filter((d) => d.code === 'unknown-key').map((d) => d.message);
    const COMMA = 'a comma inside { … } starts a new key';
    // A block mapping has no commas to split at: a key with a space is a typo of the key with an underscore.
    expect(messages(flow.replace(' or two,', ''), text.replace('\nreview_every: 90d\n', '\nreview every: 90d\n'))).toEqual(['unknown key "review every" in the matrix (did you mean "review_every"?)']);
    expect(messages('    impact:\n      scope: One user\n      work around: Yes\n')).toEqual(['unknown key "work around" in severities[1].impact (did you mean "workaround"?)']);
    // In { … }, a pair written with its colon is a key as meant, space or not.
    expect(messages('    impact: { scope: One user, work around: Yes }\n')).toEqual(['unknown key "work around" in severities[1].impact (did you mean "workaround"?)']);
    // A comma split a word off the value before it: the hint, with or without a space in it.
    expect(messages('    impact: { scope: Users, admins, workaround: Yes }\n')).toEqual([`unknown key "admins" in severities[1].impact; ${COMMA}, so quote a value that contains commas`]);
    expect(messages('    impact: {\n      scope: One user,\n      or two,\n      workaround: Yes }\n')).toEqual([`unknown key "or two" in severities[1].impact; ${COMMA}, so quote a value that contains commas`]);
    // The first key of { … } follows no comma.
    expect(messages('    impact: { scopes, workaround: Yes }\n')).toEqual(['unknown key "scopes" in severities[1].impact (did you mean "scope"?)']);
  });
  it('tells a missing key from a wrong type', () => {
    expect(message('missing-severity-owner')).toEqual(['severities[0] needs "owner"']);
    expect(message('wrong-type')).toEqual(['name must be text, not a list']);
  });
  it('suggests the enum value that was meant', () => {
    expect(message('enum-typo')[0]).toContain('(did you mean "client"?)');
  });
  it('explains durations, including negative, zero and absurd ones', () => {
    expect(message('duration-words')[0]).toContain('write it like 15m, 2h, 1d');
    expect(message('duration-negative')[0]).toContain('is negative');
    expect(message('duration-zero-target')[0]).toContain('can never be met');
    expect(message('duration-absurd')[0]).toContain('longer than a year');
  });
});

describe('loadMatrix: valid input', () => {
  it('returns the typed matrix for a minimal file', () => {
    const result = load('valid/minimal.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.matrix?.severities.map((s) => s.id)).toEqual(['sev1', 'sev2']);
    expect(result.matrix?.roles.lead?.side).toBe('internal');
  });

  it.each(['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml'])('loads the example %s without findings', (name) => {
    const result = loadMatrix(readFileSync(example(name), 'utf8'));
    expect(result.diagnostics).toEqual([]);
    expect(result.matrix?.triage).toBeDefined();
  });

  it('accepts a byte-order mark and CRLF line endings, with the same positions', () => {
    const text = readFileSync(fixture('broken/unknown-role.yaml'), 'utf8');
    const crlf = loadMatrix(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
    expect(crlf.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unknown-role', 15, 12]]);
    expect(loadMatrix(`\uFEFF${readFileSync(fixture('valid/minimal.yaml'), 'utf8')}`).matrix).toBeDefined();
  });

  it('reports hostile nesting as a diagnostic instead of throwing', () => {
    const deep = `${'a:\n'.split('').join('')}${Array.from({ length: 5000 }, () => '[').join('')}${Array.from({ length: 5000 }, () => ']').join('')}\n`;
    const result = loadMatrix(deep);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.matrix).toBeUndefined();
  });
});
