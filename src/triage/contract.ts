/**
 * Which contract applies to an incident and what it changes. A customer tier, a named
 * client and any exception active at the incident start may replace targets, switch the
 * calendar, add roles or (an exception only) change the owner. They never change the
 * severity. Precedence, weakest first: severity < tier < client < active exceptions (in
 * file order). Pure: the incident start is passed in.
 */
import type { Matrix, MatrixException, Severity, Targets, TargetKind } from '../matrix/schema.js';
import { TARGET_KINDS } from '../matrix/kinds.js';
import { matrixInstant } from '../time/instant.js';
import { remembered } from '../memo.js';
import { quoted } from '../quote.js';

export interface ContractRequest {
  /** A client id under `clients` (its tier applies too). */
  client?: string;
  /** A tier id under `tiers`; must match the client's tier when both are given. */
  tier?: string;
}

/** Where a target, calendar or role came from: `severity`, `tier premium`, `client northwind`, `exception peak`. */
export type Source = string;

export interface TargetChange {
  kind: TargetKind;
  /** The severity's own value, when it had one. */
  from?: string;
  to: string;
  source: Source;
}

export interface ActiveException {
  id: string;
  reason: string;
  from: Date;
  until: Date;
  approvedBy: string;
}

export interface AppliedContract {
  tier?: { id: string; description?: string };
  client?: { id: string; name: string; note?: string };
  /** Exceptions active at the incident start that apply to this severity and client. */
  exceptions: ActiveException[];
  /** The targets in force, with where each came from. */
  targets: Targets;
  targetSources: Partial<Record<TargetKind, Source>>;
  changes: TargetChange[];
  /** The calendar id in force (`24x7` or a key of `calendars`), or undefined for round the clock. */
  calendar?: string;
  calendarSource: Source;
  /** Roles told about the incident on top of the severity's escalation path. */
  extraRoles: { role: string; source: Source }[];
  /** An owner set by an active exception. */
  owner?: { role: string; source: Source };
}

export type ContractResult = { ok: true; contract: AppliedContract } | { ok: false; code: 'unknown-client' | 'unknown-tier' | 'tier-mismatch'; reason: string };

const has = <T>(record: Record<string, T> | undefined, key: string): record is Record<string, T> =>
  record !== undefined && Object.hasOwn(record, key);

/** Resolves the contract for a severity, a requested client or tier, and the incident start. */
export function applyContract(matrix: Matrix, severity: Severity, request: ContractRequest, start: Date): ContractResult {
  const clientId = request.client;
  if (clientId !== undefined && !has(matrix.clients, clientId)) {
    return { ok: false, code: 'unknown-client', reason: `unknown client ${quoted(clientId)}; known: ${names(matrix.clients)}` };
  }
  const client = clientId !== undefined ? matrix.clients![clientId] : undefined;
  if (request.tier !== undefined && !has(matrix.tiers, request.tier)) {
    return { ok: false, code: 'unknown-tier', reason: `unknown tier ${quoted(request.tier)}; known: ${names(matrix.tiers)}` };
  }
  if (client && request.tier !== undefined && request.tier !== client.tier) {
    return { ok: false, code: 'tier-mismatch', reason: `client ${quoted(clientId!)} is on tier "${client.tier}", not ${quoted(request.tier)}; pass only --client` };
  }
  const tierId = client?.tier ?? request.tier;
  const tier = tierId !== undefined && has(matrix.tiers, tierId) ? matrix.tiers[tierId] : undefined;

  const extraRoles: { role: string; source: Source }[] = [];
  const addRoles = (roles: string[] | undefined, source: Source) => {
    for (const role of roles ?? []) if (!extraRoles.some((r) => r.role === role)) extraRoles.push({ role, source });
  };

  let calendar = severity.calendar;
  let calendarSource: Source = 'severity';
  if (tier && tierId !== undefined) {
    addRoles(tier.notify, `tier ${tierId}`);
    if (tier.calendar !== undefined) {
      calendar = tier.calendar;
      calendarSource = `tier ${tierId}`;
    }
  }
  if (client && clientId !== undefined) addRoles(client.notify, `client ${clientId}`);
  const exceptions: ActiveException[] = [];
  let applying: MatrixException[] | undefined;
  let owner: AppliedContract['owner'];
  for (const exception of matrix.exceptions ?? []) {
    const active = activeException(exception, severity.id, clientId, start, matrix.timezone);
    if (!active) continue;
    exceptions.push(active);
    (applying ??= []).push(exception);
    const source = `exception ${exception.id}`;
    addRoles(exception.notify, source);
    if (exception.owner !== undefined) owner = { role: exception.owner, source };
  }
  const { targets, targetSources } = targetsInForce(matrix, severity, tier ? tierId : undefined, client ? clientId : undefined, applying ?? NONE);

  const changes: TargetChange[] = [];
  for (const kind of TARGET_KINDS) {
    const to = targets[kind];
    const source = targetSources[kind];
    if (to === undefined || source === undefined || source === 'severity') continue;
    const from = severity.targets?.[kind];
    changes.push({ kind, ...(from !== undefined ? { from } : {}), to, source });
  }

  // Built a key at a time, in the order the plan's JSON shows them: an object literal with a
  // conditional spread before other keys makes V8 add each key after it the slow way.
  const contract = {} as AppliedContract;
  if (tier && tierId !== undefined) contract.tier = tier.description ? { id: tierId, description: tier.description } : { id: tierId };
  if (client && clientId !== undefined) contract.client = client.note ? { id: clientId, name: client.name, note: client.note } : { id: clientId, name: client.name };
  contract.exceptions = exceptions;
  contract.targets = targets;
  contract.targetSources = targetSources;
  contract.changes = changes;
  if (calendar !== undefined) contract.calendar = calendar;
  contract.calendarSource = calendarSource;
  contract.extraRoles = extraRoles;
  if (owner) contract.owner = owner;
  return { ok: true, contract };
}

