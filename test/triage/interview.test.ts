import { describe, expect, it } from 'vitest';
import { interview, type AskStep, type Reply } from '../../src/triage/interview.js';
import { loadExample } from './load-example.js';

const saas = loadExample('saas-support.yaml');

/** An `ask` that plays scripted replies and records what it was asked; it fails on an unexpected question. */
function scripted(replies: [question: string, reply: Reply][]) {
  const asked: AskStep[] = [];
  const ask = async (step: AskStep): Promise<Reply> => {
    asked.push(step);
    const next = replies.shift();
    if (!next) throw new Error(`unexpected question ${step.question.id}`);
    expect(step.question.id).toBe(next[0]);
    return next[1];
  };
  return { ask, asked, left: () => replies.length };
}

const answer = (id: string): Reply => ({ kind: 'answer', id });

describe('interview', () => {
  it('asks each missing question in turn until an outcome', async () => {
    const s = scripted([
      ['security', answer('no')],
      ['confirmed', answer('yes')],
      ['scope', answer('many')],
      ['core', answer('no')],
    ]);
    const result = await interview(saas, {}, s.ask);
    expect(result.kind).toBe('outcome');
    if (result.kind !== 'outcome') return;
    expect(result.outcome.severity.id).toBe('sev2');
    expect(result.outcome.owner).toBe('specialist');
    expect(result.path.map((p) => p.answer)).toEqual(['no', 'yes', 'many', 'no']);
    expect(s.left()).toBe(0);
  });

  it('only asks what the given answers leave open', async () => {
    const s = scripted([['core', answer('yes')]]);
    const result = await interview(saas, { security: 'no', confirmed: 'yes', scope: 'many' }, s.ask);
    expect(result.kind === 'outcome' && result.outcome.severity.id).toBe('sev1');
    expect(s.asked[0]!.path.map((p) => p.question)).toEqual(['security', 'confirmed', 'scope']);
  });

  it('goes back one question and takes the new answer', async () => {
    const s = scripted([
      ['security', answer('no')],
      ['confirmed', answer('yes')],
      ['scope', { kind: 'back' }],
      ['confirmed', answer('no')],
    ]);
    const result = await interview(saas, {}, s.ask);
    expect(result.kind === 'outcome' && result.outcome.severity.id).toBe('sev4');
    expect(s.asked.map((a) => a.canGoBack)).toEqual([false, true, true, true]);
    expect(result.path.map((p) => `${p.question}=${p.answer}`)).toEqual(['security=no', 'confirmed=no']);
  });

  it('a Back hands the question its earlier reply to preselect, "not sure" included', async () => {
    const s = scripted([
      ['security', answer('no')],
      ['confirmed', { kind: 'unsure' }],
      ['scope', { kind: 'back' }],
      ['confirmed', { kind: 'back' }],
      ['security', answer('no')],
      ['confirmed', answer('no')],
    ]);
    await interview(saas, {}, s.ask);
    expect(s.asked.map((a) => a.previous)).toEqual([undefined, undefined, undefined, { kind: 'unsure' }, { kind: 'answer', id: 'no' }, { kind: 'unsure' }]);
  });

  it('takes replies to preselect from the caller (a Back from a later prompt)', async () => {
    const s = scripted([['domain', answer('neither')]]);
    await interview(saas, { security: 'no', confirmed: 'yes', scope: 'one', blocked: 'yes' }, s.ask, { domain: { kind: 'answer', id: 'neither' } });
    expect(s.asked[0]!.previous).toEqual({ kind: 'answer', id: 'neither' });
  });

  it('"not sure" takes the unsure answer, the more severe case, and says so in the path', async () => {
    const s = scripted([
      ['security', answer('no')],
      ['confirmed', { kind: 'unsure' }],
      ['scope', { kind: 'unsure' }],
      ['core', { kind: 'unsure' }],
    ]);
    const result = await interview(saas, {}, s.ask);
    expect(result.kind === 'outcome' && result.outcome.severity.id).toBe('sev1');
    expect(result.path.map((p) => p.unsure ?? false)).toEqual([false, true, true, true]);
    expect(s.asked.every((a) => a.canBeUnsure)).toBe(true);
  });

  it('back on the first question asks it again', async () => {
    const s = scripted([
      ['security', { kind: 'back' }],
      ['security', answer('yes')],
    ]);
    const result = await interview(saas, {}, s.ask);
    expect(result.kind === 'outcome' && result.outcome.owner).toBe('security');
  });

  it('passes a rejection (Ctrl-C) through', async () => {
    const interrupted = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
    await expect(interview(saas, {}, () => Promise.reject(interrupted))).rejects.toMatchObject({ name: 'ExitPromptError' });
  });
});
