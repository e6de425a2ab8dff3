import { describe, expect, it } from 'vitest';
import { render } from '@inquirer/testing';
import { askQuestion, questionPrompt, type PromptContext } from '../../src/cli/prompt.js';
import { walk } from '../../src/triage/engine.js';
import type { AskStep } from '../../src/triage/interview.js';
import { plain } from '../../src/cli/colors.js';
import { loadExample } from './load-example.js';

const saas = loadExample('saas-support.yaml');

function stepAt(answers: Record<string, string>): AskStep {
  const result = walk(saas, answers);
  if (result.kind !== 'question') throw new Error('expected a question');
  return { question: result.question, path: result.path, canGoBack: result.path.length > 0, canBeUnsure: result.question.choices.some((c) => c.unsure) };
}

// render() drives a prompt-shaped function: (config, context) => Promise.
const prompt = (step: AskStep, context?: PromptContext) => askQuestion(step, plain, context);

describe('the question prompt (@inquirer/testing)', () => {
  it('shows the question, its help and the choices, with Not sure but no Back on the first question', async () => {
    const { answer, events, getScreen } = await render(prompt, stepAt({}));
    const screen = getScreen();
    expect(screen).toContain('Could customer data be exposed or an account compromised?');
    expect(screen).toContain('Unexpected data in another account');
    expect(screen).toMatch(/❯ Yes/);
    expect(screen).toContain('No');
    expect(screen).toContain('Not sure');
    expect(screen).not.toContain('Back');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'answer', id: 'no' });
  });

  it('keeps the path so far visible and offers Back', async () => {
    const { answer, events, getScreen } = await render(prompt, stepAt({ security: 'no', confirmed: 'yes' }));
    expect(getScreen()).toContain('So far: security → No · confirmed → Yes, confirmed');
    expect(getScreen()).toContain('Count accounts, not tickets');
    events.keypress('down');
    events.keypress('down');
    events.keypress('down');
    expect(getScreen()).toMatch(/❯ ← Back/);
    expect(getScreen()).toContain('Return to: Can you reproduce it');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'back' });
  });

  it('"Not sure" explains which answer it takes', async () => {
    const { answer, events, getScreen } = await render(prompt, stepAt({ security: 'no' }));
    events.keypress('down');
    events.keypress('down');
    expect(getScreen()).toMatch(/❯ Not sure/);
    expect(getScreen()).toContain('Takes "Yes, confirmed": when unsure, treat it as the more severe case.');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'unsure' });
  });

  it('Ctrl-C rejects with ExitPromptError', async () => {
    const { answer, events } = await render(prompt, stepAt({}));
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toMatchObject({ name: 'ExitPromptError' });
  });

  it('offers no Not sure when the question has no unsure answer', () => {
    const msp = loadExample('msp.yaml');
    const result = walk(msp, { outage: 'no', password: 'yes' });
    if (result.kind !== 'question') throw new Error('expected a question');
    const config = questionPrompt({ question: result.question, path: result.path, canGoBack: true, canBeUnsure: true });
    expect(config.choices.map((c) => c.name)).toContain('Not sure');
    const noUnsure = { ...result.question, choices: result.question.choices.map((c) => ({ ...c, unsure: false })) };
    const plainConfig = questionPrompt({ question: noUnsure, path: result.path, canGoBack: true, canBeUnsure: false });
    expect(plainConfig.choices.map((c) => c.name)).toEqual(['Security concern', 'A VIP', 'Neither', '← Back']);
  });

  it('starts on the earlier reply when Back returned to the question', async () => {
    expect(questionPrompt({ ...stepAt({ security: 'no' }), previous: { kind: 'answer', id: 'no' } }).default).toBe('no');
    expect(questionPrompt(stepAt({ security: 'no' })).default).toBeUndefined();
    const { answer, events, getScreen } = await render(prompt, { ...stepAt({ security: 'no' }), previous: { kind: 'unsure' } });
    expect(getScreen()).toMatch(/❯ Not sure/);
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ kind: 'unsure' });
  });

  it('shows only the question once answered', () => {
    const config = questionPrompt(stepAt({ security: 'no' }));
    expect(config.theme.style.message(config.message, 'done')).toBe('Can you reproduce it, or do monitoring and other reports confirm it?');
    expect(config.theme.style.message(config.message, 'idle')).toContain('So far:');
  });
});
