import { describe, expect, it } from 'vitest';
import { answersFromData, checkAnswers, choiceList, parseAnswerFlag } from '../../src/triage/answers.js';
import { loadExample } from './load-example.js';

const saas = loadExample('saas-support.yaml');

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
