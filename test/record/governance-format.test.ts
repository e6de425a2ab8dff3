/** The governance and replay sections are inert: text from a matrix or a file name cannot start a link, image or HTML. */
import { describe, expect, it } from 'vitest';
import { replayMarkdown } from '../../src/diff/render/replay.js';
import { governanceMarkdown } from '../../src/record/governance-format.js';
import { evaluate } from '../../src/record/evaluate.js';
import { makeRecord } from './make-record.js';

const evaluation = evaluate(makeRecord({ severity: 'sev1', start: '2026-03-27T10:00:00Z' }), new Date('2026-03-28T00:00:00Z'));

describe('inert governance and replay markdown', () => {
  it('escapes a trigger text and a record file that look like markdown', () => {
    const md = governanceMarkdown(
      [{ id: 't', text: '[click](https://evil.example) <img src=x>', condition: 'sev1 · each incident', triggered: true, hits: [{ incidents: [{ file: 'a](javascript:x).json', evaluation }] }] }],
      ['**bold** `code`'],
      'UTC',
    );
    expect(md).toContain('\\[click\\]\\(https\\://evil.example\\) \\<img src=x\\>');
    expect(md).toContain('- a\\]\\(javascript:x\\).json (sev1)');
    expect(md).toContain('- \\*\\*bold\\*\\* \\`code\\`');
  });

  it('links a record file by a target that cannot close the link early', () => {
    const md = replayMarkdown(
      {
        as_of: new Date('2026-03-28T00:00:00Z'),
        replayed: [{ file: 'x) [y](z.json', severity: { old: 'sev1', new: 'sev1' }, start: new Date('2026-03-27T10:00:00Z'), flips: [{ kind: 'acknowledge', label: 'Acknowledge', from: 'met', to: 'breached', due: new Date('2026-03-27T10:15:00Z') }], pages: { added: [], removed: [] }, pull_ins: { added: [], removed: [] }, breaches: { old: 0, new: 1 } }],
        cannot: [],
      },
      'UTC',
    );
    expect(md).toContain('[x\\) \\[y\\]\\(z.json](x%29%20%5By%5D%28z.json)');
  });
});
