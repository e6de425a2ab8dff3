/**
 * Parity with Alertmanager, held to the real consumer: for every example, severity, tier and
 * client, the receivers the parity walk finds are those Alertmanager routes the same labels
 * to (what `amtool config routes test` prints, read from one running Alertmanager), on the
 * export and on hand-edited files that pass `amtool check-config`. The time part (routing
 * takes no time) is the evaluator proved in am-time.test.ts. Then what the parity reports: the
 * unedited exports only hold business-hours severities until their calendar opens (a
 * warning), while a mute over Christmas and a swapped receiver are gaps at exactly the
 * instants they change.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager, type AlertmanagerConfig, type AlertmanagerRoute } from '../../src/export/alertmanager.js';
import type { Matrix } from '../../src/matrix/schema.js';
import { alertmanagerParity, DEFAULT_GROUP_INTERVAL, DEFAULT_GROUP_WAIT, promDuration, routeAlert } from '../../src/simulate/parity-alertmanager.js';
import { contractLabels } from '../../src/simulate/parity-tools.js';
import type { SimulateResult } from '../../src/simulate/result-schema.js';
import { simulate } from '../../src/simulate/simulate.js';
import { weekOf, weekSimulation } from '../../src/simulate/week.js';
import { EXAMPLES, exampleMatrix } from '../export/helpers.js';
import { agreeOn, agreeOnData } from '../helpers/agree.js';
import { alertmanagerFor, startAlertmanager, type RunningAlertmanager } from '../helpers/alertmanager.js';
import { runs, ZONE_PASS } from '../helpers/runs.js';

const amtool = spawnSync('amtool', ['--version'], { encoding: 'utf8' });
const hasAmtool = amtool.status === 0;
if (!hasAmtool && process.env.CI) throw new Error('amtool is missing in CI: .ci/run must install prometheus-alertmanager');
if (!hasAmtool) console.warn('SKIP the amtool parity tests: amtool is not on PATH (apt-get install prometheus-alertmanager)');

const dir = mkdtempSync(join(tmpdir(), 'escalate-am-parity-'));
let files = 0;
function write(text: string): string {
  const file = join(dir, `config-${files++}.yml`);
  writeFileSync(file, text);
  return file;
}

/**
 * amtool's environment: without Go's garbage collector, which a run of a few milliseconds
 * never needs (a third of each run's CPU was its start-up and collection). Hundreds of runs.
 */
const AMTOOL_ENV = { ...process.env, GOGC: 'off' };

const quoted = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Runs of amtool, each its own process with its own arguments, started in turn by one `sh`:
 * each run's exit status, stdout and stderr, in order. A process started by the test process
 * is forked from it, with the page tables of its hundreds of megabytes (~3 ms of CPU a start,
 * a second over these tests); forked from the small shell, it costs next to nothing. In the
 * shell's output each run's stdout is followed by a record separator (\x1e), its status and
 * a unit separator (\x1f); in its stderr, each run's stderr by a unit separator.
 */
function amtoolRuns(runs: readonly (readonly string[])[]): { status: number; stdout: string; stderr: string }[] {
  const script = runs.map((args) => `amtool ${args.map(quoted).join(' ')} </dev/null; printf '\\036%d\\037' $?; printf '\\037' >&2`).join('\n');
  const shell = spawnSync('sh', [], { input: `${script}\n`, encoding: 'utf8', env: AMTOOL_ENV, maxBuffer: 64 * 1024 * 1024 });
  expect(shell.status, shell.stderr).toBe(0);
  const outs = shell.stdout.split('\x1f');
  const errs = shell.stderr.split('\x1f');
  expect([outs.length, errs.length], 'one output and one stderr per run').toEqual([runs.length + 1, runs.length + 1]);
  return runs.map((_, i) => {
    const [stdout, status] = outs[i]!.split('\x1e') as [string, string];
    return { status: Number(status), stdout, stderr: errs[i]! };
  });
}

const routesTest = (file: string, labels: Record<string, string>) => ['config', 'routes', 'test', `--config.file=${file}`, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)];

