/**
 * The coverage picture of each example's Christmas week: well-formed SVG with its text
 * alternative (read by an SVG/XML parser), and drawn by a real headless browser (Debian's
 * chromium): the screenshot is not blank, and the labels a reviewer reads were laid out.
 * Without chromium the browser tests are skipped with the reason; in CI (CI set) they fail.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';
import { readPng } from '../helpers/png.js';

const EXAMPLES: [string, string[]][] = [
  ['saas-support.yaml', ['SEV1 · Critical', 'SEV4 · Low']],
  ['msp.yaml', ['P1 · Critical', 'P4 · Low']],
  ['client-vendor.yaml', ['SEV1 · Critical', 'SEV4 · Low']],
];
const NOW = { ESCALATE_NOW: '2026-12-06T10:00:00+01:00' };
const BROWSER = ['chromium', 'chromium-browser'].find((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0);
const SKIP = BROWSER ? false : 'chromium is not installed (apt-get install chromium)';
if (!BROWSER && process.env.CI) throw new Error('CI needs chromium for the coverage picture tests: apt-get install chromium');

/** Each example's picture, made once: the structure test and both browser checks read the same run's output. */
const svgs = new Map<string, string>();
const svgOf = (name: string) => {
  const made = svgs.get(name);
  if (made !== undefined) return made;
  const run = runCli(['simulate', '-m', example(name), '--week', '2026-12-21', '--svg'], { env: NOW });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  svgs.set(name, run.stdout);
  return run.stdout;
};

async function parseSvg(text: string) {
  const { Window } = await import('happy-dom');
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  return { doc, close: () => window.happyDOM.close() };
}

function browser(args: string[]): string {
  const run = spawnSync(BROWSER!, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--mute-audio', ...args], { encoding: 'utf8', timeout: 90_000 });
  if (run.status !== 0) throw new Error(`chromium exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/**
 * One browser start for every browser check of every example (a start is most of a check's
 * time, ~3 s): the first test that needs it renders the page and the others read their part.
 * The page shows each picture as its own SVG document (as a browser opens the file), one under
 * another, filling the window the screenshot is taken of; below the window, each picture again
 * inline, whose labels a script measures once the page has loaded, for the DOM dump.
 */
const SHOT = { width: 1010, height: 400 };
let rendered: { screenshots: Map<string, { width: number; height: number; data: Uint8Array }>; labelWidths: Map<string, Map<string, number>> } | undefined;
function render() {
  if (rendered) return rendered;
  const dir = mkdtempSync(join(tmpdir(), 'escalate-coverage-'));
  const frames = EXAMPLES.map(([example], i) => {
    writeFileSync(join(dir, `coverage-${i}.svg`), svgOf(example));
    return `<iframe src="coverage-${i}.svg" width="${SHOT.width}" height="${SHOT.height}" scrolling="no" style="display:block;border:0"></iframe>`;
  });
  const measure = `<script>addEventListener('load', () => { const out = [...document.querySelectorAll('section')].map((s) => [...s.querySelectorAll('svg text')].map((t) => t.textContent + '=' + Math.round(t.getBBox().width))); document.getElementById('out').textContent = JSON.stringify(out); });</script>`;
  const sections = EXAMPLES.map(([example]) => `<section>${svgOf(example)}</section>`).join('');
  writeFileSync(join(dir, 'page.html'), `<!doctype html><html><body style="margin:0">${frames.join('')}${sections}<pre id="out"></pre>${measure}</body></html>`);
  const png = join(dir, 'coverage.png');
  const dom = browser([`--window-size=${SHOT.width},${SHOT.height * EXAMPLES.length}`, `--screenshot=${png}`, '--virtual-time-budget=5000', '--dump-dom', `file://${join(dir, 'page.html')}`]);
  const { width, height, data } = readPng(readFileSync(png));
  expect([width, height]).toEqual([SHOT.width, SHOT.height * EXAMPLES.length]);
  const band = width * SHOT.height * 4;
  const json = /<pre id="out">(.*?)<\/pre>/s.exec(dom)?.[1] ?? '[]';
  const perExample = JSON.parse(json.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')) as string[][];
  expect(perExample).toHaveLength(EXAMPLES.length);
  rendered = {
    screenshots: new Map(EXAMPLES.map(([example], i) => [example, { width, height: SHOT.height, data: data.subarray(i * band, (i + 1) * band) }])),
    labelWidths: new Map(EXAMPLES.map(([example], i) => [example, new Map(perExample[i]!.map((s) => [s.slice(0, s.lastIndexOf('=')), Number(s.slice(s.lastIndexOf('=') + 1))]))])),
  };
  return rendered;
}
const screenshotOf = (name: string) => render().screenshots.get(name)!;
const labelWidthsOf = (name: string) => render().labelWidths.get(name)!;

describe.each(EXAMPLES)('the coverage picture of %s', (name, labels) => {
  it('is SVG with a title, a description, an hour per cell with its own title, and holidays marked', async () => {
    const text = svgOf(name);
    const { doc, close } = await parseSvg(text);
    try {
      expect(doc.querySelector('parsererror')).toBeNull();
      const svg = doc.documentElement;
      expect(svg.tagName.toLowerCase()).toBe('svg');
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-labelledby')).toBe('coverage-title coverage-desc');
      expect(doc.getElementById('coverage-title')?.textContent).toMatch(/^Who is paged first, and how fast acknowledgement is due — /);
      expect(doc.getElementById('coverage-desc')?.textContent).toMatch(/Mon 21 Dec 00:00 to Sun 27 Dec 23:00/);
      const cells = [...doc.querySelectorAll('rect')].filter((r) => r.querySelector('title'));
      expect(cells.length).toBe(168 * 4); // every hour of the week × each of the four severities
      expect(cells.some((c) => /holiday 2026-12-25/.test(c.querySelector('title')!.textContent ?? ''))).toBe(true);
      const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
      for (const label of [...labels, 'Paged first', 'Acknowledge', 'holiday']) expect(texts).toContain(label);
    } finally {
      await close();
    }
  });

  it.skipIf(SKIP)('renders in a headless browser: the screenshot is not blank', () => {
    const { width, height, data } = screenshotOf(name);
    let coloured = 0;
    const colours = new Set<number>();
    for (let i = 0; i < width * height; i++) {
      const [r, g, b] = [data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!];
      if (r < 235 || g < 235 || b < 235) coloured++;
      colours.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
    }
    expect(coloured / (width * height)).toBeGreaterThan(0.2);
    expect(colours.size).toBeGreaterThan(8);
  }, 120_000);

  it.skipIf(SKIP)('renders in a headless browser: the labels are laid out with a width', () => {
    const widths = labelWidthsOf(name);
    for (const label of [...labels, 'Paged first', 'Acknowledge', 'holiday']) expect(widths.get(label), label).toBeGreaterThan(10);
  }, 120_000);
});

describe('refusals', () => {
  it('--svg needs a sweep', () => {
    const run = runCli(['simulate', '-m', example('msp.yaml'), '--at', 'now', '--svg'], { env: NOW });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--svg draws a sweep; pass --week DATE or --from\/--to/);
  });
  it('--week takes a real date', () => {
    const run = runCli(['simulate', '-m', example('msp.yaml'), '--week', '2026-02-30', '--svg'], { env: NOW });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--week "2026-02-30" is not a date/);
  });
});
