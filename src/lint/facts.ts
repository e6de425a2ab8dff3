/** Small readings of a checked matrix shared by several rules. */
import type { Path } from '../diagnostics.js';
import type { Matrix, Severity, TargetKind, Targets } from '../matrix/schema.js';
import { parseDuration } from '../time/duration.js';

/** Minutes of a duration the schema has accepted; `undefined` for one it has not. */
export function minutes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.minutes : undefined;
}

export const severityPath = (index: number): Path => ['severities', index];

export function sideOf(matrix: Matrix, role: string): 'internal' | 'client' | 'vendor' | undefined {
  return Object.hasOwn(matrix.roles, role) ? (matrix.roles[role]!.side ?? 'internal') : undefined;
}

/** The severity's targets, or an empty set. */
export const targetsOf = (severity: Severity): Targets => severity.targets ?? {};

export interface TargetValue {
  minutes: number;
  text: string;
  path: Path;
  /** True when a tier, client or exception supplied the value rather than the severity. */
  overridden: boolean;
}

/** A way targets can apply: the severities' own, or as replaced by a tier, a client (on top of its tier) or an exception. */
export interface Contract {
  /** `tier premium`, `client contoso`, `exception launch`; empty for the severities' own targets. */
  name: string;
  /** The effective value of one target of the severity at `index`. */
  value(index: number, kind: TargetKind): TargetValue | undefined;
}

type Layer = (severityId: string) => { targets: Targets | undefined; path: Path } | undefined;

/** The severities' own targets first, then each tier, client and exception that changes any. Linear in the matrix size. */
export function contracts(matrix: Matrix): Contract[] {
  const make = (name: string, layers: Layer[]): Contract => ({
    name,
    value(index, kind) {
      const severity = matrix.severities[index]!;
      for (let i = layers.length - 1; i >= 0; i--) {
        const layer = layers[i]!(severity.id);
        const text = layer?.targets?.[kind];
        const m = minutes(text);
        if (layer && text !== undefined && m !== undefined) return { minutes: m, text, path: [...layer.path, kind], overridden: true };
      }
      const text = severity.targets?.[kind];
      const m = minutes(text);
      return text !== undefined && m !== undefined ? { minutes: m, text, path: [...severityPath(index), 'targets', kind], overridden: false } : undefined;
    },
  });
  const override = (targets: Record<string, Targets> | undefined, path: Path): Layer => (id) =>
    targets && Object.hasOwn(targets, id) ? { targets: targets[id], path: [...path, id] } : undefined;

  const out = [make('', [])];
  const tiers = matrix.tiers ?? {};
  for (const [tid, tier] of Object.entries(tiers)) {
    if (tier.targets) out.push(make(`tier ${tid}`, [override(tier.targets, ['tiers', tid, 'targets'])]));
  }
  for (const [cid, client] of Object.entries(matrix.clients ?? {})) {
    if (!client.targets) continue;
    const tier = Object.hasOwn(tiers, client.tier) ? tiers[client.tier] : undefined;
    const layers = tier?.targets ? [override(tier.targets, ['tiers', client.tier, 'targets'])] : [];
    out.push(make(`client ${cid}`, [...layers, override(client.targets, ['clients', cid, 'targets'])]));
  }
  (matrix.exceptions ?? []).forEach((exception, e) => {
    if (exception.targets) out.push(make(`exception ${exception.id}`, [override(exception.targets, ['exceptions', e, 'targets'])]));
  });
  return out;
}

/** "sev2" or "sev2 under tier premium". */
export const under = (severityId: string, contract: string) => (contract ? `${severityId} under ${contract}` : severityId);
