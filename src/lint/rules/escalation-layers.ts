import type { EscalationStep } from '../../matrix/schema.js';
import { minutes } from '../facts.js';
import { findingAt, type Finding, type Rule } from '../rule.js';

type Layer = NonNullable<EscalationStep['layer']>;

/**
 * The internal ladder runs operational → management → executive. Telling the client is a
 * side channel a contract may put early (before engineering's next level joins), but never
 * after the executive layer: leadership is the last resort, not the client's first notice.
 */
const RANK: Record<Layer, number> = { operational: 0, management: 1, executive: 3, client: 2 };
const backwards = (later: Layer, earlier: Layer) =>
  later === 'client' ? earlier === 'executive' : earlier !== 'client' && RANK[later] < RANK[earlier];

interface Timed {
  j: number;
  layer: Layer;
  after: string;
  minutes: number;
}

export const escalationLayers: Rule = {
  id: 'escalation-layers',
  group: 'timing',
  level: 'warning',
  rationale: 'Layers run operational → management → executive over time, the client told no later than executives; a path that runs back (operational after executive) is a slip.',
  check({ matrix, locator }) {
    const out: Finding[] = [];
    matrix.severities.forEach((severity, i) => {
      // Steps in time order (escalation-order reports steps written out of order).
      const steps: Timed[] = [];
      (severity.escalation ?? []).forEach((step, j) => {
        const m = minutes(step.after);
        if (step.layer !== undefined && m !== undefined) steps.push({ j, layer: step.layer, after: step.after, minutes: m });
      });
      steps.sort((a, b) => a.minutes - b.minutes || a.j - b.j);
      for (let s = 0; s < steps.length; s++) {
        const step = steps[s]!;
        // The highest layer reached strictly earlier that this step falls back from.
        let from: Timed | undefined;
        for (let e = 0; e < s; e++) {
          const earlier = steps[e]!;
          if (earlier.minutes < step.minutes && backwards(step.layer, earlier.layer) && (!from || RANK[earlier.layer] > RANK[from.layer])) from = earlier;
        }
        if (!from) continue;
        const line = locator.value(['severities', i, 'escalation', from.j, 'layer']).line;
        out.push(
          findingAt(
            locator,
            ['severities', i, 'escalation', step.j, 'layer'],
            `${severity.id}: escalation step ${step.j + 1} (${step.layer}, after ${step.after}) comes after step ${from.j + 1} (${from.layer}, after ${from.after}, line ${line}); layers run operational → management → executive, the client told before executives`,
          ),
        );
      }
    });
    return out;
  },
};