const walked = (config: AlertmanagerConfig | Record<string, unknown>, labels: Record<string, string>) => {
  const routed = routeAlert((config as { route: Record<string, unknown> }).route, labels, { receiver: undefined, groupWait: DEFAULT_GROUP_WAIT, groupInterval: DEFAULT_GROUP_INTERVAL });
  if (!routed.ok) throw new Error(routed.reason);
  return [...new Set(routed.reached.map((r) => r.receiver))];
};

/** Every label set the matrix can give an alert: each severity, alone, with each tier, with each client. */
function labelSets(matrix: Matrix): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const s of matrix.severities) {
    out.push({ severity: s.id });
    for (const tier of Object.keys(matrix.tiers ?? {})) out.push({ severity: s.id, tier });
    for (const [client, c] of Object.entries(matrix.clients ?? {})) out.push({ severity: s.id, tier: c.tier, client });
  }
  out.push({ severity: 'unknown' }, {});
  return out;
}

/** The export with one change, as a team might make by hand. */
function edited(matrix: Matrix, change: (config: AlertmanagerConfig) => void): AlertmanagerConfig {
  const config = structuredClone(exportAlertmanager(matrix).config);
  change(config);
  return config;
}

const severityRoute = (config: AlertmanagerConfig, id: string): AlertmanagerRoute => config.route.routes!.find((r) => r.matchers?.[0] === `severity="${id}"` && r.matchers.length === 1)!;

const christmasMute = (severity: string, zone: string) => (config: AlertmanagerConfig) => {
  config.time_intervals = [...(config.time_intervals ?? []), { name: 'christmas-day', time_intervals: [{ months: ['december'], days_of_month: ['25'], location: zone }] }];
  for (const leaf of severityRoute(config, severity).routes!) leaf.mute_time_intervals = [...(leaf.mute_time_intervals ?? []), 'christmas-day'];
};

const swapFirstReceiver = (severity: string, to: string) => (config: AlertmanagerConfig) => {
  severityRoute(config, severity).routes![0]!.receiver = to;
  if (!config.receivers.some((r) => r.name === to)) config.receivers.push({ name: to });
};

/**
 * `weekSimulation`, once per matrix and week: the tests below read the same weeks of the same
 * examples (msp's Christmas week seven times) and never change them, nor does the parity.
 * Let go after the file: the files after it in this worker do not need them kept.
 */
const weeks = new Map<string, ReturnType<typeof weekSimulation>>();
afterAll(() => weeks.clear());
function weekSimulated(matrix: Matrix, week: string): ReturnType<typeof weekSimulation> {
  const key = `${week} ${JSON.stringify(matrix)}`;
  let simulated = weeks.get(key);
  if (!simulated) weeks.set(key, (simulated = weekSimulation(matrix, week)));
  return simulated;
}

function parityOf(config: unknown, result: SimulateResult, matrix: Matrix) {
  const found = alertmanagerParity(result, config, contractLabels(matrix, result.contract));
  if ('ok' in found) throw new Error(found.reason);
  return found;
}

/**
 * Alertmanager's routing, read from one running server rather than from an amtool process per
 * label set (~45 ms each: a process start and a configuration parse, hundreds of them). Both
 * give the same answer, as Alertmanager 0.25's source reads: `amtool config routes test`
 * (cli/test_routing.go) prints the receivers of the routes that `Match(labels)` finds on
 * `dispatch.NewRoute(cfg.Route, nil)`, in order, joined by commas; GET /api/v2/alerts
 * (getAlertsHandler in api/v2/api.go) lists each alert with the receivers of the routes that
 * `api.route.Match(labels)` finds, in the same order and with a receiver met twice listed
 * twice, as amtool prints it; `api.route` is `dispatch.NewRoute(cfg.Route, nil)` again, made
 * at every reload (API.Update). Neither reads a clock, a silence or a time interval to route.
 * So the server takes every label set once, as an alert firing for a day (identical label
 * sets are one alert, so answers are read back by label set), each configuration is loaded by
 * a reload, and the alerts are read back. The server does not take every label set as it is:
 * it refuses an alert without labels or with a label name Prometheus does not allow, and
 * drops labels with empty values (postAlertsHandler, model.Alert.Validate). amtool routes
 * those, the empty label set among them, as it routed every label set before.
 */