const NONE: readonly MatrixException[] = [];

/** The targets in force and where each came from (`severity`, `tier premium`, `client northwind`, `exception peak`). */
export interface TargetsInForce {
  targets: Targets;
  targetSources: Partial<Record<TargetKind, Source>>;
}

/**
 * The targets of a severity as a tier, a client and exceptions replace them, kind by kind,
 * weakest first: the severity's own < the tier's < the client's < each exception in the order
 * given. The one place that order is written: triage plans an incident by it (with the
 * exceptions active at its start), and lint checks what it gives for every client and tier an
 * exception covers, so a target lint accepts is the one an incident is planned with. The ids
 * are taken as given (`applyContract` resolves and checks them); the exceptions are taken as
 * applying, whatever their window or the severities and clients they name.
 */
export function targetsInForce(
  matrix: Matrix,
  severity: Severity,
  tierId: string | undefined,
  clientId: string | undefined,
  exceptions: readonly MatrixException[],
): TargetsInForce {
  const targets: Targets = { ...severity.targets };
  const targetSources: Partial<Record<TargetKind, Source>> = {};
  for (const kind of TARGET_KINDS) if (targets[kind] !== undefined) targetSources[kind] = 'severity';
  const overlay = (overrides: Record<string, Targets> | undefined, source: Source) => {
    const forSeverity = overrides && Object.hasOwn(overrides, severity.id) ? overrides[severity.id] : undefined;
    if (forSeverity === undefined) return;
    for (const kind of TARGET_KINDS) {
      const value = forSeverity[kind];
      if (value === undefined) continue;
      targets[kind] = value;
      targetSources[kind] = source;
    }
  };
  if (tierId !== undefined && has(matrix.tiers, tierId)) overlay(matrix.tiers[tierId]!.targets, `tier ${tierId}`);
  if (clientId !== undefined && has(matrix.clients, clientId)) overlay(matrix.clients[clientId]!.targets, `client ${clientId}`);
  for (const exception of exceptions) overlay(exception.targets, `exception ${exception.id}`);
  return { targets, targetSources };
}

/** Whether an exception covers this severity and client (or an incident without a client), whatever its window. */
export function exceptionCovers(exception: MatrixException, severityId: string, clientId: string | undefined): boolean {
  if (exception.severities && !exception.severities.includes(severityId)) return false;
  return !exception.clients || (clientId !== undefined && exception.clients.includes(clientId));
}

/**
 * The window of an exception as instants, in the matrix zone unless an offset is written.
 * A date alone starts at the first instant of that day; as `until` it ends at the first
 * instant of the next day (so the whole day is inside). A wall-clock time the clocks skip
 * is read as the moment they jump, one they pass twice as its first occurrence (see
 * `matrixInstant`), so a window near a daylight-saving change is never silently empty.
 */
export function exceptionWindow(exception: MatrixException, zone: string): { from: Date; until: Date } | undefined {
  const window = remembered(windowsRead, `${zone}\n${exception.from}\n${exception.until}`, 1024, () => {
    const from = matrixInstant(exception.from, zone);
    const untilText = /^\d{4}-\d{2}-\d{2}$/.test(exception.until) ? nextDay(exception.until) : exception.until;
    const until = matrixInstant(untilText, zone);
    return from.ok && until.ok ? ([from.date.getTime(), until.date.getTime()] as [number, number]) : null;
  });
  return window ? { from: new Date(window[0]), until: new Date(window[1]) } : undefined;
}
/** Windows as epoch milliseconds by zone and text: every plan reads every exception's window, a simulation thousands of times. */
const windowsRead = new Map<string, [number, number] | null>();

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(0);
  next.setUTCFullYear(y, m - 1, d + 1); // Date.UTC would read years below 100 as 19xx
  return next.toISOString().slice(0, 10);
}

/** The exception when it applies to this severity and client and is active at `start` (from ≤ start < until). */
export function activeException(
  exception: MatrixException,
  severityId: string,
  clientId: string | undefined,
  start: Date,
  zone: string,
): ActiveException | undefined {
  if (!exceptionCovers(exception, severityId, clientId)) return undefined;
  const window = exceptionWindow(exception, zone);
  if (!window || start < window.from || start >= window.until) return undefined;
  return { id: exception.id, reason: exception.reason, ...window, approvedBy: exception.approved_by };
}

function names(record: Record<string, unknown> | undefined): string {
  const keys = Object.keys(record ?? {});
  return keys.length > 0 ? keys.join(', ') : 'none are defined';
}
