/**
 * Governance that counts itself: the matrix's structured review thresholds evaluated over the
 * incidents of a report. A trigger selects incidents (severity, a breached target) and
 * triggers on each one, or when more than `more_than` of them start within a rolling window
 * of `within` (per client or tier); the incidents behind it are listed. Breaches are read
 * from the judging (evaluate), never decided here. Pure.
 */
import { triggerCondition } from '../matrix/governance.js';
import type { GovernanceTrigger } from '../matrix/schema.js';
import { durationMinutes } from '../time/duration.js';
import type { Evaluation, TargetState } from './evaluate.js';
import type { TargetKindName } from './schema.js';

/** What a trigger reads of an incident: a judgement, or the figures a report keeps of one. */
export interface Judged {
  file: string;
  evaluation: Pick<Evaluation, 'severity' | 'tier' | 'client' | 'start'> & { targets: readonly { kind: TargetKindName; state: TargetState }[] };
}

export interface TriggerResult<J extends Judged = Judged> {
  id: string;
  text: string;
  /** The condition in words, like `p1 · more than 2 within 90d per client`. */
  condition: string;
  triggered: boolean;
  /** One per client or tier (or one for all) that triggered, with the incidents behind it. */
  hits: { key?: string; incidents: J[] }[];
}

const BREACHED = new Set(['late', 'overdue', 'missed']);

/** Whether an incident is one a trigger counts. */
export function matches(t: GovernanceTrigger, e: Judged['evaluation']): boolean {
  if (t.severities && !t.severities.includes(e.severity)) return false;
  if (t.breaches === undefined) return true;
  return e.targets.some((m) => BREACHED.has(m.state) && (t.breaches === 'any' || m.kind === t.breaches));
}

/** The incidents in some window of `within` minutes (starts at most that far apart) holding more than `more` of them. */
function crowded<J extends Judged>(list: J[], more: number, within: number | undefined): J[] {
  if (list.length <= more) return [];
  if (within === undefined) return list;
  const behind = new Set<J>();
  let first = 0;
  for (let last = 0; last < list.length; last++) {
    const end = list[last]!.evaluation.start.getTime();
    while (end - list[first]!.evaluation.start.getTime() > within * 60_000) first++;
    if (last - first + 1 > more) for (let i = first; i <= last; i++) behind.add(list[i]!);
  }
  return list.filter((j) => behind.has(j));
}

/** Each structured trigger over the report's incidents (already in range, in start order); free-text thresholds are left to people. */
export function evaluateGovernance<J extends Judged>(thresholds: readonly (string | GovernanceTrigger)[], incidents: readonly J[]): TriggerResult<J>[] {
  const sorted = [...incidents].sort((a, b) => a.evaluation.start.getTime() - b.evaluation.start.getTime() || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return thresholds
    .filter((t): t is GovernanceTrigger => typeof t !== 'string')
    .map((t) => {
      const selected = sorted.filter((j) => matches(t, j.evaluation));
      const more = t.more_than ?? 0;
      const within = t.within !== undefined ? durationMinutes(t.within) : undefined;
      const hits: TriggerResult<J>['hits'] = [];
      if (more === 0) {
        if (selected.length > 0) hits.push({ incidents: selected });
      } else if (t.per) {
        const groups = new Map<string, J[]>();
        for (const j of selected) {
          const key = t.per === 'client' ? j.evaluation.client : j.evaluation.tier;
          if (key === undefined) continue;
          const list = groups.get(key);
          if (list) list.push(j);
          else groups.set(key, [j]);
        }
        for (const key of [...groups.keys()].sort()) {
          const behind = crowded(groups.get(key)!, more, within);
          if (behind.length > 0) hits.push({ key, incidents: behind });
        }
      } else {
        const behind = crowded(selected, more, within);
        if (behind.length > 0) hits.push({ incidents: behind });
      }
      return { id: t.id, text: t.text, condition: triggerCondition(t), triggered: hits.length > 0, hits };
    });
}
