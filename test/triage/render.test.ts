import { describe, expect, it } from 'vitest';
import { formatCard, wrap } from '../../src/triage/card.js';
import { formatMarkdown, mdText } from '../../src/triage/markdown.js';
import { planIncident } from '../../src/triage/plan.js';
import { buildResult } from '../../src/triage/result.js';
import { walk } from '../../src/triage/engine.js';
import { triageResultSchema } from '../../src/triage/result-schema.js';
import { plain, type Colors } from '../../src/cli/colors.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { loadExample } from './load-example.js';

const saas = loadExample('saas-support.yaml');
const start = new Date('2026-03-27T16:30:00+01:00');

function result(matrix: Matrix, answers: Record<string, string>, now: Date, extra: { client?: string } = {}) {
  const walked = walk(matrix, answers);
  if (walked.kind !== 'outcome') throw new Error('expected an outcome');
  const planned = planIncident(matrix, walked.outcome, { start, now, ...extra });
  if (!planned.ok) throw new Error(planned.reason);
  return buildResult(matrix, planned.plan, { path: walked.path, decidedBy: 'tree', sha256: 'abc' });
}

const SEV1 = { security: 'no', confirmed: 'yes', scope: 'many', core: 'yes' };
/** Marks colours as tags, so tests can see which text is coloured without asserting on ANSI codes. */
const tags: Colors = {
  red: (t) => `<red>${t}</red>`,
  yellow: (t) => `<yellow>${t}</yellow>`,
  green: (t) => `<green>${t}</green>`,
  cyan: (t) => `<cyan>${t}</cyan>`,
  dim: (t) => t,
  bold: (t) => t,
};

describe('the triage result', () => {
  it('fits its own JSON schema', () => {
    const r = result(saas, SEV1, new Date(start.getTime() + 12 * 60_000));
    expect(triageResultSchema.safeParse(r).success).toBe(true);
    expect(triageResultSchema.safeParse(result(loadExample('msp.yaml'), { outage: 'yes', reach: 'many' }, start, { client: 'northwind' })).success).toBe(true);
  });

  it('lists the required handoff fields as missing until given', () => {
    const r = result(saas, SEV1, start);
    expect(r.handoff.missing).toEqual(['impact-summary', 'reproduction', 'recent-changes', 'logs', 'customer-deadline', 'communication-history']);
  });
});

describe('the terminal card', () => {
  const card = formatCard(result(saas, SEV1, new Date(start.getTime() + 12 * 60_000)), plain, { full: true });

  it('opens with the severity and its definition, then the owner with contact', () => {
    const lines = card.split('\n');
    expect(lines[0]).toBe('SEV1 · Critical  Acme Cloud support');
    expect(lines[1]).toMatch(/^Many customers or a critical segment/);
    expect(card.indexOf('Owner ')).toBeLessThan(card.indexOf('Deadlines'));
    expect(card).toMatch(/^Owner +Support lead \(incident commander\) · pager:support-lead$/m);
  });

  it('has a deadline table with clock times and relative times', () => {
    expect(card).toMatch(/^ {2}Acknowledge +15m +Fri 27 Mar 16:45 +in 3 min$/m);
    expect(card).toMatch(/^ {2}Workaround \(promised\) +4h +Fri 27 Mar 20:30 +in 3 h 48 min$/m);
    expect(card).toMatch(/^ {2}Root-cause analysis +48h +Sun 29 Mar 17:30 +in 1 d 23 h$/m);
  });

  it('draws the escalation timeline: reached, next and later steps', () => {
    expect(card).toMatch(/^ {2}● Fri 27 Mar 16:30 +\+0m +operational · reached$/m);
    expect(card).toMatch(/^ {2}◉ Fri 27 Mar 17:00 +\+30m +management · in 18 min · client notice$/m);
    expect(card).toMatch(/^ {2}○ Fri 27 Mar 18:30 +\+2h +executive · in 1 h 48 min$/m);
    expect(card).toMatch(/^ {2}│ {3}Engineering on-call · pager:eng-primary$/m);
    expect(card).toMatch(/^Updates +every 30m: Fri 27 Mar 17:00, 17:30, 18:00$/m);
  });

  it('colours overdue deadlines red and close ones yellow', () => {
    const late = formatCard(result(saas, SEV1, new Date(start.getTime() + 20 * 60_000)), tags, { full: true });
    expect(late).toContain('<red>overdue by 5 min</red>');
    expect(late).toContain('<yellow>in 10 min</yellow>');
    expect(late).toContain('<green>in 3 h 40 min</green>');
  });

  it('wraps long text to the card width', () => {
    expect(wrap('a '.repeat(100), 20).every((line) => line.length <= 20)).toBe(true);
    expect(wrap('', 20)).toEqual(['']);
  });
});

