/**
 * A one-page card for one role: what it owns, its deadlines, when it escalates and to whom,
 * whom it informs. Built from the same matrix as the sheet, so the two cannot disagree.
 */
import type { Matrix, Severity } from '../matrix/schema.js';
import { reviewDue } from '../matrix/upkeep.js';
import { allPaths } from '../triage/engine.js';
import { cell, code, inline, leading, paragraphs } from './escape.js';
import { blocks, bullets, numbered, sentenceList, table } from './markdown.js';
import {
  changeText,
  dateTimeText,
  roleReach,
  roleTitle,
  runsOn,
  severityLabel,
  SIDE_LABELS,
  stepWhen,
  TARGET_LABELS,
  targetChanges,
  usedTargetKinds,
  calendarLabel,
  type SheetOptions,
} from './format.js';
import { stepText } from './sections/escalation.js';

/** How many triage paths a card lists before summing up the rest. */
const MAX_PATHS = 8;

export function renderRoleCard(matrix: Matrix, roleId: string, options: SheetOptions = {}): string {
  const role = Object.hasOwn(matrix.roles, roleId) ? matrix.roles[roleId] : undefined;
  if (!role) throw new Error(`unknown role "${roleId}"`);
  const owned = matrix.severities.filter((s) => s.owner === roleId);
  const from = options.source ? ` from ${code(options.source)}` : '';
  const head = blocks(
    `# Role card: ${leading(role.title)}`,
    `> ${inline(matrix.name)} · role ${code(roleId)} · ${SIDE_LABELS[role.side]}. Generated${from} by \`escalate docs --role ${roleId}\`; the full sheet has the rest.`,
    `**Contact:** ${inline(role.contact)}${role.backup ? ` · **Backup:** ${inline(role.backup)}` : ''}`,
    role.description ? paragraphs(role.description) : undefined,
  );
  const body = [
    section('What you own', bullets(ownership(matrix, roleId, owned))),
    section('Your deadlines', deadlines(matrix, owned)),
    section('When you are pulled in', bullets(pulledIn(matrix, roleId))),
    section('When to escalate, and to whom', escalations(matrix, roleId, owned)),
    section('Whom you inform', bullets(informs(matrix, roleId, owned))),
    section('What you may do without escalating', bullets(authority(matrix, roleId))),
    // The handoff packet travels between the teams handling the incident, not to the client.
    role.side === 'client' ? undefined : section('What a handoff must carry', bullets(handoffs(matrix, roleId))),
  ].filter((s): s is string => s !== undefined);
  const content = body.length ? body : ['*This role has no duties in the matrix yet.*'];
  return `${blocks(head, ...content)}\n`;
}

const section = (title: string, content: string): string | undefined => (content ? blocks(`## ${title}`, content) : undefined);

const involved = (severity: Severity, roleId: string): boolean =>
  severity.owner === roleId || (severity.escalation ?? []).some((step) => step.notify.includes(roleId));

