/** The three reports are pure functions of the diff (and a colouriser for the terminal). */
import { describe, expect, it } from 'vitest';
import { plain, type Colors } from '../../src/cli/colors.js';
import { renderJson } from '../../src/diff/render/json.js';
import { COMMENT_MARKER, renderMarkdown } from '../../src/diff/render/markdown.js';
import { renderTerminal } from '../../src/diff/render/terminal.js';
import { diffFixtures } from './helpers.js';
import { chain, ladder, matrixWith } from './trees.js';
import { diffMatrices } from '../../src/diff/diff.js';

const labels = { old: 'HEAD:escalation-matrix.yaml', new: 'escalation-matrix.yaml' };
const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`;
const tagged: Colors = { red: tag('red'), yellow: tag('yellow'), green: tag('green'), cyan: tag('cyan'), dim: tag('dim'), bold: tag('bold') };

describe('terminal report', () => {
  it('is one line per change under area headings, then the triage impact', () => {
    const text = renderTerminal(diffFixtures('base.yaml', 'severity-removed.yaml'), labels, plain);
    expect(text).toBe(
      [
        'escalate diff HEAD:escalation-matrix.yaml → escalation-matrix.yaml',
        '3 changes (1 stricter, 1 looser, 1 neutral); 1 answer path ends differently',
        '',
        'Severities',
        '  - severity sev3 removed (was Moderate)  looser',
        '',
        'Frontline authority',
        '  ~ frontline may Issue a credit severities: +sev2, -sev3',
        '',
        'Decision tree',
        '  ~ billing=no: sev3 → sev2  stricter',
        '',
        'Triage impact: 1 of 4 answer paths end differently',
        '  ~ scope=one, billing=no: sev3 → sev2; owner frontline → owner specialist  stricter',
        '',
      ].join('\n'),
    );
  });

  it('colours only through the colouriser it is given', () => {
    const text = renderTerminal(diffFixtures('base.yaml', 'targets.yaml'), labels, tagged);
    expect(text).toContain('<bold>Targets</bold>');
    expect(text).toContain('<cyan>~</cyan> sev1 acknowledge: 15m → 10m  <cyan>stricter</cyan>');
    expect(text).toContain('<red>-</red> sev2 resolution removed (was 3d)  <yellow>looser</yellow>');
    expect(text).toContain('<green>+</green> sev2 rca added: 5d');
    expect(text.split('\n')[1]).toBe('<yellow>4 changes (2 stricter, 2 looser, 0 neutral); 0 answer paths end differently</yellow>');
    expect(renderTerminal(diffFixtures('base.yaml', 'targets.yaml'), labels, plain)).not.toMatch(/\u001b/);
  });

  it('says so when nothing changed', () => {
    expect(renderTerminal(diffFixtures('base.yaml', 'no-change.yaml'), labels, plain)).toBe(`escalate diff ${labels.old} → ${labels.new}\nno semantic changes\n`);
  });

  it('says how many affected paths were left out, and when the comparison stopped early', () => {
    const diff = diffMatrices(matrixWith(ladder(12)), matrixWith(ladder(12, 's3')), { limit: 3, budget: 1000 });
    const text = renderTerminal(diff, labels, plain);
    expect(text).toContain('  … and 497 more; raise --max-paths or use --format json to list them');
    expect(text).toContain('the impact is incomplete');
  });

  it('where it stopped counting, the headline and the impact say "at least" (terminal and markdown)', () => {
    const diff = diffMatrices(matrixWith(ladder(12)), matrixWith(ladder(12, 's3')), { limit: 3, budget: 1000 });
    const text = renderTerminal(diff, labels, plain);
    expect(text.split('\n')[1]).toMatch(/; at least 500 answer paths end differently$/);
    expect(text).toContain('Triage impact: at least 500 of 1000 compared answer paths end differently');
    const md = renderMarkdown(diff, labels);
    expect(md).toMatch(/^### Escalation matrix: .*; at least 500 answer paths end differently$/m);
    expect(md).toContain('At least 500 of 1000 compared answer paths through the decision tree end differently.');
    const complete = renderTerminal(diffMatrices(matrixWith(ladder(8)), matrixWith(ladder(8, 's3'))), labels, plain);
    expect(complete).not.toContain('at least');
  });

  it('shortens long text to keep one change on one line', () => {
    const text = renderTerminal(diffFixtures('base.yaml', 'severity-definition.yaml'), labels, plain);
    const definition = text.split('\n').find((l) => l.includes('definition'))!;
    expect(definition).toContain('…');
    expect(definition.length).toBeLessThan(160);
  });
});

describe('markdown report', () => {
  const md = renderMarkdown(diffFixtures('base.yaml', 'severity-removed.yaml'), labels);

  it('starts with a hidden marker and a summary heading', () => {
    const [marker, heading, , comparing] = md.split('\n');
    expect(marker).toBe(COMMENT_MARKER);
    expect(heading).toBe('### Escalation matrix: 3 changes (1 stricter, 1 looser, 1 neutral); 1 answer path ends differently');
    expect(comparing).toBe('Comparing `HEAD:escalation-matrix.yaml` → `escalation-matrix.yaml`.');
  });

  it('warns when something got looser', () => {
    expect(md).toContain('> [!WARNING]\n> 1 change makes the matrix looser.');
    expect(renderMarkdown(diffFixtures('base.yaml', 'severity-added.yaml'), labels)).not.toContain('[!WARNING]');
    expect(renderMarkdown(diffFixtures('base.yaml', 'severity-lowered.yaml'), labels, { mode: 'looser', failed: true, reason: 'x' })).toContain(
      '> 1 change makes the matrix looser; 1 answer path ends at a lower severity. This needs an explicit approval.',
    );
  });

  it('has a section and a table per area, and a triage impact table', () => {
    expect(md).toContain('#### Severities\n\n| change | old | new | |\n| --- | --- | --- | --- |\n| severity sev3 (removed) | Moderate |  | **looser** |');
    expect(md).toContain('| frontline may Issue a credit severities | sev3 | sev2 (+sev2, -sev3) |  |');
    expect(md).toContain('| billing=no (retargeted) | sev3 | sev2 | stricter |');
    expect(md).toContain('#### Triage impact\n\n1 of 4 answer paths through the decision tree end differently.\n\n| answers | old | new | |');
    expect(md).toContain('| `scope=one, billing=no` | sev3, owner frontline | sev2, owner specialist | stricter |');
  });

  it('keeps table cells from breaking the table or the comment', () => {
    const diff = diffFixtures('base.yaml', 'base.yaml');
    diff.changes.push({ area: 'roles', kind: 'changed', path: ['roles', 'x', 'contact'], subject: 'role x', field: 'contact', old: 'a | b', new: 'line\nbreak <!-- x -->', direction: 'neutral' });
    expect(renderMarkdown(diff, labels)).toContain('| role x contact | a \\| b | line break &lt;!-- x --> |  |');
  });

  it('marks paths only in one tree', () => {
    const text = renderMarkdown(diffFixtures('base.yaml', 'tree.yaml'), labels);
    expect(text).toContain('| `scope=none` | no path | sev3 (owner frontline) | new path |');
  });

  it('says when there is nothing to review', () => {
    expect(renderMarkdown(diffFixtures('base.yaml', 'no-change.yaml'), labels)).toBe(
      `${COMMENT_MARKER}\n### Escalation matrix: no semantic changes\n\nComparing \`${labels.old}\` → \`${labels.new}\`.\n`,
    );
  });
});