describe('the markdown block', () => {
  const md = formatMarkdown(result(saas, SEV1, start));
  it('has a heading, the deadlines table and the escalation table', () => {
    expect(md).toMatch(/^### SEV1 · Critical — Acme Cloud support$/m);
    expect(md).toContain('| Target | Allowed | Due | |');
    expect(md).toContain('| Workaround (promised) | 4h | Fri 27 Mar 20:30 | in 4 h |');
    expect(md).toContain('| When | Layer | Notify | Client | Approval |');
    expect(md).toContain('1. Could customer data be exposed or an account compromised? **No**');
  });
  it('fences the message longer than any backtick run in it, so the body cannot break out', () => {
    const r = result(saas, SEV1, start);
    const body = 'Impact: ```\n# not a heading\n```` still inside\nend';
    const out = formatMarkdown({ ...r, message: { kind: 'update', audience: 'client', body } });
    const block = out.slice(out.indexOf('**Message (update, client)**'));
    expect(block).toContain(`\`\`\`\`\`text\n${body}\n\`\`\`\`\`\n`);
    // The only fence lines of that length are the opening and the closing one.
    expect(block.split('\n').filter((line) => /^`{5}/.test(line))).toEqual(['`````text', '`````']);
  });
  it('states the RCA owner without a dangling comma when there is no due time', () => {
    const r = result(saas, SEV1, start);
    const owner = r.governance.rca!.owner!;
    const out = formatMarkdown({ ...r, governance: { ...r.governance, rca: { owner } } });
    expect(out).toContain('- **RCA:** no due time, owner Engineering on-call (pager:eng-primary)\n');
    expect(out).not.toMatch(/RCA:\*\* ,/);
    expect(formatMarkdown(r)).toContain('- **RCA:** due Sun 29 Mar 17:30, owner Engineering on-call (pager:eng-primary)\n');
  });
  it('lists handoff values given for fields the severity does not require', () => {
    const planned = planIncident(saas, 'sev3', { start, now: start });
    if (!planned.ok) throw new Error(planned.reason);
    const r = buildResult(saas, planned.plan, { path: [], decidedBy: 'severity', handoff: { logs: 'see ticket 42', 'impact-summary': 'one tenant' } });
    expect(r.handoff).toEqual({
      fields: [
        { id: 'impact-summary', label: 'Impact summary', help: 'Who is affected and how badly, in one sentence.', value: 'one tenant' },
        { id: 'reproduction', label: 'Reproduction steps' },
      ],
      missing: ['reproduction'],
      extra: [{ id: 'logs', label: 'Logs and attachments', value: 'see ticket 42' }],
    });
    expect(triageResultSchema.safeParse(r).success).toBe(true);
    expect(formatMarkdown(r)).toContain('- **Logs and attachments:** see ticket 42 _(not required for sev3)_');
    expect(formatCard(r, plain, { full: true })).toMatch(/^Handoff +1\/2 fields; missing: reproduction; also given \(not required for\n +sev3\): logs$/m);
  });
  it('escapes text that would break a table or formatting', () => {
    expect(mdText('a|b *c* _d_ `e` <f>')).toBe('a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<f\\>');
    expect(mdText('two\nlines')).toBe('two lines');
  });
});

describe('the compact card and its width', () => {
  const late = result(saas, SEV1, new Date(start.getTime() + 20 * 60_000));
  it('opens with the answer and stops there by default', () => {
    const card = formatCard(late, plain);
    const lines = card.trimEnd().split('\n');
    expect(lines[0]).toBe('SEV1 · Critical  Acme Cloud support');
    expect(lines[1]).toMatch(/^Owner +Support lead \(incident commander\) · pager:support-lead$/);
    expect(card).toMatch(/^ {2}Acknowledge +Fri 27 Mar 16:45 {2}overdue by 5 min$/m);
    expect(card).toMatch(/^ {2}Client notice +Fri 27 Mar 17:00 {2}in 10 min$/m);
    expect(card).toMatch(/^ {2}Next escalation +Fri 27 Mar 17:00 {2}in 10 min {2}management: Head of support/m);
    expect(card).toMatch(/^Call now +Frontline support · #support-queue; Engineering on-call ·/m);
    expect(card).not.toContain('Escalation\n');
    expect(lines.length).toBeLessThanOrEqual(20); // with the prompt lines above it, on one 24-line screen
    expect(lines.at(-1)).toMatch(/--full/);
  });
  it.each([40, 60, 80, 100, 200])('never writes past a %i-column terminal, compact or full', (columns) => {
    for (const full of [false, true]) {
      const card = formatCard(late, plain, { columns, full });
      expect(card.split('\n').filter((l) => l.length > Math.max(columns, 42) - 1)).toEqual([]);
    }
  });
  it('uses a wider terminal: fewer lines at 120 columns than at 80', () => {
    const lines = (columns: number) => formatCard(late, plain, { columns, full: true }).split('\n').length;
    expect(lines(120)).toBeLessThan(lines(80));
  });
});

describe('wrapping', () => {
  it('keeps words whole and cuts only a word wider than the line', () => {
    expect(wrap('alpha beta gamma delta', 11)).toEqual(['alpha beta', 'gamma delta']);
    expect(wrap('call pager:a-very-long-contact-without-spaces now', 12)).toEqual(['call', 'pager:a-very', '-long-contac', 't-without-sp', 'aces now']);
  });
  it('continues a timeline line behind its gutter', () => {
    const lines = wrap('  │   Vendor delivery manager (client-facing) · delivery.contoso@brightline.example · +44 20 7946 0001', 64, { indent: '  │     ' });
    expect(lines).toEqual(['  │   Vendor delivery manager (client-facing) ·', '  │     delivery.contoso@brightline.example · +44 20 7946 0001']);
  });
  it('keeps double spaces between columns when asked', () => {
    expect(wrap('  Acknowledge  15m  Fri 27 Mar 16:45  in 3 min', 80, { keepSpaces: true })).toEqual(['  Acknowledge  15m  Fri 27 Mar 16:45  in 3 min']);
  });
  it('does not count colour codes as width', () => {
    expect(wrap('\u001b[31mred\u001b[39m word', 8)).toEqual(['\u001b[31mred\u001b[39m word']);
  });
});

describe('outcome inform', () => {
  const msp = loadExample('msp.yaml');
  const vip = result(msp, { outage: 'no', password: 'yes', 'reset-risk': 'vip' }, start);
  it('the VIP password reset stays P3, goes to L2 and informs the account manager', () => {
    expect(vip.severity.id).toBe('p3');
    expect(vip.owner.role).toBe('l2');
    expect(vip.inform).toEqual([{ role: 'account-manager', title: 'Client account manager', contact: '#accounts', side: 'internal', source: 'triage answer' }]);
    expect(triageResultSchema.safeParse(vip).success).toBe(true);
  });
  it('pulls the outcome owner and the informed roles in at the first step', () => {
    const first = vip.escalation[0]!;
    expect(first.after).toBe('0m');
    expect(first.notify.map((r) => [r.role, r.source])).toEqual(expect.arrayContaining([['l2', 'owner'], ['account-manager', 'triage answer']]));
  });
  it('shows them on the card and in markdown', () => {
    expect(formatCard(vip, plain)).toMatch(/^Inform +Client account manager · #accounts$/m);
    expect(formatMarkdown(vip)).toContain('- **Inform:** Client account manager (#accounts)');
  });
});

describe('contract and exception changes stand under what made them', () => {
  const msp = loadExample('msp.yaml');
  const at = new Date('2027-01-16T08:00:00Z');
  const planned = planIncident(msp, 'p1', { start: at, now: at, client: 'northwind' });
  if (!planned.ok) throw new Error(planned.reason);
  const r = buildResult(msp, planned.plan, { path: [], decidedBy: 'severity' });
  it('in markdown', () => {
    const md = formatMarkdown(r);
    expect(md).toMatch(/^- \*\*Contract:\*\* Northwind Logistics, tier premium — assign_owner 15m → 10m \(tier premium\);/m);
    expect(md).not.toMatch(/^- \*\*Contract:\*\*.*exception/m);
    expect(md).toMatch(/^- \*\*Exception active:\*\* northwind-migration — Northwind data-centre migration weekend — acknowledge 15m → 5m \(exception northwind-migration\); escalate_after 1h → 30m \(exception northwind-migration\), until/m);
  });
  it('on the card, and "Contract none" never carries an exception\u2019s changes', () => {
    const card = formatCard(r, plain, { full: true });
    expect(card).toMatch(/^Exception northwind-migration: Northwind data-centre migration weekend;\n +acknowledge 15m → 5m/m);
    expect(card).not.toMatch(/^Contract .*acknowledge/m);
    // No client, an exception for every client active: the contract is none, the changes are the exception's.
    const vendor = loadExample('client-vendor.yaml');
    const peak = new Date('2026-12-10T10:00:00Z');
    const planned = planIncident(vendor, 'sev2', { start: peak, now: peak });
    if (!planned.ok) throw new Error(planned.reason);
    const none = formatCard(buildResult(vendor, planned.plan, { path: [], decidedBy: 'severity' }), plain);
    expect(none).toMatch(/^Contract +none$/m);
    expect(none).toMatch(/^Exception peak-season: Year-end peak with temporary agents; the client asked\n +for faster notice; notify_client 2h → 1h, update_every 2h → 1h; adds\n +Client operations lead; active until/m);
    expect(none).not.toContain('client-ops'); // titles, never role ids
  });
});

describe('names, not ids, for humans', () => {
  it('the Contract line names the roles a client adds by title', () => {
    const msp = loadExample('msp.yaml');
    const start = new Date('2026-11-10T15:00:00Z');
    const planned = planIncident(msp, 'p2', { start, now: start, client: 'northwind' });
    if (!planned.ok) throw new Error(planned.reason);
    const card = formatCard(buildResult(msp, planned.plan, { path: [], decidedBy: 'severity' }), plain, { full: true });
    const contract = card.slice(card.indexOf('Contract '), card.indexOf('\n', card.indexOf('; adds'))).replace(/\s+/g, ' ');
    expect(contract).toContain('adds Client account manager, Client executive sponsor');
    expect(contract).not.toMatch(/account-manager|client-exec/);
  });
});
