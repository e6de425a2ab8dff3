/**
 * The "done means": changing one target, one route and one tree edge in an example
 * matrix gives exactly those three changes plus the affected answer paths, in all three
 * formats, from the built binary.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { diffFixture } from './helpers.js';

const OLD = diffFixture('saas-old.yaml');
const NEW = diffFixture('saas-new.yaml');
const diff = (...args: string[]) => runCli(['diff', OLD, NEW, ...args]);

const CORE = 'security=no, confirmed=yes, scope=many, core=no';
const VENDOR = 'security=no, confirmed=yes, scope=one, blocked=yes, domain=vendor';

describe('one target, one route and one tree edge changed in the SaaS example', () => {
  it('terminal: the three changes and the two affected answer paths', () => {
    const { code, stdout, stderr } = diff();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n').slice(1)).toEqual([
      '3 changes (2 stricter, 0 looser, 1 neutral); 2 answer paths end differently',
      '',
      'Targets',
      '  ~ sev2 acknowledge: 30m → 15m  stricter',
      '',
      'Routes',
      '  ~ route vendor to: vendor → specialist',
      '',
      'Decision tree',
      '  ~ core=no: sev2 (owner specialist, route engineering) → sev1 (owner specialist, route engineering)  stricter',
      '',
      'Triage impact: 2 of 9 answer paths end differently',
      `  ~ ${CORE}: sev2 → sev1  stricter`,
      `  ~ ${VENDOR}: route vendor to vendor → route vendor to specialist`,
      '',
    ]);
  });

  it('markdown: one row per change and per affected path', () => {
    const { code, stdout } = diff('--format', 'markdown');
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| change') && !l.startsWith('| answers') && !l.startsWith('| ---'));
    expect(rows).toEqual([
      '| sev2 acknowledge | 30m | 15m | stricter |',
      '| route vendor to | vendor | specialist |  |',
      '| core=no (retargeted) | sev2 (owner specialist, route engineering) | sev1 (owner specialist, route engineering) | stricter |',
      `| \`${CORE}\` | sev2 | sev1 | stricter |`,
      `| \`${VENDOR}\` | route vendor to vendor | route vendor to specialist |  |`,
    ]);
    expect(stdout.match(/^#### .*$/gm)).toEqual(['#### Targets', '#### Routes', '#### Decision tree', '#### Triage impact']);
  });

  it('json: exactly three changes and two affected paths', () => {
    const { code, stdout } = diff('--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      changes: { area: string; kind: string; path: string; old: string; new: string; direction: string }[];
      impact: { affected: number; paths: { text: string; fields: string[] }[] };
    };
    expect(report.changes.map(({ area, kind, path, old, new: after, direction }) => ({ area, kind, path, old, new: after, direction }))).toEqual([
      { area: 'targets', kind: 'changed', path: 'severities.sev2.targets.acknowledge', old: '30m', new: '15m', direction: 'stricter' },
      { area: 'routes', kind: 'changed', path: 'routes.vendor.to', old: 'vendor', new: 'specialist', direction: 'neutral' },
      {
        area: 'triage',
        kind: 'retargeted',
        path: 'triage.questions.core.answers.no',
        old: 'sev2 (owner specialist, route engineering)',
        new: 'sev1 (owner specialist, route engineering)',
        direction: 'stricter',
      },
    ]);
    expect(report.impact.affected).toBe(2);
    expect(report.impact.paths.map((p) => [p.text, p.fields])).toEqual([
      [`${CORE}: sev2 → sev1`, ['severity']],
      [`${VENDOR}: route vendor to vendor → route vendor to specialist`, ['route']],
    ]);
  });
});