describe('json report', () => {
  const parse = (text: string) => JSON.parse(text) as Record<string, unknown> & { changes: Record<string, unknown>[]; impact: { paths: Record<string, unknown>[] } };

  it('has a stable, documented shape', () => {
    const json = parse(renderJson(diffFixtures('base.yaml', 'severity-lowered.yaml'), labels, { mode: 'looser', failed: true, reason: 'r' }));
    expect(Object.keys(json)).toEqual(['version', 'old', 'new', 'summary', 'changes', 'impact', 'failOn']);
    expect(json).toMatchObject({ version: 1, old: labels.old, new: labels.new, failOn: { mode: 'looser', failed: true, reason: 'r' } });
    expect(json.summary).toEqual({ changes: 1, stricter: 0, looser: 1, neutral: 0, affectedPaths: 1, loweredPaths: 1 });
    expect(json.changes[0]).toEqual({
      area: 'triage',
      kind: 'retargeted',
      path: 'triage.questions.core.answers.yes',
      subject: 'core=yes',
      old: 'sev1 (route engineering)',
      new: 'sev2 (route engineering)',
      direction: 'looser',
      text: 'core=yes: sev1 (route engineering) → sev2 (route engineering)',
    });
    expect(Object.keys(json.impact)).toEqual(['checked', 'affected', 'lowered', 'paths', 'omitted', 'truncated']);
    expect(json.impact.paths[0]).toEqual({
      answers: [
        { question: 'scope', answer: 'many' },
        { question: 'core', answer: 'yes' },
      ],
      status: 'changed',
      old: { severity: 'sev1', owner: 'lead', route: 'engineering', routeTo: 'eng' },
      new: { severity: 'sev2', owner: 'specialist', route: 'engineering', routeTo: 'eng' },
      fields: ['severity', 'owner'],
      direction: 'looser',
      text: 'scope=many, core=yes: sev1 → sev2; owner lead → owner specialist',
    });
  });

  it('leaves failOn out when no threshold was asked for, and keeps long values whole', () => {
    const json = parse(renderJson(diffFixtures('base.yaml', 'severity-definition.yaml'), labels));
    expect(json).not.toHaveProperty('failOn');
    expect(json.changes[0]!.new).toBe('One customer or a group has major disruption; the workaround is risky.');
  });

  it('handles a large impact without listing more than asked', () => {
    const diff = diffMatrices(matrixWith(chain(300)), matrixWith(chain(300, 10)), { limit: 1 });
    const json = parse(renderJson(diff, labels));
    expect(json.impact).toMatchObject({ affected: 1, omitted: 0 });
    expect(json.impact.paths).toHaveLength(1);
  });
});

