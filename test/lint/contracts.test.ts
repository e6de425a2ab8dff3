/**
 * The timing rules under a tier, a client and an exception read the targets triage plans an
 * incident with: an exception is checked under each client it names (on that client's tier),
 * or, without clients, for an incident no tier or client changes and under each tier and
 * client that does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contracts } from '../../src/lint/facts.js';
import { lintMatrix } from '../../src/lint/lint-matrix.js';
import { loadMatrix } from '../../src/matrix/load.js';
import { TARGET_KINDS } from '../../src/matrix/kinds.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { applyContract, exceptionWindow } from '../../src/triage/contract.js';
import { example } from '../helpers/cli.js';

const TODAY = '2026-12-01';
const msp = readFileSync(example('msp.yaml'), 'utf8');
const ORDER_RULE = 'a level runs acknowledge ≤ assign_owner ≤ escalate_after ≤ workaround ≤ resolution';

/** msp.yaml with one piece of text replaced; the text must occur once. */
const edit = (...pairs: [string, string][]) =>
  pairs.reduce((text, [from, to]) => {
    expect(text.split(from).length, `"${from}" once`).toBe(2);
    return text.replace(from, to);
  }, msp);
/** The migration exception's p1 targets and the clients it covers. */
const migration = (p1: string, clients = '[northwind]') =>
  edit(['    clients: [northwind]\n', `    clients: ${clients}\n`], ['      p1: { acknowledge: 5m, escalate_after: 30m }', `      p1: ${p1}`]);
/** The migration exception without a client list: it covers every incident. */
const everyone = (p1: string) => edit(['    clients: [northwind]\n', ''], ['      p1: { acknowledge: 5m, escalate_after: 30m }', `      p1: ${p1}`]);

