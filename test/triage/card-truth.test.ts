/**
 * One truth per card: every claim the card makes is read from the plan, so no two claims
 * disagree. Plans come from the shipped examples (every outcome, contract and a spread of
 * starts) and from random matrices; each card is checked at three widths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plain } from '../../src/cli/colors.js';
import { matrixSchema, type Matrix } from '../../src/matrix/schema.js';
import { callNow, formatCard, visible } from '../../src/triage/card.js';
import { allPaths, type ResolvedOutcome } from '../../src/triage/engine.js';
import { planIncident } from '../../src/triage/plan.js';
import { buildResult } from '../../src/triage/result.js';
import type { TriageResult } from '../../src/triage/result-schema.js';
import { clockText } from '../../src/time/display.js';
import { loadExample } from './load-example.js';

const WIDTHS = [60, 80, 120];

function results(matrix: Matrix, outcome: ResolvedOutcome, start: Date, now: Date, contract: { client?: string; tier?: string }): TriageResult | undefined {
  const planned = planIncident(matrix, outcome, { start, now, ...contract });
  if (!planned.ok) return undefined;
  return buildResult(matrix, planned.plan, { path: [], decidedBy: 'tree' });
}

/** Every disagreement between two claims of one card, in words; empty when the card tells one story. */
export function contradictions(result: TriageResult, width: number): string[] {
  const card = formatCard(result, plain, { columns: width + 2, full: true });
  const lines = card.split('\n');
  const problems: string[] = [];
  const zone = result.timezone;
  const when = (iso: string) => clockText(new Date(iso), zone);
  for (const line of lines) if (visible(line).length > width) problems.push(`wider than ${width}: ${line}`);
  if (/client told/.test(card)) problems.push('claims the client was told: the tool cannot know that');

  // The summary rows and the deadline table state the same times and the same status.
  const rowOf = (label: string) => {
    const at = lines.findIndex((l) => l.startsWith(`  ${label} `));
    if (at < 0) return undefined;
    // A row wrapped onto the lines below it is one claim.
    let row = lines[at]!;
    for (let i = at + 1; i < lines.length && /^ {19}\S/.test(lines[i]!); i++) row += ` ${lines[i]!.trim()}`;
    return row;
  };
  const sameAs = (label: string, at: string, relative: string) => {
    const row = rowOf(label);
    if (!row) return problems.push(`no "${label}" row`);
    if (!row.includes(`${when(at)}  ${relative}`)) problems.push(`"${label}" row says "${row.trim()}", the plan ${when(at)} ${relative}`);
  };
  const byKind = (kind: string) => result.deadlines.find((d) => d.kind === kind);
  const ack = byKind('acknowledge');
  if (ack) sameAs('Acknowledge', ack.at, ack.relative);
  const notice = result.client && result.client.notify !== 'none' ? (result.client.due ?? result.client.step) : undefined;
  if (notice) sameAs('Client notice', notice.at, notice.relative);
  else if (rowOf('Client notice')) problems.push('a client notice row though the client is not notified');
  const notify = byKind('notify_client');
  if (notify && notice && result.client?.due && (notify.at !== notice.at || notify.relative !== notice.relative)) problems.push('client notice and the notify_client deadline disagree');
  const next = result.escalation.find((s) => !s.reached);
  if (next) sameAs('Next escalation', next.at, next.relative);

  // The timeline: one mark per step, reached exactly when the plan says so, escalate_after at the deadline's time.
  const start = lines.indexOf('Escalation');
  const end = lines.indexOf('', start);
  const timeline = lines.slice(start + 1, end < 0 ? undefined : end);
  const marks = timeline.filter((l) => /^ {2}[●◉○] /.test(l));
  if (result.escalation.length > 0 && marks.length !== result.escalation.length) problems.push(`${marks.length} marks for ${result.escalation.length} steps`);
  marks.forEach((l, i) => {
    const s = result.escalation[i];
    if (!s) return;
    if (l.startsWith('  ●') !== s.reached) problems.push(`step ${i} marked ${l.slice(2, 3)} but reached=${s.reached}`);
    if (!l.includes(when(s.at))) problems.push(`step ${i} shows another time than ${when(s.at)}`);
  });
  const target = byKind('escalate_after');
  const diamond = timeline.find((l) => l.startsWith('  ◇ '));
  if (target && (!diamond || !diamond.includes(when(target.at)))) problems.push('escalate_after is not marked on the path at its deadline');
  if (result.escalation.length > 0) {
    for (const l of timeline) if (!/^ {2}([●◉○◇] |[│ ] {3})/.test(l)) problems.push(`timeline gutter broken: "${l}"`);
  }

  // Contract and exceptions: each change stands under what made it; "none" never carries a change.
  const contract = lines.findIndex((l) => l.startsWith('Contract '));
  const block = (from: number) => {
    const out = [lines[from]!];
    for (let i = from + 1; i < lines.length && lines[i]!.startsWith('          '); i++) out.push(lines[i]!);
    return out.join(' ').replace(/\s+/g, ' ');
  };
  const contractText = contract >= 0 ? block(contract) : '';
  if (/^Contract none/.test(contractText) && (contractText.includes('→') || contractText.includes('adds'))) problems.push(`"Contract none" with changes: ${contractText}`);
  for (const ch of result.contract.changes) {
    const text = `${ch.kind} ${ch.from ?? '–'} → ${ch.to}`;
    const exception = ch.source.startsWith('exception ') ? ch.source.slice('exception '.length) : undefined;
    if (exception) {
      const at = lines.findIndex((l) => l.startsWith(`Exception ${exception}:`));
      if (at < 0 || !block(at).includes(text)) problems.push(`${text} of exception ${exception} not on its line`);
      if (contractText.includes(text)) problems.push(`${text} of exception ${exception} under the contract`);
    } else if (!contractText.includes(text)) problems.push(`${text} (${ch.source}) not on the contract line`);
  }
  // Whom to call now were all pulled in by a step that has come.
  for (const role of callNow(result)) if (!result.escalation.some((s) => s.reached && s.notify.some((r) => r.role === role.role))) problems.push(`call ${role.role} though no step reached it`);
  return problems;
}

