import { describe, expect, it } from 'vitest';
import { answersFromData, answersFromFlags, checkAnswers, choiceList, parseAnswerFlag, RECORD_KEYS, RECORD_PART_KEYS, sameAnswer } from '../../src/triage/answers.js';
import { recordSchema } from '../../src/record/schema.js';
import { loadExample } from './load-example.js';

const saas = loadExample('saas-support.yaml');
const msp = loadExample('msp.yaml');
const message = (result: unknown) => (result as { message?: string }).message;

describe('--answer flags', () => {
  it('splits at the first "="', () => {
    expect(parseAnswerFlag('scope=many')).toEqual({ question: 'scope', answer: 'many' });
    expect(parseAnswerFlag(' domain = Billing = invoices ')).toEqual({ question: 'domain', answer: 'Billing = invoices' });
  });
  it.each(['scope', '=many', 'scope=', ''])('refuses %j', (text) => {
    expect(parseAnswerFlag(text)).toMatchObject({ code: 'bad_answer_flag' });
  });
});

describe('answers files', () => {
  it('takes a mapping of question to answer; booleans mean yes and no', () => {
    expect(answersFromData({ security: false, confirmed: true, scope: 'many', n: 3 }, 'a.yaml')).toEqual({
      answers: { security: 'no', confirmed: 'yes', scope: 'many', n: '3' },
      handoff: {},
      replay: {},
    });
  });
  it('takes a record transcript: its answers and handoff values', () => {
    const record = { version: 1, answers: { security: 'yes' }, handoff: { fields: [{ id: 'logs', label: 'Logs', value: 'see ticket' }, { id: 'reproduction', label: 'R' }] } };
    expect(answersFromData(record, 'r.json')).toEqual({ answers: { security: 'yes' }, handoff: { logs: 'see ticket' }, replay: {} });
    expect(answersFromData({ answers: { security: 'no' }, handoff: { logs: 'x' } }, 'a.yaml')).toMatchObject({ handoff: { logs: 'x' } });
  });
  it('takes from a record what to replay: the severity it was decided by, the client and tier, the start and extra handoff values', () => {
    const record = {
      version: 1,
      decided_by: 'severity',
      started_at: '2026-03-27T16:30:00+01:00',
      answers: {},
      severity: { id: 'p1', name: 'Critical' },
      contract: { tier: { id: 'premium' }, client: { id: 'northwind', name: 'Northwind' }, exceptions: [] },
      handoff: { fields: [], missing: [], extra: [{ id: 'logs', label: 'Logs', value: 'see ticket' }] },
    };
    expect(answersFromData(record, 'r.json')).toEqual({
      answers: {},
      handoff: { logs: 'see ticket' },
      replay: { severity: 'p1', client: 'northwind', tier: 'premium', at: '2026-03-27T16:30:00+01:00', contract: true },
    });
    // Decided by the tree: the answers replay the decision, not the severity.
    expect(answersFromData({ ...record, decided_by: 'tree', answers: { outage: 'yes' } }, 'r.json')).toMatchObject({ answers: { outage: 'yes' }, replay: { client: 'northwind' } });
    expect((answersFromData({ ...record, decided_by: 'tree' }, 'r.json') as { replay: object }).replay).not.toHaveProperty('severity');
  });
  it.each([[['a']], ['text'], [null], [{ security: ['yes'] }], [{ security: null }], [{ security: '' }]])('refuses %j', (data) => {
    expect(answersFromData(data, 'a.yaml')).toMatchObject({ code: 'bad_answers_file' });
  });
});