const binary = alertmanagerFor('the Alertmanager parity tests');

/** A label set Alertmanager takes as an alert as it is: some labels, each name one Prometheus allows, no empty value. */
const alertable = (labels: Record<string, string>) => {
  const entries = Object.entries(labels);
  return entries.length > 0 && entries.every(([name, value]) => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) && value !== '');
};
const labelKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
type AmtoolRun = ReturnType<typeof amtoolRuns>[number];

// Routing by labels reads no clock: Alertmanager's answers are compared in the host pass only
// (the zone passes run the time part below again under each host zone; see test/helpers/runs.ts).
describe.skipIf(!hasAmtool || binary === undefined || ZONE_PASS !== undefined)('the parity walk routes as Alertmanager does', () => {
  let alertmanager: RunningAlertmanager | undefined;

  beforeAll(async () => {
    alertmanager = await startAlertmanager(binary!, 'route:\n  receiver: none\nreceivers:\n  - name: none\n');
    const sets = new Map(EXAMPLES.flatMap((name) => labelSets(exampleMatrix(name)).filter(alertable)).map((labels) => [labelKey(labels), labels]));
    const now = Date.now();
    const alerts = [...sets.values()].map((labels) => ({ labels, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() }));
    const post = await fetch(`${alertmanager.base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
    expect(post.status, await post.text()).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await alertmanager?.stop();
  }, 60_000);

  /**
   * The receivers, in order, each label set is routed to through `text`: Alertmanager's answer
   * for the label sets it holds as alerts, amtool's for the others (`byAmtool`, their runs on
   * the same configuration in order).
   */
  async function routed(text: string, sets: readonly Record<string, string>[], byAmtool: readonly AmtoolRun[]): Promise<string[][]> {
    await alertmanager!.load(text);
    const alerts = (await (await fetch(`${alertmanager!.base}/api/v2/alerts`)).json()) as { labels: Record<string, string>; receivers: { name: string }[] }[];
    const held = new Map(alerts.map((a) => [labelKey(a.labels), a.receivers.map((r) => r.name)]));
    let next = 0;
    const receivers = sets.map((labels) => {
      if (alertable(labels)) {
        const found = held.get(labelKey(labels));
        if (!found) throw new Error(`Alertmanager holds no alert ${JSON.stringify(labels)}`);
        return found;
      }
      const run = byAmtool[next++]!;
      agreeOn(run.status, 0, run.stderr);
      return run.stdout.trim().split(',');
    });
    expect(next, 'one amtool run for each label set Alertmanager cannot take').toBe(byAmtool.length);
    return receivers;
  }

  it.each(EXAMPLES)('%s: the export, every severity × tier × client', async (name) => {
    const matrix = exampleMatrix(name);
    const { config, warnings } = exportAlertmanager(matrix);
    const text = alertmanagerYaml(config, matrix.name, warnings);
    const file = write(text);
    const sets = labelSets(matrix);
    const routes = await routed(text, sets, amtoolRuns(sets.filter((labels) => !alertable(labels)).map((labels) => routesTest(file, labels))));
    sets.forEach((labels, i) => agreeOnData(walked(config, labels), routes[i], JSON.stringify(labels)));
  });

  it.each(EXAMPLES)('%s: hand-edited files (a receiver swapped, a route without continue, legacy match, a regex matcher)', async (name) => {
    const matrix = exampleMatrix(name);
    const first = matrix.severities[0]!.id;
    const edits: ((c: AlertmanagerConfig) => void)[] = [
      swapFirstReceiver(first, 'someone-else'),
      (c) => {
        for (const leaf of severityRoute(c, first).routes!) delete leaf.continue;
      },
      (c) => {
        const route = severityRoute(c, first) as AlertmanagerRoute & { match?: Record<string, string> };
        delete route.matchers;
        route.match = { severity: first };
      },
      (c) => {
        severityRoute(c, first).matchers = [`severity=~"${first}|${matrix.severities[1]!.id}"`];
      },
      (c) => {
        c.route.routes!.unshift({ receiver: 'catch-all', matchers: ['severity!=""'] });
        c.receivers.push({ name: 'catch-all' });
      },
    ];
    const sets = labelSets(matrix);
    const others = sets.filter((labels) => !alertable(labels));
    const files = edits.map((edit) => {
      const config = edited(matrix, edit);
      const text = stringify(config, { lineWidth: 0 });
      return { config, text, file: write(text) };
    });
    // amtool's runs in one batch: per file, check-config, then the label sets Alertmanager cannot take.
    const results = amtoolRuns(files.flatMap(({ file }) => [['check-config', file], ...others.map((labels) => routesTest(file, labels))]));
    for (const [f, { config, text, file }] of files.entries()) {
      const [check, ...byAmtool] = results.slice(f * (others.length + 1), (f + 1) * (others.length + 1));
      expect(check!.status, `amtool check-config ${file}: ${check!.stderr}`).toBe(0);
      const routes = await routed(text, sets, byAmtool);
      sets.forEach((labels, i) => agreeOnData(walked(config, labels), routes[i], `${JSON.stringify(labels)} in ${file}`));
    }
  });
});

describe('what the parity reports', () => {
  it.each(EXAMPLES)('%s: the unedited export pages as the matrix does, except business-hours severities held until their calendar opens', (name) => {
    const matrix = exampleMatrix(name);
    for (const week of ['2026-12-21', '2027-03-10', '2027-03-31', '2027-10-31']) {
      const simulated = weekSimulated(matrix, week);
      if (!simulated.ok) throw new Error(simulated.reason);
      const { findings, notes } = parityOf(exportAlertmanager(matrix).config, simulated.result, matrix);
      expect(findings.filter((f) => f.kind !== 'held'), week).toEqual([]);
      // Held exactly until the matrix calendar opens (plus Alertmanager's group_wait), and only while it is closed.
      for (const f of findings) {
        const sim = simulated.result.instants.find((i) => i.at === f.at)!.severities.find((s) => s.severity.id === f.severity)!;
        expect(['open', 'round-the-clock']).not.toContain(sim.calendar.state);
        expect(Date.parse(f.tool_at!) - Date.parse(sim.calendar.opens_at!), `${f.at} ${f.severity}`).toBeLessThanOrEqual(DEFAULT_GROUP_WAIT + DEFAULT_GROUP_INTERVAL);
        expect(Date.parse(f.tool_at!)).toBeGreaterThanOrEqual(Date.parse(sim.calendar.opens_at!));
      }
      const timed = matrix.severities.filter((s) => new Set((s.escalation ?? []).map((e) => e.after)).size > 1).map((s) => s.id);
      for (const id of timed) expect(notes.some((n) => n.startsWith(`${id}: Alertmanager routes an alert once`))).toBe(true);
    }
  });

  it('every client and tier of msp: no gap but held (labels tier and client routed as the matrix adds roles)', () => {
    const matrix = exampleMatrix('msp');
    const week = weekOf('2026-12-21', matrix.timezone);
    if (!week.ok) throw new Error(week.reason);
    const instants = Array.from({ length: 168 }, (_, i) => new Date(week.from.getTime() + i * 3_600_000));
    const outcomes = matrix.severities.map((severity) => ({ severity, owner: severity.owner }));
    for (const contract of [{ tier: 'premium' }, { tier: 'standard' }, ...Object.keys(matrix.clients ?? {}).map((client) => ({ client }))]) {
      const simulated = simulate(matrix, { outcomes, instants, ...contract });
      if (!simulated.ok) throw new Error(simulated.reason);
      const result = { version: 1, matrix: { name: matrix.name, timezone: matrix.timezone }, timezone: matrix.timezone, decided_by: 'severity', answers: {}, contract, instants: simulated.instants } as SimulateResult;
      expect(parityOf(exportAlertmanager(matrix).config, result, matrix).findings.filter((f) => f.kind !== 'held'), JSON.stringify(contract)).toEqual([]);
    }
  });

  it('msp for northwind: the one gap of the unedited export is the time-bound exception, whose l3 no route pages', () => {
    const matrix = exampleMatrix('msp');
    // Friday 15 January 00:00 to Monday 18 January 23:00, New York.
    const instants = Array.from({ length: 96 }, (_, i) => new Date(Date.parse('2027-01-15T05:00:00Z') + i * 3_600_000));
    const simulated = simulate(matrix, { outcomes: matrix.severities.map((severity) => ({ severity, owner: severity.owner })), instants, client: 'northwind' });
    if (!simulated.ok) throw new Error(simulated.reason);
    const result = { version: 1, matrix: { name: matrix.name, timezone: matrix.timezone }, timezone: matrix.timezone, decided_by: 'severity', answers: {}, contract: { client: 'northwind' }, instants: simulated.instants } as SimulateResult;
    const gaps = parityOf(exportAlertmanager(matrix).config, result, matrix).findings.filter((f) => f.kind !== 'held');
    expect(new Set(gaps.map((f) => `${f.severity} ${f.kind} ${f.role}`))).toEqual(new Set(['p1 not-paged l3', 'p2 not-paged l3']));
    // From Friday 18:00 to Monday 07:00, the exception's 62 hours, and not one start more.
    const ats = [...new Set(gaps.map((f) => f.at))].sort();
    expect([ats[0], ats.at(-1), ats.length]).toEqual(['2027-01-15T18:00:00-05:00', '2027-01-18T07:00:00-05:00', 62]);
    expect(gaps[0]!.message).toMatch(/\(exception northwind-migration\)/);
  });

  it('a mute over Christmas Day on msp p1 is a gap at the 24 Christmas starts only, each paged at midnight after', () => {
    const matrix = exampleMatrix('msp');
    const simulated = weekSimulated(matrix, '2026-12-21');
    if (!simulated.ok) throw new Error(simulated.reason);
    const base = parityOf(exportAlertmanager(matrix).config, simulated.result, matrix).findings;
    const { findings } = parityOf(edited(matrix, christmasMute('p1', 'America/New_York')), simulated.result, matrix);
    const added = findings.filter((f) => !base.some((b) => JSON.stringify(b) === JSON.stringify(f)));
    expect(new Set(added.map((f) => `${f.severity} ${f.kind}`))).toEqual(new Set(['p1 later']));
    expect(new Set(added.map((f) => f.at))).toEqual(new Set(Array.from({ length: 24 }, (_, h) => `2026-12-25T${String(h).padStart(2, '0')}:00:00-05:00`)));
    expect(new Set(added.map((f) => f.role))).toEqual(new Set(['l1', 'l2']));
    // The flush after the mute ends: group_wait after the start, then every group_interval.
    expect(new Set(added.map((f) => f.tool_at))).toEqual(new Set(['2026-12-26T00:00:30-05:00']));
    expect(findings.length - added.length).toBe(base.length);
  });

  it('the same mute written in Sydney time on saas-support (Berlin) mutes from 14:00 on Christmas Eve to 14:00 on Christmas Day', () => {
    const matrix = exampleMatrix('saas-support');
    const simulated = weekSimulated(matrix, '2026-12-21');
    if (!simulated.ok) throw new Error(simulated.reason);
    const { findings } = parityOf(edited(matrix, christmasMute('sev1', 'Australia/Sydney')), simulated.result, matrix);
    const ats = [...new Set(findings.filter((f) => f.severity === 'sev1').map((f) => f.at))].sort();
    expect(ats[0]).toBe('2026-12-24T14:00:00+01:00');
    expect(ats.at(-1)).toBe('2026-12-25T13:00:00+01:00');
    expect(ats).toHaveLength(24);
  });

  it('a receiver swapped for one severity: the role the matrix pages is not paged, and another receiver is, at every start', () => {
    const matrix = exampleMatrix('msp');
    const simulated = weekSimulated(matrix, '2026-12-21');
    if (!simulated.ok) throw new Error(simulated.reason);
    const { findings } = parityOf(edited(matrix, swapFirstReceiver('p2', 'l3-oncall-pager')), simulated.result, matrix);
    const p2 = findings.filter((f) => f.severity === 'p2');
    expect(p2.filter((f) => f.kind === 'not-paged').map((f) => f.role)).toEqual(Array(168).fill('l1'));
    expect(p2.filter((f) => f.kind === 'other-receiver')).toHaveLength(168);
    expect(p2.find((f) => f.kind === 'other-receiver')!.message).toMatch(/notifies l3-oncall-pager/);
    expect(findings.filter((f) => f.severity !== 'p2' && f.kind !== 'held')).toEqual([]);
  });

  it('an active interval narrowed to office hours on a round-the-clock severity: later at night, on time by day', () => {
    const matrix = exampleMatrix('msp');
    const simulated = weekSimulated(matrix, '2027-01-11');
    if (!simulated.ok) throw new Error(simulated.reason);
    const config = edited(matrix, (c) => {
      for (const leaf of severityRoute(c, 'p1').routes!) leaf.active_time_intervals = ['business'];
    });
    const later = parityOf(config, simulated.result, matrix).findings.filter((f) => f.severity === 'p1');
    expect(new Set(later.map((f) => f.kind))).toEqual(new Set(['later']));
    // Mon-Fri 08:00-18:00 is 50 of the week's 168 hours: the other 118 starts page later.
    expect(new Set(later.map((f) => f.at)).size).toBe(118);
    expect(later.find((f) => f.at === '2027-01-11T07:00:00-05:00')!.tool_at).toBe('2027-01-11T08:00:30-05:00');
  });

  it('a group_wait of 10m set by hand makes every page later; Alertmanager durations read as Prometheus writes them', () => {
    const matrix = exampleMatrix('saas-support');
    const simulated = weekSimulated(matrix, '2027-01-11');
    if (!simulated.ok) throw new Error(simulated.reason);
    const config = edited(matrix, (c) => {
      (c.route as AlertmanagerRoute & { group_wait?: string }).group_wait = '10m';
    });
    const sev1 = parityOf(config, simulated.result, matrix).findings.filter((f) => f.severity === 'sev1');
    expect(sev1.every((f) => f.kind === 'later' && Date.parse(f.tool_at!) - Date.parse(f.at) === 600_000)).toBe(true);
    expect([promDuration('1h30m'), promDuration('0'), promDuration('5m'), promDuration('1.5h'), promDuration('')]).toEqual([5_400_000, 0, 300_000, undefined, undefined]);
  });

  it('hostile shapes anywhere in the configuration: a reason or findings, never an exception', () => {
    const matrix = exampleMatrix('msp');
    const simulated = weekSimulated(matrix, '2026-12-21');
    if (!simulated.ok) throw new Error(simulated.reason);
    const result = { ...simulated.result, instants: simulated.result.instants.filter((_, i) => i % 23 === 0) };
    const base = exportAlertmanager(matrix).config;
    /** Every path into the configuration, so any value can be replaced. */
    const paths: (string | number)[][] = [];
    const visit = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
    };
    visit(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.oneof(fc.anything(), fc.constantFrom('24:00', '-1', 'monday:sunday', 'Mars/Base', '1h', 'severity=~"(?<x>p1)"', '{', [], {})), (path, value) => {
        const config = structuredClone(base) as unknown as Record<string, unknown>;
        let at: Record<string | number, unknown> = config;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        at[path.at(-1)!] = value;
        const found = alertmanagerParity(result, config, {});
        expect('ok' in found ? typeof found.reason : Array.isArray(found.findings)).toBeTruthy();
      }),
      { numRuns: runs(300), seed: 20261206 },
    );
  });

  it.each([
    ['a route names an interval never defined', (c: AlertmanagerConfig) => (severityRoute(c, 'p1').routes![0]!.mute_time_intervals = ['nope']), /"nope", which is not defined/],
    ['an interval Alertmanager refuses', (c: AlertmanagerConfig) => c.time_intervals!.push({ name: 'bad', time_intervals: [{ times: [{ start_time: '18:00', end_time: '08:00' }] }] }), /equal or greater/],
    ['a bad group_interval', (c: AlertmanagerConfig) => ((c.route as Record<string, unknown>).group_interval = 'soon'), /group_interval/],
  ])('refuses %s with a reason, never a crash', (_what, change, reason) => {
    const matrix = exampleMatrix('msp');
    const simulated = weekSimulated(matrix, '2026-12-21');
    if (!simulated.ok) throw new Error(simulated.reason);
    expect(alertmanagerParity(simulated.result, parse(stringify(edited(matrix, change))), {})).toMatchObject({ ok: false, reason });
  });
});