const located = (text: string, code: string) => {
  const { load, diagnostics } = lintMatrix(text, { today: TODAY });
  expect(load.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  return diagnostics.filter((d) => d.code === code).map((d) => `${d.line}:${d.column} ${d.message}`);
};

describe('timing-order under an exception', () => {
  it('compares with the tier of the client it covers: northwind (premium) assigns an owner at 10m, before an escalation at 12m', () => {
    expect(located(migration('{ acknowledge: 5m, escalate_after: 12m }'), 'timing-order')).toEqual([]);
  });

  it('reports a real break at the exception, naming the client and the values that apply to it', () => {
    expect(located(migration('{ acknowledge: 5m, escalate_after: 8m }'), 'timing-order')).toEqual([
      `301:46 p1 under exception northwind-migration for client northwind: escalate_after (8m) falls before assign_owner (10m, from tier premium); ${ORDER_RULE}`,
    ]);
  });

  it('checks each client it covers on its own tier: only the standard-tier client breaks the order at 12m', () => {
    expect(located(migration('{ acknowledge: 5m, escalate_after: 12m }', '[northwind, harbor-dental, contoso]'), 'timing-order')).toEqual([
      `301:46 p1 under exception northwind-migration for client harbor-dental: escalate_after (12m) falls before assign_owner (15m, from the severity); ${ORDER_RULE}`,
    ]);
  });

  it('names every client where the same break holds, once, and tells apart clients where different values apply', () => {
    expect(located(migration('{ acknowledge: 5m, escalate_after: 8m }', '[northwind, harbor-dental, contoso]'), 'timing-order')).toEqual([
      `301:46 p1 under exception northwind-migration for clients northwind, contoso: escalate_after (8m) falls before assign_owner (10m, from tier premium); ${ORDER_RULE}`,
      `301:46 p1 under exception northwind-migration for client harbor-dental: escalate_after (8m) falls before assign_owner (15m, from the severity); ${ORDER_RULE}`,
    ]);
  });

  it('reports at the exception\'s own value when it breaks the order against the tier\'s, the tier alone being in order', () => {
    // The exception's owner at 20m is after premium's escalation at 15m; premium alone is in order (owner 10m, escalation 15m).
    const text = migration('{ assign_owner: 20m }').replace('p1: { acknowledge: 10m, assign_owner: 10m,', 'p1: { acknowledge: 10m, assign_owner: 10m, escalate_after: 15m,');
    expect(located(text, 'timing-order')).toEqual([
      `301:27 p1 under exception northwind-migration for client northwind: escalate_after (15m, from tier premium) falls before assign_owner (20m); ${ORDER_RULE}`,
    ]);
  });

  it('without a client list: for an incident without a tier or client, and for each tier and client that changes the targets', () => {
    // 12m breaks the order only where no tier brings assign_owner forward (the severity's 15m).
    expect(located(everyone('{ acknowledge: 5m, escalate_after: 12m }'), 'timing-order')).toEqual([
      `300:46 p1 under exception northwind-migration: escalate_after (12m) falls before assign_owner (15m, from the severity); ${ORDER_RULE}`,
    ]);
    // 8m breaks it everywhere: the same break under premium (and contoso, on premium) is a second finding, with premium's values.
    expect(located(everyone('{ acknowledge: 5m, escalate_after: 8m }'), 'timing-order')).toEqual([
      `300:46 p1 under exception northwind-migration: escalate_after (8m) falls before assign_owner (15m, from the severity); ${ORDER_RULE}`,
      `300:46 p1 under exception northwind-migration for tier premium and client contoso: escalate_after (8m) falls before assign_owner (10m, from tier premium); ${ORDER_RULE}`,
    ]);
  });

  it('leaves the targets of a severity the exception does not cover alone, as triage does', () => {
    const text = edit(['      p2: { acknowledge: 10m }', '      p2: { acknowledge: 10m }\n      p3: { acknowledge: 5m, assign_owner: 1m }']);
    expect(located(text, 'timing-order')).toEqual([]);
  });
});

describe('timing-monotonic under an exception', () => {
  it('compares with the tier of the client it covers, and reports where the severity of a client without a tier override is looser', () => {
    // p2 acknowledged within 12m: premium's p1 (10m) is tighter, the severity's own p1 (15m) is not.
    const text = migration('{ escalate_after: 30m }', '[northwind, harbor-dental]').replace('      p2: { acknowledge: 10m }', '      p2: { acknowledge: 12m }');
    expect(located(text, 'timing-monotonic')).toEqual([
      '302:26 p1 under exception northwind-migration for client harbor-dental: acknowledge 15m (from the severity) is looser than acknowledge 12m of the less severe p2; a more severe level needs the same or a tighter target',
    ]);
  });
});

describe('escalate-after-step under an exception', () => {
  it('reports an escalate_after no step matches once, naming the clients it covers', () => {
    expect(located(migration('{ escalate_after: 45m }', '[northwind, harbor-dental]'), 'escalate-after-step')).toEqual([
      '301:29 p1 under exception northwind-migration for clients northwind, harbor-dental: escalate_after 45m matches no step of the escalation path (steps after 0m, 30m, 1h, 2h); expected step 2 (after 30m, line 96), the first escalation after the first responders; set escalate_after: 30m or add a step at 45m',
    ]);
  });
});

describe('lint reads the targets triage plans with', () => {
  /** For each contract lint checks, triage's targets for the same tier, client and exception (active at its start), severity by severity. */
  function compare(matrix: Matrix) {
    let compared = 0;
    for (const contract of contracts(matrix)) {
      const [kind, id] = contract.name.split(' ') as [string, string | undefined];
      const scope = contract.scope ?? (kind === 'exception' ? '' : contract.name);
      const [scopeKind, scopeId] = scope.split(' ');
      const request = scopeKind === 'client' ? { client: scopeId } : scopeKind === 'tier' ? { tier: scopeId } : {};
      const exception = kind === 'exception' ? matrix.exceptions!.find((e) => e.id === id)! : undefined;
      // Exceptions are checked one at a time: triage is given only this one.
      const alone: Matrix = { ...matrix, exceptions: exception ? [exception] : [] };
      const start = exception ? exceptionWindow(exception, matrix.timezone)!.from : new Date(0);
      matrix.severities.forEach((severity, i) => {
        const applied = applyContract(alone, severity, request, start);
        if (!applied.ok) throw new Error(applied.reason);
        for (const target of TARGET_KINDS) {
          expect(contract.value(i, target)?.text, `${contract.name} ${scope} ${severity.id} ${target}`).toBe(applied.contract.targets[target]);
          expect(contract.value(i, target)?.source, `${contract.name} ${scope} ${severity.id} ${target}`).toBe(applied.contract.targetSources[target]);
        }
        compared++;
      });
    }
    return compared;
  }

  it.each(['msp.yaml', 'client-vendor.yaml', 'saas-support.yaml', 'it-helpdesk.yaml'])('%s', (name) => {
    const matrix = loadMatrix(readFileSync(example(name), 'utf8')).matrix!;
    expect(compare(matrix)).toBeGreaterThan(0);
  });

  it('msp.yaml with the exception over clients on different tiers, and over everyone', () => {
    for (const text of [migration('{ acknowledge: 5m, escalate_after: 8m }', '[northwind, harbor-dental, contoso]'), everyone('{ acknowledge: 5m, escalate_after: 8m }')]) {
      const matrix = loadMatrix(text).matrix!;
      expect(compare(matrix)).toBeGreaterThan(matrix.severities.length * 4);
    }
  });
});
