/** Small readings of a checked matrix shared by several rules. */
import type { Path } from '../diagnostics.js';
import type { Locator } from '../matrix/locate.js';
import type { Matrix, Severity, TargetKind, Targets } from '../matrix/schema.js';
import { parseDuration } from '../time/duration.js';
import { exceptionCovers, targetsInForce, type Source, type TargetsInForce } from '../triage/contract.js';
import { findingAt, type Finding } from './rule.js';

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
  /**
   * True when the contract itself supplied the value: a tier, or a client (on top of its tier),
   * rather than the severity; under an exception, the exception rather than what it is checked
   * under. A finding is new to a contract only where one of its values is.
   */
  overridden: boolean;
  /** Where the value came from, as triage names it: `severity`, `tier premium`, `client northwind`, `exception peak`. */
  source: Source;
}

/** A way targets can apply: the severities' own, or as replaced by a tier, a client (on top of its tier) or an exception. */
export interface Contract {
  /** `tier premium`, `client contoso`, `exception launch`; empty for the severities' own targets. */
  name: string;
  /**
   * For an exception: what it is checked under, `tier premium` or `client northwind`, or empty
   * for an incident whose tier and client change no targets. Undefined for other contracts.
   */
  scope?: string;
  /** The effective value of one target of the severity at `index`. */
  value(index: number, kind: TargetKind): TargetValue | undefined;
}

/**
 * The severities' own targets first, then each tier, client and exception that changes any.
 * The values are triage's (`targetsInForce`), so lint checks the targets an incident is
 * planned with. An exception is checked under each client it names (on its tier); one without
 * clients, for an incident with neither tier nor client and under each tier and client that
 * changes targets (a client with none is planned as its tier). Exceptions are taken one at a
 * time: whether two overlap is a question of dates, not of targets. Linear in the matrix size
 * for the tiers and clients; an exception without clients costs one contract per tier and
 * client that changes targets.
 */
export function contracts(matrix: Matrix): Contract[] {
  const make = (name: string, tierId: string | undefined, clientId: string | undefined, exception?: { at: number; scope: string }): Contract => {
    const e = exception ? matrix.exceptions![exception.at]! : undefined;
    // Each source's place in the file; `severity` is the severity's own targets.
    const places = new Map<Source, Path>();
    if (tierId !== undefined) places.set(`tier ${tierId}`, ['tiers', tierId, 'targets']);
    if (clientId !== undefined) places.set(`client ${clientId}`, ['clients', clientId, 'targets']);
    if (e) places.set(`exception ${e.id}`, ['exceptions', exception!.at, 'targets']);
    const own = (source: Source) => (e ? source === `exception ${e.id}` : source !== 'severity');
    const read: (TargetsInForce | undefined)[] = [];
    const contract: Contract = {
      name,
      value(index, kind) {
        const severity = matrix.severities[index]!;
        const inForce = (read[index] ??= targetsInForce(matrix, severity, tierId, clientId, e && exceptionCovers(e, severity.id, clientId) ? [e] : []));
        const text = inForce.targets[kind];
        const source = inForce.targetSources[kind];
        const m = minutes(text);
        if (text === undefined || source === undefined || m === undefined) return undefined;
        const at = places.get(source);
        const path: Path = at ? [...at, severity.id, kind] : [...severityPath(index), 'targets', kind];
        return { minutes: m, text, path, overridden: own(source), source };
      },
    };
    if (exception) contract.scope = exception.scope;
    return contract;
  };

  const out = [make('', undefined, undefined)];
  const tiers = matrix.tiers ?? {};
  const clients = matrix.clients ?? {};
  const tierOf = (cid: string) => (Object.hasOwn(tiers, clients[cid]!.tier) ? clients[cid]!.tier : undefined);
  // The tiers and clients that change targets, each as triage would plan it.
  const scopes: { label: string; tier?: string; client?: string }[] = [];
  for (const [tid, tier] of Object.entries(tiers)) {
    if (!tier.targets) continue;
    out.push(make(`tier ${tid}`, tid, undefined));
    scopes.push({ label: `tier ${tid}`, tier: tid });
  }
  for (const [cid, client] of Object.entries(clients)) {
    if (!client.targets) continue;
    out.push(make(`client ${cid}`, tierOf(cid), cid));
    scopes.push({ label: `client ${cid}`, tier: tierOf(cid), client: cid });
  }
  (matrix.exceptions ?? []).forEach((exception, at) => {
    if (!exception.targets) return;
    const name = `exception ${exception.id}`;
    if (exception.clients) {
      for (const cid of new Set(exception.clients)) {
        if (Object.hasOwn(clients, cid)) out.push(make(name, tierOf(cid), cid, { at, scope: `client ${cid}` }));
      }
      return;
    }
    out.push(make(name, undefined, undefined, { at, scope: '' }));
    for (const scope of scopes) out.push(make(name, scope.tier, scope.client, { at, scope: scope.label }));
  });
  return out;
}

/** Under an exception, where a value the exception did not set came from (`from tier premium`); otherwise empty. */
export const origin = (value: TargetValue, contract: Contract) =>
  contract.scope === undefined || value.overridden ? '' : `from ${value.source === 'severity' ? 'the severity' : value.source}`;

/**
 * Findings about contracts, one per place and text: an exception checked under several
 * clients or tiers that finds the same thing there reports it once, naming them ("for clients
 * contoso, northwind"), or naming none when it holds for an incident no tier or client changes.
 */
export function contractFindings(locator: Locator): { add(contract: Contract, severityId: string, path: Path, text: string): void; list(): Finding[] } {
  const found = new Map<string, { contract: Contract; severityId: string; path: Path; text: string; scopes: string[] }>();
  return {
    add(contract, severityId, path, text) {
      const key = JSON.stringify([contract.name, severityId, path, text]);
      const entry = found.get(key);
      if (entry) entry.scopes.push(contract.scope ?? '');
      else found.set(key, { contract, severityId, path, text, scopes: [contract.scope ?? ''] });
    },
    list() {
      return [...found.values()].map(({ contract, severityId, path, text, scopes }) =>
        findingAt(locator, path, `${under(severityId, contract.name)}${scopesShown(scopes)}: ${text}`),
      );
    },
  };
}

/** ` for tier premium and clients contoso, northwind`; nothing when one scope is an incident no tier or client changes. */
function scopesShown(scopes: readonly string[]): string {
  if (scopes.includes('')) return '';
  const ids = (kind: string) => scopes.filter((s) => s.startsWith(`${kind} `)).map((s) => s.slice(kind.length + 1));
  const parts = (['tier', 'client'] as const).flatMap((kind) => {
    const list = ids(kind);
    return list.length === 0 ? [] : [`${kind}${list.length > 1 ? 's' : ''} ${list.join(', ')}`];
  });
  return ` for ${parts.join(' and ')}`;
}

/** "sev2" or "sev2 under tier premium". */
export const under = (severityId: string, contract: string) => (contract ? `${severityId} under ${contract}` : severityId);