describe('checking answers against the tree', () => {
  it('accepts ids, labels and "unsure"', () => {
    expect(checkAnswers(saas, { security: 'NO', confirmed: 'yes, confirmed', scope: 'unsure', core: 'not sure' })).toBeUndefined();
  });
  it('names an unknown question', () => {
    expect(checkAnswers(saas, { scop: 'many' })).toMatchObject({ code: 'unknown_question', given: 'scop' });
  });
  it('names an answer that matches no choice, with the question and choices', () => {
    const problem = checkAnswers(saas, { security: 'no', domain: 'payroll' });
    expect(problem).toMatchObject({ code: 'invalid_answer', given: 'payroll', question: { id: 'domain' } });
    expect(problem?.message).toBe('"payroll" is not an answer to domain (Does it involve billing, a payment provider, or neither?); choices: billing (Billing or invoices), vendor (The payment provider), neither, unsure');
  });
  it('"unsure" is no answer where the question marks none', () => {
    const msp = loadExample('msp.yaml');
    const question = { ...msp.triage!.questions['reset-risk']!, answers: msp.triage!.questions['reset-risk']!.answers.map((a) => ({ ...a, unsure: false })) };
    const noUnsure = { ...msp, triage: { ...msp.triage!, questions: { ...msp.triage!.questions, 'reset-risk': question } } };
    expect(checkAnswers(noUnsure, { 'reset-risk': 'unsure' })).toMatchObject({ code: 'invalid_answer' });
    expect(choiceList({ id: 'q', text: 'Q', choices: [{ id: 'yes', label: 'Yes', unsure: false }] })).toBe('yes');
  });
});

