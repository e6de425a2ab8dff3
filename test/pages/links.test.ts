/**
 * Links between the user pages (README.md, docs/*.md, CONTRIBUTING.md) lead somewhere: every
 * relative link names a file of the repository, and every #anchor a heading of its page.
 */
import { existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { anchors, links, pages, read } from './pages.js';

const ALL = [...pages(), 'CONTRIBUTING.md'];

describe('links between the documentation pages', () => {
  it.each(ALL)('%s: every relative link and anchor resolves', (page) => {
    const broken: string[] = [];
    for (const link of links(page)) {
      if (/^[a-z][a-z+.-]*:/i.test(link.target)) continue; // https:, mailto: - not checked offline
      const [path = '', anchor] = link.target.split('#');
      const target = path === '' ? page : normalize(join(dirname(page), decodeURI(path)));
      const where = `${page}:${link.line}: (${link.target})`;
      if (relative(ROOT, join(ROOT, target)).startsWith('..')) {
        broken.push(`${where} leads out of the repository`);
        continue;
      }
      if (!existsSync(join(ROOT, target))) {
        broken.push(`${where} ${target} does not exist`);
        continue;
      }
      if (anchor !== undefined && target.endsWith('.md') && !anchors(target).has(anchor)) {
        broken.push(`${where} ${target} has no heading #${anchor}`);
      }
    }
    expect(broken.join('\n')).toBe('');
  });

  it('the README stays short: at most 400 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(400);
  });

  it('the README links every page under docs/', () => {
    const linked = new Set(links('README.md').map((link) => link.target.split('#')[0]));
    const missing = pages().filter((page) => page.startsWith('docs/') && !linked.has(page));
    expect(missing).toEqual([]);
  });

  it('finds a broken link and a broken anchor (the check itself works)', () => {
    const text = '# Title\n\nSee [a](missing.md), [b](#nowhere), [c](#title) and `[d](in-code.md)`.\n\n```md\n[e](in-fence.md)\n```\n';
    expect(links('docs/x.md', text).map((l) => `${l.line}:${l.target}`)).toEqual(['3:missing.md', '3:#nowhere', '3:#title']);
    expect([...anchors('docs/x.md', text)]).toEqual(['title']);
    expect([...anchors('x.md', '## `escalate import`: history from a helpdesk\n## Deadlines and time\n## Deadlines and time\n')]).toEqual([
      'escalate-import-history-from-a-helpdesk',
      'deadlines-and-time',
      'deadlines-and-time-1',
    ]);
  });
});