function ownership(matrix: Matrix, roleId: string, owned: readonly Severity[]): string[] {
  const out: string[] = [];
  if (owned.length) out.push(`Accountable owner of ${sentenceList(owned.map(severityLabel))}.`);
  const paths = allPaths(matrix).filter((p) => p.outcome.owner === roleId);
  if (paths.length) {
    const shown = paths.slice(0, MAX_PATHS).map((p) => {
      const answers = p.path.map((e) => `${e.question}=${e.answer}`).join(' ');
      return `${code(answers)} → ${severityLabel(p.outcome.severity)}${p.outcome.route ? ` via route ${code(p.outcome.route)}` : ''}`;
    });
    const more = paths.length > MAX_PATHS ? `; and ${paths.length - MAX_PATHS} more paths` : '';
    out.push(`Triage makes you the owner for: ${shown.join('; ')}${more}.`);
  }
  for (const [id, route] of Object.entries(matrix.routes ?? {})) {
    if (route.to !== roleId) continue;
    const triggers = (matrix.triggers ?? []).filter((t) => t.route === id).map((t) => code(t.id));
    out.push(
      `Route ${code(id)}: you take ${route.when.map(inline).join(', ')}${route.via ? `, handed over via ${inline(route.via)}` : ''}${triggers.length ? ` (triggers ${triggers.join(', ')})` : ''}.`,
    );
  }
  for (const s of matrix.severities) {
    if (s.governance?.rca_owner === roleId) out.push(`Root-cause analysis for ${severityLabel(s)}${s.targets?.rca ? `, due within ${s.targets.rca}` : ''}.`);
  }
  for (const s of matrix.severities) {
    (s.escalation ?? []).forEach((step) => {
      if (step.approval === roleId) out.push(`Approve the ${step.layer ? `${step.layer} ` : ''}step of ${severityLabel(s)} (${stepWhen(step.after).toLowerCase()}).`);
    });
  }
  for (const e of matrix.exceptions ?? []) {
    const window = `${dateTimeText(e.from, matrix.timezone)} to ${dateTimeText(e.until, matrix.timezone)}`;
    if (e.approved_by === roleId) out.push(`Approved exception ${code(e.id)} (${inline(e.reason)}), ${window}.`);
    if (e.owner === roleId) out.push(`Owner of incidents under exception ${code(e.id)}, ${window}.`);
  }
  if (matrix.owner === roleId) {
    out.push(`Keeping this matrix current: reviewed ${matrix.reviewed}, next review due ${reviewDue(matrix.reviewed, matrix.review_every)}.`);
  }
  return out;
}

function deadlines(matrix: Matrix, owned: readonly Severity[]): string {
  if (owned.length === 0) return '';
  const kinds = usedTargetKinds(matrix).filter((kind) => owned.some((s) => s.targets?.[kind] !== undefined));
  const rows = owned.map((s) => [severityLabel(s), calendarLabel(s.calendar), ...kinds.map((k) => s.targets?.[k] ?? '')]);
  const ownedIds = new Set(owned.map((s) => s.id));
  const changes: string[] = [];
  const collect = (who: string, overrides: Record<string, NonNullable<Severity['targets']>> | undefined) => {
    for (const [sid, targets] of Object.entries(overrides ?? {})) {
      if (!ownedIds.has(sid)) continue;
      const base = owned.find((s) => s.id === sid)?.targets;
      const list = targetChanges(base, targets).map((c) => `${TARGET_LABELS[c.kind].toLowerCase()} ${changeText(c)}`);
      if (list.length) changes.push(`${who}, ${code(sid)}: ${list.join(', ')}`);
    }
  };
  for (const [id, tier] of Object.entries(matrix.tiers ?? {})) collect(`Tier ${code(id)}`, tier.targets);
  for (const [id, client] of Object.entries(matrix.clients ?? {})) collect(`Client ${inline(client.name)}`, client.targets);
  for (const e of matrix.exceptions ?? []) collect(`Exception ${code(e.id)} (until ${dateTimeText(e.until, matrix.timezone)})`, e.targets);
  return blocks(
    'Counted from the incident start.',
    table(['Level', 'Runs on', ...kinds.map((k) => TARGET_LABELS[k])], rows),
    changes.length ? blocks('Contracts and exceptions change some of them (from the standard target):', bullets(changes)) : undefined,
  );
}

function pulledIn(matrix: Matrix, roleId: string): string[] {
  const out: string[] = [];
  for (const s of matrix.severities) {
    const steps = (s.escalation ?? []).filter((step) => step.notify.includes(roleId));
    if (steps.length && s.owner !== roleId) {
      const when = steps.map((step) => `${stepWhen(step.after).toLowerCase()}${step.layer ? ` (${step.layer})` : ''}`);
      out.push(`${severityLabel(s)}: ${sentenceList(when)}; owner ${roleReach(matrix, s.owner)}.`);
    }
  }
  for (const s of matrix.severities) {
    if (s.client?.contact === roleId && s.client.notify !== 'none') {
      const by = s.client.by ? ` by ${roleReach(matrix, s.client.by)}` : '';
      out.push(`${severityLabel(s)}: you are told${by}, ${s.client.notify === 'formal' ? 'formally' : 'informally'}${s.client.channel ? ` (${inline(s.client.channel)})` : ''}${s.targets?.notify_client ? ` within ${s.targets.notify_client}` : ''}.`);
    }
  }
  for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
    if (tier.notify?.includes(roleId)) out.push(`Every incident of a client in tier ${code(id)}.`);
  }
  for (const client of Object.values(matrix.clients ?? {})) {
    if (client.notify?.includes(roleId)) out.push(`Every incident of ${inline(client.name)}.`);
  }
  for (const e of matrix.exceptions ?? []) {
    if (e.notify?.includes(roleId)) out.push(`While exception ${code(e.id)} is active (${dateTimeText(e.from, matrix.timezone)} to ${dateTimeText(e.until, matrix.timezone)}).`);
  }
  return out;
}