describe('one truth per card: the shipped examples', () => {
  for (const name of ['saas-support.yaml', 'msp.yaml', 'client-vendor.yaml']) {
    it(`${name}: every outcome, contract and start agrees with itself`, () => {
      const matrix = loadExample(name);
      const contracts = [{}, ...Object.keys(matrix.clients ?? {}).map((client) => ({ client })), ...Object.keys(matrix.tiers ?? {}).map((tier) => ({ tier }))];
      const outcomes = allPaths(matrix).map((p) => p.outcome);
      const starts = ['2026-03-27T16:30:00Z', '2026-12-24T23:50:00Z', '2027-01-16T08:00:00Z'].map((s) => new Date(s));
      let checked = 0;
      for (const outcome of outcomes)
        for (const contract of contracts)
          for (const start of starts)
            for (const later of [0, 17, 3000]) {
              const r = results(matrix, outcome, start, new Date(start.getTime() + later * 60_000), contract);
              if (!r) continue;
              for (const width of WIDTHS) expect(contradictions(r, width), `${name} ${JSON.stringify(contract)} ${start.toISOString()} +${later}m at ${width}`).toEqual([]);
              checked++;
            }
      expect(checked).toBeGreaterThan(50);
    });
  }
});

// ── Random matrices ────────────────────────────────────────────────────────────────
const ROLES = ['lead', 'oncall', 'manager', 'exec', 'client-ops', 'account'] as const;
const role = fc.constantFrom(...ROLES);
const minutes = fc.constantFrom('5m', '10m', '15m', '30m', '45m', '1h', '2h', '4h', '1d');
const targets = fc.record(
  { acknowledge: minutes, assign_owner: minutes, notify_client: minutes, escalate_after: minutes, update_every: minutes, workaround: minutes, resolution: minutes, rca: minutes },
  { requiredKeys: [] },
);
const step = fc.record({
  after: fc.constantFrom('0m', '10m', '15m', '30m', '1h', '2h'),
  layer: fc.constantFrom('operational', 'management', 'client', 'executive'),
  notify: fc.uniqueArray(role, { minLength: 1, maxLength: 3 }),
  notify_client: fc.boolean(),
});
const severityArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(id.toUpperCase()),
    definition: fc.constant('Something is wrong.'),
    owner: role,
    targets,
    escalation: fc.array(step, { maxLength: 4 }),
    client: fc.option(fc.record({ notify: fc.constantFrom('formal', 'informal', 'none'), contact: fc.constant('client-ops'), by: role }), { nil: undefined }),
  });

