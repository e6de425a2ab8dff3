/**
 * The exported configuration in a running Alertmanager: started on 127.0.0.1 (a free port, its
 * own storage folder, no cluster), alerts posted for every severity, tier and client the
 * routing tests name (and the matrix tests' cases), and the receivers Alertmanager put them
 * under read back from /api/v2/alerts/groups. What the matrix pages at once is what it does.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerYaml, exportAlertmanager, routingTests } from '../../src/export/alertmanager.js';
import { loadCases } from '../../src/lint/cases/load.js';
import { alertmanagerFor, startAlertmanager, type RunningAlertmanager } from '../helpers/alertmanager.js';
import { example } from '../helpers/cli.js';
import { EXAMPLES, exampleMatrix } from './helpers.js';

// CI installs it with amtool (.ci/run); only a developer machine without it may skip, and says why.
const binary = alertmanagerFor('the running-Alertmanager tests');

describe.skipIf(binary === undefined).each(EXAMPLES)('examples/%s.yaml in a running Alertmanager', (name) => {
  let alertmanager: RunningAlertmanager | undefined;
  let base = '';
  const matrix = exampleMatrix(name);
  const cases = loadCases(readFileSync(example(`${name}.cases.yaml`), 'utf8')).cases ?? [];
  const tests = routingTests(matrix, cases);

  beforeAll(async () => {
    const { config, warnings } = exportAlertmanager(matrix);
    alertmanager = await startAlertmanager(binary!, alertmanagerYaml(config, matrix.name, warnings));
    base = alertmanager.base;
  }, 60_000);

  afterAll(async () => {
    await alertmanager?.stop();
  }, 60_000);

  it('every severity, tier and client reaches exactly the receivers the matrix pages at once', async () => {
    expect(tests.length).toBeGreaterThan(3);
    const alerts = tests.map((t, i) => ({ labels: { alertname: `escalate-test-${i}`, ...t.labels }, annotations: { summary: t.name } }));
    const post = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
    expect(post.status, await post.text()).toBe(200);
    const reached = new Map<string, string[]>();
    for (let attempt = 0; attempt < 50; attempt++) {
      const groups = (await (await fetch(`${base}/api/v2/alerts/groups`)).json()) as { receiver: { name: string }; alerts: { labels: Record<string, string> }[] }[];
      reached.clear();
      for (const g of groups) for (const a of g.alerts) reached.set(a.labels.alertname!, [...(reached.get(a.labels.alertname!) ?? []), g.receiver.name]);
      if (reached.size === tests.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const got = tests.map((t, i) => `${t.name}: ${[...(reached.get(`escalate-test-${i}`) ?? [])].sort().join(', ')}`);
    const want = tests.map((t) => `${t.name}: ${[...t.receivers].sort().join(', ')}`);
    expect(got).toEqual(want);
  });

  it('an alert with no severity label goes to the default receiver (the matrix owner\'s)', async () => {
    const post = await fetch(`${base}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ labels: { alertname: 'escalate-unlabelled' } }]) });
    expect(post.status).toBe(200);
    // Alertmanager files a posted alert into its groups a moment later (later still on a busy
    // machine): read the groups until the alert is in one, as the test above does.
    let receivers: string[] = [];
    for (let attempt = 0; attempt < 50 && receivers.length === 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
      const groups = (await (await fetch(`${base}/api/v2/alerts/groups`)).json()) as { receiver: { name: string }; alerts: { labels: Record<string, string> }[] }[];
      receivers = groups.filter((g) => g.alerts.some((a) => a.labels.alertname === 'escalate-unlabelled')).map((g) => g.receiver.name);
    }
    expect(receivers).toEqual([exportAlertmanager(matrix).config.route.receiver]);
  });
});