describe('markdown report size', () => {
  it('keeps a very large change under the size of a pull-request comment', () => {
    const diff = diffMatrices(matrixWith(chain(2000)), matrixWith(chain(2000, 5)));
    for (let i = 0; i < 1000; i++) {
      diff.changes.push({ area: 'roles', kind: 'added', path: ['roles', `r${i}`], subject: `role r${i}`, new: `Role ${i} (pager:r${i})`, direction: 'neutral' });
    }
    const text = renderMarkdown(diff, labels);
    expect(text.length).toBeLessThan(65_536);
    expect(text).toContain('… and 701 more changes; run `escalate diff` locally or use `--format json` to see them all.');
    expect(text.match(/^\| role r\d+ \(added\)/gm)).toHaveLength(299);
  });
});

describe('very deep answer paths', () => {
  it('are shortened in the middle in text, and kept whole in JSON', () => {
    const diff = diffMatrices(matrixWith(chain(40)), matrixWith(chain(40, 30)));
    const line = renderTerminal(diff, labels, plain).split('\n').find((l) => l.startsWith('  ~ q0='))!;
    expect(line).toBe('  ~ q0=no, q1=no, q2=no, q3=no, … 21 more …, q25=no, q26=no, q27=no, q28=no, q29=no, q30=yes: s1 → s2  looser');
    const json = JSON.parse(renderJson(diff, labels)) as { impact: { paths: { answers: unknown[]; text: string }[] } };
    expect(json.impact.paths[0]!.answers).toHaveLength(31);
  });
});
