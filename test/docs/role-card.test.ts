import { describe, expect, test } from 'vitest';
import { renderRoleCard } from '../../src/docs/role-card.js';
import { EXAMPLES, loadExample, loadFixture } from './helpers/load.js';
import { section, tables } from './helpers/parse-markdown.js';

const headings = (card: string) => [...card.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
const matrix = loadFixture('role-duties');
const card = (role: string) => renderRoleCard(matrix, role, { source: 'role-duties.yaml' });

describe('the owner of a level (lead)', () => {
  const lead = card('lead');

  test('has the sections a responder needs, in order, and how to reach the role', () => {
    expect(lead.split('\n')[0]).toBe('# Role card: Incident lead');
    expect(headings(lead)).toEqual(['What you own', 'Your deadlines', 'When you are pulled in', 'When to escalate, and to whom', 'Whom you inform', 'What a handoff must carry']);
    expect(lead).toContain('**Contact:** pager:lead · **Backup:** pager:lead-2');
  });

  test('owns its level, the approval, the exception it approved and the matrix upkeep', () => {
    expect(section(lead, 'What you own').split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- Accountable owner of `high` High.',
      '- Approve the executive step of `high` High (after 4h).',
      '- Approved exception `freeze` (Year-end freeze), 2026-12-20 to 2027-01-02.',
      '- Keeping this matrix current: reviewed 2026-03-01, next review due 2026-05-30.',
    ]);
  });

  test('its deadlines are the targets of the levels it owns, with every contract change', () => {
    const deadlines = section(lead, 'Your deadlines');
    const [t] = tables(deadlines);
    expect(t!.header).toEqual(['Level', 'Runs on', 'Acknowledge', 'Notify client', 'Escalate after', 'Update every', 'RCA']);
    expect(t!.rows).toEqual([['`high` High', 'round the clock', '15m', '30m', '1h', '1h', '2d']]);
    expect(deadlines).toContain('- Tier `gold`, `high`: acknowledge 15m → 5m');
    expect(deadlines).toContain('- Client Big Client, `high`: acknowledge 15m → 2m');
    expect(deadlines).toContain('- Exception `freeze` (until 2027-01-02), `high`: update every 1h → 30m');
  });

  test('escalates along its whole path, with contacts', () => {
    const escalate = section(lead, 'When to escalate, and to whom');
    expect(escalate).toContain('**`high` High**: escalate when unresolved after 1h; targets run round the clock.');
    expect(escalate.match(/^\d\. /gm)).toHaveLength(3);
    expect(escalate).toContain('2. **After 1h** · operational — pull in Engineering (pager:eng)\\\n   Engineering joins.');
  });

  test('informs the client and the roles its contracts add', () => {
    expect(section(lead, 'Whom you inform').split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- `high` High: Client IT (it@client.test) — formal notice, Phone, within 30m, updates every 1h.',
      '- For clients in tier `gold`, also tell Hosting partner (partner portal).',
      '- For Big Client, also tell Security (pager:sec).',
      '- Templates for your levels: acknowledge (client); the full sheet has their text.',
    ]);
  });

  test('is pulled into a level it does not own when that level escalates to it', () => {
    expect(section(lead, 'When you are pulled in')).toContain('- `low` Low: after 1d; owner Service desk (#desk).');
  });
});

test('a frontline role gets its triage outcomes, business-hours deadlines and authority', () => {
  const desk = card('desk');
  expect(section(desk, 'What you own')).toContain('- Triage makes you the owner for: `down=no` → `low` Low.');
  expect(tables(section(desk, 'Your deadlines'))[0]!.rows).toEqual([['`low` Low', '`office` business hours', '4h', '5d']]);
  expect(section(desk, 'What you may do without escalating')).toContain('- Reset a password (limit: after an identity check) — levels `low`.');
  const escalate = section(desk, 'When to escalate, and to whom');
  expect(escalate).toContain('**`high` High** (owned by Incident lead), after you are pulled in:');
  expect(escalate).not.toContain('**At once** · operational — pull in Service desk (#desk); Incident lead');
});

test('a specialist role owns its route, its triage outcome and the RCA', () => {
  const own = section(card('eng'), 'What you own');
  expect(own).toContain('- Triage makes you the owner for: `down=yes` → `high` High via route `engineering`.');
  expect(own).toContain('- Route `engineering`: you take Bug, Outage, handed over via Jira (triggers `outage`).');
  expect(own).toContain('- Root-cause analysis for `high` High, due within 2d.');
  expect(section(card('eng'), 'When you are pulled in')).toContain('- While exception `freeze` is active (2026-12-20 to 2027-01-02).');
});

test('a client-side role learns who tells it, how and when, and gets no handoff duties', () => {
  const client = card('client-contact');
  expect(headings(client)).toEqual(['When you are pulled in']);
  const pulled = section(client, 'When you are pulled in');
  expect(pulled).toContain('- `high` High: you are told by Incident lead (pager:lead; backup pager:lead-2), formally (Phone) within 30m.');
  expect(pulled).toContain('- `low` Low: you are told by Service desk (#desk), informally (Ticket).');
});

test('roles added by a tier, a client or an exception know when', () => {
  expect(section(card('partner'), 'When you are pulled in')).toContain('- Every incident of a client in tier `gold`.');
  const security = card('security');
  expect(section(security, 'When you are pulled in')).toContain('- Every incident of Big Client.');
  expect(section(security, 'What you own')).toContain('- Owner of incidents under exception `freeze`, 2026-12-20 to 2027-01-02.');
});

test('a role with no duties says so instead of printing empty sections', () => {
  const quiet = card('quiet');
  expect(headings(quiet)).toEqual([]);
  expect(quiet).toContain('*This role has no duties in the matrix yet.*');
});

test('an unknown role is a caller bug, not a silent empty card', () => {
  expect(() => card('nobody')).toThrow(/unknown role "nobody"/);
});

describe.each(EXAMPLES)('every role card of %s', (name) => {
  const example = loadExample(name);
  test.each(Object.keys(example.roles))('%s: well-formed, deterministic, owning the right levels', (role) => {
    const text = renderRoleCard(example, role);
    expect(renderRoleCard(example, role)).toBe(text);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    for (const t of tables(text)) for (const row of t.rows) expect(row).toHaveLength(t.header.length);
    const owned = example.severities.filter((s) => s.owner === role).map((s) => `\`${s.id}\` ${s.name}`);
    const rows = tables(section(text, 'Your deadlines'))[0]?.rows.map((r) => r[0]) ?? [];
    expect(rows).toEqual(owned);
  });
});
