/** `simulate --markdown`: the simulation as markdown to paste into a pull request or a review. Pure. */
import { clockText, offsetText } from '../time/display.js';
import { instantOf } from '../time/instant.js';
import { mdText } from '../triage/markdown.js';
import { runs, stateText } from './card.js';
import type { SimulateResult } from './result-schema.js';
import { findingRuns } from './finding-runs.js';

export function formatSimulationMarkdown(result: SimulateResult): string {
  const zone = result.timezone;
  const when = (iso: string) => clockText(instantOf(iso), zone);
  const out: string[] = [];
  const first = result.instants[0];
  const contract = result.contract.client ? `, client ${mdText(result.contract.client)}` : result.contract.tier ? `, tier ${mdText(result.contract.tier)}` : '';
  if (!result.sweep && first) {
    out.push(`### What if an incident starts ${mdText(first.at)} — ${mdText(result.matrix.name)}`, '');
    out.push(`Times in ${mdText(zone)} (${offsetText(instantOf(first.at), zone)})${contract}.`, '');
    for (const sim of first.severities) {
      out.push(`#### ${mdText(sim.severity.id.toUpperCase())} · ${mdText(sim.severity.name)}`, '');
      out.push(`- **Owner:** ${mdText(sim.owner.title)} (${mdText(sim.owner.contact)})`);
      const cal = sim.calendar;
      out.push(
        `- **Calendar:** ${cal.state === 'round-the-clock' ? '24x7, round the clock' : `${mdText(cal.id)} (${mdText(cal.days?.join(', ') ?? '')} ${mdText(cal.hours ?? '')}): ${mdText(stateText(cal))}${cal.opens_at ? `, opens ${when(cal.opens_at)}` : ''}`}${cal.source !== 'severity' ? ` — ${mdText(cal.source)}` : ''}`,
      );
      if (cal.holidays_skipped.length > 0) out.push(`- **Holidays skipped:** ${cal.holidays_skipped.join(', ')}`);
      for (const e of sim.exceptions) out.push(`- **Exception ${mdText(e.id)}:** ${mdText(e.reason)} (${when(e.from)} – ${when(e.until)})`);
      for (const ch of sim.changes) out.push(`- **Changed:** ${mdText(ch.kind)} ${mdText(ch.from ?? '–')} → ${mdText(ch.to)} (${mdText(ch.source)})`);
      out.push('', '| when | after | paged or pulled in |', '| --- | --- | --- |');
      for (const step of sim.paged) {
        const roles = step.roles.map((r) => `${mdText(r.title)}${r.source ? ` (${mdText(r.source)})` : ''}`).join(', ');
        out.push(`| ${when(step.at)} | ${mdText(step.after)} | ${roles}${step.notify_client ? '; client formally notified' : ''} |`);
      }
      out.push('', '| due | deadline | target | from |', '| --- | --- | --- | --- |');
      for (const d of sim.deadlines) out.push(`| ${when(d.at)} | ${mdText(d.label)}${d.promised ? ' (promised)' : ''} | ${mdText(d.target)} | ${mdText(d.source)} |`);
      out.push('');
    }
    return `${out.join('\n')}${parityMarkdown(result)}`;
  }
  const sweep = result.sweep!;
  out.push(`### What if an incident starts from ${mdText(sweep.from)} to ${mdText(sweep.to)}, every ${mdText(sweep.every)} — ${mdText(result.matrix.name)}`, '');
  out.push(`${result.instants.length} starts, times in ${mdText(zone)}${contract}; consecutive starts that come out the same share a row.`, '');
  out.push('| severity | from | to | outcome |', '| --- | --- | --- | --- |');
  for (const sim of first?.severities ?? []) {
    for (const run of runs(result, sim.severity.id)) out.push(`| ${mdText(sim.severity.id)} | ${when(run.from)} | ${when(run.to)} | ${mdText(run.text)} |`);
  }
  return `${out.join('\n')}\n${parityMarkdown(result)}`;
}

/** With --parity: one row per run of consecutive starts with the same difference, then what no start shows. */
function parityMarkdown(result: SimulateResult): string {
  return [...(result.parity ? [result.parity] : []), ...(result.parities ?? [])].map((parity) => toolParityMarkdown(result, parity)).join('');
}

function toolParityMarkdown(result: SimulateResult, parity: NonNullable<SimulateResult['parity']>): string {
  const zone = result.timezone;
  const name = ({ pagerduty: 'PagerDuty', alertmanager: 'Alertmanager', ics: 'the calendar file' } as Record<string, string>)[parity.tool] ?? parity.tool;
  const out = ['', `#### Parity with ${name}: ${parity.findings.length === 0 ? (parity.tool === 'ics' ? 'it shows the matrix calendar at every start' : 'it pages as the matrix does at every start') : `${parity.findings.length} difference${parity.findings.length === 1 ? '' : 's'}`}`, ''];
  if (parity.findings.length > 0) {
    const rows = findingRuns(result, parity.findings, (f) => `${f.severity}|${f.calendar ?? ''}|${f.kind}|${f.role ?? ''}`);
    out.push('| from | to | kind | difference (at the first start) |', '| --- | --- | --- | --- |');
    for (const r of rows) out.push(`| ${clockText(instantOf(r.from), zone)} | ${clockText(instantOf(r.to), zone)} | ${mdText(r.kind)} | ${mdText(r.message)} |`);
    out.push('');
  }
  for (const note of parity.notes) out.push(`- ${mdText(note)}`);
  return `${out.join('\n')}\n`;
}