describe('an answers file with answers: holds only what a record holds', () => {
  const answers = { outage: 'yes', reach: 'many' };

  it('refuses a key no record has, naming each, with the key meant', () => {
    const result = answersFromData({ answers, started: '2027-01-16T11:50-05:00', at: '11:50', tier: 'premium' }, 'a.yaml');
    expect(result).toMatchObject({ code: 'bad_answers_file' });
    expect(message(result)).toBe(
      'a.yaml: unknown top-level keys "started" (did you mean "started_at"?), "at" (did you mean "started_at"?), "tier"; beside answers the file takes handoff, started_at and contract, and the other keys of a --record transcript',
    );
  });

  it('refuses a key a record has in a shape a record never writes: a client, a severity or a contract left unread would move every deadline', () => {
    expect(message(answersFromData({ answers, client: 'northwind' }, 'a.yaml'))).toBe(
      'a.yaml: client was read as "northwind", but a record\'s client is the client notice it printed, not the contract; answer contract: ID under answers:, or pass --client ID',
    );
    expect(message(answersFromData({ answers, client: { id: 'northwind' } }, 'a.yaml'))).toMatch(/^a\.yaml: client was read as a mapping, but a record's client is the client notice/);
    expect(message(answersFromData({ answers, severity: 'p1' }, 'a.yaml'))).toMatch(/^a\.yaml: severity was read as "p1", not as a record writes it .*; to skip the tree pass --severity ID$/);
    expect(message(answersFromData({ answers: {}, decided_by: 'severity' }, 'a.yaml'))).toMatch(/^a\.yaml: severity was read as empty/);
    expect(message(answersFromData({ answers, decided_by: 'severty' }, 'a.yaml'))).toBe('a.yaml: decided_by was read as "severty"; a record says tree or severity');
    expect(message(answersFromData({ answers, contract: 'northwind' }, 'a.yaml'))).toMatch(/^a\.yaml: contract was read as "northwind", not a mapping; answer it under answers: \(contract: ID\), or pass --client ID or --tier ID$/);
    expect(message(answersFromData({ answers, contract: { client: 'northwind' } }, 'a.yaml'))).toBe('a.yaml: contract.client was read as "northwind"; a record writes contract: {client: {id: …}}');
    expect(message(answersFromData({ answers, contract: { cliet: { id: 'northwind' } } }, 'a.yaml'))).toMatch(/^a\.yaml: contract has the unknown key "cliet" \(did you mean "client"\?\)/);
    expect(message(answersFromData({ answers, handoff: { logs: 12 } }, 'a.yaml'))).toBe('a.yaml: the handoff value of "logs" was read as the number 12, not text; quote it');
  });

  it.each([
    [new Date('2027-01-16T14:00:00Z'), 'a YAML 1.1 timestamp, not text; quote it'],
    [12, 'the number 12, not a time; write it'],
    [null, 'empty, not a time; write it'],
    ['  ', 'empty text, not a time; write it'],
    [true, 'true, not a time; write it'],
  ])('refuses started_at read as %j, saying what it was read as, instead of starting now', (at, how) => {
    expect(answersFromData({ answers, started_at: at }, 'a.yaml')).toEqual({
      code: 'bad_answers_file',
      message: `a.yaml: started_at was read as ${how}, like started_at: "2026-03-27T16:30:00+01:00"`,
    });
  });

  it('takes every key of a record as written, events and an import included', () => {
    const record = {
      version: 1,
      started_at: '2027-01-16T11:50:00-05:00',
      decided_by: 'tree',
      answers,
      severity: { id: 'p1', name: 'Critical', definition: 'x', rank: 1, examples: [] },
      client: { notify: 'formal', channel: 'Phone' },
      contract: { client: { id: 'northwind', name: 'Northwind' }, tier: { id: 'premium' }, exceptions: [], changes: [], added_roles: [], calendar: { id: '24x7', source: 'severity' } },
      handoff: { fields: [], missing: [] },
      events: [{ type: 'acknowledged', at: '2027-01-16T11:55:00-05:00', by: 'me', recorded_at: '2027-01-16T11:55:00-05:00' }],
      ...Object.fromEntries(RECORD_KEYS.filter((k) => !['version', 'started_at', 'decided_by', 'answers', 'severity', 'client', 'contract', 'handoff', 'events'].includes(k)).map((k) => [k, {}])),
    };
    expect(answersFromData(record, 'r.json')).toEqual({ answers, handoff: {}, replay: { client: 'northwind', tier: 'premium', at: '2027-01-16T11:50:00-05:00', contract: true } });
  });

  it('knows the keys the record schema has', () => {
    type Shaped = { shape: Record<string, unknown> };
    const inner = (schema: unknown): Shaped => ((schema as Shaped).shape ? (schema as Shaped) : (schema as { def: { innerType: Shaped } }).def.innerType);
    const shape = (recordSchema as unknown as Shaped).shape;
    expect([...RECORD_KEYS].sort()).toEqual(Object.keys(shape).sort());
    for (const part of ['contract', 'client', 'severity'] as const) expect([...RECORD_PART_KEYS[part]].sort()).toEqual(Object.keys(inner(shape[part]).shape).sort());
  });

  it('a flat file (no answers: mapping) reads every key as a question, as before', () => {
    expect(answersFromData({ outage: 'yes', started_at: '2027-01-16T11:50-05:00' }, 'a.yaml')).toMatchObject({ answers: { outage: 'yes', started_at: '2027-01-16T11:50-05:00' }, replay: {} });
    expect(checkAnswers(msp, { outage: 'yes', started_at: '2027-01-16T11:50-05:00' })).toMatchObject({ code: 'unknown_question', given: 'started_at' });
  });
});

describe('--answer flags given twice', () => {
  const flags = (...given: string[]) => answersFromFlags(given, sameAnswer(saas));

  it('two different answers to one question are refused, naming both; the last never silently wins', () => {
    expect(flags('security=no', 'scope=many', 'security=yes')).toEqual({
      problem: { code: 'bad_answer_flag', message: '--answer "security=no" and --answer "security=yes" are two different answers to one question; pass one' },
    });
    // An answer that names no choice is no answer the other could stand for.
    expect(flags('security=nope', 'security=no')).toMatchObject({ problem: { code: 'bad_answer_flag' } });
    expect(flags('blocked=unsure', 'blocked=yes')).toMatchObject({ problem: { code: 'bad_answer_flag' } });
  });

  it('the same choice twice (by id, label or case) is one answer', () => {
    expect(flags('security=no', 'security=NO', 'confirmed=yes', 'confirmed=Yes, confirmed')).toEqual({ answers: { security: 'NO', confirmed: 'Yes, confirmed' } });
  });

  it('the contract question compares contracts, a client id with its label alike', () => {
    const contract = (...given: string[]) => answersFromFlags(given, sameAnswer(msp));
    expect(contract('contract=northwind', 'contract=Northwind Logistics (client, tier premium)')).toMatchObject({ answers: { contract: 'Northwind Logistics (client, tier premium)' } });
    expect(contract('contract=northwind', 'contract=contoso')).toMatchObject({ problem: { code: 'bad_answer_flag' } });
    expect(contract('contract=none', 'contract=tier:premium')).toMatchObject({ problem: { code: 'bad_answer_flag' } });
  });
});