const matrixArb = fc
  .record({
    severities: fc.tuple(severityArb('s1'), severityArb('s2')),
    tierTargets: fc.option(targets, { nil: undefined }),
    tierNotify: fc.uniqueArray(role, { maxLength: 2 }),
    clientTargets: fc.option(targets, { nil: undefined }),
    exception: fc.option(fc.record({ targets, notify: fc.uniqueArray(role, { maxLength: 2 }), owner: fc.option(role, { nil: undefined }) }), { nil: undefined }),
    longContact: fc.boolean(),
  })
  .map((g) => {
    const raw = {
      version: 1,
      name: 'Random',
      owner: 'lead',
      reviewed: '2026-10-01',
      review_every: '90d',
      timezone: 'Europe/Berlin',
      roles: Object.fromEntries(
        ROLES.map((id) => [
          id,
          { title: `Role ${id}`, contact: g.longContact && id === 'oncall' ? 'a-very-long-pager-address-without-any-spaces-at-all@escalations.example.com' : `#${id}`, ...(id === 'client-ops' ? { side: 'client' } : {}) },
        ]),
      ),
      severities: g.severities.map((s) => ({ ...s, ...(s.client === undefined ? { client: undefined } : {}) })),
      tiers: { gold: { ...(g.tierTargets ? { targets: { s1: g.tierTargets, s2: g.tierTargets } } : {}), notify: g.tierNotify } },
      clients: { acme: { name: 'Acme', tier: 'gold', ...(g.clientTargets ? { targets: { s1: g.clientTargets } } : {}) } },
      ...(g.exception
        ? { exceptions: [{ id: 'launch', reason: 'Launch weekend', from: '2026-03-01', until: '2026-04-30', approved_by: 'manager', targets: { s1: g.exception.targets, s2: g.exception.targets }, notify: g.exception.notify, ...(g.exception.owner ? { owner: g.exception.owner } : {}) }] }
        : {}),
    };
    return matrixSchema.parse(JSON.parse(JSON.stringify(raw)));
  });

describe('one truth per card: random matrices', () => {
  it('no two claims disagree, at any width, for any contract, start and now', () => {
    fc.assert(
      fc.property(
        matrixArb,
        fc.constantFrom('s1', 's2'),
        fc.option(role, { nil: undefined }),
        fc.uniqueArray(role, { maxLength: 2 }),
        fc.constantFrom({}, { client: 'acme' }, { tier: 'gold' }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...WIDTHS),
        (matrix, sev, owner, inform, contract, later, width) => {
          const severity = matrix.severities.find((s) => s.id === sev)!;
          const outcome: ResolvedOutcome = { severity, owner: owner ?? severity.owner, ...(inform.length ? { inform } : {}) };
          const start = new Date('2026-03-27T16:30:00+01:00');
          const r = results(matrix, outcome, start, new Date(start.getTime() + later * 60_000), contract);
          expect(r).toBeDefined();
          expect(contradictions(r!, width)).toEqual([]);
          // An owner other than the severity's is pulled in at the first step; so is every role the answer informs.
          const first = r!.escalation[0];
          if (r!.owner.role !== severity.owner) expect(first?.notify.map((x) => x.role)).toContain(r!.owner.role);
          for (const id of inform) expect(first?.notify.map((x) => x.role)).toContain(id);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200), seed: 14 },
    );
  });
});

// ── Colours as the CLI sends them ──────────────────────────────────────────────────
describe('colours take no columns', () => {
  it('a card coloured as the CLI colours it (marked codes) wraps exactly like the plain card', async () => {
    const { colorsFor } = await import('../../src/cli/colors.js');
    const { safeText } = await import('../../src/cli/io.js');
    const tty = { write: () => undefined, isTTY: true };
    const colors = await colorsFor({ cwd: '/', env: { FORCE_COLOR: '1' }, stdout: tty, stderr: tty } as never);
    const matrix = loadExample('client-vendor.yaml');
    const start = new Date('2026-03-27T16:30:00Z');
    for (const outcome of allPaths(matrix).map((p) => p.outcome)) {
      const r = results(matrix, outcome, start, new Date(start.getTime() + 17 * 60_000), {});
      if (!r) continue;
      for (const width of WIDTHS) {
        const coloured = formatCard(r, colors, { columns: width + 2, full: true });
        expect(coloured).not.toBe(formatCard(r, plain, { columns: width + 2, full: true })); // really coloured
        expect(visible(safeText(coloured))).toBe(formatCard(r, plain, { columns: width + 2, full: true }));
      }
    }
  });
});
