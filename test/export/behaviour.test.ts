/**
 * docs/export.md states, per example and per tool, which matrix steps the tool performs and
 * which it does not. The statement is generated from the exports and kept current here; each
 * kind of claim is checked against the consumer: Alertmanager's receivers by the running
 * Alertmanager (alertmanager-live.test.ts) and amtool (alertmanager.test.ts), PagerDuty's
 * rules and scheduled actions by the provider schema (pagerduty.test.ts), the calendars by
 * ical.js (ics.test.ts). Regenerate with `UPDATE_DOCS=1 npx vitest run test/export/behaviour.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { behaviourMarkdown, exportBehaviour } from '../../src/export/behaviour.js';
import { exportPagerduty } from '../../src/export/pagerduty.js';
import { ROOT } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix } from './helpers.js';

const DOC = `${ROOT}docs/export.md`;
const generated = () => EXAMPLES.map((name) => behaviourMarkdown(exampleMatrix(name), `examples/${name}.yaml`)).join('\n');
const BLOCK = /(<!-- export-behaviour:start -->\n)[\s\S]*?(<!-- export-behaviour:end -->)/;

describe('docs/export.md', () => {
  if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, readFileSync(DOC, 'utf8').replace(BLOCK, (_m, a: string, b: string) => `${a}${generated()}${b}`));
  it('states per example and tool what is performed and what not, as the exports are now', () => {
    const text = readFileSync(DOC, 'utf8');
    expect(BLOCK.exec(text)?.[0], 'regenerate: UPDATE_DOCS=1 npx vitest run test/export/behaviour.test.ts').toBe(`<!-- export-behaviour:start -->\n${generated()}<!-- export-behaviour:end -->`);
  });
});

describe.each(EXAMPLES)('examples/%s.yaml', (name) => {
  const m = exampleMatrix(name);
  it('every step PagerDuty will not perform as the matrix says is stated, and each conditional rule is one', () => {
    const [, pd] = exportBehaviour(m);
    const rules = Object.values(exportPagerduty(m).config.resource.pagerduty_escalation_policy).reduce((n, p) => n + p.rule.length - 1, 0);
    expect(pd!.not.filter((w) => w.code === 'unacknowledged-only')).toHaveLength(rules);
    expect(pd!.performs.join('\n').match(/if nobody acknowledged/g) ?? []).toHaveLength(rules);
  });
  it('with --pull-in the same roles are paged at the same minutes, acknowledged or not', () => {
    const [, pd] = exportBehaviour(m);
    const later = (line: string, words: string) => line.split('; ').slice(1).map((p) => p.replace(words, '').replace(/ \(`[^`]+`\)$/, '').replace(/; low urgency.*$/, ''));
    const withRules = pd!.performs.filter((l) => l.includes('if nobody acknowledged'));
    expect(pd!.pullIn).toHaveLength(withRules.length);
    withRules.forEach((line, i) => {
      expect(pd!.pullIn![i]!.split(':')[0]).toBe(line.split(':')[0]);
      expect(later(pd!.pullIn![i]!, ' acknowledged or not')).toEqual(later(line.replace(/; low urgency.*$/, ''), ' if nobody acknowledged'));
    });
  });
  it('every severity has a statement for Alertmanager', () => {
    const [am] = exportBehaviour(m);
    expect(am!.performs).toHaveLength(m.severities.length);
  });
});
