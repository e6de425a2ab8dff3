import { describe, expect, it } from 'vitest';
import { allPaths, matchAnswer, walk } from '../../src/triage/engine.js';
import { invalidAnswerMessage } from '../../src/triage/answers.js';
import { interview } from '../../src/triage/interview.js';
import { loadExample, loadTriageFixture } from './load-example.js';

const examples = ['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml'].map((name) => [name, loadExample(name)] as const);

describe.each(examples)('the triage tree of %s', (_, matrix) => {
  const paths = allPaths(matrix);

  it('ends every path in a defined severity and owner role', () => {
    expect(paths.length).toBeGreaterThan(3);
    for (const { outcome } of paths) {
      expect(matrix.severities).toContain(outcome.severity);
      expect(Object.keys(matrix.roles)).toContain(outcome.owner);
    }
  });

  it('walking each path by its answers reaches the same outcome, with the same path', () => {
    for (const { path, outcome } of paths) {
      const answers = Object.fromEntries(path.map((p) => [p.question, p.answer]));
      const result = walk(matrix, answers);
      expect(result.kind).toBe('outcome');
      if (result.kind !== 'outcome') continue;
      expect(result.outcome).toEqual(outcome);
      expect(result.path.map((p) => p.answer)).toEqual(path.map((p) => p.answer));
    }
  });

  it('answering "unsure" everywhere reaches the most severe level', () => {
    const unsure = Object.fromEntries(Object.keys(matrix.triage!.questions).map((q) => [q, 'unsure']));
    const result = walk(matrix, unsure);
    expect(result.kind).toBe('outcome');
    if (result.kind !== 'outcome') return;
    expect(matrix.severities.indexOf(result.outcome.severity)).toBe(0);
    expect(result.path.every((p) => p.unsure)).toBe(true);
  });

  it('asks the start question first, with its choices', () => {
    const result = walk(matrix, {});
    expect(result.kind).toBe('question');
    if (result.kind !== 'question') return;
    expect(result.question.id).toBe(matrix.triage!.start);
    expect(result.question.choices.length).toBeGreaterThanOrEqual(2);
  });
});

describe('walk on the SaaS example', () => {
  const saas = examples[0]![1];
  it('returns the next question after partial answers', () => {
    const result = walk(saas, { security: 'no', confirmed: 'yes' });
    expect(result).toMatchObject({ kind: 'question', question: { id: 'scope' } });
  });
  it('reports an invalid answer with what was given', () => {
    expect(walk(saas, { security: 'nope' })).toMatchObject({ kind: 'invalid-answer', given: 'nope', question: { id: 'security' } });
  });
  it('routes a billing problem to finance', () => {
    const result = walk(saas, { security: 'no', confirmed: 'yes', scope: 'one', blocked: 'yes', domain: 'billing' });
    expect(result).toMatchObject({ kind: 'outcome', outcome: { owner: 'finance', route: 'finance', severity: { id: 'sev2' } } });
  });
});

describe('an answer id as written wins over another choice\'s label', () => {
  // down: { id: partial, label: "Yes" → sev2 }, { id: yes, label: "Yes, fully" → sev1 }
  const clash = loadTriageFixture('id-label-clash.yaml');
  const severity = (given: string) => {
    const result = walk(clash, { down: given });
    return result.kind === 'outcome' ? result.outcome.severity.id : result.kind;
  };

  it('takes the choice whose id is the text as written, not an earlier choice labelled so', () => {
    expect(severity('yes')).toBe('sev1');
    expect(severity(' yes ')).toBe('sev1');
    expect(severity('partial')).toBe('sev2');
    expect(severity('Yes, fully')).toBe('sev1');
    expect(severity('unsure')).toBe('sev1');
  });

  it('refuses a text that names two choices (a label, and another id regardless of case) instead of guessing', () => {
    const question = clash.triage!.questions.down!;
    for (const given of ['Yes', 'YES']) {
      expect(matchAnswer(question, given)).toBeUndefined();
      expect(walk(clash, { down: given })).toMatchObject({ kind: 'invalid-answer', given });
    }
    const view = { id: 'down', text: 'Is it down?', choices: [{ id: 'partial', label: 'Yes', unsure: false }, { id: 'yes', label: 'Yes, fully', unsure: true }] };
    expect(invalidAnswerMessage(view, 'Yes')).toBe('"Yes" names more than one answer to down (Is it down?): partial (Yes), yes (Yes, fully); answer with one choice\'s id as written');
  });

  it('the prompt takes the choice picked: it answers with ids', async () => {
    for (const [id, expected] of [['yes', 'sev1'], ['partial', 'sev2']] as const) {
      const result = await interview(clash, {}, async () => ({ kind: 'answer', id }));
      expect(result.kind === 'outcome' && result.outcome.severity.id).toBe(expected);
    }
  });
});
