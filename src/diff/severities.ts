/** Severity levels: the levels themselves, their targets, owners, client rules, handoff and governance. */
import { TARGET_KINDS, type Severity } from '../matrix/schema.js';
import { clockDirection, sameTime, severityClock, timeDirection, timed } from './clocks.js';
import { byKey, clientNotifyDirection, field, indexById, setField, textItems, type Sides, type Sink } from './compare.js';
import { diffEscalation } from './escalation.js';

export function diffSeverities(sides: Sides, out: Sink): void {
  const before = indexById(sides.old.severities);
  const after = indexById(sides.new.severities);
  byKey(before, after, {
    removed: (id, s) => out.push({ area: 'severities', kind: 'removed', path: ['severities', id], subject: `severity ${id}`, old: s.name, direction: 'looser' }),
    added: (id, s) => out.push({ area: 'severities', kind: 'added', path: ['severities', id], subject: `severity ${id}`, new: s.name, direction: 'neutral' }),
    both: (id, a, b) => diffSeverity(sides, id, a, b, out),
  });
  const common = (list: readonly Severity[], other: Record<string, Severity>) => list.map((s) => s.id).filter((id) => Object.hasOwn(other, id));
  const a = common(sides.old.severities, after);
  const b = common(sides.new.severities, before);
  if (a.some((id, i) => id !== b[i])) {
    out.push({ area: 'severities', kind: 'reordered', path: ['severities'], subject: 'severity order', old: a, new: b, direction: 'neutral' });
  }
}

function diffSeverity(sides: Sides, id: string, a: Severity, b: Severity, out: Sink): void {
  const at = (...rest: string[]) => ['severities', id, ...rest];
  // Targets and steps count time on the severity's clock: working time on a calendar.
  const clocks = { old: severityClock(sides.old, a), new: severityClock(sides.new, b) };
  const level = `severity ${id}`;
  if (a.name !== b.name) out.push({ area: 'severities', kind: 'renamed', path: at('name'), subject: level, field: 'name', old: a.name, new: b.name, direction: 'neutral' });
  field(out, 'severities', at('definition'), level, 'definition', a.definition, b.definition);
  for (const dimension of ['scope', 'business', 'workaround'] as const) {
    field(out, 'severities', at('impact', dimension), level, `impact ${dimension}`, a.impact?.[dimension], b.impact?.[dimension]);
  }
  textItems(out, 'severities', at('examples'), `severity ${id} example`, a.examples, b.examples);
  field(out, 'severities', at('calendar'), level, 'calendar', a.calendar, b.calendar, clockDirection(clocks.old, clocks.new));
  field(out, 'severities', at('promise'), level, 'promise', a.promise, b.promise);

  for (const kind of TARGET_KINDS) {
    const x = a.targets?.[kind];
    const y = b.targets?.[kind];
    if (sameTime(x, y, clocks.old, clocks.new)) continue;
    field(out, 'targets', at('targets', kind), id, kind, x, y, timeDirection(timed(x, clocks.old), timed(y, clocks.new)));
  }

  field(out, 'owners', at('owner'), id, 'owner', a.owner, b.owner);

  diffEscalation(id, a.escalation ?? [], b.escalation ?? [], clocks, out);

  const client = `${id} client`;
  field(out, 'client', at('client', 'notify'), client, 'notify', a.client?.notify, b.client?.notify, clientNotifyDirection(a.client?.notify, b.client?.notify));
  for (const name of ['contact', 'by', 'channel', 'audience'] as const) {
    field(out, 'client', at('client', name), client, name, a.client?.[name], b.client?.[name]);
  }

  setField(out, 'handoff', at('handoff'), id, 'handoff fields', a.handoff, b.handoff);

  const gov = `${id} governance`;
  const ga = a.governance;
  const gb = b.governance;
  field(out, 'governance', at('governance', 'rca_owner'), gov, 'RCA owner', ga?.rca_owner, gb?.rca_owner);
  field(out, 'governance', at('governance', 'review'), gov, 'review', ga?.review, gb?.review);
  field(out, 'governance', at('governance', 'risk_entry'), gov, 'risk entry', riskEntry(ga?.risk_entry), riskEntry(gb?.risk_entry));
  textItems(out, 'governance', at('governance', 'follow_ups'), `${id} follow-up`, ga?.follow_ups, gb?.follow_ups);
}

function riskEntry(entry: { after: number; within: string } | undefined): string | undefined {
  return entry ? `${entry.after} repeats within ${entry.within}` : undefined;
}
