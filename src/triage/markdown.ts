/** `--markdown`: the triage result as a block to paste into a ticket or a chat channel. Pure. */
import { fenced } from '../docs/escape.js';
import { clockText, offsetText } from '../time/display.js';
import { instantOf } from '../time/instant.js';
import type { TriageResult } from './result-schema.js';

/** Escapes text for a markdown table cell or inline text. */
export function mdText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>])/g, '\\$1').replace(/\r?\n/g, ' ');
}

const role = (r: TriageResult['owner']) => `${mdText(r.title)} (${mdText(r.contact)})`;

export function formatMarkdown(result: TriageResult): string {
  const zone = result.timezone;
  const when = (iso: string) => clockText(instantOf(iso), zone);
  const sev = result.severity;
  const out: string[] = [];
  out.push(`### ${mdText(sev.id.toUpperCase())} · ${mdText(sev.name)} — ${mdText(result.matrix.name)}`, '');
  out.push(`> ${mdText(sev.definition)}`, '');
  out.push(`- **Owner:** ${role(result.owner)}${result.owner.source ? ` — ${mdText(result.owner.source)}` : ''}`);
  if (result.route) out.push(`- **Route:** ${mdText(result.route.id)} → ${role(result.route.to)}${result.route.via ? `, ${mdText(result.route.via)}` : ''}`);
  if (result.inform.length > 0) out.push(`- **Inform:** ${result.inform.map(role).join(', ')}`);
  if (result.note) out.push(`- **Next:** ${mdText(result.note)}`);
  out.push(`- **Started:** ${when(result.started_at)} (${zone}, ${offsetText(instantOf(result.started_at), zone)})`);
  out.push(`- **Clock:** ${result.clock.hours ? `${mdText(result.clock.id)} business hours (${result.clock.days?.join(', ') ?? ''} ${result.clock.hours})` : 'round the clock'}`);
  const k = result.contract;
  // Each change under what made it: the tier's and client's on the contract, an exception's on its own line.
  const changeText = (list: typeof k.changes) => list.map((c) => `${c.kind} ${c.from ?? '–'} → ${c.to} (${mdText(c.source)})`).join('; ');
  if (k.client || k.tier) {
    const changes = changeText(k.changes.filter((c) => !c.source.startsWith('exception ')));
    out.push(`- **Contract:** ${[k.client ? mdText(k.client.name) : '', k.tier ? `tier ${mdText(k.tier.id)}` : ''].filter(Boolean).join(', ')}${changes ? ` — ${changes}` : ''}`);
  }
  for (const e of k.exceptions) {
    const changes = changeText(k.changes.filter((c) => c.source === `exception ${e.id}`));
    out.push(`- **Exception active:** ${mdText(e.id)} — ${mdText(e.reason)}${changes ? ` — ${changes}` : ''}, until ${when(e.until)}, approved by ${mdText(e.approved_by.title)}`);
  }
  if (result.path.length > 0) {
    out.push('', '**Triage**', '');
    result.path.forEach((p, i) => out.push(`${i + 1}. ${mdText(p.text)} **${mdText(p.label)}**${p.unsure ? ' _(not sure)_' : ''}`));
  }

  out.push('', '**Deadlines**', '', '| Target | Allowed | Due | |', '| --- | --- | --- | --- |');
  for (const d of result.deadlines) {
    out.push(`| ${mdText(d.label)}${d.promised ? ' (promised)' : ''} | ${d.target} | ${when(d.at)} | ${d.overdue ? `**${d.relative}**` : d.relative} |`);
  }

  if (result.escalation.length > 0) {
    out.push('', '**Escalation**', '', '| When | Layer | Notify | Client | Approval |', '| --- | --- | --- | --- | --- |');
    for (const s of result.escalation) {
      out.push(`| ${when(s.at)} (+${s.after}) | ${s.layer ?? ''} | ${s.notify.map(role).join('<br>')} | ${s.notify_client ? 'notified' : ''} | ${s.approval ? role(s.approval) : ''} |`);
    }
  }

  out.push('');
  if (result.client && result.client.notify !== 'none') {
    const c = result.client;
    out.push(`- **Client:** ${c.notify}${c.by ? ` by ${role(c.by)}` : ''}${c.contact ? ` to ${role(c.contact)}` : ''}${c.due ? `, by ${when(c.due.at)}` : ''}${c.channel ? ` via ${mdText(c.channel)}` : ''}`);
  }
  if (result.updates.next.length > 0) out.push(`- **Status updates** every ${result.updates.every}: ${result.updates.next.map((u) => when(u.at)).join(', ')}`);
  const g = result.governance;
  if (g.rca) {
    const rca = [g.rca.due ? `due ${when(g.rca.due.at)}` : 'no due time', g.rca.owner ? `owner ${role(g.rca.owner)}` : undefined].filter(Boolean);
    out.push(`- **RCA:** ${rca.join(', ')}`);
  }
  if (g.review) out.push(`- **Review:** ${mdText(g.review)}`, ...g.agenda.map((a) => `  - ${mdText(a)}`));
  if (g.risk_entry) out.push(`- **Risk register:** an entry after ${g.risk_entry.after} within ${g.risk_entry.within}`);
  for (const f of g.follow_ups) out.push(`- **Follow-up:** ${mdText(f)}`);
  for (const a of result.authority) out.push(`- **${mdText(a.role.title)} may:** ${mdText(a.may)}${a.limit ? ` (${mdText(a.limit)})` : ''}`);

  const extra = result.handoff.extra ?? [];
  if (result.handoff.fields.length > 0 || extra.length > 0) {
    out.push('', '**Handoff**', '');
    for (const f of result.handoff.fields) out.push(`- **${mdText(f.label)}:** ${f.value !== undefined ? mdText(f.value) : '_missing_'}`);
    for (const f of extra) out.push(`- **${mdText(f.label)}:** ${mdText(f.value)} _(not required for ${mdText(sev.id)})_`);
  }
  if (result.message) {
    out.push('', `**Message (${result.message.kind}, ${result.message.audience})**`, '');
    if (result.message.subject) out.push(`Subject: ${result.message.subject}`, '');
    // The fence is longer than any backtick run in the body, so a value cannot close it early.
    out.push(fenced(result.message.body.trimEnd(), 'text'));
  }
  return `${out.join('\n')}\n`;
}