function escalations(matrix: Matrix, roleId: string, owned: readonly Severity[]): string {
  const parts: string[] = [];
  for (const s of owned) {
    const steps = s.escalation ?? [];
    const facts = [...(s.targets?.escalate_after ? [`escalate when unresolved after ${s.targets.escalate_after}`] : []), `targets run ${runsOn(s.calendar)}`];
    const lead = `**${severityLabel(s)}**: ${facts.join('; ')}.`;
    parts.push(blocks(lead, steps.length ? numbered(steps.map((step) => stepText(matrix, step))) : '*No escalation path.*'));
  }
  for (const s of matrix.severities) {
    if (s.owner === roleId || !involved(s, roleId)) continue;
    const steps = s.escalation ?? [];
    const first = steps.findIndex((step) => step.notify.includes(roleId));
    const later = steps.slice(first + 1);
    if (later.length) parts.push(blocks(`**${severityLabel(s)}** (owned by ${roleTitle(matrix, s.owner)}), after you are pulled in:`, numbered(later.map((step) => stepText(matrix, step)))));
  }
  return parts.join('\n\n');
}

function informs(matrix: Matrix, roleId: string, owned: readonly Severity[]): string[] {
  const out: string[] = [];
  for (const s of matrix.severities) {
    const rule = s.client;
    if (!rule || rule.by !== roleId || rule.notify === 'none') continue;
    const who = rule.contact ? roleReach(matrix, rule.contact) : 'the client';
    const details = [
      rule.notify === 'formal' ? 'formal notice' : 'informal',
      ...(rule.channel ? [inline(rule.channel)] : []),
      ...(s.targets?.notify_client ? [`within ${s.targets.notify_client}`] : []),
      ...(s.targets?.update_every ? [`updates every ${s.targets.update_every}`] : []),
    ];
    out.push(`${severityLabel(s)}: ${who} — ${details.join(', ')}.`);
  }
  if (owned.length) {
    for (const [id, tier] of Object.entries(matrix.tiers ?? {})) {
      if (tier.notify?.length) out.push(`For clients in tier ${code(id)}, also tell ${sentenceList(tier.notify.map((r) => roleReach(matrix, r)))}.`);
    }
    for (const client of Object.values(matrix.clients ?? {})) {
      if (client.notify?.length) out.push(`For ${inline(client.name)}, also tell ${sentenceList(client.notify.map((r) => roleReach(matrix, r)))}.`);
    }
    const ownedIds = new Set(owned.map((s) => s.id));
    const templates = (matrix.templates ?? []).filter((t) => !t.severities || t.severities.some((id) => ownedIds.has(id)));
    if (templates.length) {
      const names = templates.map((t) => `${t.kind} (${t.audience})`);
      out.push(`Templates for your levels: ${[...new Set(names)].join(', ')}; the full sheet has their text.`);
    }
  }
  return out;
}

function authority(matrix: Matrix, roleId: string): string[] {
  return (matrix.authority ?? [])
    .filter((a) => a.role === roleId)
    .map((a) => `${cell(a.may)}${a.limit ? ` (limit: ${inline(a.limit)})` : ''}${a.severities?.length ? ` — levels ${a.severities.map(code).join(', ')}` : ''}.`);
}

function handoffs(matrix: Matrix, roleId: string): string[] {
  const labels = new Map((matrix.handoff ?? []).map((f) => [f.id, f.label]));
  return matrix.severities
    .filter((s) => involved(s, roleId) && s.handoff?.length)
    .map((s) => `${severityLabel(s)}: ${s.handoff!.map((id) => inline(labels.get(id) ?? id)).join(', ')}.`);
}
