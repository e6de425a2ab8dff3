/**
 * The coverage picture: a sweep of hourly starts (usually a week) × severity, each hour
 * coloured by who is paged first and shaded by how fast acknowledgement is due, with
 * holidays hatched and active exceptions marked. SVG a code host or a browser renders as
 * it is, with a <title> and <desc> (and a <title> on every hour) for screen readers; the
 * same sweep as `--markdown` is the table alternative. Pure: a simulation in, text out.
 */
import { clockText, dayText } from '../time/display.js';
import { instantOf, localDate } from '../time/instant.js';
import { runs } from './card.js';
import type { SimulateResult, Simulation } from './result-schema.js';

const LEFT = 150;
const TOP = 74;
const ROW = 30;
const GAP = 6;
/** Distinct on white and for the common colour-vision deficiencies (Okabe–Ito). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
/** Acknowledgement due within this many minutes → this opacity: the faster, the darker. */
const SPEEDS: [number, number, string][] = [
  [15, 1, 'within 15 min'],
  [60, 0.8, 'within 1 h'],
  [240, 0.6, 'within 4 h'],
  [1440, 0.4, 'within a day'],
  [Number.POSITIVE_INFINITY, 0.22, 'later'],
];

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatCoverageSvg(result: SimulateResult): string {
  const zone = result.timezone;
  const hours = result.instants;
  const severities = hours[0]?.severities.map((s) => s.severity) ?? [];
  const cell = hours.length > 0 ? Math.max(3, Math.min(12, Math.floor(840 / hours.length))) : 5;
  const width = LEFT + cell * hours.length + 20;
  const colours = new Map<string, string>();
  const colourOf = (sim: Simulation) => {
    const key = sim.first_paged ? sim.first_paged.roles.map((r) => r.title).join(', ') : `${sim.owner.title} (no escalation path)`;
    if (!colours.has(key)) colours.set(key, PALETTE[colours.size % PALETTE.length]!);
    return { key, colour: colours.get(key)! };
  };
  const body: string[] = [];
  const title = `Who is paged first, and how fast acknowledgement is due — ${result.matrix.name}`;
  const span = hours.length > 0 ? `${clockText(instantOf(hours[0]!.at), zone)} to ${clockText(instantOf(hours[hours.length - 1]!.at), zone)} (${zone})` : '';

  // Day columns: a label per local day, "holiday" under a day any severity's calendar keeps as one.
  const days: { date: string; first: number; count: number; holiday: boolean }[] = [];
  hours.forEach((h, i) => {
    const date = localDate(instantOf(h.at), zone);
    const holiday = h.severities.some((s) => s.calendar.state === 'holiday');
    const last = days[days.length - 1];
    if (last && last.date === date) {
      last.count++;
      last.holiday ||= holiday;
    } else days.push({ date, first: i, count: 1, holiday });
  });
  for (const d of days) {
    const x = LEFT + d.first * cell;
    body.push(`<line x1="${x}" y1="${TOP - 30}" x2="${x}" y2="${TOP + severities.length * (ROW + GAP)}" stroke="#999" stroke-width="1"/>`);
    if (d.count * cell >= 40) {
      body.push(`<text x="${x + 3}" y="${TOP - 16}" font-size="12">${xml(dayText(instantOf(hours[d.first]!.at), zone))}</text>`);
      if (d.holiday) body.push(`<text x="${x + 3}" y="${TOP - 3}" font-size="11" fill="#B00020">holiday</text>`);
    }
  }

  severities.forEach((severity, row) => {
    const y = TOP + row * (ROW + GAP);
    body.push(`<text x="8" y="${y + ROW / 2 + 4}" font-size="13" font-weight="bold">${xml(`${severity.id.toUpperCase()} · ${severity.name}`.slice(0, 22))}</text>`);
    hours.forEach((h, i) => {
      const sim = h.severities[row]!;
      const { key, colour } = colourOf(sim);
      const start = instantOf(h.at).getTime();
      const ack = sim.deadlines.find((d) => d.kind === 'acknowledge');
      const minutes = ack ? (instantOf(ack.at).getTime() - start) / 60_000 : Number.POSITIVE_INFINITY;
      const [, opacity] = SPEEDS.find(([limit]) => minutes <= limit)!;
      const x = LEFT + i * cell;
      const words = [`${clockText(instantOf(h.at), zone)} ${severity.id}: first ${key}`, ack ? `acknowledge by ${clockText(instantOf(ack.at), zone)}` : 'no acknowledge target'];
      if (sim.calendar.state === 'holiday') words.push(`holiday ${sim.calendar.holiday}`);
      for (const e of sim.exceptions) words.push(`exception ${e.id}`);
      body.push(`<rect x="${x}" y="${y}" width="${cell}" height="${ROW}" fill="${colour}" fill-opacity="${opacity}"><title>${xml(words.join('; '))}</title></rect>`);
      if (sim.calendar.state === 'holiday') body.push(`<rect x="${x}" y="${y}" width="${cell}" height="${ROW}" fill="url(#holiday)"/>`);
      if (sim.exceptions.length > 0) body.push(`<rect x="${x}" y="${y}" width="${cell}" height="4" fill="#B00020"/>`);
    });
  });

  // Legend: who is paged first, how fast, holidays, exceptions.
  let y = TOP + severities.length * (ROW + GAP) + 18;
  body.push(`<text x="8" y="${y}" font-size="12" font-weight="bold">Paged first</text>`);
  for (const [key, colour] of colours) {
    y += 18;
    body.push(`<rect x="8" y="${y - 11}" width="14" height="14" fill="${colour}"/><text x="28" y="${y}" font-size="12">${xml(key)}</text>`);
  }
  y += 26;
  body.push(`<text x="8" y="${y}" font-size="12" font-weight="bold">Acknowledge</text>`);
  SPEEDS.forEach(([, opacity, label], i) => {
    const x = 110 + i * 120;
    body.push(`<rect x="${x}" y="${y - 11}" width="14" height="14" fill="#333" fill-opacity="${opacity}"/><text x="${x + 20}" y="${y}" font-size="12">${label}</text>`);
  });
  y += 22;
  body.push(`<rect x="8" y="${y - 11}" width="14" height="14" fill="#ccc"/><rect x="8" y="${y - 11}" width="14" height="14" fill="url(#holiday)"/><text x="28" y="${y}" font-size="12">holiday (calendar closed)</text>`);
  body.push(`<rect x="230" y="${y - 11}" width="14" height="4" fill="#B00020"/><text x="250" y="${y}" font-size="12">exception active${exceptionNames(result)}</text>`);
  const height = y + 16;

  const desc = [`${span}.`, ...severities.flatMap((s) => runs(result, s.id).map((r) => `${s.id}, ${clockText(instantOf(r.from), zone)} to ${clockText(instantOf(r.to), zone)}: ${r.text}.`))].join(' ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="coverage-title coverage-desc" font-family="sans-serif">`,
    `<title id="coverage-title">${xml(title)}</title>`,
    `<desc id="coverage-desc">${xml(desc)}</desc>`,
    '<defs><pattern id="holiday" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.5"/></pattern></defs>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="bold">${xml(title)}</text>`,
    `<text x="8" y="38" font-size="12" fill="#444">${xml(span)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function exceptionNames(result: SimulateResult): string {
  const ids = new Set(result.instants.flatMap((h) => h.severities.flatMap((s) => s.exceptions.map((e) => e.id))));
  return ids.size > 0 ? `: ${[...ids].join(', ')}` : '';
}
